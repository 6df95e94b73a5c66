"""git.py is the only module that starts git: no other module spawns a process or writes git's
command lines, and a real walk through versions, revisions, announce and release shows it."""

from __future__ import annotations

import ast
import inspect
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import agreekit
from agreekit import versions
from agreekit.approvals.evidence import gather
from agreekit.commands.announce import changes_since
from agreekit.model.loader import load_agreement
from agreekit.publish.revision import text_at
from conftest import SampleRepo, git

PACKAGE = Path(agreekit.__file__).parent
GIT_MODULE = PACKAGE / "git.py"
# Ways to start a process, by module and name.
SPAWNERS = {
    "subprocess": None,  # any use
    "os": {"system", "popen", "fork", "forkpty", "spawnv", "spawnl", "execv", "execvp", "execl"},
    "pty": {"spawn"},
    "asyncio": {"create_subprocess_exec", "create_subprocess_shell"},
}
# git.py's raw entry points, which take git's own arguments.
RAW_GIT = {"run", "text", "answer", "_spawn"}
# Processes agreekit starts that are not git (fork shares the checks between two processes, and
# makes build's Word copy and calendar feed beside the site).
NOT_GIT = {("checks/run.py", "os.fork"), ("publish/forked.py", "os.fork")}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != GIT_MODULE:
            yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text("utf-8"))


def spawns(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names]
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for name in [module] if module else names:
                if name and name.split(".")[0] == "subprocess":
                    yield "import subprocess"
            if module in SPAWNERS and SPAWNERS[module]:
                yield from (f"{module}.{n}" for n in names if n in SPAWNERS[module])  # type: ignore[operator]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            wanted = SPAWNERS.get(node.value.id, set())
            if wanted and node.attr in wanted:
                yield f"{node.value.id}.{node.attr}"
            if node.value.id == "git" and node.attr in RAW_GIT:
                yield f"git.{node.attr}"


def test_no_module_but_git_py_spawns_a_process_or_writes_a_git_command_line() -> None:
    found = [
        (name, what)
        for name, tree in modules()
        for what in spawns(tree)
        if (name, what) not in NOT_GIT
    ]
    assert found == []


def test_the_scan_finds_what_it_forbids() -> None:
    tree = ast.parse(
        "import subprocess\nfrom agreekit import git\ngit.answer(r, 'log')\nos.system('x')"
    )
    assert list(spawns(tree)) == ["import subprocess", "git.answer", "os.system"]


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The module of agreekit that started each process, from the caller's stack."""
    callers: list[str] = []
    real = subprocess.Popen.__init__

    def recording(self: subprocess.Popen[bytes], *args: object, **kwargs: object) -> None:
        frames = (Path(f.filename) for f in inspect.stack()[1:])
        first = next((f for f in frames if PACKAGE in f.parents), None)
        callers.append(first.relative_to(PACKAGE).as_posix() if first else "tests")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess.Popen, "__init__", recording)
    return callers


def test_versions_revisions_announce_and_evidence_ask_git_through_git_py(
    publishable: SampleRepo, spawned: list[str]
) -> None:
    root = publishable.root
    git(root, "tag", "v1.0.0")
    publishable.replace("sections/constraints.md", "## Budget", "## Budget\n\nA new sentence.")
    git(root, "commit", "-qam", "A new sentence")
    spawned.clear()
    agreement, _ = load_agreement(root)
    assert agreement is not None
    assert versions.current_version(root).label.startswith("draft ")
    assert versions.previous_version(root) == "v1.0.0"
    assert changes_since(root, agreement, "v1.0.0").sections == ("Support constraints",)
    assert "A new sentence." not in text_at(root, "v1.0.0")
    assert "A new sentence." in text_at(root, "HEAD")
    assert gather(root).release is None
    assert spawned and set(spawned) == {"git.py"}
