"""AK309: a capitalised phrase used like a defined term that the agreement never defines.

"The Provider must notify any Major Incident" reads as if "Major Incident" had an agreed meaning.
Names are not terms: headings, the parties, stakeholders (names and titles), departments, values
the data gives (service names, priority names, addresses), statutes the text names ("Data
Protection Act 2018"), bodies ("Office for National Statistics"), phrases given an abbreviation
("Consumer Prices Index (CPI)") or defined in quotes, well-known names (days, products) and the
allowlist `checks.names` in agreement.yml.
"""

import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from agreekit.checks.common_names import NAME_WORDS, OPENERS, VENDORS, WELL_KNOWN
from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.legal_text import definitions
from agreekit.checks.paths import walk_strings
from agreekit.checks.prose import ProseText
from agreekit.finding import WARNING, Explanation, Finding, Rule
from agreekit.model.agreement import Agreement

# Words are matched possessively (`*+`): what follows a word (a gap, or no word character) can
# never match inside it, and giving characters back one by one cost a third of the scan.
# The patterns that take a typographic apostrophe (’) as an apostrophe scan a copy of the text
# with it written ' (`_scanned`), which keeps every offset: a class of \w, ', ’ and - compiles
# to a table of the whole Unicode range, 0.1 ms a time, and the run pattern held four.
_CAPITAL = r"[A-Z][a-z][\w'-]*+"
_CONNECTOR = r"(?:of|for|de|du|la|le|von|van|der|del|upon)"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# The capital first, then the check of the character before it: a pattern that starts with a
# character class is scanned for fast, one that starts with a look-behind is tried everywhere.
_RUN = re.compile(
    rf"[A-Z](?<![\w'-].)[a-z][\w'-]*+(?:{_GAP}(?:{_CONNECTOR}{_GAP})*{_CAPITAL})+(?![\w'-])"
)
_SPACES = bytes.maketrans(b'.,;:!?()[]"', b" " * 11)
_ACRONYM_AFTER = re.compile(r"\s*\(\s*(?:the\s+)?[\"“]?[A-Z][A-Z0-9&]+[\"”]?\s*\)")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,80})[\"”]")
_STATUTE_WORDS = (
    "Act",
    "Regulation",
    "Directive",
    "Order",
    "Rules",
    "Code",
    "Convention",
    "Treaty",
    "Bill",
    "Statute",
    "Ordinance",
    "Protocol",
)
# (a string the text must hold, what to blank): headings, tables, link text, emphasis, HTML, URLs
# Inline Markdown whose words are not prose terms: link text, emphasis, HTML and URLs. Every
# alternative starts with its own character (look-behinds after it), so the scan skips fast.
# A heading or table line after its newline: a pattern that starts with a character is scanned
# for fast, one that starts with `^` is tried everywhere (`_prepared` adds a newline in front).
_HEADING_OR_TABLE = re.compile(r"\n[ \t]*[#|][^\n]*")
_INLINE_MASK = re.compile(
    r"\[[^\[\]\n]{0,999}\](?=[(\[])|\*\*[^*\n]+\*\*|\*(?<![\w*]\*)[^*\n]+\*(?!\w)|__[^_\n]+__"
    r"|_(?<!\w_)[^_\n]+_(?!\w)|<[^<>\n]*>|://\S*"
)
# No leading \b, so the scan skips to the words' capitals; `_without_statutes` checks the
# boundary before each match instead.
_STATUTE_WORD = re.compile(
    r"(?:Acts?|Regulations?|Directive|Order|Rules|Code|Convention|Treaty|Bill)\b(?:[ \t]+\d{4})?"
)
_WORD_CHARACTER = re.compile(r"\w")
_STATUTE_NAME_BEFORE = re.compile(  # over `_scanned` text
    r"(?:(?:[A-Z][\w'-]*|\([^()\n]{1,40}\)|and|of|the|for|on|in|to)[ \t]+)+$"
)
_LIST_MARKER = re.compile(r"\s*(?:[-*+>]|\(?\w{1,3}[.)])\s+$")
# Bodies and places: a phrase holding one of these words is a name, not a term.
# Vendors and products: a phrase starting with one of these names a product.
# Words that open a sentence without being part of a name after them.


def _scanned(text: str) -> str:
    """The text with each typographic apostrophe written ', for the patterns that take both."""
    return text.replace("’", "'")


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _without_possessive(word: str) -> str:
    """The word without a final 's or ' (either apostrophe): what `['’]s?$` would take off."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def _variants(phrase: str) -> tuple[str, ...]:
    """A phrase and its singular and non-possessive forms."""
    base = _without_possessive(phrase)
    forms = [phrase, base]
    for stem in (base,):
        if stem.endswith("ies"):
            forms.append(stem[:-3] + "y")
        if stem.endswith("es"):
            forms.append(stem[:-2])
        if stem.endswith("s"):
            forms.append(stem[:-1])
    return tuple(forms)


def known_names(agreement: Agreement, context: CheckContext) -> tuple[frozenset[str], str]:
    """Exact names (casefolded) and longer texts a name may sit inside (titles, addresses)."""
    exact: set[str] = set(WELL_KNOWN)
    exact.update(_norm(d.term) for d in definitions(context.prose))
    exact.update(_norm(str(name)) for name in agreement.file.checks.names)
    texts: list[str] = []
    for _, value in walk_strings(agreement.data):
        if len(value) <= 120:
            texts.append(_norm(value))
    for section in agreement.sections:
        texts.append(_norm(section.meta.title))
        texts.extend(_norm(h.text) for h in section.headings)
        for path, value in walk_strings(section.data):
            if len(value) <= 120 and path and path[0] not in ("id", "owners"):
                texts.append(_norm(value))
    for text in texts:
        exact.add(text)
        exact.update(part.strip() for part in text.split(","))
        exact.add(text.removeprefix("the "))
    texts.extend(WELL_KNOWN)  # a part of a well-known name ("Barring Service") is a name too
    return frozenset(exact), "\n".join(sorted(set(texts)))


FAMILY = Family()

AK309 = Rule(
    "AK309",
    "undefined-capitalised-term",
    WARNING,
    summary="A capitalised phrase is used like a defined term but is not defined.",
    hint=(
        "Define it, write it in lower case, or list it under checks.names in agreement.yml if it "
        "is a name."
    ),
    explanation=Explanation(
        what=(
            'A capitalised phrase of two or more words is used like a defined term ("any Major '
            'Incident", "the Exit Management Plan") but the definitions section does not define '
            "it, nor is it defined in quotes where it is first used ('an exit plan (the \"Exit "
            "Plan\")'). Names are not terms and are left alone: headings, the parties, "
            "stakeholders' names and titles, departments, values the data gives (service and "
            'priority names, addresses), statutes the text names ("Data Protection Act 2018"), '
            'bodies ("Office for National Statistics", "Companies House"), phrases followed by '
            'their abbreviation ("Recovery Time Objective (RTO)"), products ("Microsoft '
            'Teams"), days such as "Christmas Day", and the phrases listed under `checks.names` '
            "in agreement.yml. A capital that only opens a sentence is not part of the phrase. "
            "Each phrase is reported once, at its first use."
        ),
        why=(
            "Capitals tell the reader a phrase has an agreed meaning. An undefined one has none, "
            "and the parties will argue later about what it covers. Common Form's lint reports "
            "terms used but not defined."
        ),
        example="The Provider must tell the Head of IT of any Major Incident at once.",
        fix=(
            "Define the term in the definitions section, or write it in lower case if it is "
            "ordinary words; if it is a name, list it under `checks.names` in agreement.yml."
        ),
        fixed=(
            "- **Major Incident** means a P1 Incident that affects more than one site.\n"
            "# or, for a name, in agreement.yml:\n"
            "checks:\n"
            "  names: [Disclosure and Barring Service]"
        ),
    ),
)


@FAMILY.check(AK309)
def undefined_capitalised_terms(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK309"""
    exact, texts = known_names(agreement, context)
    inline: set[str] = set()
    prepared = [(prose, _prepared(prose, inline)) for prose in context.prose]
    exact = exact | frozenset(inline)
    all_prose = context.prose
    names = _Context(exact, texts, functools.cache(lambda word: _written_lower(word, all_prose)))
    reported: set[str] = set()
    judged: dict[str, tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]] = {}
    for prose, text in prepared:
        for match in _RUN.finditer(_scanned(text)):
            run = text[match.start() : match.end()]
            if run not in judged:  # the same run recurs: judge it once, in both positions
                judged[run] = (
                    tuple(_undefined(run, False, names)),
                    tuple(_undefined(run, True, names)),
                )
            inside, opening = judged[run]
            if not inside and not opening:
                continue  # names and defined terms, wherever the run stands: the common case
            if _ACRONYM_AFTER.match(text, match.end()):
                continue  # "Recovery Time Objective (RTO)": a name given its abbreviation
            found = (
                inside if inside == opening or not _opens_sentence(text, match.start()) else opening
            )
            for offset, phrase in found:
                start = match.start() + offset
                key = _norm(phrase)
                if key in reported:
                    continue
                reported.add(key)
                message = (
                    f"'{phrase}' is capitalised like a defined term but is not defined; define it "
                    "in the definitions section, write it in lower case, or list it under "
                    "checks.names in agreement.yml if it is a name"
                )
                yield AK309.at(prose.location(start), message)


def _written_lower(word: str, prose: tuple[ProseText, ...]) -> bool:
    """The word, or a form of it ("restore": "restored", "restores"), is written in lower case
    somewhere: a few set lookups per section, for the few words that open sentences."""
    stem = word[:-1] if word.endswith("e") else word
    forms = (word, word + "s", word + "d", stem + "ed", stem + "ing", word + "es")
    return any(form in p.words for p in prose for form in forms)


def _prepared(prose: ProseText, inline: set[str]) -> str:
    """The prose with headings, tables, links, emphasis, statutes and quoted phrases blanked."""
    text = prose.text
    if "#" in text or "|" in text:
        text = _HEADING_OR_TABLE.sub(_blanked, "\n" + text)[1:]
    if any(mark in text for mark in ("[", "*", "_", "<", "://")):
        text = _INLINE_MASK.sub(_blanked, text)
    if '"' in text or "“" in text:
        for match in _QUOTED.finditer(text):
            inline.add(_norm(match.group(1)))
        text = _QUOTED.sub(_blanked, text)
    return _without_statutes(text)


def _without_statutes(text: str) -> str:
    """Statutes the text names ("Late Payment of Commercial Debts (Interest) Act 1998") blanked."""
    spans = []
    scanned: str | None = None
    for match in _STATUTE_WORD.finditer(text):
        if match.start() and _WORD_CHARACTER.match(text, match.start() - 1):
            continue  # inside a word ("ReAct"): no \b before it
        scanned = scanned if scanned is not None else _scanned(text)
        before = _STATUTE_NAME_BEFORE.search(scanned, max(0, match.start() - 150), match.start())
        spans.append((before.start() if before else match.start(), match.end()))
    for start, end in spans:
        text = text[:start] + _blank(text[start:end]) + text[end:]
    return text


def _blanked(match: re.Match[str]) -> str:
    return _blank(match.group(0))


def _blank(text: str) -> str:
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


class _Context(NamedTuple):
    exact: frozenset[str]
    texts: str  # every title, heading and data value, casefolded, one a line
    written_lower: Callable[[str], bool]  # whether prose writes the word in lower case


def _undefined(run: str, opens: bool, context: _Context) -> Iterator[tuple[int, str]]:
    """Parts of a capitalised run that no definition or name covers: 'Major Incident'.

    `opens` says the run starts a sentence; offsets are from the start of the run.
    """
    tokens = _tokens(run)
    first = True
    for part in _parts(tokens):
        if first and opens:
            word = part[0][1]
            if word in OPENERS or (
                _covered(part[1:], context.exact) and context.written_lower(word.lower())
            ):
                part = part[1:]  # a capital that only opens the sentence
        first = False
        while part and not part[0][1][0].isupper():
            part = part[1:]
        if sum(1 for _, word in part if word[0].isupper()) < 2:
            continue
        if _covered(part, context.exact) or _is_name(part, context):
            continue
        yield part[0][0], " ".join(word for _, word in part)


def _tokens(run: str) -> list[tuple[int, str]]:
    """The run's words and their offsets: a run is words and the spaces or newlines between."""
    tokens = []
    end = 0
    for word in run.split():
        start = run.index(word, end)
        tokens.append((start, word))
        end = start + len(word)
    return tokens


def _parts(tokens: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """The run split after each possessive: "Customer's Head" is two names, not one term."""
    part: list[tuple[int, str]] = []
    for token in tokens:
        part.append(token)
        if token[1].endswith(("'", "’", "'s", "’s")):
            yield _trimmed(part)
            part = []
    if part:
        yield _trimmed(part)


def _trimmed(part: list[tuple[int, str]]) -> list[tuple[int, str]]:
    while part and not part[-1][1][0].isupper():
        part = part[:-1]  # a trailing connector
    return part


def _is_name(part: list[tuple[int, str]], context: _Context) -> bool:
    words = [_without_possessive(word) for _, word in part]
    if any(word in NAME_WORDS or word in _STATUTE_WORDS for word in words):
        return True
    if words[0] in VENDORS:
        return True
    key = _norm(" ".join(words))
    forms = _variants(key)
    if any(form in context.exact for form in forms):
        return True
    # Part of a title, address or other name the data gives: one scan of all of them joined.
    return any(_inside(form, context.texts) for form in forms)


@functools.lru_cache(maxsize=4096)
def _inside(phrase: str, texts: str) -> bool:
    r"""Whether the phrase is in the texts as whole words: what the pattern
    `(?<![\w'])phrase(?!\w)` finds, without compiling one for each phrase."""
    start = texts.find(phrase)
    while start != -1:
        end = start + len(phrase)
        before = texts[start - 1] if start else " "
        after = texts[end] if end < len(texts) else " "
        if not _is_word_character(before) and before != "'" and not _is_word_character(after):
            return True
        start = texts.find(phrase, start + 1)
    return False


def _is_word_character(character: str) -> bool:
    r"""What `\w` matches in a pattern over text: a letter, digit or underscore."""
    return character.isalnum() or character == "_"


def _covered(part: list[tuple[int, str]], exact: frozenset[str]) -> bool:
    """Every capitalised word belongs to a defined term or a name the agreement has."""
    index = 0
    while index < len(part):
        end = _longest_known(part, index, exact)
        if end == index:
            if part[index][1][0].isupper():
                return False
            end = index + 1
        index = end
    return True


def _longest_known(tokens: list[tuple[int, str]], index: int, exact: frozenset[str]) -> int:
    for end in range(len(tokens), index, -1):
        phrase = _norm(" ".join(word for _, word in tokens[index:end]))
        if any(form in exact for form in _variants(phrase)):
            return end
    return index


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a sentence, paragraph or list item starts at `start`."""
    line_start = text.rfind("\n", 0, start) + 1
    if _LIST_MARKER.match(text, line_start, start):
        return True
    before = text[max(0, start - 200) : start]
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?:;" or before[len(stripped) :].count("\n") >= 2
