"""The archaic and wordy phrases AK307 flags, each with the plain form to write instead.

Only what a plain-English contract drafter would always change: no style preferences (the lists
leave out words such as "shall", "allow" or "provide" that good drafting uses). The lists are our
own, informed by Common Form's critique (archaisms, wordy-words), the US Federal Plain Language
Guidelines ("use simple words and phrases") and the UK Office of the Parliamentary Counsel's
drafting guidance. Phrases match as whole words, in any case, across line wraps.
"""

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from agreekit.checks.prose import distinct_words, words_in_order
from agreekit.text.lazy_pattern import LazyPattern

# Each line: phrase | plain form. A plain form starting with "~" is advice, not a replacement.
ARCHAISMS = """
hereby | ~drop it: 'The Provider hereby agrees' is 'The Provider agrees'
herein | ~name the clause or write 'in this Agreement'
hereof | ~name the clause or write 'of this Agreement'
hereto | ~name the clause or write 'to this Agreement'
hereunder | ~write 'under this Agreement' or name the clause
herewith | with this
hereinafter | ~drop it: define the term in the definitions section
hereinafter referred to as | ~drop it: define the term in the definitions section
hereinbefore | ~write 'above' or name the clause
hereinabove | ~write 'above' or name the clause
hereinbelow | ~write 'below' or name the clause
heretofore | until now
hereupon | ~write 'then' or 'at that time'
hereon | ~write 'on this' or name the thing
hereat | ~name the thing it refers to
thereby | ~write 'by doing so' or 'so'
therein | ~write 'in it' or name the thing
thereof | ~write 'of it' or name the thing
thereto | ~write 'to it' or name the thing
thereunder | ~write 'under it' or name the thing
thereupon | ~write 'then' or 'at once'
therewith | with it
theretofore | until then
thereinafter | ~write 'after that' or name the clause
thereafter | after that
therefrom | from it
whereby | ~write 'by which' or 'under which'
wherein | ~write 'in which' or 'where'
whereof | ~write 'of which'
whereon | ~write 'on which'
whereupon | ~write 'after which' or 'when'
wherefore | ~write 'so' or 'why'
whereunder | under which
whensoever | whenever
wheresoever | wherever
whatsoever | ~drop it or write 'any'
whosoever | whoever
howsoever | however
to wit | namely
witnesseth | ~drop it
in witness whereof | ~drop it: write 'The parties sign this Agreement on the dates below'
know all men by these presents | ~drop it
the said | ~write 'the' or 'that'
said party | the party
aforesaid | ~write 'the' or 'that'
aforementioned | ~write 'the' or 'that'
forthwith | immediately
hitherto | until now
henceforth | from now on
inasmuch as | because
insofar as | ~write 'if' or 'to the extent that'
notwithstanding the foregoing | ~write 'despite clause X', naming the clause
notwithstanding anything to the contrary | ~name the clause that prevails instead
notwithstanding anything in this agreement to the contrary | ~name the clause that prevails instead
notwithstanding any other provision | ~name the clause that prevails instead
notwithstanding anything else | ~name the clause that prevails instead
notwithstanding anything contained | ~name the clause that prevails instead
provided always that | ~write 'but' or 'if', or make it a separate sentence
provided however that | ~write 'but' or 'if', or make it a separate sentence
provided, however, that | ~write 'but' or 'if', or make it a separate sentence
save that | except that
save as | except as
in the premises | ~drop it
ab initio | from the start
inter alia | among other things
mutatis mutandis | with the necessary changes
per annum | a year
per diem | a day
per mensem | a month
pari passu | equally
bona fide | genuine
ipso facto | by that fact
vis-à-vis | ~write 'towards' or 'compared with'
vis-a-vis | ~write 'towards' or 'compared with'
prima facie | on the face of it
""".strip()

WORDY = """
any and all | any
each and every | each
each and all | each
all and any | all
unless and until | ~write 'unless' or 'until', whichever is meant
if and when | ~write 'if' or 'when', whichever is meant
when and if | ~write 'when' or 'if', whichever is meant
if and only if | only if
and/or | ~write 'or', or 'A or B or both'
null and void | void
void and of no effect | void
of no force and effect | void
full force and effect | effect
force and effect | effect
terms and conditions | terms
cease and desist | stop
fit and proper | suitable
final and conclusive | final
sole and exclusive | exclusive
true and correct | true
true and accurate | accurate
fair and reasonable | reasonable
due and payable | due
due and owing | due
free and clear | free
give and grant | grant
give, devise and bequeath | give
goods and chattels | goods
keep and maintain | keep
last will and testament | will
made and entered into | made
make and enter into | make
over and above | ~write 'more than' or 'besides'
perform and discharge | perform
right, title and interest | ownership
save and except | except
covenant and agree | agree
agree and undertake | agree
undertakes and agrees | agrees
acknowledges and agrees | agrees
authorize and direct | direct
authorise and direct | direct
including but not limited to | including
including without limitation | including
including, but not limited to | including
including, without limitation | including
include but are not limited to | include
includes but is not limited to | includes
without prejudice to the generality of the foregoing | ~drop it: 'including' does not limit
for the purpose of | ~write 'to' or 'for'
for the purposes of | ~write 'for' or 'under'
for the avoidance of doubt | ~drop it: say the point plainly
due to the fact that | because
owing to the fact that | because
in view of the fact that | because
in light of the fact that | because
on the grounds that | because
by reason of the fact that | because
by virtue of the fact that | because
despite the fact that | although
in spite of the fact that | although
notwithstanding the fact that | although
the fact that | ~rewrite without 'the fact that'
in the event that | if
in the event of | ~write 'if' or 'if there is'
in order to | to
in order that | so that
so as to | to
with a view to | to
until such time as | until
at such time as | when
at the time when | when
at this point in time | now
at the present time | now
at the earliest possible date | as soon as possible
prior to | before
subsequent to | after
in advance of | before
pursuant to | under
in pursuance of | under
in accordance with the provisions of | under
under the provisions of | under
in compliance with | ~write 'complying with' or 'under'
in conformity with | ~write 'under' or 'following'
in lieu of | instead of
in lieu thereof | instead
with respect to | ~write 'about' or 'for'
with regard to | ~write 'about' or 'for'
in respect of | ~write 'about' or 'for'
in relation to | ~write 'about' or 'for'
in reference to | about
as regards | about
as to whether | whether
the question as to whether | whether
whether or not | whether
in excess of | more than
in the amount of | for
a sum of money equal to | ~write the amount
a sufficient number of | enough
a number of | ~write 'some' or the number
a majority of | most
the majority of | most
a large number of | many
by means of | by
by virtue of | ~write 'by' or 'under'
by reason of | because of
on account of | because of
on the part of | by
on behalf of and for | for
for and on behalf of | for
during the course of | during
in the course of | during
during such time as | while
for a period of | for
for the duration of | during
at all material times | ~drop it or name the time
it is the duty of | ~write 'must'
it shall be the duty of | ~write 'must'
is required to | must
are required to | must
is obliged to | must
are obliged to | must
is authorised to | may
is authorized to | may
shall be entitled to | may
shall have the right to | may
has the ability to | can
have the ability to | can
is able to | can
are able to | can
is unable to | cannot
is in a position to | can
make an application | apply
make a decision | decide
make a determination | decide
make payment | pay
make provision for | provide for
give consideration to | consider
take into consideration | consider
give notice to | notify
effect a change | change
effect payment | pay
render assistance | help
provide assistance to | help
is applicable to | applies to
are applicable to | apply to
is in compliance with | complies with
is dependent upon | depends on
is dependent on | depends on
with the exception of | except
except as otherwise provided | ~name the exception
except as otherwise provided herein | ~name the exception
it is agreed that | ~drop it: the whole agreement is agreed
it is understood that | ~drop it
it is hereby agreed | ~drop it
the undersigned | ~name the party
in the near future | soon
subject to the provisions of | ~write 'subject to' and name the clause
as set forth in | as set out in
set forth | set out
commence | ~write 'start' or 'begin'
utilise | use
utilize | use
utilisation | use
utilization | use
endeavour to | try to
endeavor to | try to
in close proximity to | near
in a timely manner | ~write 'promptly' or give a time
on a monthly basis | monthly
on a weekly basis | weekly
on a daily basis | daily
on a regular basis | regularly
on an annual basis | yearly
on a quarterly basis | quarterly
in the majority of cases | usually
it is necessary that | must
it is essential that | must
it should be noted that | ~drop it
please note that | ~drop it
""".strip()


class Entry(NamedTuple):
    words: tuple[str, ...]
    advice: str


def _entries(table: str) -> tuple[Entry, ...]:
    found = []
    for row in table.splitlines():
        phrase, _, plain = (part.strip() for part in row.partition("|"))
        advice = plain[1:] if plain.startswith("~") else f"write '{plain}'"
        found.append(Entry(tuple(phrase.split()), advice))
    return tuple(found)


ENTRIES: tuple[Entry, ...] = _entries(ARCHAISMS) + _entries(WORDY)

_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion)"
)
# "forty-five", "one thousand two hundred and fifty", "ten per cent", "five hundred pounds"
_NUMBER_WORDS = (
    rf"{_NUMBER_WORD}(?:(?:[\s-]+(?:and[\s-]+)?){_NUMBER_WORD})*"
    r"(?:\s+(?:per\s*cent|percent|pounds(?:\s+sterling)?|dollars|euros))?"
)
_FIGURE = r"[£$€]?\s*\d[\d,]*(?:\.\d+)?\s*%?"
_WHEREAS = LazyPattern(r"\bwhereas\b", re.IGNORECASE)
_LINE_OPENING = LazyPattern(r"^\s*(?:[-*+>]|\(?\w{1,3}[.)]|#+)\s+$")


class Phrase(NamedTuple):
    start: int
    text: str
    advice: str


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(word).replace(",", r",?") for word in words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _words(text: str) -> list[str]:
    """The text's words in lower case, in order, punctuation dropped."""
    return words_in_order(text.lower())


_WORDS_OF = {e: _words(" ".join(e.words)) for e in ENTRIES}


def _by_key_word(entries: tuple[Entry, ...]) -> dict[str, tuple[Entry, ...]]:
    """Entries by their longest word: the rarest in prose, so few texts make one a candidate."""
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        index.setdefault(max(_WORDS_OF[entry], key=len), []).append(entry)
    return {word: tuple(found) for word, found in index.items()}


_BY_KEY_WORD = _by_key_word(ENTRIES)
_KEY_WORDS = frozenset(_BY_KEY_WORD)
_ENTRY_WORDS = {e: frozenset(_WORDS_OF[e]) for e in ENTRIES}
_FLAT = {e: " ".join(e.words).replace(",", "") for e in ENTRIES}
_NUMBER_WORD_SET = frozenset(re.findall(r"[a-z]+", _NUMBER_WORD))
_FORMS = frozenset(
    form
    for word in {w for e in ENTRIES for w in _ENTRY_WORDS[e]} | _NUMBER_WORD_SET | {"whereas"}
    for form in (word, word.capitalize(), word.upper())
)
# Compiled when a text first has a doubled-number candidate: the largest of the patterns.
_NUMBER_BEFORE = LazyPattern(rf"(?<![\w-])(?:{_NUMBER_WORDS})\s*$", re.IGNORECASE)
# Both bracket patterns are tried only at a bracket that a plain test lets through (`_brackets`).
_FIGURE_IN_BRACKETS = LazyPattern(rf"\(\s*{_FIGURE}\s*\)")
_FIGURE_BEFORE = LazyPattern(rf"(?<![\w.,]){_FIGURE}\s*$")
_WORDS_IN_BRACKETS = LazyPattern(rf"\(\s*(?:{_NUMBER_WORDS})\s*\)", re.IGNORECASE)
_SPACES = re.compile(r"\s*")


def find_phrases(text: str, words: frozenset[str] | None = None) -> Iterator[Phrase]:
    """Archaic or wordy phrases and doubled numbers in the text, in order, as whole words.

    `words` are the text's distinct words as written, if the caller has them already.
    """
    words = words if words is not None else distinct_words(text)
    # Only the words some entry uses, in lower case: a set intersection in C, then a few.
    present = {w.lower() for w in words & _FORMS}
    found: list[Phrase] = []
    candidates = [e for word in present & _KEY_WORDS for e in _BY_KEY_WORD[word]]
    if candidates:
        found.extend(_phrases(text, present, candidates))
    if "whereas" in present:
        found.extend(_whereas(text))
    if "(" in text:
        found.extend(_doubled_numbers(text, present))
    return iter(sorted(found))


def _phrases(text: str, present: set[str], candidates: list[Entry]) -> Iterator[Phrase]:
    flat: str | None = None
    taken: list[tuple[int, int]] = []
    # Longest phrases first, so "notwithstanding anything to the contrary" is one finding.
    for entry in sorted(candidates, key=lambda e: -len(e.words)):
        if not _ENTRY_WORDS[entry] <= present:
            continue
        flat = flat if flat is not None else " ".join(text.lower().replace(",", "").split())
        if _FLAT[entry] not in flat:
            continue  # the words are there, but not together: the common case
        for match in _pattern(entry.words).finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            yield Phrase(start, " ".join(match.group(0).split()), entry.advice)


def _doubled_numbers(text: str, present: set[str]) -> Iterator[Phrase]:
    """'eighteen (18)', 'one thousand (1,000)', 'ten per cent (10%)' and '18 (eighteen)'."""
    advice = "write the number once, in figures (or in words), not both"
    if _NUMBER_WORD_SET.isdisjoint(present):
        return
    figures, words = _brackets(text)
    for bracket in figures:
        match = _FIGURE_IN_BRACKETS.match(text, bracket)
        before = match and _NUMBER_BEFORE.search(text, max(0, bracket - 80), bracket)
        if match and before:
            phrase = text[before.start() : match.end()]
            yield Phrase(before.start(), " ".join(phrase.split()), advice)
    for bracket in words:
        match = _WORDS_IN_BRACKETS.match(text, bracket)
        before = match and _FIGURE_BEFORE.search(text, max(0, bracket - 30), bracket)
        if match and before:
            phrase = text[before.start() : match.end()]
            yield Phrase(before.start(), " ".join(phrase.split()).strip(), advice)


def _brackets(text: str) -> tuple[list[int], list[int]]:
    """The brackets where `_FIGURE_IN_BRACKETS` could match (a figure inside) and where
    `_WORDS_IN_BRACKETS` could be a doubled number (a figure just before it).

    Neither pattern's match holds a bracket after its first, so the matches its `finditer` finds
    are its matches at these brackets; most brackets hold words with no figure near.
    """
    figures: list[int] = []
    words: list[int] = []
    bracket = text.find("(")
    while bracket != -1:
        inside = _after_spaces(text, bracket + 1)
        if text.startswith(("£", "$", "€"), inside):
            inside = _after_spaces(text, inside + 1)
        if text[inside : inside + 1].isdigit():
            figures.append(bracket)
        before = text[max(0, bracket - 30) : bracket].rstrip()
        if before and (before[-1].isdigit() or before[-1] in ",%"):
            words.append(bracket)
        bracket = text.find("(", bracket + 1)
    return figures, words


def _after_spaces(text: str, index: int) -> int:
    """Where the spaces (if any) from `index` end."""
    spaces = _SPACES.match(text, index)
    return spaces.end() if spaces else index


def _whereas(text: str) -> Iterator[Phrase]:
    """'Whereas' opening a recital or a sentence; mid-sentence it is a plain contrast."""
    for match in _WHEREAS.finditer(text):
        if match.group(0) == "WHEREAS" or _opens_sentence(text, match.start()):
            advice = "write the background as plain numbered statements without 'whereas'"
            yield Phrase(match.start(), match.group(0), advice)


def _opens_sentence(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if _LINE_OPENING.match(text[line_start:start]) and text[line_start:start].strip():
        return True  # after a list marker or heading mark
    before = text[max(0, start - 200) : start]
    stripped = before.rstrip()
    gap = before[len(stripped) :]
    return not stripped or stripped[-1] in ".;:!?" or gap.count("\n") >= 2
