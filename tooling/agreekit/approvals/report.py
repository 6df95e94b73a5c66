"""Verdicts as text for people."""

from __future__ import annotations

from collections.abc import Sequence

from agreekit.approvals.verify import Verdict


def verdict_lines(verdicts: Sequence[Verdict]) -> list[str]:
    lines = []
    for verdict in verdicts:
        record = verdict.record
        state = "ok" if verdict.valid else "REJECTED"
        if verdict.valid and not verdict.current:
            state = "stale (the text changed since)"
        if verdict.revoked_by:
            state = f"revoked by {verdict.revoked_by}"
        elif verdict.elsewhere:
            state = "on another line of history (not in HEAD's), so it counts for nothing here"
        who = f"{record.approver or '?'} ({record.role or '?'})"
        lines.append(f"{record.name}: {state}: {record.stage} {record.decision} by {who}")
        lines += [f"  - {problem}" for problem in verdict.problems if not verdict.elsewhere]
    return lines
