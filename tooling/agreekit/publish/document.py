"""The agreement as one print-ready HTML document: cover, contents, numbered clauses, signatures.

Plain HTML and CSS (paged media) so that the PDF step is only `weasyprint.HTML(...).write_pdf()`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Party
from agreekit.model.signatories import Signed
from agreekit.text.context import template_context
from agreekit.text.limits import LimitError
from agreekit.text.markup import published_html
from agreekit.text.numbering import NumberedSection
from agreekit.text.render import PDF, RenderError, render_agreement
from agreekit.versions import Version


class PdfRefused(Exception):
    """The document asked the renderer for something outside the build, or to attach a file."""

    def __init__(self, refused: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{url}: {reason}" for url, reason in refused))
        self.refused = refused


def section_html(numbered: NumberedSection, text: str) -> str:
    """A rendered section as the HTML the PDF shows: sanitised, or RenderError at its line."""
    try:
        return published_html(text)
    except LimitError as error:
        section = numbered.section
        line = max(section.body_line, section.body_line + error.line - 3)  # after title + blank
        raise RenderError(section.path, line, error.message) from None


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


# The DRAFT mark as strokes, not letters: drawn as paths on every page's background, it is seen
# but never copied, searched, extracted or read aloud with the clauses it lies under.
_DRAFT_STROKES = (
    "M0 0V100H28Q60 100 60 50Q60 0 28 0Z"  # D
    "M80 100V0H115Q140 0 140 27Q140 54 115 54H80M110 54L140 100"  # R
    "M160 100L190 0L220 100M172 62H208"  # A
    "M300 0H240V100M240 50H285"  # F
    "M320 0H380M350 0V100"  # T
)
DRAFT_MARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-40 -160 460 420" width="460" height="420">'
    '<g transform="rotate(-40 190 50)" fill="none" stroke="#c81e1e" stroke-opacity="0.14" '
    f'stroke-width="13" stroke-linejoin="round" stroke-linecap="round"><path d="{_DRAFT_STROKES}"/>'
    "</g></svg>"
)


DRAFT_MARK_URL = "data:image/svg+xml;base64," + base64.b64encode(DRAFT_MARK_SVG.encode()).decode()


def draft_mark_css() -> str:
    """Page background CSS that shows DRAFT on every page of a draft, as an image."""
    return (
        "@page { background: url(" + DRAFT_MARK_URL + ") no-repeat center;"
        " background-size: 170mm auto; }\n"
    )


def print_css(version: Version, content_id: str) -> str:
    css = resources.files("agreekit.publish").joinpath("assets/print.css").read_text("utf-8")
    css = css.replace("FOOTER_TEXT", _css_string(footer_text(version, content_id)))
    return css if version.final else css + draft_mark_css()


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{escape(content)}">'


def head_metadata(agreement: Agreement, version: Version, content_id: str) -> str:
    """The <meta> elements WeasyPrint writes into the PDF's document information."""
    file = agreement.file
    parties = (file.parties.customer.name, file.parties.provider.name)
    return "".join(
        (
            *(_meta("author", name) for name in parties),
            _meta("description", subject(agreement, version)),
            _meta("keywords", f"{file.reference}, {version.label}, content id {content_id}"),
            _meta("generator", "agreekit"),
        )
    )


def subject(agreement: Agreement, version: Version) -> str:
    file = agreement.file
    state = "final" if version.final else "draft, not for signature"
    return (
        f"{file.title} between {file.parties.customer.name} and {file.parties.provider.name}, "
        f"version {version.label} ({state})"
    )


def xmp_description(agreement: Agreement, version: Version, content_id: str) -> bytes:
    """XMP beside WeasyPrint's own (title, creators, subject, keywords): the agreement's reference,
    version and content id as its identifier, its effective date and its language."""
    file = agreement.file
    identifier = f"{file.reference} {version.label} content-id:{content_id}"
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:identifier>{xml_escape(identifier)}</dc:identifier>"
        f"<dc:date><rdf:Seq><rdf:li>{file.term.effective_date.isoformat()}</rdf:li></rdf:Seq>"
        f"</dc:date><dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description></rdf:RDF>"
    ).encode()


LANGUAGE = "en-GB"


def signature_record(signed: Sequence[Signed]) -> str:
    """The final copy's page of who signed which text, from the signature records in git."""
    rows = "".join(
        f"<tr><td>{escape(s.name)}<br><small>{escape(s.title)}, {escape(s.organisation)}</small></td>"
        f"<td>{formats.moment(s.when)}</td><td><code>{escape(s.record)}</code></td>"
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
        f'<section class="agreement-section" id="section-{n.section.id}">'
        f"{section_html(n, text)}</section>"
        for n, text in rendered
    )
    title = escape(agreement.file.title)
    return (
        f'<!doctype html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head_metadata(agreement, version, content_id)}"
        f"<style>{print_css(version, content_id)}</style></head><body>"
        f"{cover(agreement, version, content_id)}"
        f"{contents([n for n, _ in rendered])}<main>{body}"
        f"{signature_record(signed) if signed else ''}</main></body></html>\n"
    )


ARCHIVAL_VARIANT = "pdf/a-3b"  # PDF/A-3 keeps the PDF itself the record; tags make it readable


def write_pdf(html: str, root: Path, *, archival: bool = False, xmp: bytes = b"") -> bytes:
    """The HTML document as a tagged PDF, PDF/A when `archival` (WeasyPrint loads only here).

    Relative addresses are files in `root`, the only folder the renderer may read; raises
    PdfRefused for any other fetch and for any attachment (agreekit attaches nothing)."""
    import weasyprint

    from agreekit.publish.fetching import contained_fetcher

    refused: list[tuple[str, str]] = []
    own = {DRAFT_MARK_URL: (DRAFT_MARK_SVG.encode(), "image/svg+xml")}
    fetcher = contained_fetcher(root, refused, own)
    base_url = root.resolve().as_uri() + "/"
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    rendered = document.render(pdf_tags=True)
    attached = list(rendered.metadata.attachments)
    links = [link for page in rendered.pages for link in page.links if link[0] == "attachment"]
    refused += [(str(getattr(a, "url", "") or "an attachment"), _NO_ATTACHMENT) for a in attached]
    refused += [(str(link[1]), _NO_ATTACHMENT) for link in links]
    if refused:
        raise PdfRefused(refused)
    if xmp:
        rendered.metadata.xmp_metadata.append(xmp)
    options = {"pdf_variant": ARCHIVAL_VARIANT} if archival else {}
    body_start = next(
        (
            i
            for i, page in enumerate(rendered.pages)
            if any(a.startswith("section-") for a in page.anchors)
        ),
        1,
    )
    pdf: bytes = rendered.write_pdf(pdf_tags=True, finisher=page_labels(body_start), **options)
    return pdf


_NO_ATTACHMENT = "agreekit attaches no file to the PDF; link to the file instead"


def page_labels(body_start: int) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher naming the pages as a reader's page box shows them: "Cover",
    "Contents 1"..., then the numbers printed in the footer (PDF 32000 section 12.4.2)."""

    def label(document: Any, pdf: Any) -> None:
        import pydyf

        numbers: list[Any] = [0, pydyf.Dictionary({"P": pydyf.String("Cover")})]
        if body_start > 1:
            contents = {"P": pydyf.String("Contents "), "S": "/D", "St": 1}
            numbers += [1, pydyf.Dictionary(contents)]
        numbers += [body_start, pydyf.Dictionary({"S": "/D", "St": body_start + 1})]
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(numbers)})

    return label
