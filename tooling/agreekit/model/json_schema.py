"""JSON Schema (draft 2020-12) from the typed models, so editors check agreement.yml while typing."""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import Any, Literal

from agreekit.model.typed import Rules, fields_of, hints, is_model

Schema = dict[str, Any]
AMOUNT = r"^-?\d+(\.\d+)?$"


def json_schema(cls: type) -> Schema:
    """The schema of `cls` with every nested model under `$defs`."""
    definitions: dict[str, Schema] = {}
    root = _object(cls, definitions)
    return {**root, "$defs": dict(sorted(definitions.items()))}


def _object(cls: Any, definitions: dict[str, Schema]) -> Schema:
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for field in fields_of(cls):
        schema = {**_type(hints(cls)[field.name], definitions), **_rules(field.rules)}
        schema["title"] = field.key.replace("_", " ").title()
        if field.required:
            required.append(field.key)
        else:
            schema["default"] = _plain(field.default_value())
        properties[field.key] = schema
    schema = {
        "type": "object",
        "title": cls.__name__,
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__doc__:
        schema["description"] = " ".join(cls.__doc__.split())
    if required:
        schema["required"] = required
    return schema


def _type(kind: Any, definitions: dict[str, Schema]) -> Schema:
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin is typing.Annotated:
        rules = [extra for extra in arguments[1:] if isinstance(extra, Rules)]
        merged = _type(arguments[0], definitions)
        for rule in rules:
            merged.update(_rules(rule))
        return merged
    if kind is Any:
        return {}
    if origin is Literal:
        return {"enum": list(arguments), "type": "string"}
    if origin in (typing.Union, types.UnionType):
        options: list[Schema] = []
        for option in arguments:
            schema = _type(option, definitions)
            # A value that reads itself as text or a number joins the union as those two would.
            spread = hasattr(option, "__json_schema__") and list(schema) == ["anyOf"]
            options += schema["anyOf"] if spread else [schema]
        return {"anyOf": options}
    if origin is list or origin is tuple:
        return {"type": "array", "items": _type(arguments[0], definitions)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(arguments[1], definitions)}
    if is_model(kind):
        name = getattr(kind, "__name__", str(kind))
        if name not in definitions:
            definitions[name] = {}  # reserve the name first: models may nest themselves
            definitions[name] = _object(kind, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if hasattr(kind, "__json_schema__"):  # a value that reads itself (model.values)
        return dict(kind.__json_schema__)
    return dict(_SCALARS[kind])


def _rules(rules: Rules) -> Schema:
    schema: Schema = {}
    if rules.description:
        schema["description"] = rules.description
    if rules.pattern:
        schema["pattern"] = rules.pattern
    if rules.gt is not None:
        schema["exclusiveMinimum"] = rules.gt
    if rules.le is not None:
        schema["maximum"] = rules.le
    if rules.min_length is not None:
        schema["minItems"] = rules.min_length
    return schema


def _plain(value: Any) -> Any:
    if hasattr(value, "__plain__"):
        return value.__plain__()
    if is_model(type(value)):
        return {f.key: _plain(getattr(value, f.name)) for f in fields_of(type(value))}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


_SCALARS: dict[Any, Schema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
    Decimal: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": AMOUNT}]},
    type(None): {"type": "null"},
}
