"""1xx for records: every stakeholder, section and department a record names exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.finding import ERROR, Explanation, Finding, Rule
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


FAMILY = Family()


AK108 = Rule(
    "AK108",
    "unknown-reference",
    ERROR,
    summary=(
        "A record names a stakeholder, section or department that agreement.yml does not have."
    ),
    hint=("Use an id that agreement.yml defines, or add the stakeholder, section or department."),
    explanation=Explanation(
        what=(
            "A workflow record in `agreement/records/` names a stakeholder, section or "
            "department id that agreement.yml does not define: a negotiation item's "
            "stakeholder or section, the legal reviewer, a member of the internal review "
            "team, the signing meeting's organiser or attendees, or a department in the "
            "communication plan."
        ),
        why=(
            "Records are the evidence for steps 11-19 of the workflow. Evidence that "
            "points at nobody cannot show who asked, who reviewed or who was invited."
        ),
        example=(
            "# records/signing.yml\n"
            "meeting:\n"
            "  organiser: dan-reeve      # the stakeholder's id is daniel-reeve"
        ),
        fix="Use the id as written in agreement.yml, or add the missing stakeholder there.",
        fixed=("meeting:\n  organiser: daniel-reeve"),
    ),
)


@FAMILY.check(AK108)
def record_references_known(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
                    yield AK108.at(record.source.locate(*path), message)


AK109 = Rule(
    "AK109",
    "signatory-not-invited",
    ERROR,
    summary="A signatory is not among the signing meeting's attendees.",
    hint="Add every signatory to meeting.attendees in records/signing.yml.",
    explanation=Explanation(
        what=(
            "A stakeholder marked `signatory: true` is not among the attendees of the "
            "signing meeting in `records/signing.yml`."
        ),
        why=(
            "The meeting exists so that every signatory signs the same final text "
            "together; one who is not invited stalls step 19."
        ),
        example=(
            "meeting:\n  attendees: [daniel-reeve, sofia-marin]   # neither signatory invited"
        ),
        fix="Add every signatory to `meeting.attendees`.",
    ),
)


@FAMILY.check(AK109)
def signatories_invited(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
            yield AK109.at(signing.source.key_location("meeting", "attendees"), message)


AK407 = Rule(
    "AK407",
    "department-not-told",
    ERROR,
    summary="A department of agreement.yml is missing from the communication plan.",
    hint="Add the department to records/communication.yml.",
    explanation=Explanation(
        what=(
            "A department listed in agreement.yml is missing from the communication plan "
            "in `records/communication.yml`."
        ),
        why=(
            "Step 17 of the workflow tells every relevant department about the "
            "agreement; a department left out of the plan is never told its key terms."
        ),
        example=(
            "departments:\n"
            "  - department: it\n"
            "  - department: finance     # hr and operations are never told"
        ),
        fix=("Add each department of agreement.yml under `departments` in the communication plan."),
    ),
)


@FAMILY.check(AK407)
def every_department_in_plan(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
            yield AK407.at(plan.source.key_location("departments"), message)
