"""`agreekit renew`: renew the term by one renewal period and start the renewal's cycle, released
as the next major version with its records in records/VERSION/."""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreekit import versions
from agreekit.commands.amend import released_cycle, write_cycle_records
from agreekit.commands.common import load_or_exit, repo_option
from agreekit.errors import DONE, Failure, refused
from agreekit.files import write_atomic
from agreekit.workflow.cycles import renewed_end, with_end_date


@click.command()
@repo_option
def command(repo: Path) -> int:
    """Renew the term by its renewal period (agreement.yml) and start the renewal's cycle."""
    return run(repo)


def run(repo: Path) -> int:
    """Move term.end_date on by term.renewal.period, and write the renewal's record templates."""
    agreement = load_or_exit(repo)
    current = released_cycle(repo, "a renewal")
    assert current.since is not None
    term = agreement.file.term
    display = f"{agreement.directory}/agreement.yml"
    version = versions.next_major(current.since)
    if versions.term_renewed(repo, current.since, agreement.directory):
        click.echo(
            f"The term is renewed since {current.since} already (it ends on {term.end_date}); "
            "agreement.yml is left as it is."
        )
    else:
        period = ("term", "renewal", "period")
        where = (
            agreement.source.locate(*period)
            if period in agreement.source
            else agreement.source.key_location("term", "renewal")
        )
        try:
            end = renewed_end(term.end_date, term.renewal.period)
        except ValueError as error:  # RenewalError, or a date past the calendar
            raise refused(f"{where.file}:{where.line}: {error}") from error
        line = agreement.source.locate("term", "end_date").line or 0
        path = repo / display
        text = with_end_date(path.read_text("utf-8"), line, term.end_date, end)
        if text is None:
            raise Failure(
                f"{display}:{line}: term.end_date is not written there as {term.end_date}; "
                f"set it to {end} by hand"
            )
        write_atomic(path, text)
        click.echo(
            f"Renewed the term by {term.renewal.period}: it now ends on {end} (it ended on "
            f"{term.end_date}); {display}:{line}."
        )
    _rename_amendment(repo, agreement.directory, current, version)
    folder = write_cycle_records(repo, agreement, version)
    click.echo(
        f"A renewal of {current.since}, released as {version}: its record templates are in "
        f"{folder.relative_to(repo)}/. Approvals and signatures start again (`agreekit status`)."
    )
    return DONE


def _rename_amendment(repo: Path, directory: str, current: versions.Cycle, version: str) -> None:
    """An amendment already started (records/v1.1.0/) becomes the renewal's: its records move to
    records/VERSION/, nothing in them lost."""
    assert current.since is not None
    started = versions.started_after(repo, current.since, directory)
    if started is None or started == version:
        return
    source = repo / versions.records_of(started, directory)
    target = repo / versions.records_of(version, directory)
    if os.path.lexists(target):
        raise Failure(f"{target}: exists beside {source}; keep one cycle's records and run again")
    os.rename(source, target)
    click.echo(
        f"Moved this cycle's records from {source.relative_to(repo)}/ to {target.relative_to(repo)}/."
    )
