"""The one error the report raises for input it cannot use: a message naming file, line and fix."""

from __future__ import annotations


class ReportError(Exception):
    """Input the report cannot use; the message names the file (and line) and what to do."""
