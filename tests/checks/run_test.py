"""Any text as a section or as agreement.yml: `check` returns findings, it never raises.

Each example writes one file of a copy of the sample and checks the copy in process, the way
`agreekit check` does; the file is put back afterwards so examples do not pile up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agreekit.checks.run import check_repository
from conftest import ROOT, SAMPLE

# Characters that mean something to YAML, Markdown, Jinja or HTML, so examples hit the parsers'
# edges rather than only plain words.
SYNTAX = list(":-[]{}&*!|>'\"#%@`\n\t {}()<>/\\=?~,.$_^;") + ["{{", "}}", "{%", "---", "**"]
syntax_text = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=4)), max_size=60).map(
    "".join
)
front_matter = st.builds(
    lambda front, body: f"---\n{front}\n---\n{body}",
    st.one_of(syntax_text, st.just("id: extra\ntitle: Extra")),
    syntax_text,
)
any_text = st.one_of(st.text(max_size=200), syntax_text, front_matter)

SETTINGS = settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("property") / "repo"
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def check_text(root: Path, relative: str, text: str) -> None:
    path = root / "agreement" / relative
    original = path.read_bytes() if path.exists() else None
    path.write_text(text, "utf-8", errors="surrogatepass")
    try:
        result = check_repository(root)
        assert all(f.location.file and f.location.line >= 1 for f in result.findings)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def spliced(relative: str) -> st.SearchStrategy[str]:
    """The sample's own file with a span replaced: deep enough in the schema to reach checks."""
    text = (SAMPLE / relative).read_text("utf-8")
    return st.builds(
        lambda start, length, insert: text[:start] + insert + text[start + length :],
        st.integers(0, len(text)),
        st.integers(0, 40),
        syntax_text,
    )


@SETTINGS
@given(text=any_text)
@example(text="{{" * 5000)  # found by the corpus: Jinja's parser ran out of stack
def test_any_text_as_a_new_section_never_crashes(scratch: Path, text: str) -> None:
    check_text(scratch, "sections/extra.md", text)


@SETTINGS
@given(text=spliced("sections/service-levels.md"))
def test_any_edit_of_a_section_never_crashes(scratch: Path, text: str) -> None:
    check_text(scratch, "sections/service-levels.md", text)


@SETTINGS
@given(text=any_text)
@example(text="a: 2027-02-30")  # found by the corpus: PyYAML raised ValueError
def test_any_text_as_agreement_yml_never_crashes(scratch: Path, text: str) -> None:
    check_text(scratch, "agreement.yml", text)


@SETTINGS
@given(text=spliced("agreement.yml"))
def test_any_edit_of_agreement_yml_never_crashes(scratch: Path, text: str) -> None:
    check_text(scratch, "agreement.yml", text)


def counting_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the real forks made from here on (the child's count is its own)."""
    import os

    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_two_processes_find_exactly_what_one_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    from agreekit.checks.run import run_checks
    from agreekit.model.loader import load_agreement

    agreement, _ = load_agreement(ROOT / "tests" / "fixtures" / "messy")
    assert agreement is not None
    alone = run_checks(agreement, parallel=False)
    forks = counting_forks(monkeypatch)
    shared = run_checks(agreement, parallel=True)
    assert forks == [1]
    assert len(alone) > 30
    assert sorted(shared) == sorted(alone)


def test_a_failed_second_process_loses_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from agreekit.checks.run import run_checks
    from agreekit.model.loader import load_agreement

    agreement, _ = load_agreement(ROOT / "tests" / "fixtures" / "messy")
    assert agreement is not None
    alone = run_checks(agreement, parallel=False)

    def broken(_: object) -> bytes:
        raise RuntimeError("the child cannot send its findings")

    monkeypatch.setattr(pickle, "dumps", broken)  # only the forked child pickles
    forks = counting_forks(monkeypatch)
    assert sorted(run_checks(agreement, parallel=True)) == sorted(alone)
    assert forks == [1]


def test_the_second_process_checks_are_registered_checks() -> None:
    """A check renamed away from the list would leave the second process without its work."""
    from agreekit.checks.registry import BY_CODE
    from agreekit.checks.run import _SECOND_PROCESS

    assert all(BY_CODE[code].run is not None for code in _SECOND_PROCESS)
