"""The key terms a reader of the agreement must know, drawn from its data (never retyped)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agreekit.model.agreement import Agreement

DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}  # fmt: skip


@dataclass(frozen=True)
class KeyTerms:
    title: str
    lines: tuple[str, ...]

    def markdown(self) -> str:
        return "\n".join([f"### {self.title}", "", *self.lines, ""])


def dates(agreement: Agreement) -> KeyTerms:
    term = agreement.file.term
    lines = [
        f"- Starts: {term.effective_date:%d %B %Y}",
        f"- Initial term ends: {term.end_date:%d %B %Y}",
    ]
    if term.renewal.automatic:
        lines.append(
            f"- Renews automatically for {term.renewal.period} unless either party gives "
            f"notice at least {term.renewal.notice} before the term ends"
        )
    if term.reviews:
        lines.append("- Reviews: " + ", ".join(f"{d:%d %B %Y}" for d in term.reviews))
    return KeyTerms("Dates", tuple(lines))


def service_hours(agreement: Agreement) -> KeyTerms | None:
    hours = agreement.section_data().get("service_hours")
    if not isinstance(hours, dict):
        return None
    days = [DAY_NAMES.get(str(d), str(d)) for d in hours.get("days", [])]
    span = f"{days[0]} to {days[-1]}" if len(days) > 1 else "".join(days)
    line = f"- {span}, {hours.get('start')}-{hours.get('end')} ({hours.get('timezone')})"
    holidays = hours.get("holidays")
    if isinstance(holidays, dict):
        line += ", except public holidays"
    return KeyTerms("Service hours", (line,))


def priority_targets(agreement: Agreement) -> KeyTerms | None:
    priorities = agreement.section_data().get("priorities")
    if not isinstance(priorities, list):
        return None
    lines = ["| priority | meaning | response | resolution |", "|---|---|---|---|"]
    for p in priorities:
        lines.append(
            f"| {p.get('id')} {p.get('name')} | {p.get('description', '')} | "
            f"{p.get('response')} | {p.get('resolution')} |"
        )
    return KeyTerms("Priority targets", tuple(lines))


def raising_a_ticket(agreement: Agreement) -> KeyTerms | None:
    variables = agreement.file.variables
    channels = [
        (label, variables[key])
        for label, key in (
            ("Phone", "service_desk_phone"),
            ("Email", "service_desk_email"),
            ("Portal", "service_desk_portal"),
        )
        if key in variables
    ]
    if not channels:
        return None
    lines = [f"- {label}: {value}" for label, value in channels]
    lines.append("- Always log the issue with the service desk, even if you raised it in person.")
    return KeyTerms("How to raise a ticket", tuple(lines))


def escalation_contacts(agreement: Agreement) -> KeyTerms | None:
    paths = agreement.section_data().get("escalation")
    if not isinstance(paths, list):
        return None
    seen: dict[str, tuple[int, str]] = {}
    for path in paths:
        for level in path.get("levels", []):
            contact = str(level.get("contact"))
            if contact not in seen:
                seen[contact] = (int(level.get("level", 0)), str(level.get("channel", "")))
    lines = []
    for contact, (level, channel) in sorted(seen.items(), key=lambda item: item[1][0]):
        person = agreement.stakeholder(contact)
        name = f"{person.name}, {person.title} ({person.email})" if person else contact
        lines.append(f"- Level {level}: {name}, by {channel}")
    return KeyTerms("Escalation contacts", tuple(lines))


def pricing(agreement: Agreement) -> KeyTerms | None:
    costs: Any = agreement.section_data().get("costs")
    if not isinstance(costs, dict):
        return None
    currency = costs.get("currency", "")
    period = costs.get("period", "month")
    lines = ["| item | quantity | unit price | amount |", "|---|---|---|---|"]
    for line in costs.get("lines", []):
        lines.append(
            f"| {line.get('description')} | {line.get('quantity')} {line.get('unit', '')} | "
            f"{currency} {line.get('unit_price')} | {currency} {line.get('amount', '')} |"
        )
    lines.append(f"| total per {period} | | | {currency} {costs.get('total', '')} |")
    if costs.get("payment_terms"):
        lines += ["", f"- Payment: {costs['payment_terms']}"]
    if costs.get("price_review"):
        lines.append(f"- Price review: {costs['price_review']}")
    credits = agreement.section_data().get("service_credits")
    if isinstance(credits, dict) and credits.get("cap") is not None:
        lines.append(
            f"- Service credits: up to {credits['cap']}% of the monthly charges, "
            f"claimed within {credits.get('claim_window', '')}"
        )
    return KeyTerms("Pricing", tuple(lines))


COMMON = (dates, service_hours, priority_targets, raising_a_ticket, escalation_contacts)
# What each department needs beyond the common terms.
BY_DEPARTMENT = {"finance": (pricing,)}


def for_department(agreement: Agreement, department_id: str) -> list[KeyTerms]:
    builders = COMMON + BY_DEPARTMENT.get(department_id, ())
    return [terms for build in builders if (terms := build(agreement)) is not None]
