"""`agreekit codeowners`: print, write and check .github/CODEOWNERS."""

from __future__ import annotations

from conftest import ROOT, SampleRepo
from safety import kill_cli, temporaries


def test_print_write_and_check(sample: SampleRepo) -> None:
    printed = sample.cli("codeowners")
    assert printed.stdout == (ROOT / ".github" / "CODEOWNERS").read_text()
    missing = sample.cli("codeowners", "--check")
    assert missing.returncode == 1 and "missing" in missing.stdout
    assert sample.cli("codeowners", "--write").stdout.startswith("Wrote .github/CODEOWNERS")
    assert sample.cli("codeowners", "--check").returncode == 0
    assert "up to date" in sample.cli("codeowners", "--write").stdout


def test_a_change_of_owners_puts_it_out_of_sync(sample: SampleRepo) -> None:
    sample.cli("codeowners", "--write")
    sample.replace("sections/legal.md", "owners: [management, legal]", "owners: [management]")
    result = sample.cli("codeowners", "--check")
    assert result.returncode == 1 and "out of sync" in result.stdout
    assert sample.cli("check").returncode == 1  # AK402, as the repository now has .github/


def test_an_unloadable_agreement_is_reported_without_a_traceback(sample: SampleRepo) -> None:
    sample.write("agreement.yml", "title: [unclosed\n")
    result = sample.cli("codeowners", "--write")
    assert result.returncode == 2 and "AK901" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (sample.root / ".github").exists()


def test_an_edited_or_hand_written_codeowners_is_kept_until_force(sample: SampleRepo) -> None:
    path = sample.root / ".github" / "CODEOWNERS"
    path.parent.mkdir()
    path.write_text("* @my-org/everyone\n")
    refused = sample.cli("codeowners", "--write")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (
        "error: .github/CODEOWNERS: not replaced: agreekit did not write it, or it was edited "
        "since; pass --force to replace it, or move it away\n"
    )
    assert path.read_text() == "* @my-org/everyone\n"
    assert sample.cli("codeowners", "--write", "--force").returncode == 0

    # A generated file that is merely out of date is agreekit's to replace ...
    sample.replace("sections/legal.md", "owners: [management, legal]", "owners: [management]")
    assert sample.cli("codeowners", "--write").returncode == 0
    # ... but once someone edits it by hand, it is theirs.
    path.write_text(path.read_text().replace("# Management owns", "# Management (Amara) owns"))
    assert sample.cli("codeowners", "--write").returncode == 2
    assert "# Management (Amara) owns" in path.read_text()


def test_killed_while_writing_leaves_the_old_codeowners(sample: SampleRepo) -> None:
    sample.cli("codeowners", "--write")
    path = sample.root / ".github" / "CODEOWNERS"
    before = path.read_bytes()
    sample.replace("sections/legal.md", "owners: [management, legal]", "owners: [management]")
    kill_cli("CODEOWNERS", "codeowners", "--write", cwd=sample.root)
    assert path.read_bytes() == before
    assert len(temporaries(path.parent)) == 1
    assert sample.cli("codeowners", "--write").returncode == 0  # the stale file is no obstacle
    assert temporaries(path.parent) == []
    assert sample.cli("codeowners", "--check").returncode == 0
