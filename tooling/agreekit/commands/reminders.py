"""`agreekit reminders`: one GitHub issue per key date coming due, opened, updated and closed."""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreekit import clock
from agreekit.commands.common import load_or_exit, repo_option
from agreekit.errors import DONE, USAGE, Failure
from agreekit.github import Client, GitHubError, Issues
from agreekit.model.key_dates import key_dates
from agreekit.workflow.reminders import LABEL, plan


@click.command()
@repo_option
@click.option(
    "--repository",
    "slug",
    default=None,
    help="OWNER/NAME on GitHub (default: GITHUB_REPOSITORY, which GitHub Actions sets).",
)
@click.option(
    "--window", default=30, show_default=True, type=click.IntRange(0, 366),
    help="Open an issue this many days before each date.",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Say what would change, change nothing.")
def command(repo: Path, slug: str | None, window: int, dry_run: bool) -> int:
    """Keep one GitHub issue per key date due within the window (GITHUB_TOKEN to write)."""
    return run(repo, slug, window, dry_run)


def run(repo: Path, slug: str | None, window: int, dry_run: bool) -> int:
    """Plan the changes from the key dates and the issues labelled agreekit-date; apply them."""
    slug = slug or os.environ.get("GITHUB_REPOSITORY")
    if not slug or slug.count("/") != 1:
        raise Failure(
            "name the repository: --repository OWNER/NAME (or set GITHUB_REPOSITORY)", USAGE
        )
    agreement = load_or_exit(repo)
    try:
        issues = Issues(Client.from_environment(), slug)
        changes = plan(
            agreement, key_dates(agreement), clock.today(), issues.labelled(LABEL), window
        )
        for change in changes:
            where = f"#{change.number}" if change.number else "new issue"
            click.echo(
                f"{change.action} {where}: {change.title}"
                + (f" ({change.reason})" if change.reason else "")
            )
            if dry_run:
                continue
            if change.action == "open":
                issues.open(change.title, change.body, change.labels, change.assignees)
            elif change.action == "update" and change.number is not None:
                issues.update(
                    change.number,
                    {
                        "title": change.title,
                        "body": change.body,
                        "assignees": list(change.assignees),
                    },
                )
            elif change.number is not None:
                issues.update(change.number, {"state": "closed", "state_reason": "completed"})
    except GitHubError as error:
        raise Failure(f"GitHub: {error}") from error
    if not changes:
        click.echo(f"{slug}: every reminder is up to date")
    return DONE
