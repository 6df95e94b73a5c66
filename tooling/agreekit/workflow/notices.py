"""Per-department notices of the agreement: key terms that department needs and what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from markdown_it import MarkdownIt

from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Department, Stakeholder
from agreekit.text import formats
from agreekit.workflow.key_terms import for_department


@dataclass(frozen=True)
class Notice:
    department: Department
    recipients: tuple[Stakeholder, ...]
    sender: Stakeholder | None
    subject: str
    markdown: str


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


def _owner(agreement: Agreement) -> Stakeholder | None:
    return next((s for s in agreement.file.stakeholders if "owner" in s.roles), None)


def _changes_markdown(changes: Changes) -> list[str]:
    if changes.previous is None:
        return ["This is the first version of the agreement."]
    if not changes.sections:
        return [f"The text is unchanged since {changes.previous}."]
    return [f"Since {changes.previous}, these sections changed:", ""] + [
        f"- {title}" for title in changes.sections
    ]


def notices(agreement: Agreement, version: str, changes: Changes) -> list[Notice]:
    file = agreement.file
    owner = _owner(agreement)
    communication = agreement.records.communication
    overview = communication.model.overview.strip() if communication else ""
    result = []
    for department in planned(agreement)[0]:
        subject = f"{file.title} with {file.parties.provider.name}: what the {department.name} needs to know"
        body = [
            f"# {subject}",
            "",
            f"{file.title} ({file.reference}), version {version}, between "
            f"{file.parties.customer.name} and {file.parties.provider.name}, "
            f"effective {formats.date(file.term.effective_date)}.",
            "",
        ]
        if overview:
            body += [overview, ""]
        body += ["## Key terms", ""]
        body += [terms.markdown() for terms in for_department(agreement, department.id)]
        body += ["## What changed", "", *_changes_markdown(changes), ""]
        if owner:
            body += ["## Questions", "", f"Ask {owner.name}, {owner.title}: {owner.email}.", ""]
        result.append(
            Notice(department, recipients(agreement, department), owner, subject, "\n".join(body))
        )
    return result


def as_email(notice: Notice, when: dt.datetime) -> EmailMessage:
    """The notice as an email: plain text (the Markdown) with an HTML alternative."""
    message = EmailMessage()
    message["Subject"] = notice.subject
    if notice.sender:
        message["From"] = f"{notice.sender.name} <{notice.sender.email}>"
    message["To"] = ", ".join(f"{person.name} <{person.email}>" for person in notice.recipients)
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="agreekit.invalid")
    message.set_content(notice.markdown)
    from agreekit.text.sanitise import sanitise

    html = sanitise(MarkdownIt("commonmark").enable("table").render(notice.markdown))
    message.add_alternative(f"<!doctype html><html><body>{html}</body></html>", subtype="html")
    return message
