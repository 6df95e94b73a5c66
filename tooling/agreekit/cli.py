"""The `agreekit` command: parses arguments and hands over to one module per command.

Commands are imported only when run, so `agreekit check` never loads what `build` needs. Each
command module declares `command` (click) over a plain `run(...) -> int`; what a command stops with
(`errors.Failure`) and what it did not expect (a bug) become output here, once.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, NoReturn

import click

from agreekit import __version__
from agreekit.errors import BUG, Failure, os_failure

# name -> module under agreekit.commands that defines `command` and `run`
COMMANDS: dict[str, str] = {
    "amend": "amend",
    "announce": "announce",
    "approvals": "approvals",
    "approve": "approve",
    "build": "build",
    "check": "check",
    "codeowners": "codeowners",
    "dates": "dates",
    "diff": "diff",
    "explain": "explain",
    "feedback": "feedback",
    "meeting": "meeting",
    "init": "init",
    "release": "release",
    "renew": "renew",
    "reminders": "reminders",
    "report": "report",
    "revoke": "revoke",
    "ruleset": "ruleset",
    "schema": "schema",
    "sign": "sign",
    "status": "status",
    "verify": "verify",
}

# Commands that read only: as a program they may leave without the interpreter's teardown.
LEAVE_AT_ONCE = frozenset({"check"})

REPORT_BUGS = "https://github.com/agreekit/agreekit/issues"


def _stop(ctx: click.Context, code: int, message: str) -> NoReturn:
    click.echo(message, err=True)
    ctx.exit(code)


def bug_message(error: BaseException) -> str:
    """The short message for an exception agreekit did not expect: what, where in agreekit, and
    where to report it; AGREEKIT_TRACEBACK=1 shows the whole traceback as well."""
    import traceback  # only when something went wrong: it is not loaded for a good run

    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if f"{os.sep}agreekit{os.sep}" in f.filename] or frames
    place = ""
    if inside:
        last = inside[-1]
        place = f" (at {last.filename.rsplit(os.sep + 'agreekit' + os.sep, 1)[-1]}:{last.lineno})"
    text = str(error).splitlines()[0][:300] if str(error) else ""
    return (
        f"agreekit {__version__}: unexpected error, a bug in agreekit: "
        f"{type(error).__name__}{': ' + text if text else ''}{place}. "
        f"Please report it at {REPORT_BUGS} with the command you ran "
        "(AGREEKIT_TRACEBACK=1 shows the traceback)."
    )


def _usable_today() -> None:
    """Stop before any command runs if AGREEKIT_TODAY is set to something that is no date."""
    from agreekit.clock import today_problem

    problem = today_problem()
    if problem:
        raise Failure(problem)


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

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; its returned int is the exit code, a Failure its message and code."""
        try:
            _usable_today()
            code = super().invoke(ctx)
        except Failure as failure:
            _stop(ctx, failure.code, f"error: {failure.message}")
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _stop(ctx, 130, "interrupted")
        except BrokenPipeError:
            raise  # click quiets a reader that went away (`| head`)
        except OSError as error:  # the file system said no: a full disk, a read-only folder...
            _stop(ctx, os_failure(error).code, f"error: {os_failure(error).message}")
        except Exception as error:  # noqa: BLE001 - every bug gets the short message
            if os.environ.get("AGREEKIT_TRACEBACK"):
                import traceback

                traceback.print_exception(error)
            _stop(ctx, BUG, bug_message(error))
        code = code if isinstance(code, int) else 0
        if ctx.invoked_subcommand in LEAVE_AT_ONCE:
            from agreekit.commands.common import leave

            leave(code)
        ctx.exit(code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="agreekit")
def main() -> None:
    """Write, check, approve and publish an IT support agreement as code."""


def run() -> None:
    """The program `agreekit` (and `python -m agreekit`): `main`, allowed to leave at once.

    Read-only commands (LEAVE_AT_ONCE) end with `common.leave`, which skips the interpreter's
    teardown of everything they loaded; called in-process (tests, CliRunner), `main` exits as usual.
    """
    import gc

    from agreekit.commands import common

    common.FAST_EXIT = True
    # Young cycles collected less often: loading the commands' modules and an agreement makes
    # many short-lived objects, and the default thresholds ran the collector over them again and
    # again (2% of `check` on the sample, 5% at 1,000 sections); memory stays bounded.
    gc.set_threshold(50_000, 20, 100)
    main()
