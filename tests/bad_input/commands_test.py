"""Every run of the bad-input corpus for every command, through the real CLI in child processes.

For each: the exit code, no traceback (nor the "bug in agreekit" message), the message showing the
file (or variable, or git state), a hang guard, a memory cap, and no file changed but the
command's documented outputs. The runs share two child processes (runner.py) that run at the same
time, so the imports are paid twice, not once per run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bad_input.commands import RUNS, Run
from bad_input.corpus_test import limits, snapshot
from conftest import ROOT, SAMPLE

RUNNER = Path(__file__).with_name("runner.py")
BATCHES = 2  # child processes, run side by side
BATCH_GUARD = 900  # seconds for a whole batch; each run has its own guard (runner.HANG_GUARD)
ENV = {
    "AGREEKIT_TODAY": "2026-12-01",
    "GIT_AUTHOR_NAME": "agreekit tests",
    "GIT_AUTHOR_EMAIL": "amara.okafor@harbourside-housing.example",
    "GIT_COMMITTER_NAME": "agreekit tests",
    "GIT_COMMITTER_EMAIL": "amara.okafor@harbourside-housing.example",
    "GITHUB_TOKEN": "ghs_test-token",
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)


def _template(base: Path) -> Path:
    """The sample and mkdocs.yml, committed once: every run starts from a copy."""
    root = base / "template"
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    _git(root, "init", "-q", "-b", "main")
    for key, value in (("user.email", ENV["GIT_AUTHOR_EMAIL"]), ("user.name", "Tests"),
                       ("commit.gpgsign", "false"), ("tag.gpgsign", "false")):  # fmt: skip
        _git(root, "config", key, value)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Sample agreement")
    return root


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def can_drop_file_override(base: Path) -> bool:
    probe_file = base / "probe"
    probe_file.write_text("x")
    os.chmod(probe_file, 0)
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; open(sys.argv[1], 'rb')", str(probe_file)],
        capture_output=True, timeout=60, preexec_fn=limits(unprivileged=True),
    )  # fmt: skip
    return probe.returncode != 0


def _batch(runs: list[dict[str, Any]], answers: Path) -> None:
    environment = {**os.environ, **ENV}
    subprocess.run(
        [sys.executable, str(RUNNER), str(answers)],
        input=json.dumps(runs), text=True, env=environment, capture_output=True,
        timeout=BATCH_GUARD, preexec_fn=limits(unprivileged=True), check=False,
    )  # fmt: skip


class Outcome:
    def __init__(self, run: Run, root: Path, before: dict[str, str]) -> None:
        self.run, self.root, self.before = run, root, before
        self.answer: dict[str, Any] | None = None
        self.after: dict[str, str] = {}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("commands")
    template = _template(base)
    unprivileged = can_drop_file_override(base)
    found: dict[str, Outcome] = {}
    for index, run in enumerate(RUNS):
        if run.unprivileged and not unprivileged:
            continue
        case_base = base / f"case{index}"
        root = case_base / "repo"
        shutil.copytree(template, root, symlinks=True)
        if run.fixture == "plain":
            shutil.rmtree(root / ".git")
        run.plant(root)
        found[run.name] = Outcome(run, root, snapshot(root))
    started = time.monotonic()
    names = list(found)
    batches = [names[i::BATCHES] for i in range(BATCHES)]
    files = [base / f"answers{i}.json" for i in range(BATCHES)]
    requests = [
        [
            {"name": n, "cwd": str(found[n].root), "args": list(found[n].run.args),
             "env": found[n].run.env, "api": found[n].run.api}
            for n in batch
        ]
        for batch in batches
    ]  # fmt: skip
    with ThreadPoolExecutor(BATCHES) as pool:
        list(pool.map(_batch, requests, files))
    elapsed = time.monotonic() - started
    print(f"\n{len(found)} runs over every command in {elapsed:.1f} s", file=sys.stderr)
    for file in files:
        answers = json.loads(file.read_text()) if file.is_file() else {}
        for name, answer in answers.items():
            found[name].answer = answer
    if os.environ.get("AGREEKIT_CORPUS_DUMP"):  # for whoever works on the corpus
        dump = {
            n: {"expected": [o.run.exit, o.run.shows], **(o.answer or {})} for n, o in found.items()
        }
        Path(os.environ["AGREEKIT_CORPUS_DUMP"]).write_text(json.dumps(dump, indent=1))
    for outcome in found.values():
        outcome.after = snapshot(outcome.root)
        _restore_modes(outcome.root)
    return found


def _restore_modes(root: Path) -> None:
    """Give back the modes the runs took away, so the temporary folder can be removed."""
    for folder, directories, names in os.walk(root):
        for name in directories + names:
            path = Path(folder) / name
            if not path.is_symlink():
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
    os.chmod(root, 0o755)


@pytest.mark.parametrize("run", RUNS, ids=[run.name for run in RUNS])
def test_bad_input_to_a_command_is_a_clear_answer(run: Run, outcomes: dict[str, Outcome]) -> None:
    if run.name not in outcomes:
        pytest.skip("cannot make a file unreadable here (no way to drop root's file override)")
    outcome = outcomes[run.name]
    answer = outcome.answer
    assert answer is not None, "the batch stopped before this run (crash or memory cap)"
    assert not answer["hung"], "hung"
    output = answer["stdout"] + answer["stderr"]
    assert not answer["raised"], answer["raised"]
    assert "Traceback" not in output and "bug in agreekit" not in output, output
    assert answer["code"] == run.exit, output
    for text in run.shows if isinstance(run.shows, tuple) else (run.shows,):
        assert text in output, output
    unexpected = {
        path for path in changed(outcome.before, outcome.after)
        if not any(path == out or path.startswith(out.rstrip("/") + "/") for out in run.outputs)
    }  # fmt: skip
    assert not unexpected, sorted(unexpected)


def test_the_corpus_covers_every_command() -> None:
    from agreekit.cli import COMMANDS

    missing = set(COMMANDS) - {run.args[0] for run in RUNS}
    assert not missing, f"add bad-input runs for {sorted(missing)} to tests/bad_input/commands.py"
    assert len({run.name for run in RUNS}) == len(RUNS)
