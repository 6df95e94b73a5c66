"""9xx and 104: bad input becomes a finding at its line, never a traceback, and no file changes."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from agreekit.finding import Location
from agreekit.model.yaml_source import _Loader, load_yaml
from conftest import SampleRepo, json_findings, only


def test_malformed_yaml_is_901_at_the_line(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", "  end_date: 2030-01-31", "  end_date: [2030-01-31")
    result = sample.check()
    assert not result.loaded
    found = only(result.findings, "AK901")
    assert len(found) == 1
    assert found[0].location.file == "agreement/agreement.yml"
    assert found[0].location.line >= sample.line_of("agreement.yml", "end_date: [")


def test_malformed_front_matter_line_is_counted_from_the_file(sample: SampleRepo) -> None:
    sample.replace("sections/terms.md", "  currency: GBP", "  currency: GBP: pounds")
    found = only(sample.check().findings, "AK901")
    assert found[0].location == Location(
        "agreement/sections/terms.md", sample.line_of("sections/terms.md", "currency: GBP"), 16
    )


def test_duplicate_key_is_902_at_the_second_key(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml", "  end_date: 2030-01-31", "  end_date: 2030-01-31\n  end_date: 2031-01-31"
    )
    found = only(sample.check().findings, "AK902")
    assert len(found) == 1
    assert found[0].location.line == sample.line_of("agreement.yml", "end_date: 2031")
    assert "first on line" in found[0].message


def test_file_not_utf8_is_903_at_the_bad_byte(sample: SampleRepo) -> None:
    path = sample.path("sections/terms.md")
    text = path.read_bytes()
    line = sample.line_of("sections/terms.md", "## Pricing")
    path.write_bytes(text.replace(b"## Pricing", b"## Pricing \xa3"))
    found = only(sample.check().findings, "AK903")
    assert found[0].location == Location("agreement/sections/terms.md", line, 12)


def test_front_matter_that_never_closes_is_104_at_line_1(sample: SampleRepo) -> None:
    text = sample.read("sections/constraints.md")
    body_start = text.index("\n---\n")
    sample.write("sections/constraints.md", text[:body_start] + "\n" + text[body_start + 5 :])
    result = sample.check()
    found = only(result.findings, "AK104")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/sections/constraints.md", 1)
    ]
    assert "never closes" in found[0].message
    assert only(result.findings, "AK101") == [], (
        "an unreadable section is not also reported missing"
    )


def test_unknown_key_is_104_at_the_key(sample: SampleRepo) -> None:
    sample.replace(
        "sections/terms.md",
        "title: Terms of service and costs",
        "titel: Terms of service and costs",
    )
    found = only(sample.check().findings, "AK104")
    messages = {(f.location.line, f.message) for f in found}
    line = sample.line_of("sections/terms.md", "titel:")
    assert (
        line,
        "unknown key 'titel' (did you mean 'title'?); check the spelling or remove it",
    ) in messages


def test_wrong_type_is_104_naming_the_key(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", "  effective_date: 2027-02-01", "  effective_date: soon")
    result = sample.check()
    assert not result.loaded
    assert [(f.code, f.location.line) for f in result.findings] == [
        ("AK104", sample.line_of("agreement.yml", "effective_date: soon"))
    ]
    assert "'term.effective_date'" in result.findings[0].message


def test_missing_agreement_yml_is_reported(sample: SampleRepo) -> None:
    sample.path("agreement.yml").unlink()
    result = sample.check()
    assert not result.loaded
    assert result.findings[0].code == "AK904"


def test_alias_bomb_is_904() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        bomb += f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
    document = load_yaml(bomb, "bomb.yml")
    assert [f.code for f in document.findings] == ["AK904"]


def test_deep_nesting_is_904() -> None:
    document = load_yaml("a: " + "[" * 40 + "]" * 40, "deep.yml")
    assert [f.code for f in document.findings] == ["AK904"]


def test_oversized_file_is_904(sample: SampleRepo) -> None:
    sample.write(
        "sections/constraints.md", sample.read("sections/constraints.md") + "x" * 1_100_000
    )
    found = only(sample.check().findings, "AK904")
    assert [f.location.file for f in found] == ["agreement/sections/constraints.md"]


BAD_INPUTS = {
    "malformed yaml": ("agreement.yml", "  end_date: 2030-01-31", "  end_date: [2030", "AK901", 2),
    "duplicate key": (
        "agreement.yml",
        "title: IT Support Agreement",
        "title: A\ntitle: B",
        "AK902",
        2,
    ),
    "front matter never closes": ("sections/legal.md", "---\n\n", "\n\n", "AK104", 1),
    "placeholder": (
        "sections/legal.md",
        "## Confidentiality\n",
        "## Confidentiality\n\nTODO\n",
        "AK105",
        1,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_cli_reports_bad_input_without_traceback_or_change(sample: SampleRepo, name: str) -> None:
    file, old, new, code, exit_code = BAD_INPUTS[name]
    sample.replace(file, old, new)
    before = sample.snapshot()
    result = sample.cli("check", "--format", "json")
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert code in [f["code"] for f in json_findings(result)]
    assert sample.snapshot() == before


def test_cli_not_utf8_without_traceback(sample: SampleRepo) -> None:
    sample.path("agreement.yml").write_bytes(
        sample.path("agreement.yml").read_bytes() + b"\xff\xfe"
    )
    result = sample.cli("check")
    assert result.returncode == 2
    assert "AK903" in result.stdout
    assert "Traceback" not in result.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@` \n\tabc019")), max_size=80))
def test_any_text_loads_or_reports(text: str) -> None:
    document = load_yaml(text, "fuzz.yml")
    assert all(f.code in ("AK901", "AK902", "AK904") for f in document.findings)
    try:
        expected = yaml.load(text, Loader=_Loader)  # noqa: S506 - the same safe loader we use
    except (yaml.YAMLError, ValueError):  # ValueError: a date that does not exist
        assert document.findings, "PyYAML rejects it, so must we"
        return
    if not document.findings:
        assert document.data == expected
