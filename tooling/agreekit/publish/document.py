"""The agreement as one print-ready HTML document: cover, contents, numbered clauses, signatures.

Plain HTML and CSS (paged media) so that the PDF step is only `weasyprint.HTML(...).write_pdf()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib import resources

import markdown

from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Party
from agreekit.text.context import template_context
from agreekit.text.numbering import NumberedSection
from agreekit.text.render import PDF, render_agreement
from agreekit.versions import Version
from agreekit.workflow.release import Signed

MARKDOWN_EXTENSIONS = ["tables", "attr_list", "sane_lists"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def footer_text(version: Version, content_id: str) -> str:
    return f"Version {version.label} · Content id {content_id[:12]}"


def _party(party: Party) -> str:
    details = ", ".join(p for p in (party.legal_form, party.registration, party.address) if p)
    return (
        f'<p class="party"><strong>{escape(party.name)}</strong><br>'
        f'<span class="details">{escape(details)}</span><br>'
        f'<span class="role">({escape(party.short_name)})</span></p>'
    )


def cover(agreement: Agreement, version: Version, content_id: str) -> str:
    file = agreement.file
    effective = template_context(agreement)["term"]["effective_date"]
    status = "Final" if version.final else "Draft: not for signature"
    return (
        '<section class="cover">'
        f'<p class="reference">{escape(file.reference)}</p>'
        f'<h1 class="title">{escape(file.title)}</h1>'
        '<p class="between">between</p>'
        f"{_party(file.parties.customer)}"
        '<p class="between">and</p>'
        f"{_party(file.parties.provider)}"
        '<table class="facts">'
        f"<tr><th>Version</th><td>{escape(version.label)}</td></tr>"
        f"<tr><th>Status</th><td>{escape(status)}</td></tr>"
        f"<tr><th>Effective date</th><td>{escape(effective)}</td></tr>"
        f"<tr><th>Content id</th><td><code>{escape(content_id)}</code></td></tr>"
        "</table></section>"
    )


def contents(sections: list[NumberedSection]) -> str:
    items = []
    for numbered in sections:
        section_id = numbered.section.id
        clauses = "".join(
            f'<li><a href="#{PDF.anchor(section_id, h.heading.slug)}">'
            f"{escape(h.number)} {escape(h.heading.text)}</a></li>"
            for h in numbered.headings
            if h.heading.level == 2
        )
        items.append(
            f'<li class="toc-section"><a href="#{PDF.anchor(section_id, None)}">'
            f"{escape(numbered.label)}</a><ul>{clauses}</ul></li>"
        )
    return f'<nav class="toc"><h2>Contents</h2><ul>{"".join(items)}</ul></nav>'


def print_css(version: Version, content_id: str) -> str:
    css = resources.files("agreekit.publish").joinpath("assets/print.css").read_text("utf-8")
    return css.replace("FOOTER_TEXT", _css_string(footer_text(version, content_id)))


def signature_record(signed: Sequence[Signed]) -> str:
    """The final copy's page of who signed which text, from the signature records in git."""
    rows = "".join(
        f"<tr><td>{escape(s.name)}<br><small>{escape(s.title)}, {escape(s.organisation)}</small></td>"
        f"<td>{s.when:%d %B %Y %H:%M} UTC</td><td><code>{escape(s.record)}</code></td>"
        f"<td><code>{escape(s.content[:12])}</code></td></tr>"
        for s in signed
    )
    return (
        '<section class="agreement-section signature-record"><h2>Signature record</h2>'
        "<p>Each signatory signed this text by a signature record in the agreement's git "
        "repository; the content id identifies the text signed.</p>"
        "<table><thead><tr><th>Signed by</th><th>When</th><th>Record</th><th>Content id</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></section>"
    )


def document(
    agreement: Agreement, version: Version, content_id: str, signed: Sequence[Signed] = ()
) -> str:
    rendered = render_agreement(agreement, PDF)
    body = "".join(
        f'<section class="agreement-section" id="section-{n.section.id}">{to_html(text)}</section>'
        for n, text in rendered
    )
    watermark = "" if version.final else '<div class="watermark">DRAFT</div>'
    title = escape(agreement.file.title)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{print_css(version, content_id)}</style></head><body>"
        f"{watermark}{cover(agreement, version, content_id)}"
        f"{contents([n for n, _ in rendered])}<main>{body}"
        f"{signature_record(signed) if signed else ''}</main></body></html>\n"
    )


def write_pdf(html: str, base_url: str) -> bytes:
    """The HTML document as PDF bytes (WeasyPrint loads only here)."""
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    return pdf
