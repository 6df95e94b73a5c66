"""The signing meeting as an iCalendar invitation (RFC 5545) that every calendar can open."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vCalAddress, vText

from agreekit import __version__, zones
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Stakeholder
from agreekit.model.records import Meeting


class MeetingError(Exception):
    """The signing record cannot make an invitation; the message says what to fix."""


def _address(person: Stakeholder, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    address.params["ROLE"] = vText(role)
    return address


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
        start = dt.datetime.combine(meeting.date, dt.time.fromisoformat(meeting.time), tzinfo=zone)
        end = start + dt.timedelta(minutes=meeting.duration_minutes)
        start.astimezone(dt.UTC), end.astimezone(dt.UTC)  # what the .ics holds must exist too
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
    event.add("sequence", 0)
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
    event.add("organizer", _address(organiser, "CHAIR"))
    attendees = [_person(agreement, attendee) for attendee in meeting.attendees]
    lines = [
        f"Signing of {file.title} ({file.reference}) between {file.parties.customer.name} "
        f"and {file.parties.provider.name}.",
        f"Version to sign: {version}.",
        f"Effective date: {file.term.effective_date:%d %B %Y}.",
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
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
