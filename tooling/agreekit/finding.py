"""A finding: what a check found, where, and how to fix it; and the rule that declares each kind."""

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Location(NamedTuple):
    """A place in a file of the repository, 1-based; `file` is relative to the repository root."""

    file: str
    line: int = 1
    col: int = 1


class Finding(NamedTuple):
    """One problem in the agreement, complete when made: its rule gives severity, hint and name."""

    code: str
    location: Location
    message: str
    severity: str
    hint: str
    name: str

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.code)


class Explanation(NamedTuple):
    """What `agreekit explain` prints for a rule, in the shape of ruff's rule pages."""

    what: str
    why: str
    example: str
    fix: str
    fixed: str = ""


class Rule(NamedTuple):
    """One kind of finding, declared beside the check (or the loader) that reports it."""

    code: str
    name: str
    severity: str
    summary: str
    hint: str
    explanation: Explanation

    def at(self, location: Location, message: str) -> Finding:
        """A finding of this rule at `location`, with everything a reader needs."""
        return Finding(self.code, location, message, self.severity, self.hint, self.name)
