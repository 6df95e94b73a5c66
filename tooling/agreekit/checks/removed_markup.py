"""What the publishing sanitiser would remove from each section and data value, at its source line.

One definition of unsafe: a section is rendered the way the site renders it (variables, tables
and references filled in, then Python-Markdown with the site's extensions) and the sanitiser's
own `removals` says what it would take out. Rendering costs about a millisecond a section and
loading Python-Markdown about 20 ms, so a cheap scan first skips text that cannot hold markup:
no `<` before a letter, `/`, `!` or `?`, no `&` before a letter or `#`, no `{` other than a
heading id, no link to an address with a scheme other than http, https, mailto or tel, no
control character. Template expressions are blanked for that scan; a section is still rendered
if it uses anything but the simple forms, or if any data value could hold markup (a value is
also reported at its own line in the YAML).
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from agreekit.checks.paths import walk_strings
from agreekit.finding import Location
from agreekit.model.agreement import Agreement
from agreekit.model.section import Section
from agreekit.text.lazy_pattern import LazyPattern

# One pattern per mark, each starting with a literal, so the scan runs at memchr speed.
_MARKS = tuple(
    (first, re.compile(pattern))
    for first, pattern in (
        ("<", r"<[A-Za-z/!?]"),
        ("&", r"&[#A-Za-z]"),
        ("{", r"\{(?!#[\w:.-]+\})"),
    )
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_LINK_TARGET = LazyPattern(r"\]\(\s*<?\s*([^)\s>]*)")
# `[label]: target` after a newline (read with one put before the text): a pattern starting
# with `^` is tried at every character, one starting with a newline only at line starts.
_DEFINED_TARGET = LazyPattern(r"\n[ \t]{0,3}\[[^\]\n]+\]:\s*<?\s*(\S*)")
_SAFE_TARGET = LazyPattern(r"(?:https?|mailto|tel):|[^:]*(?:[/?#]|$)", re.IGNORECASE)


def could_hold_markup(text: str) -> bool:
    """False only if rendering `text` cannot give HTML that the sanitiser changes."""
    if any(first in text and pattern.search(text) for first, pattern in _MARKS):
        return True
    if _CONTROLS.search(text):
        return True
    targets = [m.group(1) for m in _LINK_TARGET.finditer(text)] if "](" in text else []
    if "]:" in text:
        targets += [m.group(1) for m in _DEFINED_TARGET.finditer("\n" + text)]
    return any(not _SAFE_TARGET.match(target) for target in targets)


class Removed(NamedTuple):
    code: str  # AK501 or AK502
    location: Location
    message: str


def removed_markup(agreement: Agreement) -> list[Removed]:
    """Every removal in the agreement, worked out once per agreement (AK501 and AK502 share it)."""
    if not _cached or _cached[0][0] is not agreement:
        _cached[:] = [(agreement, list(_everything(agreement)))]
    return _cached[0][1]


_cached: list[tuple[Agreement, list[Removed]]] = []


def _everything(agreement: Agreement) -> Iterator[Removed]:
    values = [
        (source, path, text)
        for source, data in (
            (agreement.source, agreement.data),
            *((s.source, s.data) for s in agreement.sections),
        )  # fmt: skip
        for path, text in walk_strings(data)
        if could_hold_markup(text)
    ]
    # nh3 and Python-Markdown are core dependencies (loaded below only for text that could hold
    # markup), so every install names what the sanitiser removes.
    sections = [s for s in agreement.sections if _worth_rendering(s, bool(values))]
    if sections:
        yield from _sections(agreement, sections)
    for source, path, text in values:
        problem = _markup_problem(text)
        if problem is not None:  # the site could not render it: say so where it is written
            yield Removed("AK501", source.locate(*path), f"{problem}; shorten the value")
            continue
        messages = dict.fromkeys((r.code, r.message()) for r in _removals_of(text))
        for code, message in messages:
            yield Removed(code, source.locate(*path), message)


def _worth_rendering(section: Section, marked_values: bool) -> bool:
    """Whether the rendered section could hold markup (see the module's docstring)."""
    body = section.body
    if "{{" not in body and "{%" not in body:
        return could_hold_markup(body)
    from agreekit.text.expressions import only_simple

    if marked_values or not only_simple(body):
        return True
    if could_hold_markup(_TEMPLATE.sub("x", body)):
        return True
    # a link whose address a template builds: `[portal]({{ variables.scheme }}:...)`
    return ("](" in body or "]:" in body) and could_hold_markup(
        body.replace("{{", "x").replace("}}", "x")
    )


def _markup_problem(text: str) -> str | None:
    from agreekit.text.limits import markup_problem

    problem = markup_problem(text)
    return None if problem is None else problem[1]


def _removals_of(markdown_text: str) -> list:  # type: ignore[type-arg]
    from agreekit.text.limits import LimitError
    from agreekit.text.markup import to_html
    from agreekit.text.sanitise import removals

    try:
        return removals(to_html(markdown_text))
    except LimitError:
        return []  # nested too deeply to render: AK308 reports it


def _sections(agreement: Agreement, sections: list[Section]) -> Iterator[Removed]:
    from agreekit.text.context import template_context
    from agreekit.text.numbering import numbered_sections
    from agreekit.text.render import SITE, RenderError, Style, render_body
    from agreekit.text.sanitise import normalised

    # The site's links and anchors; the signature block as text: its HTML is agreekit's own
    # (every value escaped), and the values in it are checked where they are written.
    style = Style(anchor=SITE.anchor, link=SITE.link, signatures="text")
    numbered = numbered_sections(agreement)
    context = template_context(agreement)
    wanted = {id(s) for s in sections}
    for item in numbered:
        section = item.section
        if id(section) not in wanted:
            continue
        try:
            body = render_body(agreement, item, style, numbered, context)
        except RenderError:
            continue  # AK308 reports the template
        if not could_hold_markup(body):
            continue
        written = section.body.split("\n")
        # Where no value brought a newline, rendered line i is written line i: look there first.
        lines = body.split("\n") if body.count("\n") == len(written) - 1 else written
        searched = [normalised(line) for line in _without_code(lines)]
        first_template = next((i for i, t in enumerate(written) if "{{" in t or "{%" in t), 0)
        # Removals come in the order of the text: each is looked for from the line of the one
        # before, at an occurrence of its needle that no earlier removal was placed at.
        cursor, taken = 0, set[tuple[int, int, int]]()
        reported: set[Removed] = set()
        for removal in _removals_of(body):
            found = _find(searched, removal.needle, cursor, taken) or _find(
                searched, removal.needle, 0, set()
            )
            index = first_template
            if found is not None:
                index, column = found
                cursor = max(cursor, index)
                taken.add((index, column, column + len(removal.needle)))
            where = Location(section.path, section.body_line + index)
            removed = Removed(removal.code, where, removal.message())
            if removed not in reported:
                reported.add(removed)
                yield removed


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")


def _without_code(lines: list[str]) -> list[str]:
    """The lines with code spans and fenced code emptied: what is in them is shown, not run."""
    out, fence = [], ""
    for line in lines:
        opening = _FENCE.match(line) if ("`" in line or "~" in line) else None
        if fence:
            if opening and opening.group(1)[0] == fence[0]:
                fence = ""
            out.append("")
            continue
        if opening:
            fence = opening.group(1)
            out.append("")
            continue
        out.append(_CODE_SPAN.sub("", line) if "`" in line else line)
    return out


def _find(
    lines: list[str], needle: str, start: int, taken: set[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """The first (line, column) at or after line `start` where `needle` is, overlapping no
    (line, start, end) span in `taken`."""
    for index in range(start, len(lines)):
        column = lines[index].find(needle)
        while column != -1:
            end = column + len(needle)
            if not any(i == index and a < end and column < b for i, a, b in taken):
                return index, column
            column = lines[index].find(needle, column + 1)
    return None
