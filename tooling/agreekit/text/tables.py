"""The data tables prose places with `{{ table("name") }}`, rendered as Markdown from front matter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from agreekit.model.agreement import Agreement
from agreekit.model.duration import parse_duration

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


_CLOCKS = {"24x7": "24 hours, 7 days a week", "business": "Service Hours"}


class TableError(Exception):
    """A table name that is unknown, or a table whose data is missing."""


def duration(value: object) -> str:
    """`15m` -> `15 minutes`, `PT1H30M` -> `1 hour 30 minutes`; prose stays as written."""
    parsed = parse_duration(value)
    return str(value) if parsed is None or isinstance(value, int | float) else str(parsed)


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
    data = _data(agreement, "priorities")
    updates = any(p.get("updates") is not None for p in data)  # a column only when stated
    header: tuple[str, ...] = ("Priority", "Description", "Response", "Resolution")
    header += ("Updates", "Clock") if updates else ("Clock",)
    rows = []
    for p in data:
        row = [
            f"{p['id']} {p.get('name', '')}".strip(),
            p.get("description", ""),
            duration(p.get("response", "")),
            duration(p.get("resolution", "")),
        ]
        if updates:
            every = p.get("updates")
            row.append(f"every {duration(every)}" if every is not None else "")
        row.append(_CLOCKS.get(str(p.get("clock")), str(p.get("clock", ""))))
        rows.append(row)
    return markdown_table(header, rows)


def kpis(agreement: Agreement) -> str:
    rows = [(k["name"], k["target"], k.get("measure", "")) for k in _data(agreement, "kpis")]
    return markdown_table(("Indicator", "Target", "How it is measured"), rows)


def availability(agreement: Agreement) -> str:
    return _availability_table(_data(agreement, "availability"))


def _availability_table(data: dict[str, Any]) -> str:
    rows: list[tuple[str, object]] = [("Target", percent(data["target"]))]
    if data.get("minimum") is not None:
        rows.append(("Minimum acceptable", percent(data["minimum"])))
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
    return _credits_table(agreement, _data(agreement, "service_credits"))


def _fees_text(agreement: Agreement, fees: list[str]) -> str:
    if not fees:
        return "monthly charges"
    lines = {
        line["id"]: line.get("description", line["id"])
        for line in (agreement.section_data().get("costs") or {}).get("lines", [])
    }
    return "monthly charges for " + " and ".join(lines.get(fee, fee) for fee in fees)


def _credits_table(agreement: Agreement, data: dict[str, Any]) -> str:
    fees = _fees_text(agreement, data.get("fees") or [])
    rows: list[tuple[object, ...]] = [
        (f"Availability {percent(t['from'])} to below {percent(t['to'])}", percent(t["credit"]))
        for t in data.get("tiers") or []
    ]
    for kind in ("response", "resolution"):
        rows += [
            (f"{c['priority']} {kind} later than {duration(c['after'])}", percent(c["credit"]))
            for c in data.get(kind) or []
        ]
    if data.get("cap") is not None:
        rows.append(("Most credit in any month", percent(data["cap"])))
    return markdown_table(("When", f"Credit (% of the {fees})"), rows)


def services(agreement: Agreement) -> str:
    """One table per service: its availability, then its credits."""
    parts = []
    for service in _data(agreement, "services"):
        parts.append(f"**{service['name']}**")
        if service.get("description"):
            parts.append(service["description"])
        if service.get("availability"):
            parts.append(_availability_table(service["availability"]))
        if service.get("service_credits"):
            parts.append(_credits_table(agreement, service["service_credits"]))
    return "\n\n".join(parts)


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
    for route in data.get("out_of_hours") or []:
        rows.append(
            (f"Outside these hours, for {', '.join(route['priorities'])}", route["channel"])
        )
    return markdown_table(("", "Service Hours"), rows)


TABLES: dict[str, Callable[[Agreement], str]] = {
    "priorities": priorities,
    "kpis": kpis,
    "availability": availability,
    "service_credits": service_credits,
    "services": services,
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
