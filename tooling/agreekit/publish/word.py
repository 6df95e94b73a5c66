"""The agreement as a Word document (.docx) for the lawyers, procurement and signatories who edit in
Word: the cover, the numbered clauses, the tables, the signature block, and a DRAFT mark while a
draft. It is made from the same rendered HTML as the PDF, so the two say the same thing.

python-docx loads only here. The clause numbers are written as fixed text, exactly as in the PDF and
on the site, so that a reference to "clause 6.2" means the same in every copy.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agreekit.files import write_atomic
from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.publish.document import footer_text, subject
from agreekit.publish.pages import DOCX_NAME
from agreekit.publish.version import content_id
from agreekit.text.context import template_context
from agreekit.text.markup import published_html
from agreekit.text.render import PDF, render_agreement
from agreekit.versions import Version, current_version

if TYPE_CHECKING:
    from agreekit.model.signatories import Signed

_SPACES = re.compile(r"\s+")
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "table", "pre", "blockquote"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


@dataclass
class Node:
    """An element of the rendered HTML, enough of it to write Word paragraphs and tables."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self, *tags: str) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag in tags:
                    yield child
                else:
                    yield from child.elements(*tags)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self._open[-1].children.append(node)
        if tag not in _VOID:
            self._open.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _inline(paragraph: Any, node: Node | str, style: frozenset[str] = frozenset()) -> None:
    """Add `node`'s text to `paragraph` as runs, keeping bold, italics and code."""
    if isinstance(node, str):
        text = _SPACES.sub(" ", node)
        if text:
            run = paragraph.add_run()
            run._r.add_t(text)  # no tab or line break left to convert: one w:t, not per character
            if style:  # a plain run carries no formatting at all (python-docx would add w:rPr)
                run.bold = "b" in style or None
                run.italic = "i" in style or None
                run.underline = "u" in style or None
                run.font.strike = "s" in style or None
                if "code" in style:
                    run.font.name = "Courier New"
        return
    if node.tag == "br":
        paragraph.add_run().add_break()
        return
    marks = {"strong": "b", "b": "b", "em": "i", "i": "i", "code": "code", "ins": "u", "u": "u"}
    marks |= {"del": "s", "s": "s"}
    inner = style | ({marks[node.tag]} if node.tag in marks else set())
    for child in node.children:
        _inline(paragraph, child, frozenset(inner))


def _paragraph(document: Any, node: Node, style: str | None = None, marker: str = "") -> Any:
    paragraph = document.add_paragraph(style=style)
    if marker:
        paragraph.add_run(marker + "\t")
    for child in node.children:
        if isinstance(child, Node) and child.tag in ("ul", "ol"):
            continue  # a nested list follows as its own paragraphs
        _inline(paragraph, child)
    return paragraph


def _list(document: Any, node: Node, depth: int = 1) -> None:
    """List items with their numbers or bullets written out, so every list starts where the
    source says (Word's shared list numbering would run on from the previous list)."""
    from docx.shared import Cm

    number = int(node.attrs.get("start") or 1)
    for item in node.children:
        if not isinstance(item, Node) or item.tag != "li":
            continue
        marker = f"{number}." if node.tag == "ol" else "•"
        number += 1
        paragraphs = [c for c in item.children if isinstance(c, Node) and c.tag == "p"]
        written = [
            _paragraph(document, source, marker=marker if index == 0 else "")
            for index, source in enumerate(paragraphs or [item])
        ]
        for paragraph in written:
            paragraph.paragraph_format.left_indent = Cm(0.9 * depth)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.9 * depth))
        for nested in item.children:
            if isinstance(nested, Node) and nested.tag in ("ul", "ol"):
                _list(document, nested, depth + 1)


def _table(document: Any, node: Node) -> None:
    rows = list(node.elements("tr"))
    if not rows:
        return
    width = max(len(list(row.elements("th", "td"))) for row in rows)
    table = _grid(document, rows=0, cols=width)
    for row in rows:
        cells = table.add_row().cells
        for cell, source in zip(cells, row.elements("th", "td"), strict=False):
            paragraph = cell.paragraphs[0]
            _inline(paragraph, source, frozenset({"b"}) if source.tag == "th" else frozenset())
    document.add_paragraph()


def _style_id(document: Any, name: str) -> str:
    """The id of the style `name`, looked up once per document: python-docx scans every style
    on each lookup by name (about 2 ms each, most of the Word copy's time)."""
    ids: dict[str, str] = document.__dict__.setdefault("_agreekit_style_ids", {})
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def _heading(document: Any, text: str, level: int) -> Any:
    """What `document.add_heading` writes (level 0 is the Title style), without its lookup."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = _style_id(document, "Title" if level == 0 else f"Heading {level}")
    return paragraph


def _grid(document: Any, rows: int, cols: int) -> Any:
    """A table in the Table Grid style (ruled cells)."""
    table = document.add_table(rows=rows, cols=cols)
    table._tbl.tblStyle_val = _style_id(document, "Table Grid")
    return table


def _blocks(document: Any, node: Node) -> None:
    for child in node.children:
        if isinstance(child, str):
            if child.strip():
                document.add_paragraph(child.strip())
            continue
        tag = child.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            _heading(document, child.text().strip(), min(int(tag[1]), 4))
        elif tag == "p":
            _paragraph(document, child)
        elif tag in ("ul", "ol"):
            _list(document, child)
        elif tag == "table":
            _table(document, child)
        elif tag == "pre":
            paragraph = document.add_paragraph()
            _inline(paragraph, child.text(), frozenset({"code"}))
        elif tag == "hr":
            document.add_paragraph("―" * 20)
        else:  # div, section, blockquote, span...: their content, in order
            if any(isinstance(c, Node) and c.tag in _BLOCKS | {"div"} for c in child.children):
                _blocks(document, child)
            elif child.text().strip():
                _paragraph(document, child)


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _page_furniture(document: Any, version: Version, content_id: str) -> None:
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    if not version.final:
        header = section.header.paragraphs[0]
        mark = header.add_run("DRAFT: not for signature")
        mark.bold = True
        mark.font.size = Pt(14)
        mark.font.color.rgb = RGBColor(0xC8, 0x1E, 0x1E)
    footer = section.footer.paragraphs[0]
    footer.add_run(footer_text(version, content_id) + " · Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _cover(document: Any, agreement: Agreement, version: Version, content_id: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    file = agreement.file
    effective = template_context(agreement)["term"]["effective_date"]
    reference = document.add_paragraph(file.reference)
    reference.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = _heading(document, file.title, 0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, party in enumerate((file.parties.customer, file.parties.provider)):
        between = document.add_paragraph("between" if index == 0 else "and")
        between.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(party.name).bold = True
        details = ", ".join(p for p in (party.legal_form, party.registration, party.address) if p)
        if details:
            paragraph.add_run().add_break()
            paragraph.add_run(details)
        paragraph.add_run().add_break()
        paragraph.add_run(f"({party.short_name})")
    status = "Final" if version.final else "Draft: not for signature"
    facts = _grid(document, rows=0, cols=2)
    for label, value in (
        ("Version", version.label),
        ("Status", status),
        ("Effective date", effective),
        ("Content id", content_id),
    ):
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _signature_record(document: Any, signed: Sequence[Signed]) -> None:
    _heading(document, "Signature record", 1)
    document.add_paragraph(
        "Each signatory signed this text by a signature record in the agreement's git "
        "repository; the content id identifies the text signed."
    )
    table = _grid(document, rows=1, cols=4)
    for cell, label in zip(
        table.rows[0].cells, ("Signed by", "When", "Record", "Content id"), strict=True
    ):
        cell.paragraphs[0].add_run(label).bold = True
    for signature in signed:
        cells = table.add_row().cells
        cells[0].text = f"{signature.name}, {signature.title}, {signature.organisation}"
        cells[1].text = formats.moment(signature.when)
        cells[2].text = signature.record
        cells[3].text = signature.content[:12]


def agreement_docx(
    agreement: Agreement, version: Version, content_id: str, signed: Sequence[Signed] = ()
) -> bytes:
    """The agreement as .docx bytes: cover, numbered clauses, tables, signatures, DRAFT mark."""
    import docx

    document = docx.Document()
    properties = document.core_properties
    file = agreement.file
    properties.title = file.title
    properties.subject = subject(agreement, version)
    properties.author = f"{file.parties.customer.name}; {file.parties.provider.name}"
    properties.keywords = f"{file.reference}, {version.label}, content id {content_id}"
    properties.identifier = f"{file.reference} {version.label} content-id:{content_id}"
    properties.language = "en-GB"
    properties.version = version.label
    _page_furniture(document, version, content_id)
    _cover(document, agreement, version, content_id)
    for _, text in render_agreement(agreement, PDF):
        _blocks(document, parse_html(published_html(text)))
    if signed:
        _signature_record(document, signed)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_bytes(repo: Path, agreement: Agreement) -> bytes:
    """The Word copy of the agreement as it stands in the repository."""
    version = current_version(repo, agreement.directory)
    return agreement_docx(agreement, version, content_id(repo, agreement.directory))


def build_docx(
    repo: Path, agreement: Agreement, site_dir: Path, content: bytes | None = None
) -> Path:
    """Write the Word copy of the agreement as it stands (`content`, if made already) into the
    site being built."""
    target = site_dir / DOCX_NAME
    write_atomic(target, docx_bytes(repo, agreement) if content is None else content)
    return target
