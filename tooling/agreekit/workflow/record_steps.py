"""How far each record step (11, 13, 14, 16, 17, 18) has got, from the typed records alone.

Each rule returns None while its record does not exist (the step has not started), or whether the
record is complete with the evidence to show. A complete record still leaves its step undone while
`check` reports a finding in it (`record_problems`): a department the plan leaves out, an unknown
stakeholder, a date that has not come yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from agreekit import clock
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement
from agreekit.workflow.feedback import from_records
from agreekit.workflow.meeting import fingerprint


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
        return Progress(False, f"{record.file} has no feedback items yet")
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
    if not meeting.held and meeting.date < clock.today():
        return Progress(False, f"meeting {when} has passed: mark it `held: true` in {record.file}")
    sent = record.model.invitation
    if sent is None:
        return Progress(False, f"meeting {when}; no invitation yet: run `agreekit meeting`")
    if sent.fingerprint != fingerprint(meeting):
        return Progress(
            False, f"meeting {when}; it changed since the invitation: run `agreekit meeting`"
        )
    return Progress(True, f"meeting {when}, invitation sent to {len(invited)} attendees")


def communication(agreement: Agreement) -> Progress | None:
    record = agreement.records.communication
    if record is None:
        return None
    today = clock.today()
    untold = [n.department for n in record.model.departments if n.told is None or n.told > today]
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


def record_problems(agreement: Agreement, record: str, findings: Sequence[Finding]) -> str:
    """What `check` reports in the step's record, in a few words; empty when nothing."""
    path = f"{agreement.directory}/{agreement.records.folder}/{record}"
    found = [f for f in findings if f.location.file == path]
    if not found:
        return ""
    codes = ", ".join(sorted({f.code for f in found}))
    return f"check reports {len(found)} finding{'s' if len(found) > 1 else ''} in {path} ({codes})"


RULES: dict[int, Callable[[Agreement], Progress | None]] = {
    11: negotiation,
    13: legal_review,
    14: internal_review,
    16: signing_meeting,
    17: communication,
    18: feedback,
}
