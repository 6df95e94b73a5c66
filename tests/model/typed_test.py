"""The validator behind every YAML file: each problem is found, named by path, and worded plainly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

import pytest

from agreekit.model.agreement_file import AgreementFile, Stakeholder
from agreekit.model.section_data import CostLine, CreditTier
from agreekit.model.typed import Rules, convert, model, spec

Code = Annotated[str, Rules(pattern=r"^[A-Z]{3}$", hint="write three capitals")]


@model
class Inner:
    when: dt.date
    count: int = spec(1, gt=0, le=10)


@model
class Outer:
    name: str
    kind: Literal["a", "b"] = "a"
    code: Code = "GBP"
    inner: Inner | None = None
    items: list[Inner] = spec(factory=list, min_length=0)
    tags: dict[str, int | str] = spec(factory=dict)
    anything: Any = None


def problems(data: Any) -> list[tuple[str, tuple[str | int, ...], str]]:
    value, found = convert(Outer, data)
    assert (value is None) == bool(found)
    return [(p.kind, p.path, p.message) for p in found]


def test_valid_data_becomes_a_frozen_instance_with_defaults() -> None:
    value, found = convert(Outer, {"name": "x", "inner": {"when": "2027-01-31"}})
    assert found == []
    assert value == Outer(name="x", inner=Inner(when=dt.date(2027, 1, 31)))
    assert value is not None and value.items == () and value.tags == {}


def test_every_problem_is_reported_with_its_path() -> None:
    found = problems(
        {
            "nme": "x",
            "kind": "c",
            "code": "gbp",
            "inner": {"when": "2027-02-30", "count": 0},
            "items": [{"when": dt.date(2027, 1, 1)}, {"count": 11, "when": True}],
            "tags": {"a": [1]},
        }
    )
    assert found == [
        ("unknown", ("nme",), "unknown key 'nme' (did you mean 'name'?)"),
        ("missing", ("name",), "required key 'name' missing"),
        ("invalid", ("kind",), "must be one of a, b; got the text 'c'"),
        ("invalid", ("code",), "'gbp' is not valid here: write three capitals"),
        ("invalid", ("inner", "when"), "expected a date (YYYY-MM-DD), got the text '2027-02-30'"),
        ("invalid", ("inner", "count"), "must be more than 0; got 0"),
        ("invalid", ("items", 1, "when"), "expected a date (YYYY-MM-DD), got true"),
        ("invalid", ("items", 1, "count"), "must be at most 10; got 11"),
        ("invalid", ("tags", "a"), "expected a whole number or text, got a list"),
    ]


def test_types_are_not_coerced_silently() -> None:
    assert problems({"name": 12345678}) == [
        ("invalid", ("name",), "expected text, got the number 12345678")
    ]
    assert problems({"name": "x", "inner": {"when": dt.date(2027, 1, 1), "count": True}}) == [
        ("invalid", ("inner", "count"), "expected a whole number, got true")
    ]
    assert problems({"name": "x", "inner": "soon"}) == [
        ("invalid", ("inner",), "expected a mapping of keys to values, got the text 'soon'")
    ]
    assert problems(["x"]) == [("invalid", (), "expected a mapping of keys to values, got a list")]


def test_a_yaml_key_may_differ_from_the_attribute() -> None:
    tier, found = convert(CreditTier, {"from": 99, "to": 99.5, "credit": 5})
    assert found == [] and tier is not None
    assert (tier.from_, tier.to, tier.credit) == (99.0, 99.5, 5.0)
    _, found = convert(CreditTier, {"from_": 99, "to": 99.5, "credit": 5})
    assert [p.kind for p in found] == ["unknown", "missing"]


def test_amounts_are_exact_decimals() -> None:
    line, found = convert(
        CostLine, {"id": "x", "description": "d", "quantity": 3, "unit_price": "0.10"}
    )
    assert found == [] and line is not None
    assert line.quantity * line.unit_price == Decimal("0.30")
    _, found = convert(
        CostLine, {"id": "x", "description": "d", "quantity": 1, "unit_price": "NaN"}
    )
    assert [p.path for p in found] == [("unit_price",)]


def test_methods_on_models_work() -> None:
    person, found = convert(
        Stakeholder,
        {
            "id": "ann",
            "name": "Ann",
            "party": "customer",
            "kind": "legal",
            "title": "Counsel",
            "email": "ann@example.org",
            "roles": ["legal"],
        },
    )
    assert found == [] and person is not None
    assert person.has_role("legal") and not person.has_role("signatory")


def test_the_agreement_model_names_each_missing_part() -> None:
    _, found = convert(AgreementFile, {"title": "x"})
    assert {p.path for p in found if p.kind == "missing"} == {
        ("parties",),
        ("term",),
        ("stakeholders",),
        ("teams",),
        ("departments",),
        ("sections",),
    }


def test_models_are_immutable_values() -> None:
    first = Inner(when=dt.date(2027, 1, 1))
    assert first == Inner(when=dt.date(2027, 1, 1), count=1)
    assert first != Inner(when=dt.date(2027, 1, 1), count=2)
    assert hash(first) == hash(Inner(when=dt.date(2027, 1, 1)))
    assert repr(first) == "Inner(when=datetime.date(2027, 1, 1), count=1)"
    try:
        first.count = 3  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a model must not change after it is made")


def test_sequences_are_tuples_all_the_way_down() -> None:
    value, found = convert(Outer, {"name": "x", "items": [{"when": "2027-01-31"}]})
    assert found == [] and value is not None
    assert value.items == (Inner(when=dt.date(2027, 1, 31)),)
    assert Outer(name="y", items=[Inner(when=dt.date(2027, 1, 1))]).items.__class__ is tuple
    agreement, _ = convert(AgreementFile, _minimal_agreement())
    assert agreement is not None and isinstance(agreement.stakeholders, tuple)


def _minimal_agreement() -> dict[str, Any]:
    import yaml

    from conftest import SAMPLE

    data: dict[str, Any] = yaml.safe_load((SAMPLE / "agreement.yml").read_text("utf-8"))
    return data


@pytest.mark.parametrize(
    "annotation", ["set[str]", "dict[int, str]", "tuple[str, int]", "list[bytes]", "complex"]
)
def test_an_unsupported_field_type_fails_when_the_class_is_defined(annotation: str) -> None:
    namespace: dict[str, Any] = {}
    source = (
        f"from agreekit.model.typed import model\n@model\nclass Bad:\n    field: {annotation}\n"
    )
    with pytest.raises(TypeError, match="Bad.field: agreekit cannot read"):
        exec(compile(source, "bad.py", "exec"), namespace)


def test_a_type_defined_after_its_model_fails_at_once() -> None:
    source = "from __future__ import annotations\nfrom agreekit.model.typed import model\n@model\nclass Early:\n    late: Later\n"
    with pytest.raises(TypeError, match="define a field's type before the model"):
        exec(compile(source, "early.py", "exec"), {})


@model
class Derived(Inner):
    label: str = "x"


def test_inherited_fields_are_fields_of_the_subclass() -> None:
    value, found = convert(Derived, {"when": "2027-01-31", "count": 2, "label": "y"})
    assert found == [] and value == Derived(when=dt.date(2027, 1, 31), count=2, label="y")
    _, found = convert(Derived, {"count": 11, "label": "y"})
    assert [(p.kind, p.path) for p in found] == [("missing", ("when",)), ("invalid", ("count",))]


@model
class Measured:
    target: float


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf", ".NaN", "1e400", str(10**400)])
def test_nan_and_infinity_are_not_numbers(written: str) -> None:
    import yaml

    _, found = convert(Measured, yaml.safe_load(f"target: {written}"))
    assert [(p.path, p.message.split(",")[0]) for p in found] == [
        (("target",), "expected a number")
    ]


def test_a_number_key_is_not_merged_with_the_same_text_key() -> None:
    _, found = convert(Outer, {"name": "x", "tags": {1: "one", "1": "uno"}})
    assert [(p.path, p.message) for p in found] == [
        (
            ("tags", 1),
            "key the number 1 is the same as the key '1' once read as text; keep one of the two",
        )
    ]
    value, found = convert(Outer, {"name": "x", "tags": {1: "one", "2": "two"}})
    assert found == [] and value is not None and value.tags == {"1": "one", "2": "two"}
