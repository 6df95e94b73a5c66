"""Step 18: every feedback item from the records and from pull request reviews, in one report.

Open items come first, grouped by section. A pull request review comment is open until a record
item names its URL as `source`; then the record's status decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from agreekit.github import login_of
from agreekit.model.agreement import Agreement


@dataclass(frozen=True)
class FeedbackEntry:
    section: str
    origin: str
    item_id: str
    raised_by: str
    text: str
    resolution: str
    open: bool
    link: str = ""


class FeedbackInputError(Exception):
    """Imported review comments are not in GitHub's format; the message says what is wrong."""


def _name(agreement: Agreement, stakeholder_id: str) -> str:
    person = agreement.stakeholder(stakeholder_id)
    return person.name if person else stakeholder_id


def from_records(agreement: Agreement) -> list[FeedbackEntry]:
    records = agreement.records
    entries: list[FeedbackEntry] = []
    if records.negotiation:
        for item in records.negotiation.model.items:
            entries.append(FeedbackEntry(
                item.section, "negotiation", item.id, _name(agreement, item.stakeholder),
                item.request.strip(), item.revised_term.strip(), item.status == "pending", item.source,
            ))  # fmt: skip
    if records.legal_review:
        reviewer = _name(agreement, records.legal_review.model.reviewer)
        for legal in records.legal_review.model.items:
            entries.append(FeedbackEntry(
                legal.section, f"legal review ({legal.kind})", legal.id, reviewer,
                legal.description.strip(), legal.resolution.strip(), legal.status == "open", legal.source,
            ))  # fmt: skip
    if records.internal_review:
        for comment in records.internal_review.model.comments:
            entries.append(FeedbackEntry(
                comment.section, "internal review", comment.id, _name(agreement, comment.by),
                comment.comment.strip(), comment.resolution.strip(), comment.status == "open",
            ))  # fmt: skip
    return entries


def from_review_comments(
    agreement: Agreement, comments: Iterable[Mapping[str, Any]], tracked: Mapping[str, bool]
) -> list[FeedbackEntry]:
    """GitHub's "list review comments on a pull request" payload; replies fold into their thread.

    `tracked` maps a comment URL named as a record's `source` to whether that record is open.
    """
    by_path = {s.path: s.id for s in agreement.sections}
    by_handle = {s.github.lower(): s.name for s in agreement.file.stakeholders if s.github}
    comments = list(comments)
    # A reply folds into its thread; one whose thread is not among these comments stands alone.
    ids = {c.get("id") for c in comments if isinstance(c, Mapping) and c.get("id") is not None}
    entries = []
    for comment in comments:
        try:
            if comment.get("in_reply_to_id") is not None and comment["in_reply_to_id"] in ids:
                continue
            url = str(comment["html_url"])
            login = login_of(comment)  # `ghost`: the account was deleted
            path = str(comment["path"])
            body = str(comment["body"]).strip()
            number = comment["id"]
        except (KeyError, TypeError) as error:
            raise FeedbackInputError(
                f"a review comment lacks {error}; expected GitHub's format"
            ) from error
        line = comment.get("line") or comment.get("original_line")
        entries.append(FeedbackEntry(
            by_path.get(path, path), "pull request review", f"comment {number}",
            by_handle.get(login.lower(), login), body + (f" ({path}:{line})" if line else ""),
            "", tracked.get(url, True), url,
        ))  # fmt: skip
    return entries


def review_comments(data: Any, source: str) -> list[dict[str, Any]]:
    """GitHub's review comments payload read from `source`, its shape checked: each comment an
    object with the fields feedback shows, of the types GitHub documents."""
    from agreekit.json_input import JsonProblem, items, member

    try:
        for index, comment in enumerate(items(data, source)):
            where = f"{source}: comment {index + 1}"
            member(comment, "id", int, where)
            user = member(comment, "user", dict, where, optional=True)  # null: a deleted account
            if user is not None:
                member(user, "login", str, f"{where}: user")
            for key in ("html_url", "path", "body"):
                member(comment, key, str, where)
            for key in ("line", "original_line", "in_reply_to_id"):
                member(comment, key, int, where, optional=True)
    except JsonProblem as error:
        raise FeedbackInputError(
            f"{error}; expected GitHub's format: save its review comments response as it is"
        ) from error
    return list(data)


def compile_feedback(
    agreement: Agreement, review_comments: Iterable[Mapping[str, Any]] = ()
) -> list[FeedbackEntry]:
    recorded = from_records(agreement)
    tracked = {e.link: e.open for e in recorded if e.link}
    entries = recorded + from_review_comments(agreement, review_comments, tracked)
    order = {section_id: i for i, section_id in enumerate(agreement.file.sections)}
    return sorted(entries, key=lambda e: (not e.open, order.get(e.section, len(order)), e.section))


def as_markdown(agreement: Agreement, entries: list[FeedbackEntry]) -> str:
    titles = {s.id: s.meta.title for s in agreement.sections}
    open_count = sum(e.open for e in entries)
    lines = [
        f"# Feedback on {agreement.file.title}",
        "",
        f"{len(entries)} items: {open_count} open, {len(entries) - open_count} resolved.",
    ]
    for state, wanted in (("Open", True), ("Resolved", False)):
        group = [e for e in entries if e.open == wanted]
        if not group:
            continue
        lines += ["", f"## {state}"]
        current = None
        for entry in group:
            if entry.section != current:
                current = entry.section
                lines += ["", f"### {titles.get(entry.section, entry.section)}", ""]
            source = f"[{entry.origin}]({entry.link})" if entry.link else entry.origin
            text = f"- **{entry.item_id}** ({source}, {entry.raised_by}): {entry.text}"
            if entry.resolution:
                text += f" *Resolution:* {entry.resolution}"
            lines.append(text)
    return "\n".join(lines) + "\n"


def as_html(markdown: str, title: str) -> str:
    from html import escape

    from markdown_it import MarkdownIt  # only for the HTML page: status needs none of it

    from agreekit.text.sanitise import sanitise

    # Items come from anyone who commented: what they wrote passes the publishing allowlist.
    body = sanitise(MarkdownIt("commonmark").render(markdown))
    title = escape(title)
    style = (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5}h2{border-bottom:1px solid #ccc}li{margin:.4rem 0}"
    )
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{style}</style></head><body>\n{body}</body></html>\n"
    )
