"""CODEOWNERS patterns with escapes match what git's own matching (`git check-ignore`) says, for the
patterns GitHub accepts (no leading `#` or `\\#`, no `!`, no `[ ]`, no final `dir/*`, which GitHub
reads as the files directly inside only)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agreekit.governance.codeowners import compile_pattern

PIECES = ["a", "b", "*", "?", "\\*", "\\?", "\\a", "\\#", "#", "\\\\"]
NAMES = ["a", "b", "ab", "*", "?", "#", "a#b", "a*b", "f*o", "\\", "a\\#b", "x"]

segment = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)
patterns = st.builds(
    lambda anchor, parts: ("/" if anchor else "") + "/".join(parts),
    st.booleans(),
    st.lists(segment, min_size=1, max_size=2),
).filter(
    lambda p: not p.startswith("#") and not p.endswith("/*") and p.strip("/") and "**" not in p
)
paths = st.lists(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map("/".join), min_size=1, max_size=8
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wildmatch")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def git_matches(folder: Path, pattern: str, candidates: list[str]) -> set[str]:
    (folder / ".gitignore").write_text(pattern + "\n")
    out = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin", "-z", "-v", "-n"],
        cwd=folder, input="\0".join(candidates).encode() + b"\0", capture_output=True,
    ).stdout.decode()  # fmt: skip
    fields = out.split("\0")
    # -z -v -n: source, line, pattern, path for every path; an unmatched one has empty source.
    return {fields[i + 3] for i in range(0, len(fields) - 3, 4) if fields[i]}


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pattern=patterns, candidates=paths)
@example(pattern="f\\*o", candidates=["f*o", "fxo", "d/f*o"])
@example(pattern="a\\#b", candidates=["a#b", "a\\#b", "x/a#b"])
@example(pattern="/a\\?", candidates=["a?", "ab", "a?/x"])
@example(pattern="/a/b", candidates=["a/b", "a/b/c", "a/bc", "x/a/b", "a"])  # plain names
@example(pattern="/a.b/", candidates=["a.b/c", "a.b/c/d", "axb/c", "a.b", "x/a.b/c"])
def test_escapes_match_as_git_matches(folder: Path, pattern: str, candidates: list[str]) -> None:
    regex = compile_pattern(pattern)
    ours = {path for path in candidates if regex.match(path)}
    assert ours == git_matches(folder, pattern, candidates), pattern
