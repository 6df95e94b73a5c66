"""The cycles after a release: `amend` and `renew` start them, their records live in
records/VERSION/, the released cycles' records stay as they were and are not read, and `release`
names the cycle's version and refuses one that is not after the last release."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from agreekit.model.loader import load_agreement
from agreekit.model.values import TermDuration
from agreekit.versions import cycle, next_major
from agreekit.workflow.cycles import RenewalError, renewed_end, with_end_date
from conftest import ROOT, SampleRepo, git


def release(repo: SampleRepo, version: str) -> None:
    git(repo.root, "tag", "-a", version, "-m", f"released {version}")


def test_amend_before_any_release_is_refused(publishable: SampleRepo) -> None:
    result = publishable.cli("amend")
    assert result.returncode == 1 and "nothing is released yet" in result.stderr
    assert not any(p.is_dir() for p in publishable.path("records").iterdir())


def test_amend_writes_the_new_cycles_templates_once(publishable: SampleRepo) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    before = repo.read("records/negotiation.yml")
    result = repo.cli("amend")
    assert result.returncode == 0, result.stderr
    assert "An amendment of v1.0.0, released as v1.1.0" in result.stdout
    folder = repo.path("records/v1.1.0")
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(p.name for p in repo.path("records").glob("*.yml"))
    # one folder deeper: the schema path gains a ../ and still names the file
    first = (folder / "signing.yml").read_text().splitlines()[0]
    assert (
        first
        == "# yaml-language-server: $schema=../../../tooling/agreekit/schema/signing.schema.json"
    )
    assert (ROOT / "agreement/records/v1.1.0" / first.split("=")[1]).resolve().is_file()
    assert repo.read("records/negotiation.yml") == before  # the released cycle's, as it was
    assert cycle(repo.root) == ("amendment", "v1.0.0", "v1.1.0")
    # the templates load as not started; the first version's records are no longer read
    agreement, findings = load_agreement(repo.root)
    assert agreement is not None and agreement.records.cycle == "v1.1.0"
    assert agreement.records.all() == [] and not findings
    steps = {s["number"]: s for s in json.loads(repo.cli("status", "--json").stdout)["steps"]}
    assert steps[11]["state"] == "not started"
    assert "agreement/records/v1.1.0/negotiation.yml not filled in yet" in steps[11]["evidence"]
    again = repo.cli("amend")
    assert again.returncode == 0 and "nothing written" in again.stdout


def test_a_new_cycle_without_its_records_says_where_they_go(publishable: SampleRepo) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    repo.replace("sections/constraints.md", "The Charges are fixed", "The Charges are agreed")
    git(repo.root, "commit", "-qam", "Amend the budget")
    steps = {s["number"]: s for s in json.loads(repo.cli("status", "--json").stdout)["steps"]}
    for number in (11, 13, 14, 16, 17, 18):
        assert steps[number]["state"] == "not started", steps[number]
        assert " in agreement/records/v1.1.0/ (`agreekit amend`" in steps[number]["evidence"]


def test_the_newest_cycle_folder_is_read_and_checked(publishable: SampleRepo) -> None:
    repo = publishable
    folder = repo.path("records/v1.1.0")
    folder.mkdir()
    (folder / "negotiation.yml").write_text("items: [\n")
    (folder / "notes.txt").write_text("minutes\n")
    agreement, findings = load_agreement(repo.root)
    assert agreement is not None and agreement.records.cycle == "v1.1.0"
    files = {f.location.file for f in findings}
    assert "agreement/records/v1.1.0/negotiation.yml" in files  # broken, not missing
    assert "agreement/records/v1.1.0/notes.txt" in files
    assert agreement.records.broken and agreement.records.negotiation is None
    # a folder in records/ that is no version is still an unknown file
    repo.path("records/old").mkdir()
    _, findings = load_agreement(repo.root)
    assert any(f.location.file == "agreement/records/old" for f in findings)


def test_a_released_cycles_records_are_not_checked_against_the_new_text(
    publishable: SampleRepo,
) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    repo.cli("amend")
    # the amendment drops a stakeholder whom v1.0.0's negotiation names
    repo.replace("records/negotiation.yml", "stakeholder: tom-adeyemi", "stakeholder: nobody-now")
    result = repo.check()
    assert not [f for f in result.findings if "negotiation" in f.location.file]


def test_renew_renews_the_term_by_its_period_and_starts_v2(publishable: SampleRepo) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    repo.cli("amend")  # an amendment started first becomes the renewal's
    (repo.path("records/v1.1.0/negotiation.yml")).write_text("items: []\n")
    result = repo.cli("renew")
    assert result.returncode == 0, result.stderr
    assert "it now ends on 2031-01-31 (it ended on 2030-01-31)" in result.stdout
    assert "records/v1.1.0/ to agreement/records/v2.0.0/" in result.stdout
    text = repo.read("agreement.yml")
    assert (
        "  end_date: 2031-01-31\n" in text and "# yaml-language-server" in text
    )  # kept as written
    assert repo.read("records/v2.0.0/negotiation.yml") == "items: []\n"  # nothing lost
    assert not repo.path("records/v1.1.0").exists()
    assert cycle(repo.root) == ("renewal", "v1.0.0", "v2.0.0")
    data = json.loads(repo.cli("status", "--json").stdout)
    assert data["cycle"]["kind"] == "renewal"
    assert "a renewal of the term of v1.0.0" in repo.cli("status").stdout
    again = repo.cli("renew")  # idempotent: the term is not renewed twice
    assert again.returncode == 0 and "renewed since v1.0.0 already" in again.stdout
    assert "end_date: 2031-01-31" in repo.read("agreement.yml")


def test_renew_without_a_renewal_period_names_the_line(publishable: SampleRepo) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    repo.replace("agreement.yml", "    period: 12 months\n", "")
    result = repo.cli("renew")
    line = repo.line_of("agreement.yml", "  renewal:")
    assert result.returncode == 1
    assert f"agreement/agreement.yml:{line}:" in result.stderr and "12 months" in result.stderr
    assert "end_date: 2030-01-31" in repo.read("agreement.yml")


@pytest.mark.parametrize("period", ["best effort", "3 business days", "4 hours", "1.5 months", ""])
def test_a_renewal_period_must_be_whole_calendar_time(period: str) -> None:
    with pytest.raises(RenewalError):
        renewed_end(dt.date(2030, 1, 31), TermDuration(period))


def test_renewed_end_dates() -> None:
    assert renewed_end(dt.date(2030, 1, 31), TermDuration("12 months")) == dt.date(2031, 1, 31)
    assert renewed_end(dt.date(2030, 1, 31), TermDuration("1 month")) == dt.date(2030, 2, 28)
    assert renewed_end(dt.date(2030, 1, 31), TermDuration("2 years")) == dt.date(2032, 1, 31)
    assert with_end_date("term:\n  end_date: 2030-01-31  # last day\n", 2,
                         dt.date(2030, 1, 31), dt.date(2031, 1, 31)) == (
        "term:\n  end_date: 2031-01-31  # last day\n")  # fmt: skip
    assert with_end_date("a: 1\n", 1, dt.date(2030, 1, 31), dt.date(2031, 1, 31)) is None
    assert next_major("v1.4.2") == "v2.0.0"


def test_release_refuses_a_version_not_after_the_last(publishable: SampleRepo) -> None:
    repo = publishable
    release(repo, "v1.2.0")
    repo.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    git(repo.root, "commit", "-qam", "The meeting was held")  # records only: still v1.2.0's text
    unchanged = repo.cli("release")
    assert unchanged.returncode == 1 and "nothing new to release" in unchanged.stderr
    repo.replace("sections/constraints.md", "The Charges are fixed", "The Charges are agreed")
    git(repo.root, "commit", "-qam", "Amend the budget")
    for lower in ("v1.2.0", "v1.1.9", "v1.2.0-rc.1"):
        result = repo.cli("release", lower)
        assert result.returncode == 1, result.stdout
        assert f"{lower} is not after the last release, v1.2.0" in result.stderr
        assert "released as v1.3.0" in result.stderr
    assert git(repo.root, "tag", "--list", "v*").split() == ["v1.2.0"]


def test_an_approval_of_the_released_text_is_refused_in_a_new_cycle(
    publishable: SampleRepo,
) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    repo.cli("amend")  # the amendment is started, its text not yet committed
    result = repo.cli("approve", "initial", "--as", "amara-okafor")
    assert result.returncode == 1
    assert "HEAD is v1.0.0's released text" in result.stderr
    assert git(repo.root, "tag", "--list", "approvals/*") == ""


def test_a_renewal_whose_records_are_in_the_amendments_folder_is_not_released(
    publishable: SampleRepo,
) -> None:
    repo = publishable
    release(repo, "v1.0.0")
    repo.cli("amend")
    repo.replace("agreement.yml", "end_date: 2030-01-31", "end_date: 2031-01-31")  # renewed by hand
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "Renew the term")
    assert cycle(repo.root) == ("renewal", "v1.0.0", "v2.0.0")
    result = repo.cli("release")
    assert result.returncode == 1
    assert (
        "this cycle's records are in agreement/records/v1.1.0/ but it is released as v2.0.0: "
        "`git mv agreement/records/v1.1.0 agreement/records/v2.0.0`"
    ) in result.stdout
