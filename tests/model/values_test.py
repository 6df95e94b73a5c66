"""Durations, times of day and service days are read once, at load, by one grammar each; a value
that does not read is one finding at its line, and every other reader passes over it."""

from __future__ import annotations

import ast
import copy
import pickle
from pathlib import Path

import pytest

from agreekit.finding import Location
from agreekit.model import formats
from agreekit.model.duration import Duration
from agreekit.model.json_schema import json_schema
from agreekit.model.section_data import Priority, SectionFrontMatter, ServiceHours
from agreekit.model.typed import convert, plain
from agreekit.model.values import ReportDue, ServiceDay, TimeOfDay, WrittenDuration
from conftest import ROOT, SampleRepo

PACKAGE = ROOT / "tooling" / "agreekit"
# Each kind's one parser, and the modules that may call it: the value type that reads the model's
# fields, and the formatter's `| duration` filter, which templates apply to plain text.
PARSERS = {
    "parse_duration": {"model/duration.py", "model/values.py", "model/formats.py"},
    "minute_of_day": {"model/values.py"},
}


def _uses(tree: ast.Module, name: str) -> bool:
    """Whether a module imports or calls `name` (any spelling: `from x import name`, `x.name`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names):
            return True
        if isinstance(node, ast.Attribute) and node.attr == name:
            return True
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return True
    return False


def _time_parsing(tree: ast.Module) -> bool:
    """`time.fromisoformat(...)` or `strptime(..., "%H:%M")`: reading a time of day from text."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        if node.func.attr == "fromisoformat" and getattr(owner, "attr", "") == "time":
            return True
        if node.func.attr == "strptime" and any(
            isinstance(arg, ast.Constant) and "%H" in str(arg.value) for arg in node.args
        ):
            return True
    return False


def _modules() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(PACKAGE)): ast.parse(path.read_text("utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_each_kind_has_one_parser_and_only_the_model_calls_it() -> None:
    modules = _modules()
    for name, allowed in PARSERS.items():
        users = {path for path, tree in modules.items() if _uses(tree, name)}
        assert users <= allowed, f"{name} read outside the model: {sorted(users - allowed)}"
        assert "model/values.py" in users  # the value type is the one reader
    # Times of day are read by TimeOfDay alone; the service report's maintenance window is free
    # text of its own form (`Sun 02:00-06:00`), not a field of the model.
    readers = {path for path, tree in modules.items() if _time_parsing(tree)}
    assert readers <= {"model/values.py", "service_report/window.py"}, sorted(readers)


def test_the_checks_read_no_duration_text() -> None:
    """No check, table, key term, notice or report term reads a duration from text."""
    for path, tree in _modules().items():
        if path.startswith(("checks/", "text/", "workflow/", "service_report/", "commands/")):
            assert not _uses(tree, "parse_duration"), path


def test_a_value_keeps_its_text_and_location() -> None:
    data = {"id": "P1", "name": "Critical", "response": "15m", "resolution": "soon"}
    priority, problems = convert(Priority, data, lambda path: Location("x.md", len(path), 1))
    assert priority is not None and not problems
    assert priority.response == WrittenDuration("15m")
    assert priority.response.text == "15m" and str(priority.response) == "15m"
    assert priority.response.value is not None and priority.response.value.minutes() == 15
    assert priority.response.where == Location("x.md", 1, 1)
    # A text that is no duration still loads (the section stays usable), with no reading.
    assert priority.resolution.text == "soon" and priority.resolution.value is None
    assert plain(priority)["response"] == "15m"  # templates see what was written


def test_values_copy_and_pickle_as_themselves() -> None:
    for value in (
        WrittenDuration("4h", Location("x.md", 3, 1)),
        TimeOfDay("08:00"),
        ServiceDay("mon"),
    ):
        again = pickle.loads(pickle.dumps(value))
        assert again == value == copy.deepcopy(value) and again.where == value.where
    with pytest.raises(AttributeError):
        WrittenDuration("4h").data = "5h"  # type: ignore[misc]


def test_loaded_values_keep_the_source_maps_position(sample: SampleRepo) -> None:
    from agreekit.model.loader import load_agreement

    agreement = load_agreement(Path(sample.root)).agreement
    assert agreement is not None
    section = agreement.section("service-levels")
    assert section is not None and section.meta.priorities and section.meta.service_hours
    response = section.meta.priorities[0].response
    assert response.where == section.source.locate("priorities", 0, "response")
    assert response.where.line == sample.line_of("sections/service-levels.md", "response: 15m")
    start = section.meta.service_hours.start
    assert start.where == section.source.locate("service_hours", "start")
    notice = agreement.file.term.renewal.notice
    assert notice.where == agreement.source.locate("term", "renewal", "notice")


def test_whole_minutes_and_wrong_yaml_types() -> None:
    minutes, _ = convert(Priority, {"id": "P1", "name": "n", "response": 30, "resolution": "1h"})
    assert minutes is not None and minutes.response.value is not None
    assert minutes.response.value.minutes() == 30 and minutes.response.text == "30"
    _, problems = convert(Priority, {"id": "P1", "name": "n", "response": 1.5, "resolution": "1h"})
    assert [p.message for p in problems] == ["expected text or a whole number, got the number 1.5"]


def test_times_and_days_read_once() -> None:
    data = {"timezone": "Europe/London", "days": ["Mon", "funday"], "start": "08:00"}
    hours, problems = convert(ServiceHours, {**data, "end": "24:00"})
    assert hours is not None and not problems
    assert [day.weekday for day in hours.days] == [0, None]
    assert hours.start == TimeOfDay("08:00") and hours.start.minute == 480
    assert hours.end.minute == 24 * 60 and hours.end.clock() is None  # the end of the day
    assert TimeOfDay("25:00").minute is None
    assert ServiceDay("sun").weekday == 6
    # HH:MM is still the written form: the pattern is checked on the text.
    _, problems = convert(ServiceHours, {**data, "end": "6pm"})
    assert [p.message for p in problems] == ["'6pm' is not valid here: write the time as HH:MM"]


def test_a_reports_due_date_is_read_by_the_duration_grammar() -> None:
    due = ReportDue("10 business days after the end of each month")
    assert due.lag == Duration(10, "day", business=True)
    assert ReportDue("2 weeks after the quarter").lag == Duration(2, "week")
    assert ReportDue("5 working days after the month").lag == Duration(5, "day", business=True)
    # No lag the key dates could use: listed as unread, never guessed.
    for text in ("monthly", "10 calendar days after the month", "3 hours after", ""):
        assert ReportDue(text).lag is None, text


def test_one_formatter_renders_the_read_values() -> None:
    assert formats.duration(WrittenDuration("15m")) == "15 minutes"
    assert formats.duration(WrittenDuration("soon")) == "soon"  # as written, never a guess
    assert formats.duration("2 business days") == "2 business days"  # a template's filter
    assert formats.days((ServiceDay("mon"), ServiceDay("tue"), ServiceDay("wed"))) == (
        "Monday to Wednesday"
    )
    assert formats.hours(TimeOfDay("08:00"), TimeOfDay("18:00")) == "08:00 to 18:00"


def test_the_json_schema_is_the_written_form() -> None:
    schema = json_schema(SectionFrontMatter)["$defs"]
    assert schema["Priority"]["properties"]["response"]["anyOf"] == [
        {"type": "string"},
        {"type": "integer"},
    ]
    assert schema["Priority"]["properties"]["updates"]["anyOf"] == [
        {"type": "string"},
        {"type": "integer"},
        {"type": "null"},
    ]
    assert schema["ServiceHours"]["properties"]["days"]["items"] == {"type": "string"}
    assert schema["ServiceHours"]["properties"]["start"]["pattern"] == r"^\d{2}:\d{2}$"


# Each duration field of the sample, written as "soon": the one finding that reports it.
BAD_DURATIONS = [
    ("sections/service-levels.md", "response: 15m", "AK201"),
    ("sections/service-levels.md", "resolution: 4h", "AK201"),
    ("sections/escalation.md", "after: 1h", "AK210"),
    ("sections/service-levels.md", "allowed_downtime: 216m", "AK205"),
    ("agreement.yml", "period: 12 months", "AK221"),
    ("agreement.yml", "notice: 90 days", "AK221"),
]


@pytest.mark.parametrize(("file", "line", "code"), BAD_DURATIONS)
def test_a_bad_duration_is_reported_once_at_its_line(
    sample: SampleRepo, file: str, line: str, code: str
) -> None:
    before = {(f.code, f.location, f.message) for f in sample.check().findings}
    key = line.split(":")[0]
    sample.replace(file, line, f"{key}: soon")
    after = [f for f in sample.check().findings if (f.code, f.location, f.message) not in before]
    assert [f.code for f in after] == [code], [f.message for f in after]
    assert "'soon' is not a duration" in after[0].message
    assert after[0].location.file == f"agreement/{file}"
    assert after[0].location.line == sample.line_of(file, f"{key}: soon")


def test_a_bad_duration_in_the_report_terms_is_read_from_the_model(sample: SampleRepo) -> None:
    """The service report's terms take the loaded value: no second reading of the text."""
    from agreekit.model.loader import load_agreement
    from agreekit.service_report.errors import ReportError
    from agreekit.service_report.terms import service_terms

    sample.replace("sections/service-levels.md", "response: 15m", "response: soon")
    agreement = load_agreement(Path(sample.root)).agreement
    assert agreement is not None
    with pytest.raises(ReportError, match="P1 response target 'soon' is not a duration"):
        service_terms(agreement)
