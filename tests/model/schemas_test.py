"""The JSON Schemas of the records and of section front matter: current, valid for the sample and
for an init repository, pointed at by each YAML file's modeline, and strict about typos."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from agreekit.model.records import RECORD_FILES
from agreekit.model.schemas import SECTION_SCHEMA, record_schema_name, schema_texts
from conftest import ROOT, SAMPLE, SampleRepo, run_cli

PACKAGED = ROOT / "tooling" / "agreekit" / "schema"


def as_editor_sees(data: Any) -> Any:
    """YAML as a JSON Schema validator sees it in an editor: dates are strings."""
    return json.loads(json.dumps(data, default=str))


def front_matter(path: Path) -> Any:
    text = path.read_text("utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((PACKAGED / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_packaged_schema_is_current() -> None:
    for name, text in schema_texts().items():
        assert (PACKAGED / name).read_text("utf-8") == text, f"{name}: run agreekit schema --write"
    assert run_cli("schema", "--check", cwd=ROOT).returncode == 0


@pytest.mark.parametrize("record", sorted(RECORD_FILES))
def test_each_sample_record_names_and_meets_its_schema(record: str) -> None:
    path = SAMPLE / "records" / record
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (path.parent / first.split("$schema=", 1)[1]).resolve() == PACKAGED / record_schema_name(
        record
    )
    check = validator(record_schema_name(record))
    data = as_editor_sees(yaml.safe_load(path.read_text("utf-8")))
    assert list(check.iter_errors(data)) == []
    data["unknown_key"] = 1
    assert [e.message for e in check.iter_errors(data)]


def test_every_sample_section_meets_the_front_matter_schema() -> None:
    check = validator(SECTION_SCHEMA)
    sections = sorted((SAMPLE / "sections").glob("*.md"))
    assert len(sections) >= 12
    for path in sections:
        assert list(check.iter_errors(as_editor_sees(front_matter(path)))) == [], path.name
    levels = as_editor_sees(front_matter(SAMPLE / "sections" / "service-levels.md"))
    levels["service_hours"]["start"] = "9am"
    levels["titel"] = levels.pop("title")
    messages = [e.message for e in check.iter_errors(levels)]
    assert any("9am" in m for m in messages) and any("titel" in m or "title" in m for m in messages)


def test_an_unquoted_time_is_what_the_schema_and_check_both_reject(sample: SampleRepo) -> None:
    check = validator(SECTION_SCHEMA)
    levels = front_matter(SAMPLE / "sections" / "service-levels.md")
    levels["service_hours"]["end"] = yaml.safe_load("18:00")  # YAML 1.1: the number 1080
    assert levels["service_hours"]["end"] == 1080
    assert [e.message for e in check.iter_errors(as_editor_sees(levels))]

    sample.replace("sections/service-levels.md", 'end: "18:00"', "end: 18:00")
    sample.replace("records/signing.yml", 'time: "10:00"', "time: 10:00")
    said = sample.cli("check").stdout
    assert (
        'YAML read the unquoted time 18:00 as the number 1080; write it in quotes: "18:00"' in said
    )
    assert (
        'YAML read the unquoted time 10:00 as the number 600; write it in quotes: "10:00"' in said
    )


def test_an_init_repository_names_a_schema_in_every_yaml_file(tmp_path: Path) -> None:
    new = tmp_path / "new"
    assert run_cli("init", str(new), cwd=tmp_path).returncode == 0
    for name, text in schema_texts().items():
        assert (new / "schemas" / name).read_text("utf-8") == text
    yamls = [
        new / "agreement" / "agreement.yml",
        *sorted((new / "agreement" / "records").glob("*.yml")),
    ]
    assert len(yamls) == 1 + len(RECORD_FILES)
    for path in yamls:
        first = path.read_text("utf-8").splitlines()[0]
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file() and target.parent == (new / "schemas").resolve(), path
        data = yaml.safe_load(path.read_text("utf-8"))
        if data is not None:  # a record template is all comments until filled
            errors = jsonschema.Draft202012Validator(json.loads(target.read_text())).iter_errors(
                as_editor_sees(data)
            )
            assert list(errors) == [], path
    check = validator(SECTION_SCHEMA)
    for path in sorted((new / "agreement" / "sections").glob("*.md")):
        assert list(check.iter_errors(as_editor_sees(front_matter(path)))) == [], path.name
