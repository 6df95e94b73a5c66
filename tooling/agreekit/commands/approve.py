"""`agreekit approve STAGE`: record an approval of HEAD's agreement text as an annotated git tag."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit import git
from agreekit.approvals.evidence import gather
from agreekit.approvals.record import DECISIONS
from agreekit.approvals.recording import missing_stages, write_record
from agreekit.approvals.stages import BY_ID
from agreekit.commands.common import load_or_exit, repo_option
from agreekit.errors import DONE, Failure, refused
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Stakeholder


def _approver(agreement: Agreement, repo: Path, given: str | None) -> Stakeholder:
    if given:
        person = agreement.stakeholder(given)
        if person is None:
            raise Failure(f"--as {given}: not a stakeholder id in agreement/agreement.yml")
        return person
    email = (git.config(repo, "user.email") or "").lower()
    person = next((s for s in agreement.file.stakeholders if s.email.lower() == email), None)
    if person is None:
        raise Failure(
            f"git's user.email ({email or 'unset'}) is no stakeholder's email in agreement.yml; "
            "pass --as STAKEHOLDER_ID or set user.email"
        )
    return person


@click.command()
@repo_option
@click.argument("stage_id", metavar="STAGE", type=click.Choice(sorted(BY_ID)))
@click.option(
    "--as", "approver_id", help="Stakeholder id of the approver (default: by user.email)."
)
@click.option("--decision", type=click.Choice(DECISIONS), default="approved", show_default=True)
@click.option("--source", default="local", show_default=True, help="Where it was given (PR URL).")
def command(repo: Path, stage_id: str, approver_id: str | None, decision: str, source: str) -> int:
    """Record STAGE's approval of the agreement text at HEAD (signed if signers are configured)."""
    return run(repo, stage_id, approver_id, decision, source)


def run(repo: Path, stage_id: str, approver_id: str | None, decision: str, source: str) -> int:
    """Check that the approver may approve the stage now, then write the record."""
    stage = BY_ID[stage_id]
    agreement = load_or_exit(repo)
    if not git.is_repository(repo):
        raise Failure(
            f"{repo}: not a git repository: approvals are git tags; run `git init` and commit first"
        )
    approver = _approver(agreement, repo, approver_id)
    if not approver.has_role(stage.role):
        raise refused(
            f"{approver.name} does not have the role '{stage.role}' that stage '{stage.id}' needs"
        )
    evidence = gather(repo, agreement.directory)
    if evidence.head is None or evidence.head_content is None:
        raise refused("nothing committed yet: commit the agreement, then approve it")
    if evidence.worktree_content != evidence.head_content:
        raise refused(
            "agreement/ has uncommitted changes: an approval covers committed text; commit first"
        )
    missing = missing_stages(stage, evidence.verdicts)
    if missing:
        raise refused(
            f"stage '{stage.id}' comes after {', '.join(missing)}, which has no valid approval yet"
        )
    assert evidence.head_content is not None and evidence.head is not None
    taken = [v.record.name for v in evidence.verdicts]
    try:
        name = write_record(
            repo, stage, approver.id, decision, evidence.head, evidence.head_content, source,
            sign=evidence.signing_required, taken=taken,
        )  # fmt: skip
    except git.GitError as error:
        hint = (
            " Signing needs `git config gpg.format ssh` and `git config user.signingkey "
            "~/.ssh/id_ed25519.pub`."
            if evidence.signing_required
            else ""
        )
        raise Failure(f"git could not create the approval tag: {error}.{hint}") from error
    signed = "signed " if evidence.signing_required else ""
    click.echo(
        f"Recorded {signed}tag {name}: {approver.name} {decision} "
        f"'{stage.title}' for content {evidence.head_content[:12]}."
    )
    return DONE
