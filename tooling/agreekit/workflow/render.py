"""Status as a readable terminal table, or as JSON for programs."""

from __future__ import annotations

import json
import shutil
import textwrap

from agreekit.workflow.steps import Status

MARKS = {"done": "✔ done", "ready": "→ ready", "blocked": "· blocked", "stale": "! stale"}


def as_table(status: Status, width: int | None = None) -> str:
    width = width or max(80, shutil.get_terminal_size((100, 24)).columns)
    title_width = max(len(s.title) for s in status.steps)
    head = f"{'#':>2}  {'step':<{title_width}}  {'state':<11}  "
    indent = " " * len(head)
    lines = [f"{head}evidence / who acts", "-" * min(width, len(head) + 40)]
    for step in status.steps:
        state = MARKS.get(step.state, step.state)
        detail = step.evidence + (f" — {', '.join(step.actors)}" if step.actors else "")
        wrapped = textwrap.wrap(detail, max(30, width - len(head))) or [""]
        lines.append(f"{step.number:>2}  {step.title:<{title_width}}  {state:<11}  {wrapped[0]}")
        lines += [indent + more for more in wrapped[1:]]
    done = sum(1 for s in status.steps if s.state == "done")
    lines.append("")
    lines.append(f"Progress: {status.progress}% ({done} of {len(status.steps)} steps done).")
    if status.next_step is not None:
        step = status.next_step
        who = ", ".join(step.actors) or "the agreement owner"
        lines.append(f"Next: step {step.number} ({step.title}): {who}.")
    return "\n".join(lines)


def as_json(
    status: Status,
    key_dates: list[dict[str, object]] | None = None,
    cycle: dict[str, object] | None = None,
) -> str:
    return json.dumps(
        {
            "cycle": cycle or {},
            "key_dates": key_dates or [],
            "progress": status.progress,
            "next": status.next_step.number if status.next_step else None,
            "steps": [
                {
                    "number": s.number,
                    "title": s.title,
                    "state": s.state,
                    "evidence": s.evidence,
                    "actors": list(s.actors),
                }
                for s in status.steps
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
