"""`agreekit verify`: check every approval record; exit 1 if any is rejected."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit import git
from agreekit.approvals.evidence import gather
from agreekit.approvals.report import verdict_lines
from agreekit.commands.common import repo_option
from agreekit.errors import DONE, FINDINGS, Failure


@click.command()
@repo_option
@click.option("--strict", is_flag=True, help="Also exit 1 if an approval is stale.")
def command(repo: Path, strict: bool) -> int:
    """Verify approval records: signatures, roles, stage order and staleness against HEAD."""
    return run(repo, strict)


def run(repo: Path, strict: bool) -> int:
    """Print each record's verdict; 1 if any is rejected (or, with `strict`, stale)."""
    if not git.is_repository(repo):
        raise Failure(f"{repo}: not a git repository; approvals are git tags")
    evidence = gather(repo, fresh=True)  # the audit trusts no earlier verdict
    if not evidence.verdicts:
        click.echo("No approval records (tags under refs/tags/approvals/).")
        return DONE
    for line in verdict_lines(evidence.verdicts):
        click.echo(line)
    rejected = sum(1 for v in evidence.verdicts if not v.valid)
    stale = sum(1 for v in evidence.verdicts if v.valid and not v.current)
    click.echo(f"{len(evidence.verdicts)} records: {rejected} rejected, {stale} stale.")
    return FINDINGS if rejected or (strict and stale) else DONE
