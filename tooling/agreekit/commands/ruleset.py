"""`agreekit ruleset`: the GitHub ruleset that makes every owning team approve, from agreement.yml."""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreekit.commands.common import force_option, load_or_exit, repo_option, write_or_refuse
from agreekit.errors import DONE, FINDINGS, Failure
from agreekit.governance.paths import RULESET_PATH
from agreekit.model.agreement import Agreement
from agreekit.text.codeowners import OWNING_ROLES
from agreekit.text.ruleset import ruleset_text


def _team_ids(agreement: Agreement) -> dict[str, int]:
    """Each owning role's team id: from agreement.yml, else (with GITHUB_TOKEN) GitHub's REST API."""
    teams = agreement.file.teams
    ids: dict[str, int] = {}
    for role in OWNING_ROLES:
        known = teams.team_id(role)
        if known is None and os.environ.get("GITHUB_TOKEN"):
            from agreekit.github import Client, GitHubError

            org, _, slug = teams.handle(role).removeprefix("@").partition("/")
            try:
                known = Client.from_environment().team_id(org, slug)
            except (GitHubError, KeyError, TypeError, ValueError) as error:
                raise Failure(f"could not read team {teams.handle(role)}: {error}") from error
        if known is None:
            raise Failure(
                f"agreement/agreement.yml: teams.{role} has no id; write "
                f'`{role}: {{name: "{teams.handle(role)}", id: 123}}` (GitHub shows it at '
                "GET /orgs/ORG/teams/SLUG) or set GITHUB_TOKEN to look it up"
            )
        ids[role] = known
    return ids


@click.command()
@repo_option
@click.option("--write", "mode", flag_value="write", help=f"Write {RULESET_PATH}.")
@click.option("--check", "mode", flag_value="check", help="Exit 1 if it is out of date.")
@force_option
def command(repo: Path, mode: str | None, force: bool) -> int:
    """Print the GitHub ruleset for the default branch (REST / import format)."""
    return run(repo, mode, force)


def run(repo: Path, mode: str | None, force: bool) -> int:
    """Print, write (`mode` "write") or compare (`mode` "check") the generated ruleset."""
    agreement = load_or_exit(repo)
    expected = ruleset_text(agreement, _team_ids(agreement))
    path = repo / RULESET_PATH
    current = path.read_text("utf-8") if path.is_file() else None
    if mode == "write":
        if current == expected:
            click.echo(f"{RULESET_PATH} is up to date.")
            return DONE
        # JSON has no comment to carry a seal: an existing file is replaced only with --force.
        write_or_refuse({path: expected}, force=force, manifest=False)
        click.echo(f"Wrote {RULESET_PATH}; import it under Settings → Rules → Rulesets.")
    elif mode == "check":
        if current != expected:
            state = "missing" if current is None else "out of date with agreement.yml"
            click.echo(f"{RULESET_PATH}: {state}; run `agreekit ruleset --write`.")
            return FINDINGS
        click.echo(f"{RULESET_PATH} is up to date with agreement.yml.")
    else:
        click.echo(expected, nl=False)
    return DONE
