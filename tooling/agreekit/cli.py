"""The `agreekit` command: parses arguments and hands over to one module per command.

Commands are imported only when run, so `agreekit check` never loads what `build` needs.
"""

from __future__ import annotations

import importlib

import click

from agreekit import __version__

# name -> module under agreekit.commands that defines `command`
COMMANDS: dict[str, str] = {
    "announce": "announce",
    "approvals": "approvals",
    "approve": "approve",
    "build": "build",
    "check": "check",
    "codeowners": "codeowners",
    "diff": "diff",
    "explain": "explain",
    "feedback": "feedback",
    "meeting": "meeting",
    "init": "init",
    "release": "release",
    "revoke": "revoke",
    "ruleset": "ruleset",
    "schema": "schema",
    "sign": "sign",
    "status": "status",
    "verify": "verify",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"agreekit.commands.{module_name}")
        command: click.Command = module.command
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="agreekit")
def main() -> None:
    """Write, check, approve and publish an IT support agreement as code."""


def run() -> None:
    """The program `agreekit` (and `python -m agreekit`): `main`, allowed to leave at once.

    Commands that read a large agreement end with `common.leave`, which skips the interpreter's
    teardown of everything they loaded; called in-process (tests, CliRunner), `main` exits as usual.
    """
    from agreekit.commands import common

    common.FAST_EXIT = True
    main()
