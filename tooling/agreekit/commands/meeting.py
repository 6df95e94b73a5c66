"""`agreekit meeting`: write the signing meeting's invitation (.ics) from records/signing.yml."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from agreekit.commands.common import load_or_exit, version_label
from agreekit.files import write_atomic
from agreekit.workflow.meeting import MeetingError, invitation


@click.command()
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Repository root that holds agreement/.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("dist/signing-meeting.ics"),
    show_default=True,
)
@click.option("--version", "version", default=None, help="Version to sign (default: from git).")
def command(repo: Path, output: Path, version: str | None) -> None:
    """Write the signing meeting's invitation for every attendee."""
    agreement = load_or_exit(repo)
    try:
        ics = invitation(agreement, version or version_label(repo), dt.datetime.now(dt.UTC))
    except MeetingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    target = output if output.is_absolute() else repo / output
    write_atomic(target, ics)
    click.echo(f"wrote {target}")
