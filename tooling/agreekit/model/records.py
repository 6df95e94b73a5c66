"""Workflow records in `agreement/records/`: what happened at steps 11-19, typed and located.

Each record is one YAML file. The first version's records are in records/; each later cycle's
(an amendment or a renewal) in records/VERSION/, the version it is released as. Only the newest
cycle's are loaded and checked; the released cycles' stay as they were. None is published.
"""

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from agreekit.finding import Finding
from agreekit.model.agreement_file import Identifier
from agreekit.model.frozen import frozen
from agreekit.model.source import SourceMap
from agreekit.model.typed import model, spec
from agreekit.model.values import TimeOfDay
from agreekit.zones import zone_problem

RecordModel = TypeVar("RecordModel")


@model
class FeedbackItem:
    id: Identifier
    stakeholder: Identifier = spec(description="Stakeholder id of who raised it.")
    section: Identifier = spec(description="Section id the feedback is about.")
    request: str = spec(description="What the stakeholder asked for.")
    revised_term: str = spec("", description="How the agreement was changed in answer.")
    status: Literal["agreed", "pending"]
    raised: dt.date
    resolved: dt.date | None = None
    source: str = spec("", description="Where it was raised, e.g. a pull request comment URL.")


@model
class NegotiationRecord:
    """Step 11: stakeholder feedback and the revised terms it led to."""

    items: tuple[FeedbackItem, ...] = spec(factory=tuple)


@model
class LegalItem:
    id: Identifier
    kind: Literal["concern", "requirement"]
    section: Identifier
    description: str
    resolution: str = ""
    status: Literal["resolved", "open"]
    raised: dt.date
    resolved: dt.date | None = None
    source: str = ""


@model
class LegalReviewRecord:
    """Step 13: legal concerns or requirements and how the text resolved them."""

    reviewer: Identifier
    items: tuple[LegalItem, ...] = spec(factory=tuple)


@model
class ReviewComment:
    id: Identifier
    by: Identifier
    section: Identifier
    comment: str
    status: Literal["resolved", "open"] = "resolved"
    resolution: str = ""


@model
class InternalReviewRecord:
    """Step 14: who reviewed the edited agreement, when, and the outcome."""

    team: tuple[Identifier, ...] = spec(
        min_length=1, description="Stakeholder ids of the review team."
    )
    date: dt.date
    outcome: Literal["approved", "changes-requested"]
    comments: tuple[ReviewComment, ...] = spec(factory=tuple)


def _clock_problem(time: TimeOfDay) -> str:
    if time.clock() is None:
        return f"'{time}' is no time of day; write HH:MM, from 00:00 to 23:59"
    return ""


@model
class Meeting:
    date: dt.date
    time: TimeOfDay = spec(
        pattern=r"^\d{2}:\d{2}$",
        description="Local start time, HH:MM.",
        hint="write HH:MM",
        check=_clock_problem,
    )
    duration_minutes: int = spec(60, gt=0, le=24 * 60)
    timezone: str = spec(description="IANA time zone, e.g. Europe/London.", check=zone_problem)
    place: str = ""
    link: str = ""
    organiser: Identifier
    attendees: tuple[Identifier, ...] = spec(min_length=1)
    held: bool = spec(False, description="Set once the meeting has taken place.")


@model
class Invitation:
    """What `agreekit meeting` last sent, so that a moved meeting goes out as an update."""

    sequence: int = spec(
        0, gt=-1, description="RFC 5545 SEQUENCE of the last invitation; agreekit raises it."
    )
    fingerprint: str = spec(
        "", description="Digest of the time, place and attendees the invitation was sent for."
    )


@model
class SigningRecord:
    """Step 16: the signing meeting. Signatures themselves are signed git tags (`agreekit sign`)."""

    meeting: Meeting
    invitation: Invitation | None = spec(
        None, description="Written by `agreekit meeting`; do not edit by hand."
    )


@model
class DepartmentNotice:
    department: Identifier
    told: dt.date | None = spec(None, description="When the department was told; empty until then.")
    channel: str = ""


@model
class CommunicationRecord:
    """Step 17: which departments are told, the overview of key terms, and when each was told."""

    overview: str = spec(description="The key terms and requirements every department must know.")
    departments: tuple[DepartmentNotice, ...] = spec(min_length=1)


# file name in records/ -> (attribute of Records, model)
RECORD_FILES: dict[str, tuple[str, type[Any]]] = {
    "negotiation.yml": ("negotiation", NegotiationRecord),
    "legal-review.yml": ("legal_review", LegalReviewRecord),
    "internal-review.yml": ("internal_review", InternalReviewRecord),
    "signing.yml": ("signing", SigningRecord),
    "communication.yml": ("communication", CommunicationRecord),
}


@frozen
class Record(Generic[RecordModel]):
    """A loaded record file: its typed value, its plain data and where each value was written."""

    file: str
    model: RecordModel
    data: dict[str, Any]
    source: SourceMap


@frozen
class Records:
    negotiation: Record[NegotiationRecord] | None = None
    legal_review: Record[LegalReviewRecord] | None = None
    internal_review: Record[InternalReviewRecord] | None = None
    signing: Record[SigningRecord] | None = None
    communication: Record[CommunicationRecord] | None = None
    # The first problem of each record file that exists but does not load (or of the folder):
    # such a record is broken, not "not written yet".
    broken: tuple[Finding, ...] = ()
    # The cycle they belong to: None for the first version's (records/), else the version whose
    # folder they are in (records/v1.1.0/).
    cycle: str | None = None

    @property
    def folder(self) -> str:
        """Where they are, under the agreement folder: `records` or `records/v1.1.0`."""
        return f"records/{self.cycle}" if self.cycle else "records"

    def all(self) -> list[Record[Any]]:
        found = [self.negotiation, self.legal_review, self.internal_review, self.signing]
        return [r for r in (*found, self.communication) if r is not None]
