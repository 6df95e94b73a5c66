"""What several commands share at the edge: loading the agreement or stopping with its findings."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

import click

from agreekit.errors import USAGE, Failure
from agreekit.model.agreement import Agreement
from agreekit.model.loader import load_agreement
from agreekit.report import as_text

# Set when agreekit runs as a program (cli.run), not inside another program's process.
FAST_EXIT = False


def leave(code: int) -> NoReturn:
    """Exit with `code`. As a program, at once: freeing every object of a large agreement one by
    one takes longer than checking it (half a second at 2,000 sections), and the operating system
    frees the whole process anyway. Output is flushed first; nothing is left half-written, because
    commands that end this way write no files."""
    if FAST_EXIT:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # a reader that went away (`| head`) is no error
                stream.flush()
        os._exit(code)
    sys.exit(code)


repo_option = click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Repository root that holds agreement/.",
)

force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace files agreekit did not write (or that were edited since) instead of refusing.",
)


def need_extra(extra: str, command: str) -> None:
    """Stop (exit 2) with one line naming the extra to install when `agreekit[extra]` is missing."""
    from agreekit.extras import missing_extra

    message = missing_extra(extra, command)
    if message:
        raise Failure(message)


def in_repo(repo: Path, path: Path) -> Path:
    """A path given on the command line, relative to the repository unless absolute.

    A folder agreekit chose (the option's default) must resolve inside the repository (a
    symbolic link out of it is a Failure, exit 2); a path the user named is theirs to choose."""
    target = path if path.is_absolute() else repo / path
    if not _named_by_user(path) and not target.resolve().is_relative_to(repo.resolve()):
        raise Failure(
            f"{target} resolves to {target.resolve()}, outside the repository; "
            "remove the link, or name the folder yourself with the option",
            USAGE,
        )
    return target


def _named_by_user(value: Path) -> bool:
    """True if the command line (not a default) gave `value`."""
    from click.core import ParameterSource

    context = click.get_current_context(silent=True)
    if context is None:
        return True
    return any(
        given == value and context.get_parameter_source(name) == ParameterSource.COMMANDLINE
        for name, given in context.params.items()
    )


def within(folder: Path, name: str, what: str) -> Path:
    """`folder / name` for a file name agreekit derives from content (a reference, a
    revision); a Failure (exit 2) if the name would leave the folder."""
    target = folder / name
    if (
        "/" in name
        or "\\" in name
        or name in (".", "..")
        or name.startswith(".")
        or (not target.resolve().is_relative_to(folder.resolve()))
    ):
        raise Failure(
            f"{what} '{name}' is not a file name; use letters, digits, '.', '-' and '_'", USAGE
        )
    return target


def load_or_exit(repo: Path) -> Agreement:
    """The agreement, or a Failure (exit 2) with the input findings that stopped it from loading."""
    agreement, findings = load_agreement(repo)
    if agreement is None:
        raise Failure(as_text(findings, "agreement/"), USAGE)
    return agreement


def version_label(repo: Path) -> str:
    """The version tag on HEAD (`v1.2.0`), or `draft <short commit>`: see agreekit.versions."""
    from agreekit.versions import current_version  # asks git: not for every command

    return current_version(repo).label


def refuse(error: Exception) -> NoReturn:
    """Stop (exit 2) with the one-line refusal to replace a user's file (an outputs.Refused)."""
    raise Failure(str(error), USAGE) from error


def write_or_refuse(
    files: Mapping[Path, str | bytes], *, force: bool, manifest: bool = True
) -> None:
    """Write all the files (see outputs.write_outputs), or none and stop (exit 2) if one is the
    user's."""
    from agreekit.outputs import Refused, write_outputs  # not loaded by `agreekit check`

    try:
        write_outputs(files, force=force, manifest=manifest)
    except Refused as error:
        refuse(error)
