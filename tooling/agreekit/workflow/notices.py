"""Per-department notices of the agreement: key terms that department needs and what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from markdown_it import MarkdownIt

from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Department, Stakeholder
from agreekit.text.key_terms import (
    Changes,
    changes_markdown,
    overview,
    owner,
    planned,
    recipients,
)


@dataclass(frozen=True)
class Notice:
    department: Department
    recipients: tuple[Stakeholder, ...]
    sender: Stakeholder | None
    subject: str
    markdown: str


def notices(agreement: Agreement, version: str, changes: Changes) -> list[Notice]:
    file = agreement.file
    result = []
    for department in planned(agreement)[0]:
        subject = f"{file.title} with {file.parties.provider.name}: what the {department.name} needs to know"
        body = overview(agreement, department.id, version, changes_markdown(changes))
        result.append(
            Notice(
                department,
                recipients(agreement, department),
                owner(agreement),
                subject,
                "\n".join([f"# {subject}", "", *body]),
            )
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
