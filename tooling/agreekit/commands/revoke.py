"""`agreekit revoke TAG --reason TEXT`: withdraw an approval record with a signed revocation record.

Nobody deletes tags: a record written by mistake (a wrong key, the wrong stage) is revoked by its
approver or by management, and verify, status and release then count it for nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.approvals.evidence import gather
from agreekit.approvals.stages import REVOKE
from agreekit.commands import approve
from agreekit.commands.common import load_or_exit, repo_option
from agreekit.errors import Failure, refused


@click.command()
@repo_option
@click.argument("tag")
@click.option("--reason", required=True, help="Why the record is withdrawn (kept in the record).")
@click.option("--as", "revoker_id", help="Stakeholder id of who revokes (default: by user.email).")
def command(repo: Path, tag: str, reason: str, revoker_id: str | None) -> int:
    """Revoke the approval record TAG (e.g. approvals/legal/2)."""
    return run(repo, tag, reason, revoker_id)


def run(repo: Path, tag: str, reason: str, revoker_id: str | None) -> int:
    """Check that the revoker may withdraw the record, then write the revocation record."""
    name = tag.removeprefix("refs/tags/")
    agreement = load_or_exit(repo)
    revoker = approve.approver_of(agreement, repo, revoker_id)
    if not reason.strip():
        raise Failure("--reason: give a reason, e.g. --reason 'signed with the wrong key'")
    verdicts = {v.record.name: v for v in gather(repo, agreement.directory).verdicts}
    target = verdicts.get(name)
    if target is None:
        raise Failure(f"{name}: no approval record of that name; `agreekit verify` lists them")
    if target.record.stage == REVOKE.id:
        raise refused(f"{name} is a revocation; it cannot be revoked (record the approval again)")
    if target.revoked_by:
        raise refused(f"{name} is already revoked by {target.revoked_by}")
    if revoker.id != target.record.approver and not revoker.has_role("management"):
        raise refused(
            f"{revoker.name} may not revoke {name}: only its approver "
            f"({target.record.approver or '?'}) or management may"
        )
    return approve.run(
        repo, REVOKE.id, revoker.id, "approved", "local",
        revokes=f"{name} {target.record.tag_object}", reason=reason.strip(),
    )  # fmt: skip
