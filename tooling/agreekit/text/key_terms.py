"""The key terms a reader of the agreement must know, drawn from its data (never retyped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Department, Stakeholder
from agreekit.text.tables import TableError, cost_rows, markdown_table


@dataclass(frozen=True)
class KeyTerms:
    title: str
    lines: tuple[str, ...]

    def markdown(self) -> str:
        return "\n".join([f"### {self.title}", "", *self.lines, ""])


def dates(agreement: Agreement) -> KeyTerms:
    term = agreement.file.term
    lines = [
        f"- Starts: {formats.date(term.effective_date)}",
        f"- Initial term ends: {formats.date(term.end_date)}",
    ]
    if term.renewal.automatic:
        lines.append(
            f"- Renews automatically for {formats.duration(term.renewal.period)} unless either "
            f"party gives notice at least {formats.duration(term.renewal.notice)} before the "
            "term ends"
        )
    if term.reviews:
        lines.append("- Reviews: " + ", ".join(formats.date(d) for d in term.reviews))
    return KeyTerms("Dates", tuple(lines))


def service_hours(agreement: Agreement) -> KeyTerms | None:
    hours = agreement.data_block("service_hours")
    if hours is None:
        return None
    line = (
        f"- {formats.days(hours.days)}, {formats.hours(hours.start, hours.end)} ({hours.timezone})"
    )
    if hours.holidays is not None:
        line += ", except public holidays"
    return KeyTerms("Service hours", (line,))


def priority_targets(agreement: Agreement) -> KeyTerms | None:
    priorities = agreement.data_block("priorities")
    if priorities is None:
        return None
    rows = [
        (
            f"{p.id} {p.name}".strip(),
            p.description,
            formats.duration(p.response),
            formats.duration(p.resolution),
        )
        for p in priorities
    ]
    table = markdown_table(("Priority", "Meaning", "Response", "Resolution"), rows)
    return KeyTerms("Priority targets", tuple(table.split("\n")))


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
    paths = agreement.data_block("escalation")
    if paths is None:
        return None
    seen: dict[str, tuple[int, str]] = {}
    for path in paths:
        for level in path.levels:
            seen.setdefault(level.contact, (level.level, level.channel))
    lines = []
    for contact, (level, channel) in sorted(seen.items(), key=lambda item: item[1][0]):
        person = agreement.stakeholder(contact)
        name = f"{person.name}, {person.title} ({person.email})" if person else contact
        lines.append(f"- Level {level}: {name}, by {channel}")
    return KeyTerms("Escalation contacts", tuple(lines))


def pricing(agreement: Agreement) -> KeyTerms | None:
    costs = agreement.data_block("costs")
    if costs is None:
        return None
    try:
        rows = cost_rows(agreement)
    except TableError:
        return None
    table = markdown_table(("Item", "Quantity", "Unit price", "Amount"), rows)
    lines = table.split("\n")
    if costs.payment_terms:
        lines += ["", f"- Payment: {costs.payment_terms}"]
    if costs.price_review:
        lines.append(f"- Price review: {costs.price_review}")
    credits = agreement.data_block("service_credits")
    if credits is not None and credits.cap is not None:
        lines.append(
            f"- Service credits: up to {formats.percent(credits.cap)} of the monthly charges, "
            f"claimed within {formats.duration(credits.claim_window)}"
        )
    return KeyTerms("Pricing", tuple(lines))


COMMON = (dates, service_hours, priority_targets, raising_a_ticket, escalation_contacts)
# What each department needs beyond the common terms.
BY_DEPARTMENT = {"finance": (pricing,)}


def for_department(agreement: Agreement, department_id: str) -> list[KeyTerms]:
    builders = COMMON + BY_DEPARTMENT.get(department_id, ())
    return [terms for build in builders if (terms := build(agreement)) is not None]


def everything(agreement: Agreement) -> list[KeyTerms]:
    """Every key term, for the site's Key terms page: the common ones and each department's."""
    builders = COMMON + tuple(b for extra in BY_DEPARTMENT.values() for b in extra)
    return [terms for build in dict.fromkeys(builders) if (terms := build(agreement)) is not None]


@dataclass(frozen=True)
class Unsent:
    """A department no notice is written for, and what to do about it."""

    department: Department
    reason: str


def recipients(agreement: Agreement, department: Department) -> tuple[Stakeholder, ...]:
    """Who a department's notice goes to: its head, or else everyone named in that department."""
    head = agreement.stakeholder(department.head) if department.head else None
    if head is not None:
        return (head,)
    return tuple(s for s in agreement.file.stakeholders if s.department == department.id)


def planned(agreement: Agreement) -> tuple[list[Department], list[Unsent]]:
    """The departments to tell: those in the communication plan (all, without a plan) that have
    someone to tell. The others are returned with the reason and the fix."""
    communication = agreement.records.communication
    in_plan = {d.department for d in communication.model.departments} if communication else None
    told, unsent = [], []
    for department in agreement.file.departments:
        if in_plan is not None and department.id not in in_plan:
            unsent.append(Unsent(department, "is not in the communication plan (AK407); add it "
                                 "to records/communication.yml"))  # fmt: skip
        elif not recipients(agreement, department):
            unsent.append(Unsent(department, "has no head and nobody named in it; set its head "
                                 "in agreement.yml departments"))  # fmt: skip
        else:
            told.append(department)
    return told, unsent


@dataclass(frozen=True)
class Changes:
    """What changed in the agreement text since the previous version."""

    previous: str | None
    sections: tuple[str, ...]


def owner(agreement: Agreement) -> Stakeholder | None:
    return next((s for s in agreement.file.stakeholders if "owner" in s.roles), None)


def changes_markdown(changes: Changes) -> list[str]:
    if changes.previous is None:
        return ["This is the first version of the agreement."]
    if not changes.sections:
        return [f"The text is unchanged since {changes.previous}."]
    return [f"Since {changes.previous}, these sections changed:", ""] + [
        f"- {title}" for title in changes.sections
    ]


def overview(
    agreement: Agreement, department_id: str | None, version: str, changed: Sequence[str]
) -> list[str]:
    """The overview the seed's step 17 asks for, as Markdown lines: the agreement in one
    sentence, the plan's overview, the key terms (a department's, or all of them), what changed,
    and whom to ask. Notices and the site's pages are both made from it."""
    file = agreement.file
    communication = agreement.records.communication
    summary = communication.model.overview.strip() if communication else ""
    body = [
        f"{file.title} ({file.reference}), version {version}, between "
        f"{file.parties.customer.name} and {file.parties.provider.name}, "
        f"effective {formats.date(file.term.effective_date)}.",
        "",
    ]
    if summary:
        body += [summary, ""]
    terms = (
        everything(agreement) if department_id is None else for_department(agreement, department_id)
    )
    body += ["## Key terms", "", *(t.markdown() for t in terms)]
    body += ["## What changed", "", *changed, ""]
    asked = owner(agreement)
    if asked:
        body += ["## Questions", "", f"Ask {asked.name}, {asked.title}: {asked.email}.", ""]
    return body
