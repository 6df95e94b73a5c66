"""`agreekit init DIR`: a new agreement repository, with skeleton sections, rules and `git init`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agreekit import git
from agreekit.errors import DONE, Failure
from agreekit.files import write_atomic
from agreekit.governance.paths import CODEOWNERS_PATH
from agreekit.model.loader import load_agreement
from agreekit.scaffold import repository_files
from agreekit.templates import DEFAULT_INSTALL_SOURCE, InstallSourceError, check_install_source
from agreekit.text.codeowners import codeowners_text


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Add the missing files to a folder that is not empty (init never "
    "replaces a file, so an existing agreement is kept as it is).",
)
@click.option(
    "--install-source",
    default=DEFAULT_INSTALL_SOURCE,
    show_default=True,
    help="What the new repository's workflows give pip to install agreekit: a requirement "
    "(`agreekit==X.Y.Z` from your index, `agreekit @ git+https://...@vX.Y.Z`) or a path; "
    "the workflows add the extras they need.",
)
def command(directory: Path, force: bool, install_source: str) -> int:
    """Create a new agreement repository in DIRECTORY."""
    return run(directory, force, install_source)


def created_line(written: int, kept: int, directory: Path, had_git: bool) -> str:
    """What init did, in one line: the files it added, those it kept, and the git repository."""
    repository = "in its existing git repository" if had_git else "and a git repository"
    if written == 0:
        return f"Nothing to add to {directory}: all {kept} files are there, {repository}."
    files = f"{written} file{'s' if written != 1 else ''}"
    kept_note = f" (kept {kept} that were there)" if kept else ""
    return f"Created {files} in {directory}{kept_note}, {repository}."


def run(directory: Path, force: bool, install_source: str) -> int:
    """Write the skeleton's missing files into `directory` (empty unless `force`), then git init."""
    try:
        install_source = check_install_source(install_source)
    except InstallSourceError as error:
        raise Failure(f"--install-source: {error}") from error
    if directory.exists() and any(directory.iterdir()) and not force:
        raise Failure(
            f"{directory} is not empty; pass --force to add only the missing files "
            "(init never replaces one), or choose an empty folder"
        )
    written, kept = [], []
    for relative, text in repository_files(dt.date.today(), install_source).items():
        path = directory / relative
        if path.exists():
            kept.append(relative)
            continue
        write_atomic(path, text)
        written.append(relative)
    agreement, _ = load_agreement(directory)
    if agreement is not None and not (directory / CODEOWNERS_PATH).exists():
        write_atomic(directory / CODEOWNERS_PATH, codeowners_text(agreement))
        written.append(CODEOWNERS_PATH)
    had_git = (directory / ".git").exists()
    if not had_git:
        git.init(directory)
    for relative in kept:
        click.echo(f"kept {relative} (exists)")
    click.echo(created_line(len(written), len(kept), directory, had_git))
    click.echo("Next: `agreekit status` shows what to do first; `agreekit check` lists each blank.")
    return DONE
