"""3xx legal text, after Common Form's lint: defined terms, references, headings and plain English.

Conventions (docs/authoring.md): a term is defined in the `definitions` section by a list item that
opens with the term in bold; elsewhere it is written plainly with the same capitals; bold is used
for nothing else.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from agreekit.checks.paths import walk_strings
from agreekit.checks.plain_english import find_phrases
from agreekit.checks.prose import ProseLine, ProseText, prose_texts
from agreekit.finding import Finding, Location, finding
from agreekit.model.agreement import Agreement
from agreekit.model.clauses import clause_number
from agreekit.model.section import Section, slugify

DEFINITIONS = "definitions"
_DEFINITION = re.compile(r"^\s*[-*+]\s+\*\*(?P<term>[^*]+?)\*\*")
_DEFINITIONS_IN_TEXT = re.compile(r"^\s*[-*+]\s+\*\*[^*]+?\*\*", re.MULTILINE)
_BOLD = re.compile(r"\*\*(?P<a>[^*\n]+?)\*\*|__(?P<b>[^_\n]+?)__")
_REF = re.compile(r"""\bref\(\s*["'](?P<target>[^"']*)["']\s*\)""")
# Tempered: an unclosed `{{` scans only to the next `{{`, so a line of many stays linear.
_TEMPLATE = re.compile(r"\{\{(?:(?!\{\{|\}\}).)*\}\}")
_LINK = re.compile(r"\]\(\s*<?(?P<target>[^)\s>\]]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Definition(NamedTuple):
    term: str
    location: Location


def definitions(agreement: Agreement) -> list[Definition]:
    prose_text = next((p for p in prose_texts(agreement) if p.section.id == DEFINITIONS), None)
    if prose_text is None:
        return []
    section = prose_text.section
    found = []
    for prose in prose_text.lines:
        match = _DEFINITION.match(prose.raw)
        if match:
            term = match.group("term").strip()
            found.append(
                Definition(term, Location(section.path, prose.line, match.start("term") - 1))
            )
    return found


def _is_definition(prose: ProseLine, column: int) -> bool:
    match = _DEFINITION.match(prose.raw)
    return (
        prose.section.id == DEFINITIONS and match is not None and match.start("term") - 2 == column
    )


def bold_is_defined(agreement: Agreement) -> Iterator[Finding]:
    """AK301"""
    defined = {d.term for d in definitions(agreement)}
    for prose in prose_texts(agreement):
        if "**" not in prose.text and "__" not in prose.text:
            continue
        for match in _BOLD.finditer(prose.text):
            where = prose.location(match.start())
            if _is_definition(prose.line_at(match.start()), where.col - 1):
                continue
            phrase = (match.group("a") or match.group("b")).strip()
            if phrase in defined:
                message = f"'{phrase}' is a defined term: write it without bold (bold marks definitions only)"
            else:
                message = (
                    f"'{phrase}' is marked as a term but not defined; define it in the definitions "
                    "section as '- **Term** means ...', or remove the bold"
                )
            yield finding("AK301", where, message)


@lru_cache(maxsize=16)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(_term_form(t) for t in sorted(terms, key=len, reverse=True))
    # No leading \b: the regex engine then skips to the terms' first letters, four times faster.
    # `_uses` checks the boundary before a match instead. A term's words may wrap across lines;
    # plurals ("Days", "Parties") and possessives ("Provider's", "Parties'") are uses too.
    return re.compile(rf"(?:{alternatives})(?:s|es)?(?:['’]s?)?(?![\w-])")


def _term_form(term: str) -> str:
    body = r"\s+".join(re.escape(word) for word in term.split())
    if len(term) > 2 and term.endswith("y") and term[-2].lower() not in "aeiou":
        body = body[:-1] + "(?:y|ies)"
    return body


def _term_of(use: str, known: set[str]) -> str | None:
    """The defined term a matched use stands for: 'Parties'' is a use of 'Party'."""
    word = re.sub(r"['’]s?$", "", " ".join(use.split()))
    for candidate in (word, word[:-1], word[:-2], word[:-3] + "y"):
        if candidate in known:
            return candidate
    return None


_WORD_CHARACTER = re.compile(r"\w")


def _uses(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """What `\b` + pattern would find: matches that do not start inside a word."""
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and _WORD_CHARACTER.match(text, start - 1):
            position = start + 1
            continue
        yield match.group(0)
        position = match.end()


_uses_cache: list[tuple[Agreement, tuple[str, ...], Counter[str]]] = []


def term_uses(agreement: Agreement, terms: tuple[str, ...]) -> Counter[str]:
    """`count_term_uses`, kept for the agreement being checked: 302 and 306 both need it."""
    if not _uses_cache or _uses_cache[0][0] is not agreement or _uses_cache[0][1] != terms:
        _uses_cache[:] = [(agreement, terms, count_term_uses(agreement, terms))]
    return _uses_cache[0][2]


def count_term_uses(agreement: Agreement, terms: tuple[str, ...]) -> Counter[str]:
    """How often each term is used, in prose and in data rendered into tables.

    Longest terms match first, so "Service Credit" is not also a use of a shorter term it contains;
    a plural ("Business Days", "Parties") or possessive ("Provider's") is a use of the term, and
    a use may wrap across lines.
    """
    uses: Counter[str] = Counter()
    if not terms:
        return uses
    pattern = _terms_pattern(terms)
    known = set(terms)

    def count(text: str) -> None:
        for use in _uses(pattern, text):
            term = _term_of(use, known)
            if term is not None:
                uses[term] += 1

    for prose in prose_texts(agreement):
        text = prose.text
        if prose.section.id == DEFINITIONS:
            text = _DEFINITIONS_IN_TEXT.sub(lambda m: " " * len(m.group(0)), text)
        count(text)
    for section in agreement.sections:
        for path, value in walk_strings(section.data):
            if path and path[0] not in ("id", "title", "owners"):
                count(value)
    return uses


def _definitions_with_uses(agreement: Agreement) -> list[tuple[Definition, int]]:
    """Each definition with how often its term is used: AK302 and AK306 read the same count."""
    found = definitions(agreement)
    uses = term_uses(agreement, tuple(d.term for d in found))
    return [(definition, uses[definition.term]) for definition in found]


def definitions_used(agreement: Agreement) -> Iterator[Finding]:
    """AK302"""
    for definition, count in _definitions_with_uses(agreement):
        if count == 0:
            message = f"'{definition.term}' is defined but never used; remove the definition or use the term"
            yield finding("AK302", definition.location, message)


def definitions_unique(agreement: Agreement) -> Iterator[Finding]:
    """AK303"""
    first: dict[str, Definition] = {}
    for definition in definitions(agreement):
        key = " ".join(definition.term.split()).casefold()
        if key in first:
            earlier = first[key]
            same = "" if earlier.term == definition.term else f" as '{earlier.term}'"
            message = (
                f"'{definition.term}' is defined twice (first{same} on line "
                f"{earlier.location.line}); keep one definition"
            )
            yield finding("AK303", definition.location, message)
        first.setdefault(key, definition)


def _link_problem(agreement: Agreement, section: Section, target: str) -> str | None:
    if _SCHEME.match(target):
        return None  # web and mail links are not fetched; 502 covers unsafe schemes
    path, _, anchor = target.partition("#")
    if not path:
        target_section: Section | None = section
    else:
        folder = section.path.rsplit("/", 1)[0]
        resolved = _normalise(f"{folder}/{path}")
        if resolved not in agreement.files:
            return f"link target '{path}' does not exist"
        target_section = next((s for s in agreement.sections if s.path == resolved), None)
    if (
        anchor
        and target_section is not None
        and anchor not in {h.slug for h in target_section.headings}
    ):
        return f"no heading with the anchor '#{anchor}' in {target_section.path}"
    return None


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def references_resolve(agreement: Agreement) -> Iterator[Finding]:
    """AK304"""
    for prose_text in prose_texts(agreement):
        yield from _section_references(agreement, prose_text)


def _section_references(agreement: Agreement, prose_text: ProseText) -> Iterator[Finding]:
    section = prose_text.section
    for line, raw in prose_text.raw_lines():
        if "{" not in raw and "[" not in raw:
            continue  # neither a template nor a link on this line
        for template in _TEMPLATE.finditer(raw):
            for ref in _REF.finditer(template.group(0)):
                target = ref.group("target")
                if target.partition("#")[0] in agreement.unreadable_section_ids:
                    continue  # its file did not load: its own finding says why
                if clause_number(agreement, target) is None:
                    column = template.start() + ref.start("target") + 1
                    section_id, _, slug = target.partition("#")
                    if (
                        agreement.section(section_id) is None
                        or section_id not in agreement.file.sections
                    ):
                        message = f"reference to unknown section '{section_id}'; use a section id from agreement.yml"
                    else:
                        message = (
                            f"section '{section_id}' has no heading with the id '{slug}'; "
                            f"use a heading's slug (e.g. '{slugify('Service hours')}') or add {{#{slug}}}"
                        )
                    yield finding("AK304", Location(section.path, line, column), message)
        for pattern in (_LINK, _LINK_DEFINITION):
            for link in pattern.finditer(raw):
                problem = _link_problem(agreement, section, link.group("target"))
                if problem:
                    where = Location(section.path, line, link.start("target") + 1)
                    yield finding("AK304", where, f"broken link: {problem}")


def headings_unique(agreement: Agreement) -> Iterator[Finding]:
    """AK305"""
    for section in agreement.sections:
        seen: dict[str, int] = {}
        for heading in section.headings:
            if heading.slug in seen:
                message = (
                    f"heading '{heading.text}' repeats the heading on line {seen[heading.slug]} "
                    "(same anchor); rename one or give it a {#custom-id}"
                )
                yield finding("AK305", Location(section.path, heading.line), message)
            seen.setdefault(heading.slug, heading.line)


def terms_used_more_than_once(agreement: Agreement) -> Iterator[Finding]:
    """AK306"""
    for definition, count in _definitions_with_uses(agreement):
        if count == 1:
            message = f"'{definition.term}' is used only once; write its meaning where it is used and drop the definition"
            yield finding("AK306", definition.location, message)


def plain_english(agreement: Agreement) -> Iterator[Finding]:
    """AK307"""
    for prose in prose_texts(agreement):
        for phrase in find_phrases(prose.text):
            message = f"'{phrase.text}' is archaic or wordy; {phrase.advice}"
            yield finding("AK307", prose.location(phrase.start), message)
