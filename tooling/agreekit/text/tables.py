"""The data tables prose places with `{{ table("name") }}`, rendered as Markdown from front matter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from agreekit.model.agreement import Agreement
from agreekit.model.formats import days, duration, hours, money, percent
from agreekit.model.section_data import Availability, ServiceCredits
from agreekit.model.signatories import organisation

_CLOCKS = {"24x7": "24 hours, 7 days a week", "business": "Service Hours"}


class TableError(Exception):
    """A table name that is unknown, or a table whose data is missing."""


def _cell(value: object) -> str:
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _data(agreement: Agreement, key: str) -> Any:
    value = agreement.data_block(key)
    if value is None:
        raise TableError(f'table("{key}") has no data: no section\'s front matter has `{key}`')
    return value


def _person(agreement: Agreement, stakeholder_id: str) -> str:
    person = agreement.stakeholder(stakeholder_id)
    return person.name if person else stakeholder_id


def priorities(agreement: Agreement) -> str:
    data = _data(agreement, "priorities")
    updates = any(p.updates is not None for p in data)  # a column only when stated
    header: tuple[str, ...] = ("Priority", "Description", "Response", "Resolution")
    header += ("Updates", "Clock") if updates else ("Clock",)
    rows = []
    for p in data:
        row = [f"{p.id} {p.name}".strip(), p.description, duration(p.response)]
        row.append(duration(p.resolution))
        if updates:
            row.append(f"every {duration(p.updates)}" if p.updates is not None else "")
        row.append(_CLOCKS.get(str(p.clock), str(p.clock or "")))
        rows.append(row)
    return markdown_table(header, rows)


def kpis(agreement: Agreement) -> str:
    rows = [(k.name, k.target, k.measure) for k in _data(agreement, "kpis")]
    return markdown_table(("Indicator", "Target", "How it is measured"), rows)


def availability(agreement: Agreement) -> str:
    return _availability_table(_data(agreement, "availability"))


def _availability_table(data: Availability) -> str:
    rows: list[tuple[str, object]] = [("Target", percent(data.target))]
    if data.minimum is not None:
        rows.append(("Minimum acceptable", percent(data.minimum)))
    if data.window:
        rows.append(("Measurement window", data.window))
    if data.formula:
        rows.append(("Formula", data.formula))
    if data.allowed_downtime is not None:
        rows.append(("Allowed unplanned downtime", duration(data.allowed_downtime)))
    if data.exclusions:
        rows.append(("Exclusions", "; ".join(data.exclusions)))
    maintenance = data.maintenance
    if maintenance is not None and maintenance.window:
        rows.append(("Maintenance window", maintenance.window))
    if maintenance is not None and maintenance.notice:
        rows.append(("Maintenance notice", duration(maintenance.notice)))
    return markdown_table(("Measure", "Value"), rows)


def service_credits(agreement: Agreement) -> str:
    return _credits_table(agreement, _data(agreement, "service_credits"))


def _fees_text(agreement: Agreement, fees: list[str]) -> str:
    if not fees:
        return "monthly charges"
    costs = agreement.data_block("costs")
    lines = {line.id: line.description for line in costs.lines} if costs is not None else {}
    return "monthly charges for " + " and ".join(lines.get(fee, fee) for fee in fees)


def _credits_table(agreement: Agreement, data: ServiceCredits) -> str:
    rows: list[tuple[str, str]] = [
        (f"Availability {percent(t.from_)} to below {percent(t.to)}", percent(t.credit))
        for t in data.tiers
    ]
    for kind in ("response", "resolution"):
        rows += [
            (f"{c.priority} {kind} later than {duration(c.after)}", percent(c.credit))
            for c in getattr(data, kind)
        ]
    if data.cap is not None:
        rows.append(("Most credit in any month", percent(data.cap)))
    return markdown_table(("When", f"Credit (% of the {_fees_text(agreement, data.fees)})"), rows)


def services(agreement: Agreement) -> str:
    """Each service: its name and description, its availability, then its credits."""
    parts = []
    for service in _data(agreement, "services"):
        parts.append(f"**{service.name}**")
        if service.description:
            parts.append(service.description)
        if service.availability is not None:
            parts.append(_availability_table(service.availability))
        if service.service_credits is not None:
            parts.append(_credits_table(agreement, service.service_credits))
    return "\n\n".join(parts)


def escalation(agreement: Agreement) -> str:
    rows = [
        (
            path.priority,
            level.level,
            duration(level.after),
            _person(agreement, level.contact),
            level.role,
            level.channel,
        )
        for path in _data(agreement, "escalation")
        for level in path.levels
    ]
    return markdown_table(("Priority", "Level", "After", "Contact", "Role", "Channel"), rows)


def cost_rows(agreement: Agreement) -> list[tuple[str, str, str, str]]:
    """(item, quantity, unit price, amount) of each cost line, then the total: as every copy of
    the agreement and every notice shows them."""
    data = _data(agreement, "costs")
    rows: list[tuple[str, str, str, str]] = []
    for line in data.lines:
        currency = line.currency or data.currency
        amount = line.amount if line.amount is not None else line.quantity * line.unit_price
        rows.append(
            (
                line.description,
                f"{line.quantity} {line.unit}".strip(),
                money(line.unit_price, currency),
                money(amount, currency),
            )
        )
    if data.total is not None:
        period = f" per {data.period}" if data.period else ""
        rows.append((f"Total{period}", "", "", money(data.total, data.currency)))
    return rows


def costs(agreement: Agreement) -> str:
    return markdown_table(("Item", "Quantity", "Unit price", "Amount"), cost_rows(agreement))


def stakeholders(agreement: Agreement) -> str:
    rows = [
        (
            s.name,
            s.title,
            organisation(agreement, s),
            ", ".join(role.replace("-", " ") for role in s.roles),
            s.email,
        )
        for s in agreement.file.stakeholders
    ]
    return markdown_table(("Name", "Title", "Party", "Roles", "Email"), rows)


def service_hours(agreement: Agreement) -> str:
    data = _data(agreement, "service_hours")
    rows: list[tuple[str, object]] = []
    if data.name:
        rows.append(("Name", data.name))
    rows += [("Days", days(data.days)), ("Hours", hours(data.start, data.end))]
    rows.append(("Time zone", data.timezone))
    if data.holidays is not None:
        where = "-".join(p for p in (data.holidays.country, data.holidays.subdivision) if p)
        rows.append(("Public holidays", f"excluded ({where})"))
    for route in data.out_of_hours:
        rows.append((f"Outside these hours, for {', '.join(route.priorities)}", route.channel))
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
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise TableError(f'table("{name}"): its data is incomplete ({error})') from error
