"""The CLI's shape: every command module registered, each a `run(...) -> int` under a click
declaration, and one error path that turns failures and bugs into a message and an exit code."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import agreekit.commands
from agreekit import cli
from agreekit.errors import BUG, USAGE, Failure, os_failure

HELPERS = {"common"}  # modules of agreekit.commands that are not commands


def command_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(agreekit.commands.__path__) if m.name not in HELPERS
    )


def test_every_command_module_is_registered() -> None:
    assert command_modules() == sorted(cli.COMMANDS.values())


@pytest.mark.parametrize("name", command_modules())
def test_each_command_is_a_plain_run_function_under_a_click_declaration(name: str) -> None:
    module = importlib.import_module(f"agreekit.commands.{name}")
    assert isinstance(module.command, click.Command)
    signature = inspect.signature(module.run)
    assert signature.return_annotation in ("int", int), f"{name}.run must return an exit code"


def test_the_readme_states_the_exit_code_contract() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ("`0`", "`1`", "`2`", "`3`"):
        assert code in section


def _group_with(callback: click.Command) -> click.Group:
    """The real CLI group, with one extra command for the test."""
    group = cli.LazyGroup(name="agreekit", commands={"probe": callback})
    original = group.get_command
    group.get_command = lambda ctx, name: callback if name == "probe" else original(ctx, name)  # type: ignore[method-assign]
    return group


def _invoke(body: object) -> tuple[int, str]:
    @click.command()
    def probe() -> int:
        return body()  # type: ignore[operator, no-any-return]

    result = CliRunner().invoke(_group_with(probe), ["probe"])
    return result.exit_code, result.output


def test_a_failure_is_one_message_and_its_exit_code() -> None:
    def fail() -> int:
        raise Failure("agreement/records/signing.yml:3: not a date; write YYYY-MM-DD", 2)

    code, output = _invoke(fail)
    assert code == USAGE
    assert output == "error: agreement/records/signing.yml:3: not a date; write YYYY-MM-DD\n"


def test_the_returned_int_is_the_exit_code() -> None:
    assert _invoke(lambda: 1)[0] == 1
    assert _invoke(lambda: 0)[0] == 0


def test_a_bug_is_a_short_message_with_where_to_report_it_not_a_traceback() -> None:
    def broken() -> int:
        return {}["missing"]  # type: ignore[no-any-return]

    code, output = _invoke(broken)
    assert code == BUG
    assert "Traceback" not in output
    assert "bug in agreekit: KeyError" in output and cli.REPORT_BUGS in output
    assert output.count("\n") == 1


def test_an_operating_system_error_names_the_file_and_what_to_do() -> None:
    def full() -> int:
        raise OSError(28, "No space left on device", "site/index.html")

    code, output = _invoke(full)
    assert code == USAGE
    assert output.startswith("error: site/index.html: No space left on device; free some space")


def test_os_failure_says_what_it_could_not_do() -> None:
    error = PermissionError(13, "Permission denied", "agreement/records")
    assert os_failure(error, "read").message.startswith(
        "agreement/records: cannot read: permission denied; check the permissions"
    )


def test_the_program_exits_with_the_code_a_usage_error_has(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "explain", "AK000"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == USAGE
    assert result.stderr.startswith("error: no check 'AK000'")
