"""Atomic writes of files and folders: a killed process leaves the old target intact."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from agreekit import files
from agreekit.files import replaced_folder, write_atomic
from safety import run_killed, snapshot, temporaries

WRITE = "from pathlib import Path; from agreekit.files import write_atomic; " + (
    "write_atomic(Path(sys.argv[3]), 'new text\\n' * 1000)"
)


def test_write_atomic_replaces_the_content_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert temporaries(tmp_path) == []


def test_killed_before_the_rename_leaves_the_old_file_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "CODEOWNERS"
    target.write_bytes(b"old \xc3\xa9 bytes\r\n")
    run_killed("CODEOWNERS", WRITE, str(target), cwd=tmp_path)
    assert target.read_bytes() == b"old \xc3\xa9 bytes\r\n"
    [stale] = temporaries(tmp_path)
    assert stale.startswith(".CODEOWNERS.agreekit-")

    (tmp_path / ".other.md.abc.tmp").write_text("another target's")
    write_atomic(target, "new\n")  # the next write of the same target removes its stale file
    assert target.read_text() == "new\n"
    assert temporaries(tmp_path) == [".other.md.abc.tmp"]


def test_killed_before_the_first_write_leaves_no_target(tmp_path: Path) -> None:
    run_killed("new.md", WRITE, str(tmp_path / "new.md"), cwd=tmp_path)
    assert not (tmp_path / "new.md").exists()


def test_replaced_folder_swaps_the_whole_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old")
    with replaced_folder(site) as staging:
        (staging / "index.html").write_text("new")
        assert site.exists() and staging.parent == tmp_path
    assert snapshot(site) == snapshot(tmp_path / "site")
    assert sorted(snapshot(site)) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_error_in_the_block_keeps_the_old_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    with pytest.raises(RuntimeError), replaced_folder(site) as staging:
        (staging / "index.html").write_text("half")
        raise RuntimeError("build failed")
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_without_an_atomic_exchange_two_renames_still_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "exchange", lambda first, second: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    with replaced_folder(site) as staging:
        (staging / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


SWAP = "from pathlib import Path; from agreekit.files import replaced_folder\n" + (
    "with replaced_folder(Path(sys.argv[3])) as staging:\n"
    "    (staging / 'index.html').write_text('new')\n"
)


def test_killed_at_the_swap_leaves_the_old_folder_and_the_next_swap_cleans_up(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    os.chmod(site, 0o755)
    run_killed("site", SWAP, str(site), cwd=tmp_path)
    assert sorted(snapshot(site)) == ["index.html"]
    assert (site / "index.html").read_text() == "old"
    assert len(temporaries(tmp_path)) == 1

    with replaced_folder(site) as staging:
        (staging / "index.html").write_text("newer")
    assert (site / "index.html").read_text() == "newer"
    assert temporaries(tmp_path) == []
