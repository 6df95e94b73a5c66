"""Every workflow step runs only what an earlier step installed: this repository's workflows and
those `agreekit init` writes, read as GitHub reads them (jobs, steps in order, `run:` scripts)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement

from agreekit.templates import DEFAULT_INSTALL_SOURCE, github_files
from conftest import ROOT, run_cli

# What GitHub's ubuntu-latest runner has before any step: the shell, coreutils, git, gh, apt.
RUNNER = {
    "cd", "echo", "printf", "test", "[", "install", "sha256sum", "git", "gh", "sudo", "apt-get",
    "fi", "true", "false", "export",
}  # fmt: skip
KEYWORDS = {"if", "then", "else", "elif", "!", "do", "while"}  # a command follows each
# Python modules run with `python -m` -> the distribution that provides them.
MODULES = {"pip": "pip", "pre_commit": "pre-commit", "agreekit": "agreekit"}
# Commands -> the distribution that provides them.
COMMANDS = {"agreekit": "agreekit", "pre-commit": "pre-commit"}


def needs_extra() -> dict[str, str]:
    """agreekit subcommand -> extra it needs, read from the `need_extra` calls in the commands."""
    found = {}
    for path in (ROOT / "tooling" / "agreekit" / "commands").glob("*.py"):
        for extra, command in re.findall(r'need_extra\("(\w+)", "([\w-]+)"\)', path.read_text()):
            found[command] = extra
    assert found.get("build") == "publish"
    return found


def installed_by(command: list[str]) -> dict[str, set[str]]:
    """Distribution -> extras for a `python -m pip install ...` command."""
    packages: dict[str, set[str]] = {}
    for argument in command[4:]:
        if argument.startswith("-"):
            continue
        if argument.startswith((".", "/")):  # this repository: agreekit from source
            path, _, extras = argument.partition("[")
            packages["agreekit"] = set(filter(None, extras.rstrip("]").split(",")))
            continue
        try:
            requirement = Requirement(argument)
        except InvalidRequirement as error:
            raise AssertionError(f"pip cannot read {argument!r}: {error}") from error
        packages[requirement.name.lower()] = set(requirement.extras)
    return packages


def commands_of(script: str) -> list[list[str]]:
    """Each simple command of a `run:` script, as words (pipelines and lists split apart)."""
    found: list[list[str]] = []
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>()")
        lexer.whitespace_split = True
        words: list[str] = []
        for token in [*lexer, ";"]:
            if token and set(token) <= set(";&|()"):
                if words:
                    found.append(words)
                words = []
            else:
                words.append(token)
    cleaned = []
    for words in found:
        while words and (re.match(r"^\w+=", words[0]) or words[0] in KEYWORDS):
            words = words[1:]  # VAR=value command, or `if command`
        if words:
            cleaned.append(words)
    return cleaned


def unmet(workflow: dict[str, Any], extras_needed: dict[str, str]) -> list[str]:
    """Every step that runs a tool no earlier step of its job installed (empty: all is well)."""
    problems = []
    for job_id, job in workflow["jobs"].items():
        python = False
        packages: dict[str, set[str]] = {}
        outputs: set[str] = set()
        for number, step in enumerate(job.get("steps", []), start=1):
            where = f"{job_id} step {number} ({step.get('name') or step.get('uses')})"
            uses = str(step.get("uses", ""))
            if uses.startswith("actions/setup-python@"):
                python = True
            if uses.startswith("github/codeql-action/upload-sarif@"):
                sarif = step.get("with", {}).get("sarif_file", "")
                if sarif not in outputs:
                    problems.append(f"{where}: uploads {sarif}, which no earlier step writes")
            if uses.startswith("actions/upload-pages-artifact@") and "site" not in outputs:
                problems.append(f"{where}: uploads site/, which no earlier step builds")
            for words in commands_of(str(step.get("run", ""))):
                program = words[0]
                if ">" in words:
                    outputs.add(words[words.index(">") + 1])
                if program in RUNNER:
                    continue
                if program == "python":
                    if not python:
                        problems.append(f"{where}: runs python before actions/setup-python")
                    if words[1:2] == ["-m"]:
                        module = words[2]
                        provider = MODULES.get(module, module)
                        if provider not in packages and provider != "pip":
                            problems.append(
                                f"{where}: runs python -m {module}; nothing installed {provider}"
                            )
                        if module == "pip" and words[3:4] == ["install"]:
                            packages.update(installed_by(words))
                    continue
                provider = COMMANDS.get(program)
                if provider is None:
                    problems.append(f"{where}: runs {program}, which the runner does not have")
                elif provider not in packages:
                    problems.append(
                        f"{where}: runs {program}; no earlier step installed {provider}"
                    )
                elif program == "agreekit" and len(words) > 1:
                    extra = extras_needed.get(words[1])
                    if extra and extra not in packages["agreekit"]:
                        problems.append(f"{where}: agreekit {words[1]} needs agreekit[{extra}]")
                    if words[1] == "build":
                        outputs.add("site")
    return problems


def workflows_of(files: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {
        path: yaml.safe_load(text)
        for path, text in files.items()
        if path.startswith(".github/workflows/")
    }


REPOSITORY = {
    str(p.relative_to(ROOT)): p.read_text("utf-8")
    for p in (ROOT / ".github/workflows").glob("*.yml")
}
INIT = github_files(DEFAULT_INSTALL_SOURCE)


@pytest.mark.parametrize("files", [REPOSITORY, INIT], ids=["this repository", "init"])
def test_every_step_runs_only_what_an_earlier_step_installed(files: dict[str, str]) -> None:
    workflows = workflows_of(files)
    assert len(workflows) == 5
    extras = needs_extra()
    for path, workflow in workflows.items():
        assert unmet(workflow, extras) == [], path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("python -m pip install '.[publish]' 'pre-commit>=4,<5'", "python -m pip install .", "agreekit build needs agreekit[publish]"),
        ("python -m pip install '.[publish]' 'pre-commit>=4,<5'", "python -m pip install '.[publish]'", "nothing installed pre-commit"),
        ("agreekit check --format sarif > agreekit.sarif", "agreekit check --format sarif", "which no earlier step writes"),
        ("python -m pip install .\n", "echo skipped\n", "no earlier step installed agreekit"),
        ("run: agreekit verify", "run: mkdocs build", "runs mkdocs, which the runner does not have"),
    ],
)  # fmt: skip
def test_a_step_whose_tool_is_missing_is_found(old: str, new: str, expected: str) -> None:
    text = (ROOT / ".github/workflows/check.yml").read_text()
    assert old in text
    problems = unmet(yaml.safe_load(text.replace(old, new, 1)), needs_extra())
    assert any(expected in problem for problem in problems), problems


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "actionlint"
    return subprocess.run(
        [binary, "-no-color", *map(str, paths)], capture_output=True, text=True, timeout=120
    )


def test_actionlint_passes_on_this_repository_and_an_init_repository(tmp_path: Path) -> None:
    ours = actionlint(*sorted((ROOT / ".github/workflows").glob("*.yml")))
    assert ours.returncode == 0, ours.stdout + ours.stderr
    assert run_cli("init", str(tmp_path / "new"), cwd=tmp_path).returncode == 0
    theirs = actionlint(*sorted((tmp_path / "new/.github/workflows").glob("*.yml")))
    assert theirs.returncode == 0, theirs.stdout + theirs.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    text = (ROOT / ".github/workflows/publish.yml").read_text()
    broken = tmp_path / "publish.yml"
    broken.write_text(text.replace("needs: build", "needs: biuld"))
    result = actionlint(broken)
    assert result.returncode == 1 and "biuld" in result.stdout
