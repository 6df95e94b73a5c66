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
from agreekit.version_names import is_version

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
    type=click.Path(exists=True, file_okay=False, path_type=Path),
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


def usable_records(agreement: Agreement, *names: str) -> None:
    """Stop (exit 2) if a record file the command reads (`names`, e.g. "signing.yml"; none: all)
    exists but does not load: a broken record must never read as one not written yet."""
    for problem in agreement.records.broken:
        where = problem.location
        name = Path(where.file).name
        folder_problem = name == "records" or is_version(name)  # records/ or records/v1.1.0/
        if folder_problem or not names or Path(where.file).name in names:
            raise Failure(
                f"{where.file}:{where.line}: {problem.message}; the record is there but does not "
                "load, so it is not read as missing: fix it (`agreekit check` lists every problem)"
            )


def git_repository(repo: Path, *, required: str = "") -> bool:
    """Whether `repo` is a git working tree. A state git cannot work in (another user's
    repository, a GIT_DIR that leads nowhere) stops the command (exit 2) with its fix; so does no
    repository at all when the command needs one (`required` says why)."""
    from agreekit import git

    problem = git.repository_problem(repo)
    if problem is None:
        return True
    if problem.kind == "missing" and not required:
        return False
    raise Failure(problem.message + (f"; {required}" if problem.kind == "missing" else ""))


def approval_history_usable(repo: Path, directory: str = "", *, shallow_ok: bool = False) -> None:
    """Stop (exit 2) where approval records cannot be judged: a broken approval ref, a shallow
    clone holding approvals (their commits lie beyond its history), or (given the agreement's
    `directory`) a git submodule in the agreement, whose files an approval cannot cover."""
    from agreekit import git

    broken = git.broken_refs(repo)
    if broken:
        raise Failure(
            f"{broken[0]}: git cannot read this approval ref (a corrupt file or a missing "
            f"object); fetch the tags again (git fetch --tags --force) or delete it "
            f"(git update-ref -d {broken[0]})"
        )
    if not shallow_ok and git.is_shallow(repo) and git.approval_refs(repo):
        raise Failure(
            f"{os.path.abspath(repo)}: a shallow clone, whose history lacks the commits "
            "approvals name; fetch the full history: git fetch --unshallow"
        )
    for path in git.submodules(repo, directory) if directory else []:
        raise Failure(
            f"{path}: a git submodule under {directory}/; an approval covers the agreement's own "
            f"files, not another repository's: copy its files in (git rm {path}) or move it out"
        )


def version_label(repo: Path) -> str:
    """The version tag on HEAD (`v1.2.0`), or `draft <short commit>`: see agreekit.versions."""
    from agreekit.versions import current_version  # asks git: not for every command

    return current_version(repo).label


def refuse(error: Exception) -> NoReturn:
    """Stop (exit 2) with the one-line refusal to replace a user's file (an outputs.Refused)."""
    raise Failure(str(error), USAGE) from error


def _no_link_out(repo: Path, path: Path) -> None:
    """Stop if a folder between `repo` and `path` is a symbolic link leading out of `repo`: the
    outputs would land somewhere the user never asked for."""
    real_repo = os.path.realpath(repo)
    absolute_repo = Path(os.path.abspath(repo))
    for folder in Path(os.path.abspath(path)).parents:
        if folder == absolute_repo or absolute_repo not in folder.parents:
            return
        if folder.is_symlink():
            real = os.path.realpath(folder)
            if os.path.commonpath([real, real_repo]) != real_repo:
                shown = folder.relative_to(absolute_repo)
                raise Failure(
                    f"{shown}: a symbolic link to {real}, outside the repository; agreekit writes "
                    "there only into a real folder: remove the link, or pass --output"
                )


def write_or_refuse(
    files: Mapping[Path, str | bytes],
    *,
    force: bool,
    manifest: bool = True,
    repo: Path | None = None,
) -> None:
    """Write all the files (see outputs.write_outputs), or none and stop (exit 2) if one is the
    user's, or (given the `repo`) if a folder on the way is a link out of the repository."""
    from agreekit.outputs import Refused, write_outputs  # not loaded by `agreekit check`

    if repo is not None:
        for path in files:
            _no_link_out(repo, path)
    try:
        write_outputs(files, force=force, manifest=manifest)
    except Refused as error:
        refuse(error)
