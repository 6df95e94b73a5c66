"""The one error the report raises for input it cannot use: a message naming file, line and fix."""

from __future__ import annotations

from agreekit.errors import USAGE, Failure


class ReportError(Failure):
    """Input the report cannot use (exit 2); the message names the file (and line) and the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message, USAGE)
