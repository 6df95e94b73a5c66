"""Blanks left for a value not yet written: `[●]`, `£[•]`, `[DATE]`, `XXXX`, tbc, "to be confirmed".

Square brackets that Markdown or drafting uses on purpose are not blanks: links and reference
links (`[text](url)`, `[text][label]`, `[label]` with a `[label]: url` line), footnotes (`[^1]`),
numbered notes (`[2]`), law-report years (`[2021]`), task lists (`- [ ]`, `- [x]`), `[sic]` and
abbreviation lines (`*[SLA]: ...`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreekit.text.lazy_pattern import LazyPattern

# Patterns compiled when a text first needs them (LazyPattern): most prose has no blank.
# Each alternative starts with a character, then looks behind: the regex engine tries fewer
# places than with a pattern that starts with a look-behind, which it tries everywhere.
_WORD_BLANKS = LazyPattern(
    r"(?:T(?<![\w-]T)ODO|F(?<![\w-]F)IXME|[Tt](?<![\w-][Tt])[Bb][CcDdAa]|[Xx](?<![\w-][Xx])[Xx]+)"
    r"(?![\w-])"
    r"|[Tt](?<!\w[Tt])\.[Bb]\.[CcDdAa]\.?"
    r"|\?\?\?+"
    r"|[Dd]ate will be set here"
    r"|[Xx](?<=\d[Xx])[Xx]{2,}(?![A-Za-z-])"
    r"|DD/MM/YY(?:YY)?|MM/DD/YYYY|YYYY-MM-DD|dd/mm/yy(?:yy)?"
    r"|[ \t](?<=\S[ \t])_{4,}|_(?<=\S_)_{3,}|_{4,}(?=[ \t]?\S)"
    r"|[£$€]\s?[Xx][Xx,.]*(?![\w-])"
)
_TO_BE = LazyPattern(
    r"\bto be (?:confirmed|determined|advised|decided|finali[sz]ed|inserted|announced|"
    r"agreed)\b(?! (?:out|in|by|under|on|at|from|for|with|between|upon)\b)",
    re.IGNORECASE | re.MULTILINE,
)
# The bracket first, then the look-behind: the engine then skips fast to each bracket.
_BRACKET = LazyPattern(r"\[(?<![\]\\!*]\[)(?P<inside>[^\[\]\n]{0,120})\](?![(\[:])")
_ANGLED = LazyPattern(
    r"<<[^<>\n]{1,80}>>|«[^«»\n]{1,80}»|\{(?<!\{\{)[A-Z][A-Z0-9 _-]{1,40}\}(?!\})"
)
# "(insert date)", "<name of Provider contact>": an instruction to the drafter in brackets.
_INSTRUCTION = LazyPattern(
    r"[(<](?:insert|enter|add|specify|state|complete|name of|details of|date of|amount of)\b"
    r"[^()<>\n]{0,60}[)>]",
    re.IGNORECASE,
)
_LABEL_LINE = LazyPattern(r"^\s{0,3}\[(?P<label>[^\]\n]+)\]:", re.MULTILINE)
_TASK = LazyPattern(r"^\s*(?:[-*+]|\d+[.)])\s+$")
_NOT_A_BLANK = LazyPattern(r"^(?:\^.*|\d+|[ivxlcdm]+|[IVXLCDM]+|[xX ]|sic|\d{4}(?:[-–]\d{2,4})?)$")
_BULLETS = LazyPattern(r"^[\s●•◦·∙…._*\-–—]*$")
# (what the lower-cased text must hold, the pattern): fast tests before each pattern.
_WORD_HINTS = (
    "tb",
    "xx",
    "todo",
    "fixme",
    "???",
    "date will be set",
    "t.b.",
    "dd/mm",
    "mm/dd",
    "yyyy",
    "____",
)
_SPACES = re.compile(r"\s*")


def may_hold_blank(text: str) -> bool:
    """Whether `find_blanks` could find anything: a fast test of many texts joined."""
    lowered = text.lower()
    return any(hint in lowered for hint in _WORD_HINTS) or any(
        mark in text for mark in ("to be ", "To be ", "TO BE ", "<<", "«", "{", "[", "£", "$", "€")
    )


def _word_blanks_possible(text: str, lowered: str) -> bool:
    """Whether _WORD_BLANKS could match: plain searches for what each of its forms holds."""
    if any(hint in lowered for hint in _WORD_HINTS):
        return True
    # "£x", "$ XX": a currency sign is rare, so look for one before running the pattern.
    return any(sign in text for sign in "£$€") and _currency_blank(lowered)


def _currency_blank(lowered: str) -> bool:
    r"""What `re.search(r"[£$€]\s*x", lowered)` tells, by plain searches for the signs.

    (A class of the three signs compiles to a table of the whole Unicode range, 0.2 ms.)
    """
    for sign in "£$€":
        position = lowered.find(sign)
        while position != -1:
            spaces = _SPACES.match(lowered, position + 1)
            if lowered.startswith("x", spaces.end() if spaces else position + 1):
                return True
            position = lowered.find(sign, position + 1)
    return False


def find_blanks(text: str, labels: frozenset[str] = frozenset()) -> Iterator[tuple[int, str]]:
    """(offset, text) of each blank in `text`, in order; `labels` are reference-link labels."""
    lowered = text.lower()
    patterns = []
    if _word_blanks_possible(text, lowered):
        patterns.append(_WORD_BLANKS)
    if "<<" in text or "«" in text or "{" in text:
        patterns.append(_ANGLED)
    if "(" in text or "<" in text:
        patterns.append(_INSTRUCTION)
    found = [(m.start(), m.group(0)) for pattern in patterns for m in pattern.finditer(text)]
    if "to be " in lowered:
        found.extend((m.start(), m.group(0)) for m in _to_be(text, lowered))
    if "[" in text:
        found.extend(_bracket_blanks(text, labels))
    yield from sorted(found)


def _to_be(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """What `_TO_BE.finditer(text)` finds, tried only where the lowered text has "to be "."""
    if len(lowered) != len(text):  # a character lowered to two: the offsets differ
        yield from _TO_BE.finditer(text)
        return
    position = lowered.find("to be ")
    while position != -1:
        match = _TO_BE.match(text, position)
        if match:
            yield match
        position = lowered.find("to be ", match.end() if match else position + 1)


def _bracket_blanks(text: str, labels: frozenset[str]) -> Iterator[tuple[int, str]]:
    for match in _BRACKET.finditer(text):
        inside = match.group("inside").strip()
        line_start = text.rfind("\n", 0, match.start()) + 1
        if inside in ("", "x", "X") and _TASK.match(text[line_start : match.start()]):
            continue  # a task-list box
        if inside and (_NOT_A_BLANK.match(inside) or inside.casefold() in labels):
            continue
        if inside and not _BULLETS.match(inside) and not re.search(r"[A-Za-z]", inside):
            continue  # "[2.1]", "[+]": no words, no bullets: not a blank
        yield match.start(), match.group(0)


def has_blank(text: str) -> bool:
    """Whether the text holds any blank (a stakeholder's name still "[name]", say)."""
    return next(find_blanks(text), None) is not None


def link_labels(text: str) -> frozenset[str]:
    """Labels that `[label]: target` lines define: `[label]` alone is then a link."""
    if "]:" not in text:
        return frozenset()
    return frozenset(m.group("label").strip().casefold() for m in _LABEL_LINE.finditer(text))
