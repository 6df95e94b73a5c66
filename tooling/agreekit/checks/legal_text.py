"""3xx legal text, after Common Form's lint: defined terms, references, headings and plain English.

Conventions (docs/authoring.md): a term is defined in the `definitions` section by a list item that
opens with the term in bold; elsewhere it is written plainly with the same capitals; bold is used
for nothing else.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.paths import walk_strings
from agreekit.checks.plain_english import find_phrases
from agreekit.checks.prose import ProseLine, ProseText
from agreekit.finding import ERROR, WARNING, Explanation, Finding, Location, Rule
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


def definitions(prose_texts: Iterable[ProseText]) -> list[Definition]:
    """The terms the definitions section defines, where each is defined."""
    prose_text = next((p for p in prose_texts if p.section.id == DEFINITIONS), None)
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


FAMILY = Family()


AK301 = Rule(
    "AK301",
    "undefined-term",
    ERROR,
    summary=(
        "A bold phrase outside the definitions section: a term that is not defined, or a "
        "defined term marked up."
    ),
    hint="Define the term in the definitions section, or remove the bold.",
    explanation=Explanation(
        what=(
            "Bold marks definitions only: a list item in the definitions section opening "
            "with `**Term** means`. Any other bold phrase is either a term that was "
            "never defined or a defined term that is marked up where it should be plain."
        ),
        why=(
            "An undefined term in capitals or bold reads as if it had an agreed meaning, "
            "and it has none. Common Form's lint reports the same."
        ),
        example="The Provider must meet the **Uptime Commitment**.",
        fix="Define the term in the definitions section, or remove the bold.",
        fixed="- **Uptime Commitment** means the availability target in clause 6.3.",
    ),
)


@FAMILY.check(AK301)
def bold_is_defined(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK301"""
    defined = {d.term for d in definitions(context.prose)}
    for prose in context.prose:
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
            yield AK301.at(where, message)


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
    # Most uses are one plain word, the term itself: no spaces or apostrophes to take off.
    word = use if use.isalpha() else re.sub(r"['’]s?$", "", " ".join(use.split()))
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


def count_term_uses(
    agreement: Agreement, prose: Iterable[ProseText], terms: tuple[str, ...]
) -> Counter[str]:
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

    for prose_text in prose:
        text = prose_text.text
        if prose_text.section.id == DEFINITIONS:
            text = _DEFINITIONS_IN_TEXT.sub(lambda m: " " * len(m.group(0)), text)
        count(text)
    for section in agreement.sections:
        for path, value in walk_strings(section.data):
            if path and path[0] not in ("id", "title", "owners"):
                count(value)
    return uses


def _definitions_with_uses(context: CheckContext) -> list[tuple[Definition, int]]:
    """Each definition with how often its term is used: AK302 and AK306 read the same count."""
    found = definitions(context.prose)
    uses = count_term_uses(context.agreement, context.prose, tuple(d.term for d in found))
    return [(definition, uses[definition.term]) for definition in found]


AK302 = Rule(
    "AK302",
    "unused-definition",
    WARNING,
    summary="A defined term is never used.",
    hint="Remove the definition or use the term.",
    explanation=Explanation(
        what=(
            "A term is defined in the definitions section but never used anywhere in the "
            "agreement. Uses are counted as Common Form's lint counts them: in prose and in data "
            'rendered into tables, in the plural ("Business Days", "Parties" for "Party"), in '
            'the possessive ("Provider\'s", "Parties\'"), and across a line wrap ("Service" at '
            'the end of one line, "Credit" on the next).'
        ),
        why=(
            "An unused definition is clutter, and a sign that the text it was written "
            "for has changed."
        ),
        example='- **Helpdesk** means the Service Desk.   # and "Helpdesk" appears nowhere else',
        fix="Remove the definition, or use the term where it was meant.",
    ),
)


@FAMILY.check(AK302)
def definitions_used(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK302"""
    for definition, count in context.shared(_definitions_with_uses):
        if count == 0:
            message = f"'{definition.term}' is defined but never used; remove the definition or use the term"
            yield AK302.at(definition.location, message)


AK303 = Rule(
    "AK303",
    "duplicate-definition",
    ERROR,
    summary="A term is defined twice.",
    hint="Keep one definition.",
    explanation=Explanation(
        what=(
            "The same term is defined twice in the definitions section. Terms are compared "
            'ignoring case and spacing, so "Business day" repeats "Business Day".'
        ),
        why=(
            "Two definitions of one term will sooner or later disagree, and then the "
            "term means two things."
        ),
        example=(
            "- **Business Day** means a day other than a Saturday or Sunday.\n"
            "- **Business day** means a day on which banks are open in London."
        ),
        fix="Keep one definition.",
        fixed=(
            "- **Business Day** means a day other than a Saturday, a Sunday or a public "
            "holiday in England."
        ),
    ),
)


@FAMILY.check(AK303)
def definitions_unique(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK303"""
    first: dict[str, Definition] = {}
    for definition in definitions(context.prose):
        key = _singular(" ".join(definition.term.split()).casefold())
        if key in first:
            earlier = first[key]
            same = "" if earlier.term == definition.term else f" as '{earlier.term}'"
            message = (
                f"'{definition.term}' is defined twice (first{same} on line "
                f"{earlier.location.line}); keep one definition"
            )
            yield AK303.at(definition.location, message)
        first.setdefault(key, definition)


def _singular(term: str) -> str:
    """'service credits' and 'service credit' are one term; 'parties' is 'party'."""
    if term.endswith("ies"):
        return term[:-3] + "y"
    if term.endswith("s") and not term.endswith("ss"):
        return term[:-1]
    return term


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


AK304 = Rule(
    "AK304",
    "broken-reference",
    ERROR,
    summary=(
        "A cross-reference or link points at a section, heading, file or anchor that "
        "does not exist."
    ),
    hint="Use an existing section id, heading slug or {#custom-id}, or file path.",
    explanation=Explanation(
        what=(
            'A cross-reference `{{ ref("section") }}` or `{{ ref("section#heading") }}` '
            "names a section that is not in the agreement or a heading that section does "
            "not have; or a Markdown link points at a file that does not exist or an "
            "anchor that no heading has. A heading's anchor is its slug (lower case, "
            "spaces to hyphens) or its `{#custom-id}`. Web links are not fetched."
        ),
        why=(
            "A reference renders as a clause number. A broken one renders as nothing, "
            "and a reader cannot find the clause the text relies on."
        ),
        example='terminate under {{ ref("legal#termination-rights") }}',
        fix=("Use an existing section id and heading slug, or give the heading a {#custom-id}."),
        fixed='terminate under {{ ref("legal#termination") }}',
    ),
)


@FAMILY.check(AK304)
def references_resolve(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK304"""
    for prose_text in context.prose:
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
                    yield AK304.at(Location(section.path, line, column), message)
        for pattern in (_LINK, _LINK_DEFINITION):
            for link in pattern.finditer(raw):
                problem = _link_problem(agreement, section, link.group("target"))
                if problem:
                    where = Location(section.path, line, link.start("target") + 1)
                    yield AK304.at(where, f"broken link: {problem}")


AK305 = Rule(
    "AK305",
    "duplicate-heading",
    ERROR,
    summary="Two headings in one section have the same anchor.",
    hint="Rename one heading or give it a {#custom-id}.",
    explanation=Explanation(
        what="Two headings in one section have the same anchor.",
        why=("A reference or link to that anchor would land on the first, whichever was meant."),
        example=("## Reporting\n...\n## Reporting"),
        fix="Rename one heading, or give it a `{#custom-id}`.",
        fixed=("## Reporting\n...\n## Reporting to the board {#board-reporting}"),
    ),
)


@FAMILY.check(AK305)
def headings_unique(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK305"""
    for section in agreement.sections:
        seen: dict[str, int] = {}
        for heading in section.headings:
            if heading.slug in seen:
                message = (
                    f"heading '{heading.text}' repeats the heading on line {seen[heading.slug]} "
                    "(same anchor); rename one or give it a {#custom-id}"
                )
                yield AK305.at(Location(section.path, heading.line), message)
            seen.setdefault(heading.slug, heading.line)


AK306 = Rule(
    "AK306",
    "term-used-once",
    WARNING,
    summary="A defined term is used only once.",
    hint="Write its meaning where it is used and drop the definition.",
    explanation=Explanation(
        what=(
            "A defined term is used only once in the whole agreement (uses counted as for "
            "AK302: plurals, possessives and line wraps included)."
        ),
        why=(
            "A definition saves words only when the term is used repeatedly; for a "
            "single use, the reader is sent to the definitions for nothing."
        ),
        example=(
            "- **Exit Period** means the three months after this Agreement ends.  # used once"
        ),
        fix="Write the meaning where the term is used and remove the definition.",
    ),
)


@FAMILY.check(AK306)
def terms_used_more_than_once(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK306"""
    for definition, count in context.shared(_definitions_with_uses):
        if count == 1:
            message = f"'{definition.term}' is used only once; write its meaning where it is used and drop the definition"
            yield AK306.at(definition.location, message)


AK307 = Rule(
    "AK307",
    "archaic-phrase",
    WARNING,
    summary="An archaic or wordy phrase.",
    hint="Use the plain-English replacement in the message.",
    explanation=Explanation(
        what=(
            "An archaic or wordy phrase that plain-English drafting replaces, each with the "
            "plain form the message gives: archaisms (hereby, herein, heretofore, hereupon, "
            "thereby, thereupon, whereby, wherein, whereof, to wit, IN WITNESS WHEREOF, "
            'witnesseth, aforesaid, forthwith, "notwithstanding anything to the contrary" and '
            'other notwithstanding chains), doublets ("any and all", "unless and until", "null '
            'and void", "and/or"), wordy phrases ("including but not limited to", "for the '
            'purpose of", "due to the fact that", "in the event that", "prior to", "pursuant '
            'to", "in excess of"; over 250 entries in all, drawn up from Common Form\'s '
            "critique, the US Federal Plain Language Guidelines and UK drafting guidance), and "
            'numbers written twice in words and figures ("eighteen (18)", "forty-five (45)", '
            '"one thousand (1,000)", "10 (ten)"). "Whereas" is flagged only where it opens a '
            "recital or a sentence: as a contrast in mid-sentence it is plain English. Phrases "
            "are found across line wraps."
        ),
        why=(
            "These phrases add length and no meaning, and readers outside the legal team "
            "stumble on them."
        ),
        example=(
            "The Provider hereby agrees, prior to any change, to give thirty (30) days' notice "
            "of any and all changes in order to allow review."
        ),
        fix="Use the replacement in the message.",
        fixed=(
            "Before any change, the Provider must give 30 days' notice of any change to allow "
            "review."
        ),
    ),
)


@FAMILY.check(AK307)
def plain_english(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK307"""
    for prose in context.prose:
        for phrase in find_phrases(prose.text, prose.words):
            message = f"'{phrase.text}' is archaic or wordy; {phrase.advice}"
            yield AK307.at(prose.location(phrase.start), message)
