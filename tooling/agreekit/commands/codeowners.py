"""`agreekit codeowners`: generate .github/CODEOWNERS from agreement.yml, or verify it is in sync."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.commands.common import force_option, load_or_exit, repo_option, write_or_refuse
from agreekit.errors import DONE, FINDINGS
from agreekit.governance.paths import CODEOWNERS_PATH
from agreekit.text.codeowners import codeowners_text


@click.command()
@repo_option
@click.option("--write", "mode", flag_value="write", help="Write .github/CODEOWNERS.")
@click.option("--check", "mode", flag_value="check", help="Exit 1 if it is out of sync.")
@force_option
def command(repo: Path, mode: str | None, force: bool) -> int:
    """Generate CODEOWNERS from agreement.yml (prints it unless --write or --check)."""
    return run(repo, mode, force)


def run(repo: Path, mode: str | None, force: bool) -> int:
    """Print, write (`mode` "write") or compare (`mode` "check") the generated CODEOWNERS."""
    expected = codeowners_text(load_or_exit(repo))
    path = repo / CODEOWNERS_PATH
    current = path.read_text("utf-8") if path.is_file() else None
    if mode == "write":
        if current == expected:
            click.echo(f"{CODEOWNERS_PATH} is up to date.")
            return DONE
        write_or_refuse({path: expected}, force=force, manifest=False)  # it carries a seal
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
