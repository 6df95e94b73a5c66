"""`agreekit meeting`: the invitation parses back with every field a calendar needs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from conftest import SampleRepo
from node_tools import run_node
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
    assert event["dtstart"].to_ical() == b"20270120T100000Z"  # UTC: every client reads it alike
    assert calendar.walk("VTIMEZONE") == []
    assert "Starts Wednesday 20 January 2027, 10:00 Europe/London time." in str(
        event["description"]
    )
    assert str(event["location"]).startswith("Board room, Harbourside Housing Association")
    assert "Version to sign: v1.0.0-rc1." in str(event["description"])
    organiser = event["organizer"]
    assert str(organiser) == "mailto:daniel.reeve@harbourside-housing.example"
    assert organiser.params["CN"] == "Daniel Reeve"
    assert "ROLE" not in organiser.params  # RFC 5545 defines ROLE for attendees only
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


ICAL_JS_INSTANTS = """
import ICAL from "ical.js";
import { readFileSync } from "node:fs";
const event = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")))
  .getFirstSubcomponent("vevent");
const at = (name) => event.getFirstPropertyValue(name).toJSDate().toISOString();
console.log(JSON.stringify({ start: at("dtstart"), end: at("dtend"),
  sequence: event.getFirstPropertyValue("sequence") }));
"""


def _instants_by_three_parsers(ics: Path) -> list[tuple[dt.datetime, dt.datetime, int]]:
    event = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    by_icalendar = (event.decoded("dtstart"), event.decoded("dtend"), int(event["sequence"]))
    vevent = vobject.readOne(ics.read_text("utf-8")).vevent
    by_vobject = (vevent.dtstart.value, vevent.dtend.value, int(vevent.sequence.value))
    read = json.loads(run_node(ICAL_JS_INSTANTS, str(ics)))
    by_ical_js = (
        dt.datetime.fromisoformat(read["start"]),
        dt.datetime.fromisoformat(read["end"]),
        int(read["sequence"]),
    )
    return [by_icalendar, by_vobject, by_ical_js]


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(dt.date(2027, 1, 20), 10), (dt.date(2027, 7, 14), 9)],  # GMT in winter, BST in summer
)
def test_three_independent_parsers_read_the_same_instant_across_dst(
    sample: SampleRepo, day: dt.date, utc_hour: int
) -> None:
    sample.replace("records/signing.yml", "date: 2027-01-20", f"date: {day.isoformat()}")
    result = sample.cli("meeting", "--version", "v1.0.0")
    assert result.returncode == 0, result.stderr
    expected_start = dt.datetime.combine(day, dt.time(utc_hour, 0), tzinfo=dt.UTC)
    readings = _instants_by_three_parsers(sample.root / "dist" / "signing-meeting.ics")
    for start, end, sequence in readings:
        assert start == expected_start
        assert end - start == dt.timedelta(minutes=60)
        assert sequence == 0


def test_sequence_rises_when_the_meeting_moves_and_stays_when_it_does_not(
    sample: SampleRepo,
) -> None:
    ics = sample.root / "dist" / "signing-meeting.ics"
    before = sample.read("records/signing.yml")

    def sequence() -> int:
        return int(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]["sequence"])

    def uid() -> str:
        return str(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]["uid"])

    assert sample.cli("meeting").returncode == 0
    first_uid = uid()
    assert sequence() == 0
    recorded = sample.read("records/signing.yml")
    assert recorded.startswith(before)  # the user's text is kept byte for byte
    assert "invitation:" in recorded and "sequence: 0" in recorded

    assert sample.cli("meeting").returncode == 0  # nothing changed: the same invitation
    assert sequence() == 0 and sample.read("records/signing.yml") == recorded

    sample.replace("records/signing.yml", 'time: "10:00"', 'time: "14:30"')
    moved = sample.cli("meeting")
    assert moved.returncode == 0, moved.stderr
    assert "sequence 1" in moved.stdout
    assert sequence() == 1 and uid() == first_uid

    sample.replace("records/signing.yml", "    - sofia-marin\n", "")  # an attendee dropped
    assert sample.cli("meeting").returncode == 0
    assert sequence() == 2
    text = sample.read("records/signing.yml")
    assert text.count("invitation:") == 1 and "sequence: 2" in text
    assert sample.check().findings == []  # the record written by agreekit loads and checks clean
