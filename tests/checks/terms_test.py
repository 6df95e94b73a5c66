"""2xx term and money: each defect planted in the clean sample gives one finding at its line."""

from __future__ import annotations

import pytest

from checks.planted import Defect, assert_planted
from conftest import SampleRepo, only

AY = "agreement.yml"
TERMS = "sections/terms.md"

DEFECTS = [
    Defect("AK220", AY, "end_date: 2030-01-31", "end_date: 2026-01-31", "end_date:"),
    Defect("AK220", AY, "- 2029-01-31", "- 2031-01-31", "- 2031-01-31"),
    Defect("AK221", AY, "notice: 90 days", "notice: 13 months", "notice: 13 months"),
    Defect("AK221", AY, "notice: 90 days", "notice: a quarter", "notice: a quarter"),
    Defect("AK222", TERMS, 'amount: "5760.00"', 'amount: "5670.00"', 'amount: "5670.00"'),
    Defect("AK222", TERMS, 'total: "9575.00"', 'total: "9755.00"', "total:"),
    Defect("AK223", TERMS, "currency: GBP", "currency: UKP", "currency: UKP"),
    Defect(
        "AK223",
        TERMS,
        '      amount: "650.00"\n',
        '      amount: "650.00"\n      currency: EUR\n',
        "currency: EUR",
    ),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: f"{d.code}-{d.new[:24]}")
def test_planted_defect_is_found_at_its_line(sample: SampleRepo, defect: Defect) -> None:
    assert_planted(sample, defect)


def test_declared_second_currency_is_allowed(sample: SampleRepo) -> None:
    sample.replace(
        TERMS, '      amount: "650.00"\n', '      amount: "650.00"\n      currency: EUR\n'
    )
    sample.replace(TERMS, "  currency: GBP\n", "  currency: GBP\n  currencies: [EUR]\n")
    assert only(sample.check().findings, "AK223") == []


def _signing(sample: SampleRepo, date: str) -> None:
    sample.replace("records/signing.yml", "  date: 2027-01-20", f"  date: {date}")


def test_signing_after_effective_date_is_224(
    sample: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGREEKIT_TODAY", "2027-01-10")
    _signing(sample, "2027-03-01")
    found = only(sample.check().findings, "AK224")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/records/signing.yml", sample.line_of("records/signing.yml", "  date:"))
    ]
    assert "after the effective date" in found[0].message


def test_signing_in_the_past_is_224(sample: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGREEKIT_TODAY", "2027-01-25")
    _signing(sample, "2027-01-20")
    found = only(sample.check().findings, "AK224")
    assert [f.message for f in found] == [
        "the signing meeting (2027-01-20) is in the past (today is 2027-01-25); reschedule it, or mark it held: true"
    ]


def test_signing_on_time_is_clean(sample: SampleRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGREEKIT_TODAY", "2027-01-10")
    _signing(sample, "2027-01-20")
    assert sample.check().findings == []


def test_a_held_meeting_may_be_in_the_past(
    sample: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGREEKIT_TODAY", "2027-01-25")
    sample.replace("records/signing.yml", "  organiser:", "  held: true\n  organiser:")
    assert sample.check().findings == []
