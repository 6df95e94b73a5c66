"""`agreekit status`: the 19 steps with state, evidence, who acts next, and progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agreekit import clock, git, versions
from agreekit.approvals.evidence import GitEvidence, gather
from agreekit.checks.run import check_repository
from agreekit.commands.common import (
    approval_history_usable,
    git_repository,
    repo_option,
    usable_records,
)
from agreekit.errors import DONE, Failure
from agreekit.model.key_dates import KeyDate, key_dates, state
from agreekit.model.loader import AGREEMENT_DIR
from agreekit.report import as_text
from agreekit.workflow.dates import next_and_overdue, status_lines
from agreekit.workflow.render import as_json, as_table
from agreekit.workflow.steps import step_states


@click.command()
@repo_option
@click.option("--json", "as_json_output", is_flag=True, help="Print JSON instead of a table.")
def command(repo: Path, as_json_output: bool) -> int:
    """Where the agreement stands in the 19-step workflow, and who must act next."""
    return run(repo, as_json_output)


def run(repo: Path, as_json_output: bool) -> int:
    """Print the steps' states (a table, or JSON with `as_json_output`)."""
    # git answers (its own processes) while the checks run: the two do not depend on each other.
    if git_repository(repo):
        approval_history_usable(repo)
    evidence_of = git.in_background(lambda: _evidence(repo))
    result = check_repository(repo)
    evidence = evidence_of()
    if result.agreement is None:
        raise Failure(as_text(result.findings, "agreement/") + "\nThe agreement does not load.")
    usable_records(result.agreement)
    status = step_states(result.agreement, result.findings, evidence)
    dates, today = key_dates(result.agreement), clock.today()
    current = evidence.cycle or versions.Cycle("first", None, "v1.0.0")
    if as_json_output:
        click.echo(
            as_json(
                status,
                _dates_json(next_and_overdue(dates, today), today),
                {
                    "kind": current.kind,
                    "since": current.since,
                    "next_version": current.next_version,
                },
            )
        )
    else:
        lines = [versions.cycle_line(current), "", as_table(status)]
        click.echo("\n".join([*lines, *status_lines(result.agreement, dates, today)]))
    if evidence.head and evidence.worktree_content != evidence.head_content:
        click.echo(
            "Note: agreement/ has uncommitted changes; approvals cover committed text.", err=True
        )
    return DONE


def _dates_json(dates: list[KeyDate], today: dt.date) -> list[dict[str, object]]:
    return [
        {"date": d.date.isoformat(), "kind": d.kind, "title": d.title, "state": state(d, today)}
        for d in dates
    ]


def _evidence(repo: Path) -> GitEvidence:
    if not git.is_repository(repo):
        return GitEvidence(None, None, None, False, ())
    return gather(repo, AGREEMENT_DIR)  # the folder check_repository reads
