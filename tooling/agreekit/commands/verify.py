"""`agreekit verify`: check every approval record; exit 1 if any is rejected."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.approvals.coverage import coverage, not_covered
from agreekit.approvals.evidence import gather
from agreekit.approvals.report import verdict_lines
from agreekit.commands.common import approval_history_usable, git_repository, repo_option
from agreekit.errors import DONE, FINDINGS


@click.command()
@repo_option
@click.option(
    "--strict",
    is_flag=True,
    help="Also exit 1 if some record release relies on is not covered (as status says).",
)
def command(repo: Path, strict: bool) -> int:
    """Verify approval records: signatures, roles, stage order and staleness against HEAD."""
    return run(repo, strict)


def run(repo: Path, strict: bool) -> int:
    """Print each record's verdict; 1 if any is rejected (or, with `strict`, some record release
    relies on is not covered)."""
    git_repository(repo, required="approvals are git tags, checked in a clone of the repository")
    approval_history_usable(repo)
    evidence = gather(repo, fresh=True)  # the audit trusts no earlier verdict
    if not evidence.verdicts:
        click.echo("No approval records (tags under refs/tags/approvals/).")
        return DONE
    for line in verdict_lines(evidence.verdicts):
        click.echo(line)
    rejected = sum(1 for v in evidence.verdicts if v.rejected)
    elsewhere = sum(1 for v in evidence.verdicts if v.elsewhere)
    stale = sum(1 for v in evidence.verdicts if v.counts and not v.current)
    revoked = sum(1 for v in evidence.verdicts if v.revoked_by)
    click.echo(
        f"{len(evidence.verdicts)} records: {rejected} rejected, {stale} stale, {revoked} revoked."
        + (f" {elsewhere} on another line of history." if elsewhere else "")
    )
    gaps = not_covered(coverage(evidence.verdicts, evidence.text))
    for gap in gaps:
        click.echo(f"not covered: {gap}")
    if not gaps:
        click.echo("Every record release relies on covers the text at HEAD.")
    return FINDINGS if rejected or (strict and gaps) else DONE
