"""The report's charts as plain SVG: attainment per priority against its target, downtime per day."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

_BAR, _GAP, _LEFT, _TOP, _HEIGHT = 22, 14, 56, 28, 160


def _svg(width: int, height: int, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="t">'
        f'<title id="t">{escape(title)}</title>'
        "<style>text{font:11px sans-serif;fill:#222}.met{fill:#2e7d32}.missed{fill:#c62828}"
        ".target{stroke:#222;stroke-dasharray:4 3}.axis{stroke:#888}.planned{fill:#9e9e9e}</style>"
        f'<text x="{_LEFT}" y="16" font-weight="bold">{escape(title)}</text>{body}</svg>'
    )


def attainment_chart(report: dict[str, Any]) -> str:
    """Bars of response and resolution attainment per priority, each with its KPI target line."""
    targets = {
        k["of"]: k["target"]
        for k in report["kpis"]
        if k["type"] == "share-within-target" and not k["priorities"]
    }
    bars, labels = [], []
    x = _LEFT
    for priority in report["priorities"]:
        for kind in ("response", "resolution"):
            share = priority[kind]["attainment"]
            target = targets.get(kind)
            height = 0 if share is None else share / 100 * _HEIGHT
            good = share is not None and (target is None or share >= target)
            css = "met" if good else "missed"
            y = _TOP + _HEIGHT - height
            shown = "n/a" if share is None else f"{share:.1f}%"
            bars.append(
                f'<rect class="{css}" x="{x}" y="{y:.1f}" width="{_BAR}" height="{height:.1f}">'
                f"<title>{escape(priority['id'])} {kind}: {shown}</title></rect>"
                f'<text x="{x}" y="{y - 3:.1f}">{shown}</text>'
            )
            if target is not None:
                ty = _TOP + _HEIGHT - target / 100 * _HEIGHT
                bars.append(
                    f'<line class="target" x1="{x - 3}" x2="{x + _BAR + 3}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
                )
            labels.append(
                f'<text x="{x}" y="{_TOP + _HEIGHT + 14}">{escape(priority["id"])} {kind[:4]}.</text>'
            )
            x += _BAR + _GAP
        x += _GAP
    axis = f'<line class="axis" x1="{_LEFT - 4}" x2="{x}" y1="{_TOP + _HEIGHT}" y2="{_TOP + _HEIGHT}"/>'
    scale = "".join(
        f'<text x="{_LEFT - 40}" y="{_TOP + _HEIGHT - p / 100 * _HEIGHT + 4:.1f}">{p}%</text>'
        for p in (0, 50, 100)
    )
    return _svg(
        x + 20,
        _TOP + _HEIGHT + 30,
        "Attainment per priority (dashed: target)",
        axis + scale + "".join(bars) + "".join(labels),
    )


def downtime_chart(report: dict[str, Any]) -> str:
    """Unplanned downtime minutes on each day of the period, all services together."""
    first = dt.date.fromisoformat(report["period"]["start"])
    last = dt.date.fromisoformat(report["period"]["end"])
    per_day: dict[str, float] = {}
    for service in report["availability"]["services"]:
        for day, minutes in service["downtime_per_day"].items():
            per_day[day] = per_day.get(day, 0) + minutes
    days = (last - first).days + 1
    width = max(4, min(18, 560 // max(days, 1)))
    peak = max(per_day.values(), default=0) or 1
    bars, x = [], _LEFT
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        minutes = per_day.get(day.isoformat(), 0)
        height = minutes / peak * _HEIGHT
        if minutes:
            bars.append(
                f'<rect class="missed" x="{x}" y="{_TOP + _HEIGHT - height:.1f}" width="{width - 2}" '
                f'height="{height:.1f}"><title>{day.isoformat()}: {minutes:g} minutes</title></rect>'
            )
        if offset % 7 == 0:
            bars.append(f'<text x="{x}" y="{_TOP + _HEIGHT + 14}">{day.day}/{day.month}</text>')
        x += width
    axis = f'<line class="axis" x1="{_LEFT - 4}" x2="{x}" y1="{_TOP + _HEIGHT}" y2="{_TOP + _HEIGHT}"/>'
    scale = (
        f'<text x="4" y="{_TOP + 8}">{peak:g} min</text><text x="4" y="{_TOP + _HEIGHT}">0</text>'
    )
    return _svg(
        x + 20,
        _TOP + _HEIGHT + 30,
        "Unplanned downtime per day (minutes)",
        axis + scale + "".join(bars),
    )
