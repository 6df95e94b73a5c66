"""`agreekit report`: formats, the default period, exports of real service desks, bad input."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SampleRepo

sys.path.insert(0, str(ROOT / "benchmarks"))
from tickets import write_outages, write_tickets  # noqa: E402

HEADER = "id,priority,created,first_response,resolved,paused_minutes,satisfaction\n"


@pytest.fixture
def month(sample: SampleRepo) -> SampleRepo:
    write_tickets(sample.root / "tickets.csv", 120, dt.date(2027, 3, 1), seed=3)
    write_outages(sample.root / "outages.csv")
    return sample


def report(sample: SampleRepo, *args: str) -> dict:  # type: ignore[type-arg]
    result = sample.cli("report", "--tickets", "tickets.csv", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_json_has_the_fields_other_tools_rely_on(month: SampleRepo) -> None:
    data = report(month, "--outages", "outages.csv", "--period", "2027-03")
    assert data["period"]["start"] == "2027-03-01" and data["period"]["end"] == "2027-03-31"
    priority = data["priorities"][0]
    assert {"id", "tickets", "response", "resolution", "open"} <= set(priority)
    for kind in ("response", "resolution"):
        assert {"measured", "met", "breached", "attainment"} <= set(priority[kind])
        assert priority[kind]["measured"] == priority[kind]["met"] + priority[kind]["breached"]
    assert {"id", "value", "target", "met"} <= set(data["kpis"][0])
    assert {"percent", "target", "unplanned_downtime_minutes"} <= set(data["availability"])
    assert {"percent", "tier"} <= set(data["service_credit"])
    assert data["semantics"] and "created" in data["semantics"][0]


def test_the_default_period_is_the_last_complete_month(
    month: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGREEKIT_TODAY", "2027-04-09")
    assert report(month)["period"]["label"] == "2027-03"


def test_quarter_and_from_to_periods(month: SampleRepo) -> None:
    quarter = report(month, "--period", "2027-Q1")["period"]
    assert (quarter["start"], quarter["end"]) == ("2027-01-01", "2027-03-31")
    days = report(month, "--from", "2027-03-08", "--to", "2027-03-14")
    assert (days["period"]["start"], days["period"]["end"]) == ("2027-03-08", "2027-03-14")
    assert (
        days["tickets"]["in_period"] < report(month, "--period", "2027-03")["tickets"]["in_period"]
    )


def test_text_and_markdown_say_how_they_measure(month: SampleRepo) -> None:
    text = month.cli("report", "--tickets", "tickets.csv", "--period", "2027-03")
    assert text.returncode == 0 and "Priorities" in text.stdout and "P4" in text.stdout
    md = month.cli("report", "--tickets", "tickets.csv", "--period", "2027-03", "--format", "md",
                   "--outages", "outages.csv", "--output", "out/report.md")  # fmt: skip
    assert md.returncode == 0, md.stderr
    markdown = (month.root / "out" / "report.md").read_text("utf-8")
    assert "## How this report measures" in markdown and "belongs to the period" in markdown
    for chart in ("report-attainment.svg", "report-downtime.svg"):
        assert f"]({chart})" in markdown
        assert (month.root / "out" / chart).read_text("utf-8").startswith("<svg")


def test_targets_read_as_on_the_site(month: SampleRepo) -> None:
    # The sample writes P1's targets as `15m` and `4h`; every reader sees the one formatter's words.
    text = month.cli("report", "--tickets", "tickets.csv", "--period", "2027-03")
    assert text.returncode == 0, text.stderr
    p1 = next(line for line in text.stdout.splitlines() if line.startswith("P1 "))
    assert "15 minutes (24x7)" in p1 and "4 hours (24x7)" in p1 and "15m" not in p1


def test_html_names_the_agreement_and_carries_the_charts(month: SampleRepo) -> None:
    result = month.cli("report", "--tickets", "tickets.csv", "--outages", "outages.csv",
                       "--period", "2027-03", "--format", "html")  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (month.root / "dist" / "service-report-2027-03.html").read_text("utf-8")
    assert "IT Support Agreement" in page and "Harbourside Housing Association" in page
    assert page.count("<svg") == 2 and "content id" in page


def test_pdf_is_a_real_pdf_with_the_report_text(month: SampleRepo) -> None:
    from pypdf import PdfReader

    result = month.cli("report", "--tickets", "tickets.csv", "--period", "2027-03", "--format", "pdf",
                       "--output", "report.pdf")  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(month.root / "report.pdf").pages)
    assert "Service report 2027-03" in text and "Attainment" in text


def test_a_value_from_the_export_cannot_inject_markup(sample: SampleRepo) -> None:
    (sample.root / "tickets.csv").write_text(
        HEADER + '"<script>alert(1)</script>",P9,2027-03-01T10:00:00Z,,,,\n', "utf-8"
    )
    result = sample.cli("report", "--tickets", "tickets.csv", "--period", "2027-03", "--format", "html",
                        "--output", "r.html")  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (sample.root / "r.html").read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("A1,P7,2027-03-01T10:00:00Z,,,,", "priority", "unknown priority 'P7'"),
        ("A1,P1,2027-03-01 10:00,,,,", "created", "unparsable time"),
        ("A1,P1,2027-03-01T10:00:00Z,2027-03-01T09:59:00Z,,,", "first_response", "before created"),
        ("A1,P1,2027-03-01T10:00:00Z,soon,,,", "first_response", "unparsable time 'soon'"),
        ("A1,P1,2027-03-01T10:00:00Z,,,lots,", "paused_minutes", "not a number"),
    ],
)
def test_a_bad_row_is_listed_with_line_and_column_and_strict_stops(
    sample: SampleRepo, row: str, column: str, words: str
) -> None:
    good = "G1,P2,2027-03-01T10:00:00Z,2027-03-01T10:05:00Z,2027-03-01T11:00:00Z,,4\n"
    (sample.root / "tickets.csv").write_text(HEADER + good + row + "\n", "utf-8")
    data = report(sample, "--period", "2027-03")
    assert data["rejected"]["count"] == 1
    rejected = data["rejected"]["listed"][0]
    assert (rejected["line"], rejected["column"]) == (3, column) and words in rejected["message"]
    assert data["tickets"]["in_period"] == 1
    strict = sample.cli("report", "--tickets", "tickets.csv", "--period", "2027-03", "--strict")
    assert strict.returncode == 2
    assert strict.stderr.startswith(f"error: tickets.csv:3: column '{column}': ")
    assert "Traceback" not in strict.stderr and strict.stdout == ""


def test_duplicate_ids_name_the_first_line(sample: SampleRepo) -> None:
    row = "T1,P3,2027-03-01T10:00:00Z,,,,\n"
    (sample.root / "tickets.csv").write_text(HEADER + row + row, "utf-8")
    listed = report(sample, "--period", "2027-03")["rejected"]["listed"]
    assert [(r["line"], r["column"], r["message"]) for r in listed] == [
        (3, "id", "duplicate id 'T1' (first on line 2)")
    ]


def test_line_numbers_stay_true_when_a_quoted_value_spans_lines(sample: SampleRepo) -> None:
    (sample.root / "tickets.csv").write_text(
        "id,priority,created,first_response,resolved,note\n"
        'A1,P1,2027-03-01T10:00:00Z,,,"two\nlines"\n'
        "A2,P8,2027-03-01T10:00:00Z,,,x\n",
        "utf-8",
    )
    listed = report(sample, "--period", "2027-03")["rejected"]["listed"]
    assert [(r["line"], r["column"]) for r in listed] == [(4, "priority")]


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("id,priority,created,resolved\n", (), "tickets.csv:1: column 'first_response' missing"),
        ("", (), "tickets.csv:1: the file is empty"),
        (HEADER, ("--period", "March"), "--period 'March' is not a period"),
        (HEADER, ("--columns", "nosuch"), "--columns nosuch: no such file and no shipped mapping"),
        (HEADER, ("--outages", "missing.csv"), "missing.csv: no such file"),
        (HEADER, ("--from", "2027-03-01", "--to", "2027-03-02"), "not both"),
        (HEADER, ("--period", "2027-03-01"), "is not a period"),
    ],
)
def test_unusable_input_is_one_line_naming_the_file(
    sample: SampleRepo, content: str, args: tuple[str, ...], message: str
) -> None:
    (sample.root / "tickets.csv").write_text(content, "utf-8")
    period = () if "--period" in args else ("--period", "2027-03")
    result = sample.cli("report", "--tickets", "tickets.csv", *period, *args)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_not_utf8_is_named(sample: SampleRepo) -> None:
    (sample.root / "tickets.csv").write_bytes(
        HEADER.encode() + b"A1,P1,2027-03-01T10:00:00Z,,,,caf\xe9\n"
    )
    result = sample.cli("report", "--tickets", "tickets.csv", "--period", "2027-03")
    assert (
        result.returncode == 2 and "not UTF-8" in result.stderr and "Traceback" not in result.stderr
    )


def test_zendesk_export_through_its_shipped_mapping(sample: SampleRepo) -> None:
    (sample.root / "zendesk.csv").write_text(
        "id,priority,created_at,solved_at,first_reply_time_in_minutes,requester_wait_time_in_minutes,subject\n"
        "101,urgent,2027-03-02T10:00:00Z,2027-03-02T12:00:00Z,10,0,Printer\n"
        "102,normal,2027-03-05T16:00:00Z,2027-03-08T09:00:00Z,300,60,Email\n",
        "utf-8",
    )
    data = report(sample, "--period", "2027-03", "--columns", "zendesk", "--tickets", "zendesk.csv")
    by_id = {p["id"]: p for p in data["priorities"]}
    assert (
        by_id["P1"]["tickets"],
        by_id["P1"]["response"]["met"],
        by_id["P1"]["resolution"]["met"],
    ) == (1, 1, 1)
    # P3: created Friday 16:00, answered 21:00 (after hours): 2 business hours, within 4
    assert by_id["P3"]["response"]["met"] == 1
    assert by_id["P3"]["response"]["median_minutes"] == 120


def test_jira_export_with_local_times_through_its_shipped_mapping(sample: SampleRepo) -> None:
    (sample.root / "jira.csv").write_text(
        "Summary,Issue key,Priority,Created,Resolved\n"
        "VPN down,ITS-1,Highest,29/Mar/27 9:00 AM,29/Mar/27 11:30 AM\n"
        "Laptop,ITS-2,Medium,01/Mar/27 9:15 AM,\n",
        "utf-8",
    )
    data = report(
        sample,
        "--period",
        "2027-03",
        "--columns",
        "jira-service-management",
        "--tickets",
        "jira.csv",
    )
    by_id = {p["id"]: p for p in data["priorities"]}
    assert (
        by_id["P1"]["resolution"]["met"] == 1 and by_id["P1"]["resolution"]["median_minutes"] == 150
    )
    assert by_id["P3"]["resolution"]["breached"] == 1
    assert any("no first response" in note for note in data["notes"])


def test_freshservice_json_lines_through_its_shipped_mapping(sample: SampleRepo) -> None:
    lines = [
        {"id": 1, "priority": 4, "created_at": "2027-03-02T10:00:00Z",
         "stats": {"first_responded_at": "2027-03-02T10:20:00Z", "resolved_at": "2027-03-02T13:00:00Z"}},
        {"id": 2, "priority": 1, "created_at": "2027-03-02T10:00:00Z", "stats": {"first_responded_at": None}},
        "not an object",
    ]  # fmt: skip
    (sample.root / "fs.jsonl").write_text(
        "\n".join(json.dumps(x) for x in lines) + "\n{broken\n", "utf-8"
    )
    data = report(
        sample, "--period", "2027-03", "--columns", "freshservice", "--tickets", "fs.jsonl"
    )
    by_id = {p["id"]: p for p in data["priorities"]}
    assert by_id["P1"]["response"]["breached"] == 1 and by_id["P1"]["resolution"]["met"] == 1
    assert by_id["P4"]["tickets"] == 1
    assert [(r["line"], r["message"][:10]) for r in data["rejected"]["listed"]] == [
        (3, "not a JSON"),
        (4, "not JSON ("),
    ]


def test_a_mapping_file_of_ones_own(sample: SampleRepo, tmp_path: Path) -> None:
    mapping = tmp_path / "desk.yml"
    mapping.write_text(
        "columns: {id: Ref, priority: Sev, created: Opened, first_response: Answered, resolved: Closed}\n"
        "time_format: '%Y-%m-%d %H:%M'\ntimezone: Europe/London\npriorities: {sev1: P1}\n",
        "utf-8",
    )
    # 28 March 2027, 00:30 and 02:30 London time: an hour apart across the change to summer time
    (sample.root / "desk.csv").write_text(
        "Ref,Sev,Opened,Answered,Closed\nR1,Sev1,2027-03-28 00:30,2027-03-28 00:44,2027-03-28 02:30\n",
        "utf-8",
    )
    data = report(sample, "--period", "2027-03", "--columns", str(mapping), "--tickets", "desk.csv")
    p1 = data["priorities"][0]
    assert p1["response"]["median_minutes"] == 14 and p1["resolution"]["median_minutes"] == 60


def test_progress_shows_only_for_a_large_export_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agreekit.commands import report as command

    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_text(HEADER, "utf-8")
    with large.open("wb") as handle:
        handle.truncate(command.LARGE)
    assert command._progress(large) is None  # pytest's output is no terminal
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert command._progress(small) is None
    assert command._progress(large) is not None


def test_a_bad_outage_row_is_listed_and_strict_stops(sample: SampleRepo) -> None:
    (sample.root / "tickets.csv").write_text(HEADER, "utf-8")
    (sample.root / "outages.csv").write_text(
        "start,end,planned,service\n"
        "2027-03-03T10:00:00Z,2027-03-03T11:00:00Z,false,network\n"
        "2027-03-04T10:00:00Z,2027-03-04T09:00:00Z,false,network\n"
        "2027-03-05T10:00:00Z,2027-03-05T11:00:00Z,maybe,network\n",
        "utf-8",
    )
    data = report(sample, "--period", "2027-03", "--outages", "outages.csv")
    assert [(r["file"], r["line"], r["column"]) for r in data["rejected"]["listed"]] == [
        ("outages.csv", 3, "end"),
        ("outages.csv", 4, "planned"),
    ]
    assert data["availability"]["unplanned_downtime_minutes"] == 60
    strict = sample.cli(
        "report", "--tickets", "tickets.csv", "--period", "2027-03", "--outages", "outages.csv",
        "--strict",
    )  # fmt: skip
    assert strict.returncode == 2 and strict.stderr.startswith(
        "error: outages.csv:3: column 'end': "
    )


def test_without_an_outage_log_availability_is_not_judged(month: SampleRepo) -> None:
    data = report(month, "--period", "2027-03")
    uptime = next(k for k in data["kpis"] if k["type"] == "availability-at-least")
    assert (uptime["value"], uptime["met"]) == (None, None)
    assert data["availability"]["percent"] is None and data["service_credit"]["percent"] is None
    assert any("No outage log" in note for note in data["notes"])


@pytest.mark.parametrize(
    ("absent", "args", "extra"),
    [
        (("numpy",), ("--format", "json"), "report"),
        (("pyarrow",), (), "report"),
        (("weasyprint",), ("--format", "pdf"), "publish"),
    ],
)
def test_without_its_extra_the_report_names_what_to_install(
    month: SampleRepo, absent: tuple[str, ...], args: tuple[str, ...], extra: str
) -> None:
    from extras_test import without

    before = month.snapshot()
    result = without(
        month.root, absent, "report", "--tickets", "tickets.csv", "--period", "2027-03", *args
    )
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"needs the {extra} extra" in lines[0] and absent[0] in lines[0]
    assert f"pip install 'agreekit[{extra}]'" in lines[0]
    assert month.snapshot() == before


def test_the_html_report_needs_no_publish_extra(month: SampleRepo) -> None:
    # Python-Markdown and nh3 are core: the HTML report is made, and sanitised, without MkDocs,
    # WeasyPrint or python-docx.
    from extras_test import PUBLISHING, without

    result = without(
        month.root, PUBLISHING, "report", "--tickets", "tickets.csv", "--period", "2027-03",
        "--format", "html", "--output", "report.html",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "<h1" in (month.root / "report.html").read_text("utf-8")
