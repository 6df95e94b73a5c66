"""`agreekit meeting`: the invitation parses back with every field a calendar needs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from conftest import SampleRepo
from safety import kill_cli, temporaries


def test_invitation_has_every_attendee_time_zone_place_and_version(sample: SampleRepo) -> None:
    result = sample.cli("meeting", "--version", "v1.0.0-rc1")
    assert result.returncode == 0, result.stderr
    calendar = Calendar.from_ical((sample.root / "dist" / "signing-meeting.ics").read_bytes())
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2027, 1, 20, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    assert event.decoded("dtend") - start == dt.timedelta(minutes=60)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(event["location"]).startswith("Board room, Harbourside Housing Association")
    assert "Version to sign: v1.0.0-rc1." in str(event["description"])
    organiser = event["organizer"]
    assert str(organiser) == "mailto:daniel.reeve@harbourside-housing.example"
    assert organiser.params["CN"] == "Daniel Reeve"
    attendees = {str(a): a.params for a in event["attendee"]}
    assert set(attendees) == {
        "mailto:amara.okafor@harbourside-housing.example",
        "mailto:mark.ellison@brightwater-it.example",
        "mailto:daniel.reeve@harbourside-housing.example",
        "mailto:sofia.marin@brightwater-it.example",
        "mailto:rachel.osei@harbourside-housing.example",
    }
    for params in attendees.values():
        assert params["RSVP"] == "TRUE"
        assert params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendees["mailto:mark.ellison@brightwater-it.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:mark.ellison@brightwater-it.example"]["CN"] == "Mark Ellison"
    assert attendees["mailto:sofia.marin@brightwater-it.example"]["ROLE"] == "OPT-PARTICIPANT"
    assert "Mark Ellison, Managing Director, Brightwater IT Services Ltd (signs)" in str(
        event["description"]
    )


def test_no_signing_record_is_a_clear_error(sample: SampleRepo) -> None:
    sample.path("records/signing.yml").unlink()
    result = sample.cli("meeting")
    assert result.returncode == 1
    assert "no agreement/records/signing.yml" in result.stderr
    assert not (sample.root / "dist").exists()


def test_a_users_invitation_is_kept_until_force(sample: SampleRepo) -> None:
    target = sample.root / "dist" / "signing-meeting.ics"
    assert sample.cli("meeting").returncode == 0
    assert sample.cli("meeting", "--version", "v1.0.1").returncode == 0  # its own: replaced
    target.write_text(target.read_text().replace("Board room", "Room 4"))
    refused = sample.cli("meeting", "--version", "v1.0.2")
    assert refused.returncode == 2
    assert "dist/signing-meeting.ics: not replaced" in refused.stderr
    assert "Room 4" in target.read_text()
    assert sample.cli("meeting", "--force").returncode == 0
    assert "Room 4" not in target.read_text()


def test_killed_while_writing_leaves_the_old_invitation(sample: SampleRepo) -> None:
    target = sample.root / "dist" / "signing-meeting.ics"
    assert sample.cli("meeting", "--version", "v1.0.0").returncode == 0
    before = target.read_bytes()
    kill_cli("signing-meeting.ics", "meeting", "--version", "v2.0.0", cwd=sample.root)
    assert target.read_bytes() == before
    assert sample.cli("meeting", "--version", "v2.0.0").returncode == 0
    assert "v2.0.0" in target.read_text() and temporaries(target.parent) == []
