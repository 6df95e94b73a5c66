"""`agreekit codeowners`: print, write and check .github/CODEOWNERS."""

from __future__ import annotations

from conftest import ROOT, SampleRepo


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
