"""How far each record step (11, 13, 14, 16, 17, 18) has got, from the typed records alone.

Each rule returns None while its record does not exist (the step has not started), or whether the
record is complete with the evidence to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from agreekit.model.agreement import Agreement
from agreekit.workflow.feedback import from_records


class Progress(NamedTuple):
    complete: bool
    evidence: str


def _ids(items: list[str]) -> str:
    return ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def negotiation(agreement: Agreement) -> Progress | None:
    record = agreement.records.negotiation
    if record is None:
        return None
    items = record.model.items
    pending = [i.id for i in items if i.status == "pending" or not i.revised_term.strip()]
    if not items:
        return Progress(False, "records/negotiation.yml has no feedback items yet")
    if pending:
        return Progress(False, f"{len(pending)} of {len(items)} items pending: {_ids(pending)}")
    return Progress(True, f"all {len(items)} feedback items agreed with revised terms")


def legal_review(agreement: Agreement) -> Progress | None:
    record = agreement.records.legal_review
    if record is None:
        return None
    items = record.model.items
    still_open = [i.id for i in items if i.status == "open"]
    if still_open:
        return Progress(False, f"{len(still_open)} legal items open: {_ids(still_open)}")
    return Progress(True, f"all {len(items)} legal concerns and requirements resolved")


def internal_review(agreement: Agreement) -> Progress | None:
    record = agreement.records.internal_review
    if record is None:
        return None
    review = record.model
    team = ", ".join(p.name for i in review.team if (p := agreement.stakeholder(i)))
    if review.outcome != "approved":
        return Progress(False, f"review of {review.date} by {team} requested changes")
    return Progress(True, f"approved on {review.date} by {team}")


def signing_meeting(agreement: Agreement) -> Progress | None:
    record = agreement.records.signing
    if record is None:
        return None
    meeting = record.model.meeting
    invited = set(meeting.attendees)
    missing = [s.name for s in agreement.file.stakeholders if s.signatory and s.id not in invited]
    when = f"{meeting.date} {meeting.time} {meeting.timezone}, {meeting.place or meeting.link}"
    if missing:
        return Progress(False, f"meeting {when}; not invited: {', '.join(missing)}")
    return Progress(True, f"meeting {when} with {len(invited)} attendees (`agreekit meeting`)")


def communication(agreement: Agreement) -> Progress | None:
    record = agreement.records.communication
    if record is None:
        return None
    untold = [n.department for n in record.model.departments if n.told is None]
    total = len(record.model.departments)
    if untold:
        return Progress(
            False, f"{total - len(untold)} of {total} departments told; next: {_ids(untold)}"
        )
    return Progress(True, f"all {total} departments told (`agreekit announce`)")


def feedback(agreement: Agreement) -> Progress | None:
    if not any((agreement.records.negotiation, agreement.records.legal_review,
                agreement.records.internal_review)):  # fmt: skip
        return None
    entries = from_records(agreement)
    still_open = [e.item_id for e in entries if e.open]
    if still_open:
        return Progress(
            False, f"{len(still_open)} of {len(entries)} feedback items open: {_ids(still_open)}"
        )
    return Progress(True, f"all {len(entries)} feedback items resolved (`agreekit feedback`)")


RULES: dict[int, Callable[[Agreement], Progress | None]] = {
    11: negotiation,
    13: legal_review,
    14: internal_review,
    16: signing_meeting,
    17: communication,
    18: feedback,
}
