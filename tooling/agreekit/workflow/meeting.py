"""The signing meeting as an iCalendar invitation (RFC 5545) that every calendar can open.

Times are written in UTC (`DTSTART:20270120T100000Z`): a VTIMEZONE is read differently by
icalendar, vobject and ical.js (icalendar writes RDATE lists that the others misread), while a UTC
instant is read the same by every client, which then shows it in its user's own zone. The local
time and zone stay in the description. SEQUENCE rises each time the time, place or attendees
change (RFC 5546 section 2.1.4), from the count kept in records/signing.yml.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from icalendar import Calendar, Event, vCalAddress, vText

from agreekit import __version__, zones
from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Stakeholder
from agreekit.model.records import Meeting, SigningRecord


class MeetingError(Exception):
    """The signing record cannot make an invitation; the message says what to fix."""


def _address(person: Stakeholder, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    if role is not None:
        address.params["ROLE"] = vText(role)
    return address


def fingerprint(meeting: Meeting) -> str:
    """A digest of what makes an invitation a different one: time, place and who comes."""
    facts = {
        "date": meeting.date.isoformat(),
        "time": meeting.time.text,
        "duration": meeting.duration_minutes,
        "timezone": meeting.timezone,
        "place": meeting.place,
        "link": meeting.link,
        "organiser": meeting.organiser,
        "attendees": sorted(meeting.attendees),
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]


def next_sequence(signing: SigningRecord) -> int:
    """The SEQUENCE for an invitation now: the last one again, or one more if the meeting moved."""
    sent = signing.invitation
    if sent is None:
        return 0
    if sent.fingerprint == fingerprint(signing.meeting):
        return sent.sequence
    return sent.sequence + 1


_INVITATION_BLOCK = re.compile(r"^invitation:[^\n]*\n(?:(?:[ \t]+[^\n]*|[ \t]*)(?:\n|$))*", re.M)


def with_invitation(text: str, sequence: int, digest: str) -> str:
    """signing.yml's text with agreekit's `invitation:` block set; the rest is kept byte for byte."""
    block = (
        "invitation:  # written by `agreekit meeting`: the last invitation sent\n"
        f"  sequence: {sequence}\n"
        f"  fingerprint: {digest}\n"
    )
    if _INVITATION_BLOCK.search(text):
        return _INVITATION_BLOCK.sub(lambda _: block, text, count=1)
    return text + ("" if not text or text.endswith("\n") else "\n") + block


def _party_name(agreement: Agreement, person: Stakeholder) -> str:
    parties = agreement.file.parties
    return (parties.customer if person.party == "customer" else parties.provider).name


def _person(agreement: Agreement, stakeholder_id: str) -> Stakeholder:
    person = agreement.stakeholder(stakeholder_id)
    if person is None:
        raise MeetingError(f"records/signing.yml names unknown stakeholder '{stakeholder_id}'")
    return person


def invitation(agreement: Agreement, version: str, stamp: dt.datetime) -> bytes:
    """The .ics for the signing meeting in records/signing.yml; `version` is the PDF to sign."""
    signing = agreement.records.signing
    if signing is None:
        raise MeetingError("no agreement/records/signing.yml; schedule the meeting there first")
    meeting: Meeting = signing.model.meeting
    try:
        zone = zones.zone(meeting.timezone)
        clock = meeting.time.clock()
        if clock is None:  # the record's own check refuses it when it loads
            raise ValueError(f"'{meeting.time}' is no time of day")
        local_start = dt.datetime.combine(meeting.date, clock, tzinfo=zone)
        start = local_start.astimezone(dt.UTC)  # what the .ics holds must exist too
        end = start + dt.timedelta(minutes=meeting.duration_minutes)
    except (ValueError, OverflowError) as error:
        raise MeetingError(f"{signing.file}: the meeting's date, time or zone: {error}") from error
    file = agreement.file

    calendar = Calendar()
    calendar.add("prodid", f"-//agreekit//agreekit {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"{file.reference or file.title}-signing@agreekit".replace(" ", "-"))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("sequence", next_sequence(signing.model))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add(
        "summary",
        f"Signing: {file.title} - {file.parties.customer.name} and {file.parties.provider.name}",
    )
    event.add("location", meeting.place or meeting.link)
    if meeting.link:
        event.add("url", meeting.link)
    organiser = _person(agreement, meeting.organiser)
    event.add("organizer", _address(organiser))
    attendees = [_person(agreement, attendee) for attendee in meeting.attendees]
    lines = [
        f"Signing of {file.title} ({file.reference}) between {file.parties.customer.name} "
        f"and {file.parties.provider.name}.",
        f"Version to sign: {version}.",
        f"Starts {local_start:%A} {formats.date(local_start)}, {local_start:%H:%M} "
        f"{meeting.timezone} time.",
        f"Effective date: {formats.date(file.term.effective_date)}.",
    ]
    if meeting.link:
        lines.append(f"Join online: {meeting.link}")
    lines += ["", "Attendees:"]
    for person in attendees:
        role = (
            "REQ-PARTICIPANT"
            if person.signatory or person.id == organiser.id
            else "OPT-PARTICIPANT"
        )
        address = _address(person, role)
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("TRUE")
        address.params["CUTYPE"] = vText("INDIVIDUAL")
        event.add("attendee", address, encode=False)
        signs = " (signs)" if person.signatory else ""
        lines.append(f"- {person.name}, {person.title}, {_party_name(agreement, person)}{signs}")
    event.add("description", "\n".join(lines))
    calendar.add_component(event)
    return bytes(calendar.to_ical())
