"""`agreekit dates`: every key date of the term, upcoming first, as a table, JSON or a calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agreekit import clock
from agreekit.commands.common import (
    force_option,
    in_repo,
    load_or_exit,
    repo_option,
    usable_records,
    write_or_refuse,
)
from agreekit.errors import DONE
from agreekit.model.key_dates import key_dates
from agreekit.text.calendar_feed import as_ics
from agreekit.workflow.dates import as_json, as_table


@click.command()
@repo_option
@click.option("--json", "as_json_output", is_flag=True, help="Print JSON instead of a table.")
@click.option("--all", "everything", is_flag=True, help="Show past dates too.")
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the dates as a calendar feed (.ics) to subscribe to.",
)
@force_option
def command(
    repo: Path, as_json_output: bool, everything: bool, ics_path: Path | None, force: bool
) -> int:
    """Every date the agreement sets: term, renewal notice, reviews, reports, price reviews."""
    return run(repo, as_json_output, everything, ics_path, force)


def run(
    repo: Path, as_json_output: bool, everything: bool, ics_path: Path | None, force: bool
) -> int:
    """Print the key dates; with `ics_path`, write them as an .ics feed as well."""
    agreement = load_or_exit(repo)
    usable_records(agreement, "signing.yml")  # the meeting is a key date
    dates = key_dates(agreement)
    today = clock.today()
    if ics_path is not None:
        target = in_repo(repo, ics_path)
        write_or_refuse(
            {target: as_ics(agreement, dates, dt.datetime.now(dt.UTC))}, force=force, repo=repo
        )
        click.echo(f"wrote {target}", err=True)
    if as_json_output:
        click.echo(as_json(agreement, dates, today))
    else:
        click.echo(as_table(agreement, dates, today, everything))
    return DONE
