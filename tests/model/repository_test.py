"""One walk, one reader: a file that breaks the trust rules is reported once and never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreekit.model import input_file, repository
from agreekit.model.loader import load_agreement
from conftest import SampleRepo

KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"


def outside_secret(sample: SampleRepo) -> Path:
    """A file outside the repository whose text, if agreekit read it, would be a finding."""
    target = sample.root.parent / "outside.md"
    target.write_text(f"---\nid: outside\ntitle: Outside\n---\n\n{KEY}", "utf-8")
    return target


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths given to the one reader, in order."""
    seen: list[str] = []
    real = input_file.read_input

    def counting(path: Path, root: Path, limit: int) -> input_file.RawFile:
        seen.append(path.relative_to(root).as_posix())
        return real(path, root, limit)

    monkeypatch.setattr(repository, "read_input", counting)
    return seen


@pytest.mark.parametrize(
    "link", ["sections/outside.md", "records/outside.yml", "notes/outside.txt", "outside.md"]
)
def test_a_link_out_of_the_repository_is_reported_once_and_never_read(
    sample: SampleRepo, reads: list[str], link: str
) -> None:
    target = outside_secret(sample)
    sample.path(link).parent.mkdir(parents=True, exist_ok=True)
    sample.path(link).symlink_to(target)
    result = sample.check()
    display = f"agreement/{link}"
    reported = [f for f in result.findings if f.location.file == display]
    if link.startswith("sections/"):
        assert [(f.code, f.location.line) for f in reported] == [("AK904", 1)]
        assert "outside the repository" in reported[0].message
    assert not [f for f in result.findings if f.code == "AK503"]  # its key was never scanned
    assert display not in (result.agreement.texts if result.agreement else {})
    assert reads.count(display) == 1


def test_every_file_of_the_agreement_is_read_once(sample: SampleRepo, reads: list[str]) -> None:
    agreement, _ = load_agreement(sample.root)
    assert agreement is not None
    under = [r for r in reads if r.startswith("agreement/")]
    assert len(under) == len(set(under))
    assert set(under) == set(agreement.files)


def test_the_walk_does_not_follow_a_linked_folder(sample: SampleRepo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.md").write_text(KEY, "utf-8")
    sample.path("linked").symlink_to(elsewhere, target_is_directory=True)
    walk = repository.Repository(sample.root).files_under("agreement")
    assert not [f for f in walk if f.startswith("agreement/linked")]
    assert not [f for f in sample.check().findings if f.code == "AK503"]


def test_the_same_text_inside_the_repository_is_scanned(sample: SampleRepo) -> None:
    """The counterpart: had the link been read, the secret scan would have reported it."""
    sample.path("notes").mkdir()
    sample.path("notes/inside.txt").write_text(KEY, "utf-8")
    assert [f.location.file for f in sample.check().findings if f.code == "AK503"] == [
        "agreement/notes/inside.txt"
    ]
