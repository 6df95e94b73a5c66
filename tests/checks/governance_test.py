"""4xx governance checks on a copy of the sample with its generated .github/CODEOWNERS."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, SampleRepo, codes, only


@pytest.fixture
def governed(sample: SampleRepo) -> SampleRepo:
    shutil.copytree(ROOT / ".github", sample.root / ".github")
    return sample


def edit_codeowners(repo: SampleRepo, old: str, new: str) -> None:
    path = repo.root / ".github" / "CODEOWNERS"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_generated_codeowners_is_clean(governed: SampleRepo) -> None:
    assert governed.check().findings == []


def test_a_repository_not_on_github_skips_the_codeowners_checks(sample: SampleRepo) -> None:
    assert sample.check().findings == []
    (sample.root / ".github").mkdir()
    assert codes(sample.check().findings) == ["AK402"]


def test_401_unowned_file(governed: SampleRepo) -> None:
    with (governed.root / ".github" / "CODEOWNERS").open("a") as stream:
        stream.write("/agreement/records/\n")  # a pattern with no owners unowns
    found = only(governed.check().findings, "AK401")
    records = sorted(
        f"agreement/records/{p.name}" for p in (governed.agreement / "records").iterdir()
    )
    assert [f.location.file for f in found] == records


def test_402_out_of_sync_points_at_the_line(governed: SampleRepo) -> None:
    governed.replace(
        "sections/constraints.md", "owners: [management]", "owners: [management, legal]"
    )
    found = only(governed.check().findings, "AK402")
    assert len(found) == 1
    assert found[0].location.line == 10
    both = "@harbourside-housing/itsa-management @harbourside-housing/itsa-legal"
    assert f"/agreement/sections/constraints.md {both}" in found[0].message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("!/agreement/records/ @harbourside-housing/itsa-management", "negation"),
        ("/agreement/[ab]*.md @harbourside-housing/itsa-management", "character ranges"),
        ("\\#notes @harbourside-housing/itsa-management", "escapes"),
    ],
)
def test_403_syntax_github_ignores(governed: SampleRepo, line: str, expected: str) -> None:
    codeowners = governed.root / ".github" / "CODEOWNERS"
    with codeowners.open("a") as stream:
        stream.write(line + "\n")
    found = only(governed.check().findings, "AK403")
    assert len(found) == 1 and expected in found[0].message
    last = len(codeowners.read_text().splitlines())
    assert found[0].location == (".github/CODEOWNERS", last, 1)


def test_404_unknown_owner(governed: SampleRepo) -> None:
    edit_codeowners(
        governed, "/agreement/ @harbourside-housing/itsa-management", "/agreement/ @somebody"
    )
    found = only(governed.check().findings, "AK404")
    assert [f.location.line for f in found] == [7]


def test_405_workflows_not_owned_by_management(governed: SampleRepo) -> None:
    edit_codeowners(
        governed,
        "/.github/workflows/ @harbourside-housing/itsa-management",
        "/.github/workflows/ @harbourside-housing/itsa-legal",
    )
    found = only(governed.check().findings, "AK405")
    assert {f.message.split(" ")[0] for f in found} == {
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/record-approval.yml",
        ".github/workflows/release.yml",
        ".github/workflows/reminders.yml",
    }


def test_406_required_role_missing(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", "roles: [legal]", "roles: [reviewer]")
    found = only(sample.check().findings, "AK406")
    assert len(found) == 1 and "'legal'" in found[0].message
    assert found[0].location.line == sample.line_of("agreement.yml", "stakeholders:")
