"""agreekit replaces only files it wrote and nobody edited; otherwise it writes nothing at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agreekit.outputs import MANIFEST, Refused, foreign_files, manifest_of_tree, write_outputs
from agreekit.seal import UNSEALED, seal
from safety import run_killed, temporaries

WRITE_TWO = (
    "from pathlib import Path; from agreekit.outputs import write_outputs\n"
    "folder = Path(sys.argv[3])\n"
    "write_outputs({folder / 'feedback.md': 'new md', folder / 'feedback.html': 'new html'},"
    " force=False)\n"
)


def two(folder: Path, md: str, html: str) -> dict[Path, str | bytes]:
    return {folder / "feedback.md": md, folder / "feedback.html": html}


def test_new_files_are_written_and_listed(tmp_path: Path) -> None:
    write_outputs(two(tmp_path, "md", "html"), force=False)
    assert (tmp_path / "feedback.md").read_text() == "md"
    listed = json.loads((tmp_path / MANIFEST).read_text())["files"]
    assert sorted(listed) == ["feedback.html", "feedback.md"]
    write_outputs(two(tmp_path, "md 2", "html 2"), force=False)  # its own files: replaced
    assert (tmp_path / "feedback.html").read_text() == "html 2"


def test_a_users_file_stops_every_write(tmp_path: Path) -> None:
    (tmp_path / "feedback.html").write_text("my notes")
    with pytest.raises(Refused) as refused:
        write_outputs(two(tmp_path, "md", "html"), force=False)
    assert "feedback.html: not replaced" in str(refused.value)
    assert "pass --force" in str(refused.value) and "\n" not in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feedback.html"]  # nothing written
    assert (tmp_path / "feedback.html").read_text() == "my notes"


def test_an_edited_output_is_the_users_until_force(tmp_path: Path) -> None:
    write_outputs(two(tmp_path, "md", "html"), force=False)
    (tmp_path / "feedback.md").write_text("md, with my edit")
    with pytest.raises(Refused):
        write_outputs(two(tmp_path, "md 2", "html 2"), force=False)
    assert (tmp_path / "feedback.md").read_text() == "md, with my edit"
    write_outputs(two(tmp_path, "md 2", "html 2"), force=True)
    assert (tmp_path / "feedback.md").read_text() == "md 2"
    write_outputs(two(tmp_path, "md 3", "html 3"), force=False)  # ours again after --force


def test_removing_an_entry_or_breaking_the_manifest_keeps_the_file(tmp_path: Path) -> None:
    write_outputs(two(tmp_path, "md", "html"), force=False)
    manifest = tmp_path / MANIFEST
    data = json.loads(manifest.read_text())
    del data["files"]["feedback.md"]
    manifest.write_text(json.dumps(data))
    with pytest.raises(Refused):
        write_outputs(two(tmp_path, "md 2", "html 2"), force=False)
    manifest.write_text("{not json")
    with pytest.raises(Refused):
        write_outputs({tmp_path / "feedback.html": "html 2"}, force=False)


def test_a_sealed_file_needs_no_manifest(tmp_path: Path) -> None:
    target = tmp_path / "CODEOWNERS"
    write_outputs({target: seal(f"# {UNSEALED}\n/a/ @o/t\n")}, force=False, manifest=False)
    write_outputs({target: seal(f"# {UNSEALED}\n/a/ @o/u\n")}, force=False, manifest=False)
    assert not (tmp_path / MANIFEST).exists()
    target.write_text(target.read_text() + "/b/ @o/t\n")
    with pytest.raises(Refused):
        write_outputs({target: seal(f"# {UNSEALED}\n/a/ @o/v\n")}, force=False, manifest=False)


def test_killed_between_two_files_both_still_count_as_ours(tmp_path: Path) -> None:
    write_outputs(two(tmp_path, "old md", "old html"), force=False)
    run_killed("feedback.html", WRITE_TWO, str(tmp_path), cwd=tmp_path)
    assert (tmp_path / "feedback.md").read_text() == "new md"
    assert (tmp_path / "feedback.html").read_text() == "old html"
    assert len(temporaries(tmp_path)) == 2  # the html and the final manifest, staged first
    write_outputs(two(tmp_path, "md", "html"), force=False)  # no refusal: nothing is the user's
    assert temporaries(tmp_path) == []
    listed = json.loads((tmp_path / MANIFEST).read_text())["files"]
    assert all(isinstance(h, str) for h in listed.values())  # one hash each again


def test_foreign_files_of_a_tree(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "legal").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "legal" / "index.html").write_text("legal")
    manifest_of_tree(site)
    # a redline written later into a subfolder, listed in that subfolder's own manifest
    write_outputs({site / "redline" / "a..b.html": "redline"}, force=False)
    (site / ".index.html.agreekit-x1y2z3w4.tmp").write_text("stale")  # a killed write's
    assert foreign_files(site) == []
    (site / "legal" / "index.html").write_text("edited")
    (site / "mine.txt").write_text("mine")
    assert foreign_files(site) == [site / "mine.txt", site / "legal" / "index.html"]
    assert foreign_files(tmp_path / "missing") == []


def test_a_users_dot_tmp_file_is_theirs_not_a_stale_temporary(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("home")
    manifest_of_tree(site)
    (site / ".notes.tmp").write_text("my notes")
    (site / ".index.html.abc.tmp").write_text("mine too")
    assert foreign_files(site) == [site / ".index.html.abc.tmp", site / ".notes.tmp"]
    write_outputs({site / "index.html": "new home"}, force=False)
    assert (site / ".notes.tmp").read_text() == "my notes"
    assert (site / ".index.html.abc.tmp").read_text() == "mine too"


def test_a_folder_in_the_way_is_refused_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "feedback.md").mkdir()
    (tmp_path / "feedback.md" / "kept.txt").write_text("mine")
    with pytest.raises(Refused) as refused:
        write_outputs(two(tmp_path, "md", "html"), force=True)
    assert "it is a folder" in str(refused.value)
    assert (tmp_path / "feedback.md" / "kept.txt").read_text() == "mine"
    assert not (tmp_path / "feedback.html").exists()


def test_a_file_where_a_folder_must_be_is_refused_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "dist").write_text("mine")
    with pytest.raises(Refused) as refused:
        write_outputs(two(tmp_path / "dist" / "notices", "md", "html"), force=True)
    assert "dist: not replaced: a file is where a folder must be" in str(refused.value)
    assert (tmp_path / "dist").read_text() == "mine"
