"""The site's generated pages: the home page (a cover) and the Changes page (the redline)."""

from __future__ import annotations

import re
from pathlib import Path

from agreekit import git
from agreekit.model.agreement import Agreement
from agreekit.publish.redline import as_html_markup, redline, summary
from agreekit.publish.revision import RevisionError, agreement_text, text_at
from agreekit.publish.version import last_approved
from agreekit.text.calendar_feed import FEED_NAME
from agreekit.text.context import template_context
from agreekit.text.key_terms import overview, planned
from agreekit.text.numbering import numbered_sections
from agreekit.text.render import RenderError
from agreekit.versions import Version, releases

PDF_NAME = "agreement.pdf"
DOCX_NAME = "agreement.docx"


def home_page(
    agreement: Agreement, version: Version, content_id: str, pdf: bool, docx: bool = False
) -> str:
    file = agreement.file
    context = template_context(agreement)
    customer, provider = file.parties.customer, file.parties.provider
    lines = [
        f"# {file.title}",
        "",
        f"| Reference | {file.reference or file.title} |",
        "|---|---|",
        f"| Customer | {customer.name} ({customer.short_name}) |",
        f"| Provider | {provider.name} ({provider.short_name}) |",
        f"| Version | {version.label}{'' if version.final else ' (draft, not signed)'} |",
        f"| Effective date | {context['term']['effective_date']} |",
        f"| Content id | `{content_id}` |",
        "",
    ]
    # Raw HTML: the copies are written after the site, so they are not pages MkDocs could check.
    buttons = [f'<a class="md-button" href="{PDF_NAME}">Download the PDF</a>'] if pdf else []
    if docx:
        buttons.append(f'<a class="md-button" href="{DOCX_NAME}">Download the Word copy</a>')
    if buttons:
        lines += [f"<p>{' '.join(buttons)}</p>", ""]
    lines += ["## Contents", ""]
    lines += [
        f"{n.number}. [{n.section.meta.title}]({n.section.id}.md)"
        for n in numbered_sections(agreement)
    ]
    lines += ["", "What changed since the last approved version: [Changes](changes.md)."]
    lines += [
        "",
        "For the departments: the [Key terms](key-terms.md) of the agreement, and what each "
        "department needs to know: "
        + ", ".join(f"[{d.name}](departments/{d.id}.md)" for d in planned(agreement)[0])
        + ".",
    ]
    lines += [
        "",
        f"The agreement's key dates (reviews, reports, price reviews, the renewal notice "
        f"deadline) as a calendar to subscribe to: [{FEED_NAME}]({FEED_NAME}).",
    ]
    return "\n".join(lines) + "\n"


KEY_TERMS_PAGE = "key-terms.md"
VERSIONS_PAGE = "versions.md"


def versions_page(repo: Path, directory: str) -> str:
    """Every released version: its date, its signatories, and its redline from the one before."""
    released = releases(repo)
    lines = ["# Versions", ""]
    if not released:
        return "\n".join([*lines, "No version has been released yet (no `v*` tag).", ""])
    lines += ["| Version | Date | Signed by |", "|---|---|---|"]
    lines += [
        f"| {r.tag} | {r.date} | {r.signed_by or 'not recorded'} |" for r in reversed(released)
    ]
    lines.append("")
    for before, release in reversed(list(zip(released, released[1:], strict=False))):
        lines += [f"## {release.tag}, changes from {before.tag}", ""]
        try:
            pieces = redline(
                text_at(repo, before.tag, directory), text_at(repo, release.tag, directory)
            )
        except (RevisionError, RenderError) as error:
            lines += [f"The comparison could not be made: {error}", ""]
            continue
        if all(p.kind == "equal" for p in pieces):
            lines += [f"The text is the same as {before.tag}.", ""]
            continue
        lines += [
            f"{summary(pieces)}.",
            "",
            '<div class="agreekit-redline" markdown>',
            "",
            re.sub(r"^(#{1,4}) ", r"##\1 ", changed_blocks(as_html_markup(pieces)), flags=re.M),
            "",
            "</div>",
            "",
        ]
    lines += [f"## {released[0].tag}", "", "The first released version.", ""]
    return "\n".join(lines)


def readers_pages(agreement: Agreement, version: str) -> dict[str, tuple[str, str]]:
    """The departments' view: a Key terms page and one page per department in the communication
    plan, made by the code that writes the notices. Source name -> (navigation label, Markdown)."""
    changed = [
        "The redline against the last approved version is on the [Changes](changes.md) page."
    ]
    pages = {
        KEY_TERMS_PAGE: (
            "Key terms",
            "\n".join(["# Key terms", "", *overview(agreement, None, version, changed)]),
        )
    }
    for department in planned(agreement)[0]:
        title = f"For the {department.name}"
        body = overview(
            agreement, department.id, version, [line.replace("](", "](../") for line in changed]
        )
        # Out of the search: each repeats the key terms, and would crowd out the clauses.
        pages[f"departments/{department.id}.md"] = (
            department.name,
            "\n".join(["---", "search:", "  exclude: true", "---", "", f"# {title}", "", *body]),
        )
    return pages


def page_descriptions(agreement: Agreement) -> dict[str, str]:
    """A meta description for every page, by source file: what the page is, of which agreement."""
    file = agreement.file
    between = f"between {file.parties.customer.name} and {file.parties.provider.name}"
    descriptions = {
        "index.md": f"{file.title} {between}: parties, version, effective date and contents.",
        "changes.md": f"What changed in the {file.title} {between} since the last approved version.",
        VERSIONS_PAGE: f"Every released version of the {file.title} {between}, with its "
        "signatories and changes.",
        KEY_TERMS_PAGE: f"The key terms of the {file.title} {between}: who to call, targets, "
        "hours, escalation and costs.",
    }
    for department in planned(agreement)[0]:
        descriptions[f"departments/{department.id}.md"] = (
            f"What the {department.name} needs to know about the {file.title} {between}."
        )
    for numbered in numbered_sections(agreement):
        descriptions[f"{numbered.section.id}.md"] = (
            f"Clause {numbered.number}, {numbered.section.meta.title}, of the {file.title} {between}."
        )
    return descriptions


def _demote_headings(text: str) -> str:
    return re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.MULTILINE)


def changed_blocks(markup: str) -> str:
    """Only the paragraphs that carry a mark, each under the headings of its clause."""
    kept: list[str] = []
    headings: dict[int, str] = {}
    shown: set[str] = set()
    for block in markup.split("\n\n"):
        heading = re.match(r"(#{1,6}) ", block)
        if heading:
            level = len(heading.group(1))
            headings = {k: v for k, v in headings.items() if k < level} | {level: block}
        if "<ins>" not in block and "<del>" not in block:
            continue
        for _, text in sorted(headings.items()):
            if text not in shown:
                kept.append(text)
                shown.add(text)
        if not heading:
            kept.append(block)
    return "\n\n".join(kept)


def changes_page(repo: Path, directory: str) -> str:
    """The redline of the agreement text against the last approved version."""
    title = "# Changes"
    if not git.is_repository(repo):  # e.g. a downloaded archive of the repository
        return (
            f"{title}\n\nThis copy of the agreement is not in a git repository, so it has no "
            "approved version to compare against: the whole text is shown as it stands.\n"
        )
    approved = last_approved(repo, directory)
    if approved is None:
        return (
            f"{title}\n\nNo version has been approved yet (no approval or `v*` tag), so there is nothing to "
            "compare against: the whole text is new.\n"
        )
    try:
        pieces = redline(text_at(repo, approved, directory), agreement_text(repo, directory))
    except (RevisionError, RenderError) as error:
        return f"{title}\n\nThe comparison with {approved} could not be made: {error}\n"
    if all(p.kind == "equal" for p in pieces):
        return f"{title}\n\nThe text is the same as the approved version {approved}.\n"
    return (
        f"{title} since {approved}\n\n"
        f"Compared with the approved version {approved}: {summary(pieces)}. "
        "Only the changed paragraphs are shown, under their clause headings; inserted words are "
        "<ins>underlined</ins>, deleted words <del>struck through</del>.\n\n"
        f'<div class="agreekit-redline" markdown>\n\n'
        f"{_demote_headings(changed_blocks(as_html_markup(pieces)))}"
        "\n\n</div>\n"
    )
