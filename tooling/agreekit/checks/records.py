"""1xx for records: every stakeholder, section and department a record names exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agreekit.finding import Finding, finding
from agreekit.model.agreement import Agreement
from agreekit.model.records import Record

# For each record attribute: (path pattern, kind). "*" is every item of a list.
REFERENCES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "negotiation": (
        (("items", "*", "stakeholder"), "stakeholder"),
        (("items", "*", "section"), "section"),
    ),
    "legal_review": ((("reviewer",), "stakeholder"), (("items", "*", "section"), "section")),
    "internal_review": (
        (("team", "*"), "stakeholder"),
        (("comments", "*", "by"), "stakeholder"),
        (("comments", "*", "section"), "section"),
    ),
    "signing": (
        (("meeting", "organiser"), "stakeholder"),
        (("meeting", "attendees", "*"), "stakeholder"),
    ),
    "communication": ((("departments", "*", "department"), "department"),),
}


def _values(
    data: Any, pattern: tuple[str, ...], path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _values(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, (*path, head))


def record_references_known(agreement: Agreement) -> Iterator[Finding]:
    """AK108"""
    known = {
        "stakeholder": {s.id for s in agreement.file.stakeholders},
        "section": set(agreement.file.sections),
        "department": {d.id for d in agreement.file.departments},
    }
    for attribute, references in REFERENCES.items():
        record: Record[Any] | None = getattr(agreement.records, attribute)
        if record is None:
            continue
        for pattern, kind in references:
            for path, value in _values(record.data, pattern):
                if value not in known[kind]:
                    message = (
                        f"unknown {kind} '{value}'; use one of the {kind} ids in agreement.yml"
                    )
                    yield finding("AK108", record.source.locate(*path), message)


def signatories_invited(agreement: Agreement) -> Iterator[Finding]:
    """AK109"""
    signing = agreement.records.signing
    if signing is None:
        return
    attendees = set(signing.model.meeting.attendees)
    for stakeholder in agreement.file.stakeholders:
        if stakeholder.signatory and stakeholder.id not in attendees:
            message = (
                f"signatory '{stakeholder.id}' ({stakeholder.name}) is not invited to the signing "
                "meeting; add them to meeting.attendees"
            )
            yield finding("AK109", signing.source.key_location("meeting", "attendees"), message)


def every_department_in_plan(agreement: Agreement) -> Iterator[Finding]:
    """AK407"""
    plan = agreement.records.communication
    if plan is None:
        return
    planned = {notice.department for notice in plan.model.departments}
    for department in agreement.file.departments:
        if department.id not in planned:
            message = (
                f"department '{department.id}' ({department.name}) is missing from the "
                "communication plan; add it under departments"
            )
            yield finding("AK407", plan.source.key_location("departments"), message)
