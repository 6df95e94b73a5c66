"""`agreekit dates`, its feed for calendars, the renewal warning in check, and dates in status."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import vobject
from icalendar import Calendar

from conftest import SampleRepo


def _cli(sample: SampleRepo, today: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agreekit", *args],
        cwd=sample.root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "AGREEKIT_TODAY": today},
    )


def test_table_lists_upcoming_first_with_who_acts(sample: SampleRepo) -> None:
    result = _cli(sample, "2027-06-20", "dates")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2].startswith("2027-01-20  overdue   Signing meeting")  # not marked held
    assert lines[3].startswith("2027-07-14  upcoming")
    assert "Service review 1" in result.stdout and "Daniel Reeve" in result.stdout
    assert "past dates not shown; --all shows them" in result.stdout
    assert "2027-02-01" not in result.stdout  # the term start has passed
    assert "2027-02-01" in _cli(sample, "2027-06-20", "dates", "--all").stdout


def test_json_for_programs(sample: SampleRepo) -> None:
    result = _cli(sample, "2029-11-01", "dates", "--json")
    data = json.loads(result.stdout)
    assert data["today"] == "2029-11-01"
    notice = next(d for d in data["dates"] if d["kind"] == "renewal-notice")
    assert notice == {
        "date": "2029-11-02",
        "kind": "renewal-notice",
        "title": "Last day to give notice (90 days) so the term does not renew",
        "state": "upcoming",
        "who": ["amara-okafor", "daniel-reeve", "priya-shah", "mark-ellison"],
        "who_names": "Amara Okafor, Daniel Reeve, Priya Shah, Mark Ellison",
        "source": "agreement/agreement.yml: term.renewal.notice",
        "uid": "renewal-notice-2029-11-02",
    }


def test_the_feed_reads_the_same_in_two_parsers_with_stable_uids(sample: SampleRepo) -> None:
    feed = sample.root / "dist" / "key-dates.ics"
    assert _cli(sample, "2026-12-01", "dates", "--ics", "dist/key-dates.ics").returncode == 0
    events = Calendar.from_ical(feed.read_bytes()).walk("VEVENT")
    by_icalendar = {str(e["uid"]): e.decoded("dtstart") for e in events}
    by_vobject = {
        str(e.uid.value): e.dtstart.value for e in vobject.readOne(feed.read_text()).vevent_list
    }
    assert by_icalendar == by_vobject
    assert len(by_icalendar) == 1 + 2 + 2 + 3 + 2 + 36 + 36  # meeting, term, renewal, reviews...
    uid = "renewal-notice-2029-11-02@hha-bws-itsa-2027.agreekit"
    assert by_icalendar[uid] == dt.date(2029, 11, 2)
    notice = next(e for e in events if str(e["uid"]) == uid)
    assert [a.decoded("trigger") for a in notice.walk("VALARM")] == [
        dt.timedelta(days=-30),
        dt.timedelta(days=-7),
    ]
    first = feed.read_bytes()
    assert _cli(sample, "2027-03-01", "dates", "--ics", "dist/key-dates.ics").returncode == 0
    again = {str(e["uid"]) for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT")}
    assert again == set(by_icalendar) and first != b""  # the same events, by the same UIDs


def test_check_warns_near_and_after_the_renewal_notice_deadline(publishable: SampleRepo) -> None:
    sample = publishable
    sample.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    line = sample.line_of("agreement.yml", "notice: 90 days")
    for today, expected in (
        ("2029-09-01", None),
        ("2029-10-20", "2029-11-02 (13 days from today)"),
        ("2029-12-01", "the notice deadline 2029-11-02 has passed"),
        ("2030-02-05", None),
    ):
        result = _cli(sample, today, "check")
        if expected is None:
            assert result.returncode == 0, result.stdout
            assert "AK229" not in result.stdout
        else:
            assert f"agreement/agreement.yml:{line}:13: AK229" in result.stdout
            assert expected in result.stdout
            assert "Found 1 warning in agreement/." in result.stdout
    # A warning is shown but does not stop publishing.
    result = _cli(sample, "2029-10-20", "build", "--no-pdf", "--no-docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "AK229" in result.stderr
    # The published site carries the same feed for departments to subscribe to.
    feed = Calendar.from_ical((sample.root / "site" / "key-dates.ics").read_bytes())
    assert len(feed.walk("VEVENT")) == 82
    assert 'href="key-dates.ics"' in (sample.root / "site" / "index.html").read_text()


def test_after_the_meeting_a_held_meeting_checks_clean(sample: SampleRepo) -> None:
    assert "AK224" in _cli(sample, "2027-03-01", "check").stdout
    sample.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    result = _cli(sample, "2027-03-01", "check")
    assert result.returncode == 0 and "AK224" not in result.stdout, result.stdout


def test_status_shows_the_next_dates_and_what_is_overdue(sample: SampleRepo) -> None:
    result = _cli(sample, "2027-02-10", "status")
    assert result.returncode in (0, 1), result.stderr
    tail = result.stdout.split("Key dates (agreekit dates lists them all):")[1].splitlines()
    assert tail[1].startswith("  OVERDUE 20 January 2027  Signing meeting")
    assert "mark it held: true" in tail[1]
    assert [" ".join(line.split()[:3]) for line in tail[2:5]] == [
        "12 March 2027", "11 April 2027", "14 April 2027",
    ]  # fmt: skip
    data = json.loads(_cli(sample, "2027-02-10", "status", "--json").stdout)
    assert [d["date"] for d in data["key_dates"]] == [
        "2027-01-20", "2027-03-12", "2027-04-11", "2027-04-14",
    ]  # fmt: skip
