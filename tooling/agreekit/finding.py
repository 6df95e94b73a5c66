"""A finding: what a check found, where, and how to fix it."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A place in a file of the repository, 1-based; `file` is relative to the repository root."""

    file: str
    line: int = 1
    col: int = 1


class Finding(NamedTuple):
    """One problem in the agreement. Severity and hint come from the check registry."""

    code: str
    location: Location
    message: str
    severity: str = "error"
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.code)


def finding(code: str, location: Location, message: str) -> Finding:
    return Finding(code=code, location=location, message=message)
