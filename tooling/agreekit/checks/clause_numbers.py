"""AK310/AK311: a clause number written in prose ("clause 9") instead of a cross-reference.

A number typed by hand does not follow when sections or headings move; `{{ ref("...") }}` does.
A written number that names no clause, or a clause whose heading is not the one the text gives
("clause 11.2 (Termination)" when 11.2 is Confidentiality), is an error: the reader is sent to
the wrong place. References to other documents ("section 3 of the Data Protection Act 2018",
"clause 4 of the Framework Agreement") are not clauses of this agreement and are left alone.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.finding import ERROR, WARNING, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.clauses import clause_numbers

_WRITTEN = re.compile(
    r"\b(?P<word>[Cc]lauses?|[Ss]ections?|[Pp]aragraphs?|[Ss]ub-?clauses?)[ \t]+"
    r"(?P<number>\d{1,3}(?:\.\d{1,3})*)(?![\d.]\d)"
    r"(?:[ \t]*\((?P<label>[^()\n]{1,60})\))?"
)
_ELSEWHERE = re.compile(r"\s+(?:of|in|under|to)\s+(?:the\s+|that\s+|this\s+)?(?P<what>[A-Z][\w-]*)")


class Clause(NamedTuple):
    number: str
    reference: str  # what to write in `ref("...")`
    heading: str


def clauses(agreement: Agreement) -> dict[str, Clause]:
    """Every clause number the agreement renders, with its reference and heading."""
    found: dict[str, Clause] = {}
    for section_id in agreement.file.sections:
        section = agreement.section(section_id)
        number = agreement.position(section_id)
        if section is None or number is None:
            continue
        found.setdefault(str(number), Clause(str(number), section_id, section.meta.title))
        headings = {h.slug: h.text for h in section.headings}
        for slug, clause in clause_numbers(agreement, section_id).items():
            if clause != str(number):
                found.setdefault(clause, Clause(clause, f"{section_id}#{slug}", headings[slug]))
    return found


_COMMON_STEMS = frozenset(
    [
        "agreem",
        "servic",
        "provid",
        "custom",
        "clause",
        "sectio",
        "paragr",
        "under",
        "accord",
        "there",
        "which",
        "where",
        "other",
        "their",
        "party",
        "parti",
        "within",
        "after",
        "before",
        "shall",
        "must",
        "means",
        "writte",
        "notice",
    ]
)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{5,}", text.lower())} - _COMMON_STEMS


def _topic(numbered: dict[str, Clause], number: str) -> set[str]:
    """The stems of a clause's heading and of the headings inside it."""
    return {
        stem
        for clause in numbered.values()
        if clause.number == number or clause.number.startswith(number + ".")
        for stem in _stems(clause.heading)
    }


FAMILY = Family()

AK310 = Rule(
    "AK310",
    "clause-number-in-prose",
    WARNING,
    summary="A clause number is written by hand instead of a cross-reference.",
    hint='Write {{ ref("section#heading") }}: it renders the number and follows when clauses move.',
    explanation=Explanation(
        what=(
            'A clause number is written by hand in prose ("clause 6.3", "Section 10", '
            '"paragraph 10.1") instead of a cross-reference. References to other documents '
            '("section 3 of the Data Protection Act 2018") are left alone. The message gives '
            "the `ref` to write."
        ),
        why=(
            "Clause numbers follow the order of sections and headings. A number typed by hand "
            "stays put when a clause is added or moved, and then points at the wrong clause; "
            "`{{ ref(...) }}` renders the current number."
        ),
        example="The availability target in clause 6.3 applies to each site.",
        fix="Write the cross-reference the message names.",
        fixed='The availability target in {{ ref("service-levels#availability") }} applies to each site.',
    ),
)

AK311 = Rule(
    "AK311",
    "wrong-clause-number",
    ERROR,
    summary="A clause number written in prose names no clause, or a clause other than the one meant.",
    hint='Write {{ ref("section#heading") }} for the clause meant.',
    explanation=Explanation(
        what=(
            'A clause number written in prose is wrong: no clause has that number ("clause '
            '6.9" when clause 6 has six sub-clauses), the title written beside it is another '
            'clause\'s ("clause 6.4 (Termination)" when 6.4 is Service credits), or the sentence '
            'is about another clause\'s subject ("terminate under clause 11.4" when 11.4 is '
            "Insurance and 11.5 Termination)."
        ),
        why=(
            "A wrong reference sends the reader to the wrong clause, and a party may rely on it: "
            "it changes what the agreement says."
        ),
        example="The Customer may terminate this Agreement under clause 11.4.",
        fix="Write the cross-reference to the clause meant; the message suggests it when it can tell.",
        fixed='The Customer may terminate this Agreement under {{ ref("legal#termination") }}.',
    ),
)


@FAMILY.check(AK310)
def written_clause_numbers(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK310"""
    return (f for f in context.shared(_written) if f.code == "AK310")


@FAMILY.check(AK311)
def wrong_clause_numbers(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK311"""
    return (f for f in context.shared(_written) if f.code == "AK311")


def _written(context: CheckContext) -> list[Finding]:
    return list(_written_numbers(context))


def _written_numbers(context: CheckContext) -> Iterator[Finding]:
    agreement = context.agreement
    numbered: dict[str, Clause] | None = None
    for prose in context.prose:
        text = prose.text
        for match in _written_in(text):
            after = text[match.end() : match.end() + 80]
            elsewhere = _ELSEWHERE.match(after)
            if elsewhere and elsewhere.group("what") not in ("Agreement", "Schedule"):
                continue  # "section 3 of the Data Protection Act 2018"
            numbered = numbered if numbered is not None else clauses(agreement)
            sentence = text[max(0, match.start() - 160) : match.start()]
            sentence = re.split(r"[.!?;:]\s|\n\s*\n", sentence)[-1]
            yield _finding(prose.location(match.start()), match, numbered, sentence)


def _written_in(text: str) -> Iterator[re.Match[str]]:
    """Each "clause 9" in the text: the words are found by str.find, far faster than a pattern."""
    lower = text.lower()
    for word in ("clause", "section", "paragraph"):
        position = lower.find(word)
        while position != -1:
            match = _WRITTEN.match(text, position)
            if match:
                yield match
            position = lower.find(word, position + len(word))


def _finding(
    where: Location, match: re.Match[str], numbered: dict[str, Clause], sentence: str
) -> Finding:
    written = f"{match.group('word')} {match.group('number')}"
    number = match.group("number")
    clause = numbered.get(number)
    label = match.group("label")
    if label and not re.search(r"[A-Za-z]{4,}", label):
        label = None  # "clause 6.3(a)": a paragraph letter, not a title
    if clause is None:
        message = (
            f"'{written}' names no clause of this agreement; write "
            '{{ ref("section#heading") }} for the clause meant'
        )
        return AK311.at(where, message)
    if label and not (_stems(label) & _topic(numbered, number)):
        message = (
            f"'{written} ({label})' points at clause {number}, which is '{clause.heading}'; "
            f'write {{{{ ref("...") }}}} for the clause meant'
        )
        return AK311.at(where, message)
    meant = _meant_instead(numbered, number, sentence)
    if meant is not None and not label:
        message = (
            f"'{written}' is '{clause.heading}', but the text is about {meant.heading.lower()} "
            f'(clause {meant.number}); write {{{{ ref("{meant.reference}") }}}}'
        )
        return AK311.at(where, message)
    message = (
        f"'{written}' is a clause number written by hand ({clause.heading}); write "
        f'{{{{ ref("{clause.reference}") }}}} so it follows when clauses move'
    )
    return AK310.at(where, message)


def _meant_instead(numbered: dict[str, Clause], number: str, sentence: str) -> Clause | None:
    """Another clause whose heading the sentence names, when the numbered one's does not."""
    words = _stems(sentence)
    if not words or words & _topic(numbered, number):
        return None
    matching = [c for c in numbered.values() if "." in c.number and words & _stems(c.heading)]
    return matching[0] if len(matching) == 1 else None
