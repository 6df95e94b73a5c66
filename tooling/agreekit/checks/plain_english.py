"""The archaic and wordy phrases AK307 flags, each with the plain-English replacement.

Only what a plain-English contract drafter would always change: no style preferences.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# (regular expression, advice). Word boundaries are added around each.
TABLE: tuple[tuple[str, str], ...] = (
    (r"hereinafter(?: referred to as)?", "drop it: define the term in the definitions section"),
    (r"hereinbefore", "write 'above' or name the clause"),
    (r"witnesseth", "drop it"),
    (r"whereas", "write the background as plain numbered statements"),
    (r"here(?:in|of|to|under|by|with)", "name the clause or write 'this Agreement'"),
    (r"there(?:of|in|to|under|after)", "name the thing it refers to"),
    (r"aforesaid|aforementioned|the said", "write 'the' or 'that'"),
    (r"forthwith", "write 'immediately'"),
    (r"in order to", "write 'to'"),
    (r"in the event that|in the event of", "write 'if'"),
    (r"prior to", "write 'before'"),
    (r"subsequent to", "write 'after'"),
    (r"pursuant to", "write 'under'"),
    (r"null and void", "write 'void'"),
    (r"until such time as", "write 'until'"),
    (r"in lieu of", "write 'instead of'"),
    (r"with respect to|in respect of", "write 'about' or 'for'"),
    (
        r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
        r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)\s*\(\d+\)",
        "write the number once, in words or in figures",
    ),
)


class PhraseTable(NamedTuple):
    pattern: re.Pattern[str]
    advice: tuple[str, ...]

    def replacement(self, match: re.Match[str]) -> str:
        assert match.lastgroup is not None
        return self.advice[int(match.lastgroup[1:])]


def _compile(table: tuple[tuple[str, str], ...]) -> PhraseTable:
    alternatives = "|".join(f"(?P<p{i}>{regex})" for i, (regex, _) in enumerate(table))
    return PhraseTable(
        re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE),
        tuple(advice for _, advice in table),
    )


PHRASES = _compile(TABLE)
