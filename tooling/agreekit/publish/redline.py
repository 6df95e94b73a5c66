"""Word-level redlines: which words a revision deleted and inserted, as Markdown and HTML.

Paragraphs are matched first, then words inside changed paragraphs, so a moved clause does not
turn the whole text into one change and the comparison stays fast.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import Literal, NamedTuple

# Newlines and table pipes are tokens of their own, so a mark never spans a line or a table cell.
_TOKENS = re.compile(r"\n|\||[^\S\n]+|[^\s|]+")

_BLOCK_MARKER = re.compile(r"^(#{1,6}|[-*+]|\d+\.)\s+")

Kind = Literal["equal", "delete", "insert"]


class Piece(NamedTuple):
    kind: Kind
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _word_diff(old: str, new: str) -> list[Piece]:
    a, b = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return pieces


def redline(old: str, new: str) -> list[Piece]:
    """The new text with what changed marked, as a list of equal/delete/insert pieces."""
    old_blocks, new_blocks = old.split("\n\n"), new.split("\n\n")
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if pieces:
            pieces.append(Piece("equal", "\n\n"))
        before, after = "\n\n".join(old_blocks[i1:i2]), "\n\n".join(new_blocks[j1:j2])
        if op == "equal":
            pieces.append(Piece("equal", after))
        elif op == "delete":
            pieces.append(Piece("delete", before))
        elif op == "insert":
            pieces.append(Piece("insert", after))
        else:
            pieces += _word_diff(before, after)
    return pieces


_SYNTAX = re.compile(r"[#|*:-]+")  # heading, list and table markers are not words


def words(pieces: list[Piece], kind: Kind) -> list[str]:
    """The words of one kind of change, in order, leaving out Markdown syntax."""
    return [w for p in pieces if p.kind == kind for w in p.text.split() if not _SYNTAX.fullmatch(w)]


def _marked(text: str, opening: str, closing: str) -> str:
    """Wrap each run of words, leaving newlines, pipes and edge spaces outside the marks."""
    out = []
    for token in re.split(r"(\n|\|)", text):
        core = token.strip()
        if not core or token in ("\n", "|"):
            out.append(token)
            continue
        lead = token[: len(token) - len(token.lstrip())]
        marker = _BLOCK_MARKER.match(core)
        if marker:  # a heading or list marker stays outside, so the line keeps its meaning
            lead, core = lead + marker.group(0), core[marker.end() :]
            if not core:
                out.append(token)
                continue
        trail = token[len(token.rstrip()) :]
        out.append(f"{lead}{opening}{core}{closing}{trail}")
    return "".join(out)


def as_critic_markup(pieces: list[Piece]) -> str:
    """Markdown with CriticMarkup: {--deleted--} and {++inserted++}."""
    marks = {"delete": ("{--", "--}"), "insert": ("{++", "++}")}
    return "".join(p.text if p.kind == "equal" else _marked(p.text, *marks[p.kind]) for p in pieces)


def as_html_markup(pieces: list[Piece]) -> str:
    """Markdown with inline <del>/<ins>, for a Markdown renderer that passes inline HTML."""
    marks = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>")}
    return "".join(p.text if p.kind == "equal" else _marked(p.text, *marks[p.kind]) for p in pieces)


def summary(pieces: list[Piece]) -> str:
    inserted, deleted = len(words(pieces, "insert")), len(words(pieces, "delete"))
    return f"{_count(inserted, 'word')} inserted, {_count(deleted, 'word')} deleted"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def html_page(title: str, body_html: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{REDLINE_CSS}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>\n{body_html}\n</body></html>\n"
    )


REDLINE_CSS = (
    "body{font-family:'Liberation Serif','DejaVu Serif',serif;max-width:48em;margin:2em auto;"
    "line-height:1.5}ins{background:#d7f5dd;color:#05501c;text-decoration:underline}"
    "del{background:#fbdcdc;color:#8a1010;text-decoration:line-through}"
    "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}"
)
