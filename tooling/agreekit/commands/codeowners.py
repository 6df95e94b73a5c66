"""`agreekit codeowners`: generate .github/CODEOWNERS from agreement.yml, or verify it is in sync."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.commands.common import force_option, load_or_exit, repo_option, write_or_refuse
from agreekit.errors import DONE, FINDINGS, Failure
from agreekit.governance.paths import CODEOWNERS_PATH
from agreekit.model.input_file import path_exists, read_input
from agreekit.model.yaml_source import MAX_BYTES
from agreekit.text.codeowners import codeowners_text


@click.command()
@repo_option
@click.option("--write", "mode", flag_value="write", help="Write .github/CODEOWNERS.")
@click.option("--check", "mode", flag_value="check", help="Exit 1 if it is out of sync.")
@force_option
def command(repo: Path, mode: str | None, force: bool) -> int:
    """Generate CODEOWNERS from agreement.yml (prints it unless --write or --check)."""
    return run(repo, mode, force)


def _current(repo: Path, path: Path) -> str | None:
    """The CODEOWNERS there now (None if there is none), read as any input: a regular file of
    the repository, UTF-8, within the size limit; otherwise a Failure (exit 2) naming it."""
    if not path_exists(path):
        return None
    raw, problem = read_input(path, repo, MAX_BYTES)
    if raw is None:
        raise Failure(f"{CODEOWNERS_PATH}: {problem}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Failure(
            f"{CODEOWNERS_PATH}: not UTF-8; save it as UTF-8, or regenerate it with "
            "`agreekit codeowners --write --force`"
        ) from error


def run(repo: Path, mode: str | None, force: bool) -> int:
    """Print, write (`mode` "write") or compare (`mode` "check") the generated CODEOWNERS."""
    expected = codeowners_text(load_or_exit(repo))
    path = repo / CODEOWNERS_PATH
    current = _current(repo, path)
    if mode == "write":
        if current == expected:
            click.echo(f"{CODEOWNERS_PATH} is up to date.")
            return DONE
        write_or_refuse(
            {path: expected}, force=force, manifest=False, repo=repo
        )  # it carries a seal
        click.echo(f"Wrote {CODEOWNERS_PATH}.")
    elif mode == "check":
        if current != expected:
            state = "missing" if current is None else "out of sync with agreement.yml"
            click.echo(f"{CODEOWNERS_PATH}: {state}; run `agreekit codeowners --write`.")
            return FINDINGS
        click.echo(f"{CODEOWNERS_PATH} is in sync with agreement.yml.")
    else:
        click.echo(expected, nl=False)
    return DONE
