"""`agreekit revoke TAG --reason TEXT`: withdraw an approval record with a signed revocation record.

Nobody deletes tags: a record written by mistake (a wrong key, the wrong stage) is revoked by its
approver or by management, and verify, status and release then count it for nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.approvals.evidence import gather
from agreekit.approvals.stages import REVOKE
from agreekit.commands.approve import _approver, fail, record_approval
from agreekit.commands.common import load_or_exit, repo_option


@click.command()
@repo_option
@click.argument("tag")
@click.option("--reason", required=True, help="Why the record is withdrawn (kept in the record).")
@click.option("--as", "revoker_id", help="Stakeholder id of who revokes (default: by user.email).")
def command(repo: Path, tag: str, reason: str, revoker_id: str | None) -> None:
    """Revoke the approval record TAG (e.g. approvals/legal/2)."""
    name = tag.removeprefix("refs/tags/")
    agreement = load_or_exit(repo)
    revoker = _approver(agreement, repo, revoker_id)
    if not reason.strip():
        fail("give a reason: --reason 'signed with the wrong key'")
    verdicts = {v.record.name: v for v in gather(repo, agreement.directory).verdicts}
    target = verdicts.get(name)
    if target is None:
        fail(f"'{name}' is no approval record here; `agreekit verify` lists them")
    if target.record.stage == REVOKE.id:
        fail(f"{name} is a revocation; it cannot be revoked (record the approval again instead)")
    if target.revoked_by:
        fail(f"{name} is already revoked by {target.revoked_by}")
    if revoker.id != target.record.approver and not revoker.has_role("management"):
        fail(
            f"{revoker.name} may not revoke {name}: only its approver "
            f"({target.record.approver or '?'}) or management may"
        )
    record_approval(
        repo, REVOKE.id, revoker.id, "approved", "local",
        revokes=f"{name} {target.record.tag_object}", reason=reason.strip(),
    )  # fmt: skip
