"""The report for people: a terminal table, Markdown, and HTML with its charts (the PDF's source)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from agreekit.model.formats import duration
from agreekit.model.kpi_target import target_in_words
from agreekit.service_report.charts import attainment_chart, downtime_chart

SHOWN_REJECTED = 50  # rows of each list shown in text and Markdown; JSON lists every listed one


def as_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}%"


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _verdict(met: bool | None) -> str:
    return "n/a" if met is None else "met" if met else "MISSED"


def _cell(value: object) -> str:
    """A table cell that no export value can break out of (Markdown or HTML)."""
    return escape(" ".join(str(value).split())).replace("|", "\\|")


def _tables(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as (heading, header, rows) tables: the one layout text and Markdown share."""
    priorities = [
        [
            p["id"],
            str(p["tickets"]),
            f"{duration(p['response']['target'])} ({p['response']['clock']})",
            f"{p['response']['met']}/{p['response']['measured']}",
            _percent(p["response"]["attainment"]),
            f"{duration(p['resolution']['target'])} ({p['resolution']['clock']})",
            f"{p['resolution']['met']}/{p['resolution']['measured']}",
            _percent(p["resolution"]["attainment"]),
            str(p["open"]),
        ]
        for p in report["priorities"]
    ]
    kpis = [
        [
            k["id"],
            target_in_words({**k, "value": k["target"]}),
            _number(k["value"]),
            _number(k["target"]),
            _verdict(k["met"]),
        ]
        for k in report["kpis"]
    ]
    tables = [
        (
            "Priorities",
            [
                "Priority",
                "Tickets",
                "Response target",
                "Met",
                "Attainment",
                "Resolution target",
                "Met",
                "Attainment",
                "Open",
            ],
            priorities,
        ),
        ("Key performance indicators", ["KPI", "Target", "Value", "Threshold", "Result"], kpis),
    ]
    availability = report["availability"]
    if availability["percent"] is not None:
        rows = [
            [
                s["service"],
                _percent(s["percent"]),
                _percent(s["target"]),
                _verdict(s["met"]),
                _number(s["unplanned_downtime_minutes"]),
                _number(s["planned_downtime_minutes"]),
                f"{_number(s['credit']['percent'])}%",
            ]
            for s in availability["services"]
        ]
        tables.append(
            (
                "Availability",
                [
                    "Service",
                    "Availability",
                    "Target",
                    "Result",
                    "Unplanned minutes",
                    "Planned minutes (excluded)",
                    "Credit",
                ],
                rows,
            )
        )
    tables += _credit_tables(report)
    if report["open_tickets"]:
        rows = [
            [t["id"], t["priority"], t["created"], t["awaiting"]]
            for t in report["open_tickets"][:SHOWN_REJECTED]
        ]
        tables.append(
            (
                "Open tickets (listed, not counted)",
                ["Ticket", "Priority", "Created", "Awaiting"],
                rows,
            )
        )
    if report["rejected"]["listed"]:
        rows = [
            [f"{r['file']}:{r['line']}", r["column"], r["id"], r["message"]]
            for r in report["rejected"]["listed"][:SHOWN_REJECTED]
        ]
        tables.append(("Rejected rows", ["Where", "Column", "Ticket", "Why"], rows))
    return tables


def _credit_tables(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """Late response and resolution credits, and each credit schedule's total within its cap."""
    credits = report.get("credits") or {}
    tables = []
    if credits.get("late"):
        rows = [
            [
                c["priority"],
                c["measure"],
                f"{c['after']} ({c['clock']})",
                f"{_number(c['credit'])}%",
                str(c["tickets"]),
                f"{_number(c['percent'])}%",
            ]
            for c in credits["late"]
        ]
        header = ["Priority", "Late", "Longer than", "Credit each", "Tickets", "Credit"]
        tables.append(("Late response and resolution credits", header, rows))
    schedules = [s for s in credits.get("schedules", []) if s["percent"] is not None]
    if schedules and (credits.get("late") or len(schedules) > 1):
        rows = [
            [
                s["schedule"],
                ", ".join(s["fees"]) or "all periodic charges",
                _number(s["availability"]),
                _number(s["response"]),
                _number(s["resolution"]),
                _number(s["cap"]),
                f"{_number(s['percent'])}%",
            ]
            for s in schedules
        ]
        header = ["Schedule", "Of the fees for", "Availability", "Response", "Resolution", "Cap",
                  "Owed"]  # fmt: skip
        tables.append(("Service credits owed", header, rows))
    return tables


def _summary(report: dict[str, Any]) -> list[str]:
    period, tickets = report["period"], report["tickets"]
    availability, credit = report["availability"], report["service_credit"]
    lines = [
        f"Period {period['label']}: {period['start']} to {period['end']} ({period['timezone']})",
        f"Tickets: {tickets['in_period']} in the period, {tickets['outside_period']} outside it, "
        f"{tickets['rejected']} rejected (of {tickets['read']} read)",
    ]
    if availability["percent"] is not None:
        tier = credit["tier"]
        band = f" (tier {tier['from']:g}-{tier['to']:g}%)" if tier else ""
        lines.append(
            f"Availability: {_percent(availability['percent'])} against {_number(availability['target'])}% "
            f"({_verdict(availability['met'])}); unplanned downtime {_number(availability['unplanned_downtime_minutes'])} minutes"
        )
        lines.append(f"Service credit: {_number(credit['percent'])}%{band}")
    elif credit["percent"] is not None:  # late response or resolution credits only
        lines.append(f"Service credit: {_number(credit['percent'])}%")
    return lines


def _count_note(report: dict[str, Any], key: str, listed: int) -> str:
    total = (
        report["rejected"]["count"]
        if key == "rejected"
        else sum(p["open"] for p in report["priorities"])
    )
    return (
        f"{total} in all; the first {listed} are shown, the JSON report lists up to 1000."
        if total > listed
        else ""
    )


def as_text(report: dict[str, Any]) -> str:
    agreement = report["agreement"]
    out = [f"Service report: {agreement['title']}", *_summary(report)]
    for heading, header, rows in _tables(report):
        widths = [
            max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
            for i, h in enumerate(header)
        ]
        out += ["", heading]
        out.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        out += [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
        ]
    out += ["", *report["notes"]] if report["notes"] else []
    return "\n".join(out) + "\n"


def as_markdown(report: dict[str, Any], charts: dict[str, str] | None = None) -> str:
    """Markdown; `charts` maps a chart name to the file its SVG is written to, to link it."""
    agreement = report["agreement"]
    out = [
        f"# Service report {report['period']['label']}: {_cell(agreement['title'])}",
        "",
        f"{_cell(agreement['customer'])} and {_cell(agreement['provider'])} · "
        f"version {_cell(agreement['version'])} · content id `{_cell(agreement['content_id'][:12])}`",
        "",
        *[f"- {_cell(line)}" for line in _summary(report)],
    ]
    for name, link in (charts or {}).items():
        out += ["", f"![{name}]({link})"]
    for heading, header, rows in _tables(report):
        out += [
            "",
            f"## {heading}",
            "",
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
        ]
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
        note = (
            _count_note(
                report, "rejected" if heading == "Rejected rows" else "open", SHOWN_REJECTED
            )
            if heading.startswith(("Rejected", "Open"))
            else ""
        )
        out += ["", note] if note else []
    if report["notes"]:
        out += ["", "## Notes", "", *[f"- {_cell(n)}" for n in report["notes"]]]
    out += ["", "## How this report measures", "", *[f"- {_cell(s)}" for s in report["semantics"]]]
    return "\n".join(out) + "\n"


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #bbb;"
    "padding:.2rem .5rem;text-align:left;font-size:.9rem}figure{margin:1rem 0}"
    "@page{size:A4;margin:18mm;@bottom-center{content:FOOTER}}"
)


def as_html(report: dict[str, Any]) -> str:
    """A standalone HTML page: the Markdown report with its SVG charts inline."""
    # The publishing code's Markdown, through the same allowlist as everything agreekit publishes.
    from agreekit.text.markup import published_html

    agreement = report["agreement"]
    body = published_html(as_markdown(report))
    charts = f"<figure>{attainment_chart(report)}</figure>" + (
        f"<figure>{downtime_chart(report)}</figure>"
        if report["availability"]["percent"] is not None
        else ""
    )
    first_heading_end = body.find("</h1>") + len("</h1>")
    body = body[:first_heading_end] + charts + body[first_heading_end:]
    footer = f"Service report {report['period']['label']} · version {agreement['version']} · content id {agreement['content_id'][:12]}"
    css = STYLE.replace("FOOTER", json.dumps(footer))
    title = escape(f"Service report {report['period']['label']}: {agreement['title']}")
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{css}</style></head><body>\n{body}</body></html>\n"
    )
