"""Reading dotted field paths ("costs.total") out of plain YAML data."""

from __future__ import annotations

from typing import Any

MISSING = object()


def lookup(data: Any, dotted: str) -> Any:
    """The value at a dotted path, or MISSING."""
    value = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def existing_prefix(data: Any, dotted: str) -> tuple[str, ...]:
    """The longest prefix of the path that exists: where to point at when the rest is missing."""
    parts: list[str] = []
    value = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            break
        parts.append(part)
        value = value[part]
    return tuple(parts)


def walk_strings(
    data: Any, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string value in the data with its path."""
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in walk_strings(value, (*path, key))]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in walk_strings(value, (*path, i))]
    return []
