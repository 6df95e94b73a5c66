"""Per-department notices of the agreement: key terms that department needs and what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from markdown_it import MarkdownIt

from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Department, Stakeholder
from agreekit.workflow.key_terms import for_department


@dataclass(frozen=True)
class Notice:
    department: Department
    recipient: Stakeholder | None
    sender: Stakeholder | None
    subject: str
    markdown: str


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
    for department in file.departments:
        subject = f"{file.title} with {file.parties.provider.name}: what the {department.name} needs to know"
        body = [
            f"# {subject}",
            "",
            f"{file.title} ({file.reference}), version {version}, between "
            f"{file.parties.customer.name} and {file.parties.provider.name}, "
            f"effective {file.term.effective_date:%d %B %Y}.",
            "",
        ]
        if overview:
            body += [overview, ""]
        body += ["## Key terms", ""]
        body += [terms.markdown() for terms in for_department(agreement, department.id)]
        body += ["## What changed", "", *_changes_markdown(changes), ""]
        if owner:
            body += ["## Questions", "", f"Ask {owner.name}, {owner.title}: {owner.email}.", ""]
        recipient = agreement.stakeholder(department.head) if department.head else None
        result.append(Notice(department, recipient, owner, subject, "\n".join(body)))
    return result


def as_email(notice: Notice, when: dt.datetime) -> EmailMessage:
    """The notice as an email: plain text (the Markdown) with an HTML alternative."""
    message = EmailMessage()
    message["Subject"] = notice.subject
    if notice.sender:
        message["From"] = f"{notice.sender.name} <{notice.sender.email}>"
    if notice.recipient:
        message["To"] = f"{notice.recipient.name} <{notice.recipient.email}>"
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="agreekit.invalid")
    message.set_content(notice.markdown)
    from agreekit.publish.sanitise import sanitise

    html = sanitise(MarkdownIt("commonmark").enable("table").render(notice.markdown))
    message.add_alternative(f"<!doctype html><html><body>{html}</body></html>", subtype="html")
    return message
