"""The data tables prose places with `{{ table("name") }}`, rendered as Markdown from front matter."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from agreekit.model.agreement import Agreement

_SHORT_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$")
_UNITS = {"m": "minute", "min": "minute", "h": "hour", "d": "day", "w": "week"}
_CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
_DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


class TableError(Exception):
    """A table name that is unknown, or a table whose data is missing."""


def duration(value: object) -> str:
    """`15m` -> `15 minutes`; longer forms (`2 business days`) are already words."""
    text = str(value)
    match = _SHORT_DURATION.match(text)
    if not match:
        return text
    amount, unit = match.groups()
    word = _UNITS[unit]
    return f"{amount} {word}" if amount == "1" else f"{amount} {word}s"


def percent(value: object) -> str:
    number = float(str(value))
    return f"{number:g}%"


def money(value: object, currency: str) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    symbol = _CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{amount:,.2f}" if symbol else f"{amount:,.2f} {currency}"


def _cell(value: object) -> str:
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _data(agreement: Agreement, key: str) -> Any:
    value = agreement.section_data().get(key)
    if value is None:
        raise TableError(f'table("{key}") has no data: no section\'s front matter has `{key}`')
    return value


def _person(agreement: Agreement, stakeholder_id: str) -> str:
    person = agreement.stakeholder(stakeholder_id)
    return person.name if person else stakeholder_id


def priorities(agreement: Agreement) -> str:
    rows = [
        (
            f"{p['id']} {p.get('name', '')}".strip(),
            p.get("description", ""),
            duration(p.get("response", "")),
            duration(p.get("resolution", "")),
            "24 hours, 7 days a week" if p.get("clock") == "24x7" else "Service Hours",
        )
        for p in _data(agreement, "priorities")
    ]
    return markdown_table(("Priority", "Description", "Response", "Resolution", "Clock"), rows)


def kpis(agreement: Agreement) -> str:
    rows = [(k["name"], k["target"], k.get("measure", "")) for k in _data(agreement, "kpis")]
    return markdown_table(("Indicator", "Target", "How it is measured"), rows)


def availability(agreement: Agreement) -> str:
    data = _data(agreement, "availability")
    rows: list[tuple[str, object]] = [("Target", percent(data["target"]))]
    if data.get("window"):
        rows.append(("Measurement window", data["window"]))
    if data.get("formula"):
        rows.append(("Formula", data["formula"]))
    if data.get("allowed_downtime") is not None:
        rows.append(("Allowed unplanned downtime", duration(data["allowed_downtime"])))
    if data.get("exclusions"):
        rows.append(("Exclusions", "; ".join(data["exclusions"])))
    maintenance = data.get("maintenance") or {}
    if maintenance.get("window"):
        rows.append(("Maintenance window", maintenance["window"]))
    if maintenance.get("notice"):
        rows.append(("Maintenance notice", duration(maintenance["notice"])))
    return markdown_table(("Measure", "Value"), rows)


def service_credits(agreement: Agreement) -> str:
    data = _data(agreement, "service_credits")
    rows = [
        (f"{percent(t['from'])} to below {percent(t['to'])}", percent(t["credit"]))
        for t in data["tiers"]
    ]
    if data.get("cap") is not None:
        rows.append(("Most credit in any month", percent(data["cap"])))
    return markdown_table(("Availability in the window", "Credit (% of monthly charges)"), rows)


def escalation(agreement: Agreement) -> str:
    rows = [
        (
            path["priority"],
            level["level"],
            duration(level["after"]),
            _person(agreement, level["contact"]),
            level.get("role", ""),
            level.get("channel", ""),
        )
        for path in _data(agreement, "escalation")
        for level in path["levels"]
    ]
    return markdown_table(("Priority", "Level", "After", "Contact", "Role", "Channel"), rows)


def costs(agreement: Agreement) -> str:
    data = _data(agreement, "costs")
    currency = data["currency"]
    rows: list[tuple[object, ...]] = []
    for line in data.get("lines", []):
        line_currency = line.get("currency") or currency
        amount = line.get("amount")
        if amount is None:
            amount = Decimal(str(line["quantity"])) * Decimal(str(line["unit_price"]))
        quantity = f"{line['quantity']} {line.get('unit', '')}".strip()
        rows.append(
            (
                line["description"],
                quantity,
                money(line["unit_price"], line_currency),
                money(amount, line_currency),
            )
        )
    if data.get("total") is not None:
        period = f" per {data['period']}" if data.get("period") else ""
        rows.append((f"Total{period}", "", "", money(data["total"], currency)))
    return markdown_table(("Item", "Quantity", "Unit price", "Amount"), rows)


def stakeholders(agreement: Agreement) -> str:
    parties = agreement.file.parties
    party_names = {"customer": parties.customer.name, "provider": parties.provider.name}
    party_names |= {parties.customer.id: parties.customer.name}
    party_names |= {parties.provider.id: parties.provider.name}
    rows = [
        (
            s.name,
            s.title,
            party_names.get(s.party, s.party),
            ", ".join(role.replace("-", " ") for role in s.roles),
            s.email,
        )
        for s in agreement.file.stakeholders
    ]
    return markdown_table(("Name", "Title", "Party", "Roles", "Email"), rows)


def service_hours(agreement: Agreement) -> str:
    data = _data(agreement, "service_hours")
    days = [_DAYS.get(str(d).lower(), str(d)) for d in data["days"]]
    day_text = f"{days[0]} to {days[-1]}" if len(days) > 2 else " and ".join(days)
    rows: list[tuple[str, object]] = []
    if data.get("name"):
        rows.append(("Name", data["name"]))
    rows += [("Days", day_text), ("Hours", f"{data['start']} to {data['end']}")]
    rows.append(("Time zone", data["timezone"]))
    holidays = data.get("holidays")
    if holidays:
        where = "-".join(p for p in (holidays.get("country"), holidays.get("subdivision")) if p)
        rows.append(("Public holidays", f"excluded ({where})"))
    return markdown_table(("", "Service Hours"), rows)


TABLES: dict[str, Callable[[Agreement], str]] = {
    "priorities": priorities,
    "kpis": kpis,
    "availability": availability,
    "service_credits": service_credits,
    "escalation": escalation,
    "costs": costs,
    "stakeholders": stakeholders,
    "service_hours": service_hours,
}


def table(agreement: Agreement, name: str) -> str:
    render = TABLES.get(name)
    if render is None:
        raise TableError(f'unknown table("{name}"); use one of: {", ".join(TABLES)}')
    try:
        return render(agreement)
    except (KeyError, TypeError, ValueError) as error:
        raise TableError(f'table("{name}"): its data is incomplete ({error})') from error
