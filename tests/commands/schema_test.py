"""The packaged JSON Schema matches the model, and the sample points editors at it."""

from __future__ import annotations

import json

import yaml

from agreekit.commands.schema import agreement_schema, packaged_schema_path
from agreekit.seal import is_sealed
from conftest import ROOT, SAMPLE, run_cli


def test_packaged_schema_is_current() -> None:
    assert packaged_schema_path().read_text("utf-8") == agreement_schema()
    assert run_cli("schema", "--check", cwd=ROOT).returncode == 0


def test_sample_references_the_schema() -> None:
    first_line = (SAMPLE / "agreement.yml").read_text("utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (SAMPLE / first_line.split("$schema=", 1)[1]).resolve()
    assert target == packaged_schema_path().resolve()


def test_schema_validates_the_sample_and_rejects_a_typo() -> None:
    jsonschema = __import__("jsonschema")
    schema = json.loads(agreement_schema())
    # JSON Schema sees what an editor sees: YAML dates arrive as strings.
    data = json.loads(
        json.dumps(yaml.safe_load((SAMPLE / "agreement.yml").read_text()), default=str)
    )
    jsonschema.validate(data, schema)
    data["titel"] = data.pop("title")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors


def test_the_schema_is_sealed_so_a_hand_edit_is_never_overwritten() -> None:
    # `schema --write` replaces the packaged file only while this seal still matches it.
    assert is_sealed(packaged_schema_path().read_bytes())
    edited = agreement_schema().replace('"title": "agreekit agreement.yml"', '"title": "ours"')
    assert not is_sealed(edited.encode())
