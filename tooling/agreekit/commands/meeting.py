"""`agreekit meeting`: write the signing meeting's invitation (.ics) from records/signing.yml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agreekit.commands.common import (
    force_option,
    in_repo,
    load_or_exit,
    repo_option,
    usable_records,
    version_label,
    write_or_refuse,
)
from agreekit.errors import DONE, refused
from agreekit.files import write_atomic
from agreekit.workflow.meeting import (
    MeetingError,
    fingerprint,
    invitation,
    next_sequence,
    with_invitation,
)


@click.command()
@repo_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("dist/signing-meeting.ics"),
    show_default=True,
)
@click.option("--version", "version", default=None, help="Version to sign (default: from git).")
@force_option
def command(repo: Path, output: Path, version: str | None, force: bool) -> int:
    """Write the signing meeting's invitation for every attendee."""
    return run(repo, output, version, force)


def run(repo: Path, output: Path, version: str | None, force: bool) -> int:
    """Write the .ics invitation for the meeting in records/signing.yml to `output`."""
    agreement = load_or_exit(repo)
    usable_records(agreement, "signing.yml")
    try:
        ics = invitation(agreement, version or version_label(repo), dt.datetime.now(dt.UTC))
    except MeetingError as error:
        raise refused(str(error)) from error
    target = in_repo(repo, output)
    write_or_refuse({target: ics}, force=force, repo=repo)
    click.echo(f"wrote {target}")
    signing = agreement.records.signing
    assert signing is not None  # invitation() refuses without it
    sequence, digest = next_sequence(signing.model), fingerprint(signing.model.meeting)
    sent = signing.model.invitation
    if sent is None or (sent.sequence, sent.fingerprint) != (sequence, digest):
        record = repo / signing.file
        write_atomic(record, with_invitation(record.read_text("utf-8"), sequence, digest))
        moved = "" if sequence == 0 else " (the meeting changed: an updated invitation)"
        click.echo(f"recorded invitation sequence {sequence} in {record}{moved}; commit it")
    return DONE
