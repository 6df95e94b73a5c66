"""The site's generated pages: the home page (a cover) and the Changes page (the redline)."""

from __future__ import annotations

import re
from pathlib import Path

from agreekit.model.agreement import Agreement
from agreekit.publish.redline import as_html_markup, redline, summary
from agreekit.publish.revision import RevisionError, agreement_text, text_at
from agreekit.publish.version import last_approved
from agreekit.text.calendar_feed import FEED_NAME
from agreekit.text.context import template_context
from agreekit.text.numbering import numbered_sections
from agreekit.text.render import RenderError
from agreekit.versions import Version

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
        f"The agreement's key dates (reviews, reports, price reviews, the renewal notice "
        f"deadline) as a calendar to subscribe to: [{FEED_NAME}]({FEED_NAME}).",
    ]
    return "\n".join(lines) + "\n"


def page_descriptions(agreement: Agreement) -> dict[str, str]:
    """A meta description for every page, by source file: what the page is, of which agreement."""
    file = agreement.file
    between = f"between {file.parties.customer.name} and {file.parties.provider.name}"
    descriptions = {
        "index.md": f"{file.title} {between}: parties, version, effective date and contents.",
        "changes.md": f"What changed in the {file.title} {between} since the last approved version.",
    }
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
    approved = last_approved(repo, directory)
    title = "# Changes"
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
