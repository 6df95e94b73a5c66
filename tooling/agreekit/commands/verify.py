"""`agreekit verify`: check every approval record; exit 1 if any is rejected."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from agreekit import git
from agreekit.approvals.coverage import coverage, not_covered
from agreekit.approvals.evidence import gather
from agreekit.approvals.report import verdict_lines
from agreekit.commands.common import repo_option


@click.command()
@repo_option
@click.option(
    "--strict",
    is_flag=True,
    help="Also exit 1 if some record release relies on is not covered (as status says).",
)
def command(repo: Path, strict: bool) -> None:
    """Verify approval records: signatures, roles, stage order and staleness against HEAD."""
    if not git.is_repository(repo):
        click.echo(f"{repo}: not a git repository; approvals are git tags")
        sys.exit(2)
    evidence = gather(repo, fresh=True)  # the audit trusts no earlier verdict
    if not evidence.verdicts:
        click.echo("No approval records (tags under refs/tags/approvals/).")
        return
    for line in verdict_lines(evidence.verdicts):
        click.echo(line)
    rejected = sum(1 for v in evidence.verdicts if not v.valid and not v.revoked_by)
    stale = sum(1 for v in evidence.verdicts if v.counts and not v.current)
    revoked = sum(1 for v in evidence.verdicts if v.revoked_by)
    click.echo(
        f"{len(evidence.verdicts)} records: {rejected} rejected, {stale} stale, {revoked} revoked."
    )
    gaps = not_covered(coverage(evidence.verdicts, evidence.text))
    for gap in gaps:
        click.echo(f"not covered: {gap}")
    if not gaps:
        click.echo("Every record release relies on covers the text at HEAD.")
    sys.exit(1 if rejected or (strict and gaps) else 0)
