"""The archaic and wordy phrases AK307 flags, each with the plain-English replacement.

Only what a plain-English contract drafter would always change: no style preferences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "twenty|thirty|forty|fifty|sixty|ninety|hundred"
)

# (lower-case regular expression, advice). Each must start with a literal: the regex engine then
# skips straight to candidates, which keeps the scan cheap. Whole words only.
TABLE: tuple[tuple[str, str], ...] = (
    (r"hereinafter(?: referred to as)?", "drop it: define the term in the definitions section"),
    (r"hereinbefore", "write 'above' or name the clause"),
    (r"witnesseth", "drop it"),
    (r"whereas", "write the background as plain numbered statements"),
    (r"here(?:in|of|to|under|with)", "name the clause or write 'this Agreement'"),
    (r"there(?:of|in|to|under)", "name the thing it refers to"),
    (r"aforesaid|aforementioned", "write 'the' or 'that'"),
    (r"the said", "write 'the' or 'that'"),
    (r"forthwith", "write 'immediately'"),
    (r"in order to", "write 'to'"),
    (r"in the event (?:that|of)", "write 'if'"),
    (r"prior to", "write 'before'"),
    (r"subsequent to", "write 'after'"),
    (r"pursuant to", "write 'under'"),
    (r"null and void", "write 'void'"),
    (r"until such time as", "write 'until'"),
    (r"in lieu of", "write 'instead of'"),
    (r"with respect to", "write 'about' or 'for'"),
    (r"in respect of", "write 'about' or 'for'"),
    (r"\(\d+\)", "write the number once, in words or in figures"),  # "two (2)": word checked below
)

_WORD = re.compile(r"[\w-]")
_NUMBER_BEFORE = re.compile(rf"(?:^|[^\w-])(?:{_NUMBER_WORDS})\s*$")


class Phrase(NamedTuple):
    start: int
    text: str
    advice: str


def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(regex), advice) for regex, advice in TABLE)


PATTERNS = _patterns()


def _literal_starts(regex: str) -> tuple[str, ...]:
    """The plain text each alternative of a TABLE pattern starts with: one must be in the text."""
    starts = []
    for alternative in regex.split("|") if "(" not in regex else [regex]:
        match = re.match(r"(?:[a-z ]|\\\()+", alternative)
        starts.append(match.group(0).replace("\\(", "(") if match else "")
    return tuple(starts)


# Checked with `in`, which is far faster than any pattern: most texts hold few of the phrases.
STARTS = tuple(_literal_starts(regex) for regex, _ in TABLE)


def find_phrases(text: str) -> Iterator[Phrase]:
    """Archaic or wordy phrases in the text, in order, as whole words."""
    lower = text.lower()
    found = []
    for (pattern, advice), starts in zip(PATTERNS, STARTS, strict=True):
        if not any(start in lower for start in starts):
            continue
        for match in pattern.finditer(lower):
            start, end = match.span()
            if pattern.pattern.startswith("\\("):
                before = _NUMBER_BEFORE.search(lower, max(0, start - 20), start)
                if before is None:
                    continue
                start = before.start() + (0 if _WORD.match(lower, before.start()) else 1)
            elif (start and _WORD.match(lower, start - 1)) or _WORD.match(lower, end):
                continue
            found.append(Phrase(start, text[start:end], advice))
    return iter(sorted(found))
