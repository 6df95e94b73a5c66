"""JSON that agreekit did not write (a comments file, GitHub's answers), read within limits.

A regular file only (a FIFO would wait for a writer for ever, /dev/zero never ends), at most
`MAX_BYTES`, UTF-8, nested at most `MAX_DEPTH` deep, and no NaN or Infinity: anything else is a
`JsonProblem` whose message names the source and says what to do, never a MemoryError or a
RecursionError.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

MAX_BYTES = 20 * 1000 * 1000  # GitHub's largest page of review comments is well under 1 MB
MAX_DEPTH = 64  # GitHub's payloads nest five or six levels


class JsonProblem(ValueError):
    """The JSON cannot be used; the message names the source, says what is wrong and what to do."""


def read_json_file(path: Path, limit: int = MAX_BYTES) -> Any:
    """The JSON value in the regular file `path`."""
    return parse_json(read_bounded(path, limit + 1), str(path), limit)


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file `path`, if it holds at most `limit`; else a JsonProblem."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise JsonProblem(f"{path}: cannot read it: {error.strerror}") from error
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise JsonProblem(
                f"{path}: not a regular file (a pipe, device or folder); save the JSON to a file"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise JsonProblem(f"{path}: cannot read it: {error.strerror}") from error
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise JsonProblem(f"{path}: more than {limit // 1_000_000} MB; not read")
    return data


def parse_json(data: bytes, source: str, limit: int = MAX_BYTES) -> Any:
    """The JSON value in `data`, which came from `source` (a file, a URL)."""
    if len(data) > limit:
        raise JsonProblem(f"{source}: more than {limit // 1_000_000} MB of JSON; not read")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JsonProblem(
            f"{source}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from error
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise JsonProblem(
            f"{source}:{error.lineno}:{error.colno}: not JSON ({error.msg})"
        ) from error
    except RecursionError as error:
        raise JsonProblem(f"{source}: nested deeper than {MAX_DEPTH} levels; not read") from error
    if _depth(value) > MAX_DEPTH:
        raise JsonProblem(f"{source}: nested deeper than {MAX_DEPTH} levels; not read")
    return value


def _no_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value`, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


_KINDS = {
    str: "text",
    int: "a whole number",
    dict: "an object",
    list: "a list",
    bool: "true or false",
}


def describe(value: Any) -> str:
    """A JSON value as its author would name it: null, a number, text, a list, an object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return "a list" if isinstance(value, list) else "an object"


def member(value: Any, key: str, kind: type, where: str, *, optional: bool = False) -> Any:
    """`value[key]`, which must be of `kind` (None if `optional` and absent or null)."""
    if not isinstance(value, dict):
        raise JsonProblem(f"{where}: expected an object, got {describe(value)}")
    item = value.get(key)
    if item is None:
        if optional:
            return None
        raise JsonProblem(f"{where}: '{key}' is missing or null")
    if not isinstance(item, kind) or (isinstance(item, bool) and kind is not bool):
        raise JsonProblem(f"{where}: '{key}' is {describe(item)}, expected {_KINDS[kind]}")
    return item


def items(value: Any, where: str) -> list[Any]:
    """`value`, which must be a JSON list."""
    if not isinstance(value, list):
        raise JsonProblem(f"{where}: expected a list, got {describe(value)}")
    return value
