"""Records: typed and located like the rest of the agreement, and their references resolve."""

from __future__ import annotations

from agreekit.finding import Location
from conftest import SampleRepo, only


def test_sample_records_load(sample: SampleRepo) -> None:
    result = sample.check()
    assert result.agreement is not None
    records = result.agreement.records
    assert records.negotiation is not None and len(records.negotiation.model.items) == 5
    assert records.signing is not None
    assert records.signing.model.meeting.timezone == "Europe/London"
    assert len(records.all()) == 5


def test_invalid_status_is_104_at_the_value(sample: SampleRepo) -> None:
    sample.replace("records/negotiation.yml", "    status: agreed\n", "    status: done\n")
    found = only(sample.check().findings, "AK104")
    line = sample.line_of("records/negotiation.yml", "status: done")
    assert [f.location for f in found] == [Location("agreement/records/negotiation.yml", line, 13)]
    assert "'items.0.status'" in found[0].message


def test_unknown_attendee_is_108(sample: SampleRepo) -> None:
    sample.replace("records/signing.yml", "    - sofia-marin\n", "    - sofia-martin\n")
    found = only(sample.check().findings, "AK108")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/records/signing.yml", sample.line_of("records/signing.yml", "sofia-martin"))
    ]
    assert "unknown stakeholder 'sofia-martin'" in found[0].message


def test_unknown_section_in_negotiation_is_108(sample: SampleRepo) -> None:
    sample.replace("records/negotiation.yml", "section: constraints", "section: constraint")
    found = only(sample.check().findings, "AK108")
    assert len(found) == 1
    assert found[0].location.line == sample.line_of(
        "records/negotiation.yml", "section: constraint"
    )


def test_signatory_not_invited_is_109(sample: SampleRepo) -> None:
    sample.replace("records/signing.yml", "    - mark-ellison\n", "")
    found = only(sample.check().findings, "AK109")
    assert len(found) == 1
    assert "mark-ellison" in found[0].message
    assert found[0].location.line == sample.line_of("records/signing.yml", "attendees:")


def test_department_missing_from_plan_is_407(sample: SampleRepo) -> None:
    sample.replace("records/communication.yml", "  - department: hr\n    channel: email\n", "")
    found = only(sample.check().findings, "AK407")
    assert [f.message for f in found] == [
        "department 'hr' (HR department) is missing from the communication plan; add it under departments"
    ]


def test_records_are_optional(sample: SampleRepo) -> None:
    for record in sample.path("records").iterdir():
        record.unlink()
    assert sample.check().findings == []


def test_placeholder_in_a_record_is_105(sample: SampleRepo) -> None:
    sample.replace("records/signing.yml", "  place: Board room", "  place: TBC Board room")
    found = only(sample.check().findings, "AK105")
    assert [f.location.line for f in found] == [sample.line_of("records/signing.yml", "place:")]
