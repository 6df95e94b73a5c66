"""`agreekit amend`: start an amendment of the last release: its record templates in
records/VERSION/, the version it is released as."""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreekit import git, versions
from agreekit.commands.common import git_repository, load_or_exit, repo_option
from agreekit.errors import DONE, Failure, refused
from agreekit.files import write_atomic
from agreekit.model.agreement import Agreement
from agreekit.model.records import RECORD_FILES
from agreekit.workflow.cycles import cycle_record_files


@click.command()
@repo_option
def command(repo: Path) -> int:
    """Start an amendment of the released agreement: the new cycle's record templates."""
    return run(repo)


def released_cycle(repo: Path, what: str) -> versions.Cycle:
    """The cycle after a release; a refusal (exit 1) while nothing is released yet."""
    git_repository(repo, required=f"{what} follows a release, and releases are git tags")
    current = versions.cycle(repo) if git.head(repo) else versions.Cycle("first", None, "v1.0.0")
    if current.since is None:
        raise refused(
            f"nothing is released yet: the first version's records are in agreement/records/; "
            f"{what} starts after `agreekit release`"
        )
    return current


def write_cycle_records(repo: Path, agreement: Agreement, version: str) -> Path:
    """Write the record templates into records/VERSION/ (never over a file that is there)."""
    folder = repo / versions.records_of(version, agreement.directory)
    if os.path.lexists(folder) and not folder.is_dir():
        raise Failure(f"{folder}: not a folder; move it away so the cycle's records can go there")
    first = repo / agreement.directory / versions.RECORDS
    first_lines = {name: _first_line(first / name) for name in RECORD_FILES}
    for name, text in cycle_record_files(first_lines).items():
        if not os.path.lexists(folder / name):
            write_atomic(folder / name, text)
    return folder


def _first_line(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8") as file:
            return file.readline()
    except (OSError, UnicodeDecodeError):
        return None


def run(repo: Path) -> int:
    """Make records/VERSION/ for an amendment of the last release, or say where it is."""
    agreement = load_or_exit(repo)
    current = released_cycle(repo, "an amendment")
    loaded = agreement.records.cycle
    if (
        current.kind in versions.NEW_CYCLES
        and loaded is not None
        and (versions.order_key(loaded) > versions.order_key(current.since or loaded))
    ):
        click.echo(
            f"This cycle ({current.kind} of {current.since}) is started: its records are in "
            f"{agreement.directory}/records/{loaded}/; nothing written."
        )
        return DONE
    folder = write_cycle_records(repo, agreement, current.next_version)
    what = "A renewal" if current.kind == "renewal" else "An amendment"
    click.echo(
        f"{what} of {current.since}, released as {current.next_version}: its record templates "
        f"are in {folder.relative_to(repo)}/. "
        "Change the text; approvals and signatures start again (`agreekit status`)."
    )
    return DONE
