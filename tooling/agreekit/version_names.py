"""Version names and their order, without git: what a version tag (or a cycle's records folder)
may be called, and which of two comes later. `agreekit.versions` answers the rest from git."""

from __future__ import annotations

import re
from collections.abc import Iterable

VERSION_PATTERN = re.compile(r"^v(?P<numbers>\d+(?:\.\d+){0,2})(?:[-.](?P<suffix>[0-9A-Za-z.]+))?$")

OrderKey = tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]


def is_version(tag: str) -> bool:
    return VERSION_PATTERN.match(tag) is not None


def order_key(tag: str) -> OrderKey:
    """Semantic order: numbers as numbers, missing ones as 0, a pre-release before its release."""
    match = VERSION_PATTERN.match(tag)
    if match is None:
        raise ValueError(f"'{tag}' is not a version like v1.0.0")
    numbers = [int(part) for part in match.group("numbers").split(".")] + [0, 0]
    suffix = match.group("suffix")
    identifiers = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in (suffix or "").split(".")
        if part
    )
    return (numbers[0], numbers[1], numbers[2]), 0 if suffix else 1, identifiers


def newest(tags: Iterable[str]) -> str | None:
    """The highest version among `tags` (other tags are ignored), or None."""
    versions = [tag for tag in tags if is_version(tag)]
    return max(versions, key=order_key) if versions else None
