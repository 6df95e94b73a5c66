"""AK312: a figure in prose that restates a value the data holds must equal it.

Prose that writes "99.9%, at most 43.8 minutes a month", "£9,575 a month" or "respond to P1
within 15 minutes" beside data that says otherwise leaves two answers to one question. Only
figures the sentence ties to a value are compared: a percentage beside availability or service
credits, a duration after "respond" or "resolve" and a priority, a duration of downtime, money
beside the charges and their period, and the renewal, maintenance-notice, claim and payment
periods after their keyword. Writing the value as a variable (`{{ data.availability.target }}%`)
avoids the finding, because it cannot drift.
"""

import functools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple, TypeVar

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.duration import Duration
from agreekit.model.section_data import Availability, Costs, SectionFrontMatter, ServiceCredits
from agreekit.model.source import SourceMap
from agreekit.model.values import WrittenDuration
from agreekit.text.lazy_pattern import LazyPattern

T = TypeVar("T")


class Fact(NamedTuple):
    kind: str  # availability, credit, downtime, money, period:<name>, response:<id>, ...
    value: float | Duration
    location: Location
    name: str  # the data path as a reader writes it, for messages and variables


# Patterns only sentences of some kinds reach are compiled when one first does (LazyPattern).
_PERCENT = LazyPattern(r"(?<![\w.])(?P<n>\d{1,3}(?:\.\d+)?)[ \t]?(?:%|per[ \t]?cent\b)")
# The digit first, then the look-behind: the regex engine then skips from digit to digit.
_DURATION = re.compile(
    r"(?P<n>\d(?<![\w.]\d)\d*(?:\.\d+)?)[ \t-]*(?P<business>business[ \t]+|working[ \t]+)?"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_MONEY = LazyPattern(
    r"(?:£|€|\$|\b(?:GBP|EUR|USD)[ \t]?)(?P<n>\d[\d,]*(?:\.\d{1,2})?)(?![\d,]*\d)(?![ \t]?(?:million|m|bn|k)\b)"
)
# A sentence or item break. Each form starts with a space or a newline, and the pattern with that
# class, so the regex engine skips between spaces instead of trying every character.
_SENTENCE = re.compile(
    r"\s(?:(?<=[.!?]\s)\s*(?=[A-Z(])|(?<=\n)\s*\n|(?<=\n)\s*(?:[-*+]|\d+[.)])\s)"
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|or)\b|\band\s+(?:the|then|must|will)\b")
_AVAILABILITY = re.compile(r"availab|up-?\s?time|downtime", re.IGNORECASE)
_CREDIT = re.compile(r"credit", re.IGNORECASE)
_DOWNTIME_AFTER = LazyPattern(r"[,;(]?\s*(?:at most|no more than|up to|or|that is|i\.e\.,?)?\s*$")
_PERIOD_WORD = LazyPattern(
    r"\b(?:a|per|each|every)\s+(?:calendar\s+)?month\b|\bmonthly\b", re.IGNORECASE
)
_CHARGES = LazyPattern(r"\b(?:charges?|fees?|price|total|cost)", re.IGNORECASE)
_OTHER_MONEY = LazyPattern(r"liabil|insur|indemn|cap\b|capped|penalt|damages|excess", re.IGNORECASE)
_RESPONSE = re.compile(r"\b(?:respon|acknowledg)\w*", re.IGNORECASE)
_RESOLUTION = re.compile(r"\b(?:resol|fix|restor|repair)\w*", re.IGNORECASE)
# (period fact, what the sentence must mention, the keyword just before the figure)
_PERIODS = (
    ("renewal.period", r"renew", r"renew\w*|further|period"),
    ("renewal.notice", r"renew", r"notice"),
    ("maintenance.notice", r"maintenance", r"notice"),
    ("claim_window", r"credit", r"claim\w*"),
    ("payment_terms", r"invoice", r"payment|payable|due"),
)


def facts(agreement: Agreement) -> list[Fact]:
    """The figures the data holds that prose is likely to restate, read from the typed model."""
    found: list[Fact] = []
    renewal = agreement.file.term.renewal
    for key, written in (("period", renewal.period), ("notice", renewal.notice)):
        path, name = ("term", "renewal", key), f"term.renewal.{key}"
        _add_duration(found, f"period:renewal.{key}", written, agreement.source, path, name)
    for section in agreement.sections:
        _section_facts(found, section.meta, section.source)
    return found


DataPath = tuple[str | int, ...]


def _in_order(
    blocks: list[tuple[DataPath, T | None]], source: SourceMap
) -> list[tuple[DataPath, T]]:
    """The blocks that are written, in the order of the file (a service's before the agreement's
    when written first)."""
    written = [(path, block) for path, block in blocks if block is not None]
    return sorted(written, key=lambda pair: source.key_location(*pair[0]).line)


def _section_facts(found: list[Fact], meta: SectionFrontMatter, source: SourceMap) -> None:
    services = list(enumerate(meta.services or ()))
    availability: list[tuple[DataPath, Availability | None]] = [
        (("availability",), meta.availability)
    ]
    availability += [(("services", i, "availability"), s.availability) for i, s in services]
    for path, block in _in_order(availability, source):
        _availability_facts(found, block, source, path)
    credits: list[tuple[DataPath, ServiceCredits | None]] = [
        (("service_credits",), meta.service_credits)
    ]
    credits += [(("services", i, "service_credits"), s.service_credits) for i, s in services]
    for path, credit in _in_order(credits, source):
        for index, tier in enumerate(credit.tiers):
            for key, kind, number in (
                ("from", "availability", tier.from_),
                ("to", "availability", tier.to),
                ("credit", "credit", tier.credit),
            ):
                _add_number(found, kind, number, source, (*path, "tiers", index, key))
        _add_number(found, "credit", credit.cap, source, (*path, "cap"))
        claim: DataPath = (*path, "claim_window")
        name = "service_credits.claim_window"
        _add_duration(found, "period:claim_window", credit.claim_window, source, claim, name)
    for index, priority in enumerate(meta.priorities or ()):
        for key in ("response", "resolution"):
            written = getattr(priority, key)
            name = f"the {priority.id} {key} target"
            target: DataPath = ("priorities", index, key)
            _add_duration(found, f"{key}:{priority.id}", written, source, target, name)
    if meta.costs is not None:
        _money_facts(found, meta.costs, source)
        if meta.costs.payment_terms:
            # "30 days of the invoice": the period its first two words state
            terms = WrittenDuration(" ".join(meta.costs.payment_terms.split()[:2]))
            where: DataPath = ("costs", "payment_terms")
            _add_duration(
                found, "period:payment_terms", terms, source, where, "costs.payment_terms"
            )


def _availability_facts(
    found: list[Fact], block: Availability, source: SourceMap, path: tuple[str | int, ...]
) -> None:
    _add_number(found, "availability", block.target, source, (*path, "target"))
    downtime = block.allowed_downtime.value if block.allowed_downtime is not None else None
    if downtime is not None and not downtime.business:
        found.append(
            Fact(
                "downtime",
                downtime.minutes(),
                source.locate(*path, "allowed_downtime"),
                ".".join(map(str, (*path, "allowed_downtime"))),
            )
        )
    if block.maintenance is not None:
        at = (*path, "maintenance", "notice")
        name = "availability.maintenance.notice"
        _add_duration(
            found, "period:maintenance.notice", block.maintenance.notice, source, at, name
        )


def _money_facts(found: list[Fact], costs: Costs, source: SourceMap) -> None:
    _add_money(found, "money:total", costs.total, source, ("costs", "total"))
    for index, line in enumerate(costs.lines):
        at: DataPath = ("costs", "lines", index)
        _add_money(found, "money:total", line.amount, source, (*at, "amount"))
        _add_money(found, f"money:per {line.unit}", line.unit_price, source, (*at, "unit_price"))
    extra = costs.extra_work
    if extra is not None:
        rate: DataPath = ("costs", "extra_work", "rate")
        _add_money(found, f"money:per {extra.unit}", extra.rate, source, rate)


def _add_number(
    found: list[Fact],
    kind: str,
    value: float | None,
    source: SourceMap,
    path: tuple[str | int, ...],
) -> None:
    if value is not None:
        found.append(Fact(kind, float(value), source.locate(*path), ".".join(map(str, path))))


def _add_money(
    found: list[Fact],
    kind: str,
    amount: Decimal | None,
    source: SourceMap,
    path: tuple[str | int, ...],
) -> None:
    if amount is not None:
        found.append(Fact(kind, float(amount), source.locate(*path), ".".join(map(str, path))))


def _add_duration(
    found: list[Fact],
    kind: str,
    written: WrittenDuration,
    source: SourceMap,
    path: tuple[str | int, ...],
    name: str,
) -> None:
    duration = written.value
    if duration is not None and not duration.best_effort:
        found.append(Fact(kind, duration, source.locate(*path), name))


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None


FAMILY = Family()

AK312 = Rule(
    "AK312",
    "prose-disagrees-with-data",
    ERROR,
    summary="A figure in prose restates a value the data holds, and differs from it.",
    hint=(
        "Write the value as a variable ({{ data... }}), or correct the figure to the one the "
        "message names."
    ),
    explanation=Explanation(
        what=(
            "A figure in prose restates a value the data holds and differs from it: an "
            'availability target or service-credit percentage, an allowed downtime ("99.9%, at '
            'most 43.8 minutes a month"), a priority\'s response or resolution target ("respond '
            "to P1 within 15 minutes\"), the charges, a line's unit price or the extra-work rate "
            '("£9,575 a month", "£95 an hour"), or the renewal, renewal-notice, '
            "maintenance-notice, credit-claim or payment period. Only figures the sentence ties "
            'to a value are compared; downtime is equal within the rounding written ("3.6 '
            'hours" for 216 minutes). The finding is at the prose and names the data line.'
        ),
        why=(
            "Two statements of one term that disagree leave the agreement saying two things; a "
            "reader of the prose and a reader of the table would expect different service."
        ),
        example=(
            "# service-levels.md front matter: availability.target: 99.5\n"
            "Each covered service is available 99.9% of the month."
        ),
        fix=(
            "Write the value as a variable, so it cannot drift, or correct the figure to the one "
            "the message names."
        ),
        fixed="Each covered service is available {{ data.availability.target }}% of the month.",
    ),
)


@FAMILY.check(AK312)
def prose_agrees_with_data(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK312"""
    known = facts(agreement)
    if not known:
        return
    priorities = sorted(
        {f.kind.split(":", 1)[1] for f in known if f.kind.startswith(("response:", "resolution:"))},
        key=len,
        reverse=True,
    )
    for prose in context.prose:
        # Only the sentences that hold a figure are read: found by two cheap scans of the text.
        spans: dict[int, int] = {}
        for figures in (_figure_starts(prose.text), _money_starts(prose.text)):
            end = -1
            for figure in figures:
                if figure < end:
                    continue  # in the sentence already found
                start = _sentence_start(prose.text, figure)
                end = spans.setdefault(start, _sentence_end(prose.text, start))
        for start, end in sorted(spans.items()):
            for offset, message in _disagreements(prose.text[start:end], known, priorities):
                yield AK312.at(prose.location(start + offset), message)


# Possessive runs (`*+`): what follows a run of digits or of gaps cannot start inside it.
_FIGURE_HINT = re.compile(
    r"[0-9][\d,.]*+[ \t-]*+(?:%|[Pp]er[ \t]?cent|(?:[Bb]usiness[ \t]+|[Ww]orking[ \t]+)?"
    r"(?:[Mm]in|[Hh]our|[Hh]r|[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear))"
)
# Money after a code; after a sign, `_sign_starts` finds it.
_CODE_HINT = re.compile(r"(?:GBP|EUR|USD)[ \t]?\d")


def _figure_starts(text: str) -> Iterator[int]:
    return (match.start() for match in _FIGURE_HINT.finditer(text))


def _money_starts(text: str) -> list[int]:
    """Where money is written, in order (a sign and a code never share a character)."""
    starts = _sign_starts(text) if _has_any(text, "£€$") else []
    if _has_any(text, ("GBP", "EUR", "USD")):
        starts = sorted(starts + [m.start() for m in _CODE_HINT.finditer(text)])
    return starts


def _sign_starts(text: str) -> list[int]:
    r"""What `[£€$][ \t]?\d` finds, in order: plain searches for the signs, which are rare.

    (A class of the three signs compiles to a table of the whole Unicode range, 0.2 ms.)
    """
    starts = []
    for sign in "£€$":
        position = text.find(sign)
        while position != -1:
            after = position + 1
            if text.startswith((" ", "\t"), after):
                after += 1
            if text[after : after + 1].isdecimal():  # what \d matches
                starts.append(position)
            position = text.find(sign, position + 1)
    return sorted(starts)


def _has_any(text: str, needles: Iterable[str]) -> bool:
    return any(needle in text for needle in needles)


_WINDOW = 300  # no sentence is read further back or ahead than this


def _sentence_start(text: str, position: int) -> int:
    start = max(0, position - _WINDOW)
    for match in _SENTENCE.finditer(text, start, position):
        start = match.end()
    return start


def _sentence_end(text: str, start: int) -> int:
    match = _SENTENCE.search(text, start, start + 2 * _WINDOW)
    return match.start() if match else min(len(text), start + 2 * _WINDOW)


def _disagreements(
    sentence: str, known: list[Fact], priorities: list[str]
) -> Iterator[tuple[int, str]]:
    yield from _percentages(sentence, known)
    yield from _durations(sentence, known, priorities)
    yield from _money(sentence, known)


def _mismatch(written: str, candidates: list[Fact]) -> str:
    fact = candidates[0]
    value = fact.value
    shown = str(value) if isinstance(value, Duration) else f"{value:g}"
    if fact.kind == "downtime":
        shown += " minutes"
    return (
        f"'{written}' disagrees with the data: {fact.name} is {shown} "
        f"({fact.location.file} line {fact.location.line}); write the value as a variable "
        "or correct the figure"
    )


def _percentages(sentence: str, known: list[Fact]) -> Iterator[tuple[int, str]]:
    if "%" not in sentence and "cent" not in sentence:
        return
    availability = bool(_AVAILABILITY.search(sentence))
    credit = bool(_CREDIT.search(sentence))
    kinds = {k for k, on in (("availability", availability), ("credit", credit)) if on}
    candidates = [f for f in known if f.kind in kinds]
    if not candidates:
        return
    for match in _PERCENT.finditer(sentence):
        value = float(match.group("n"))
        if not any(abs(value - float(f.value)) < 1e-9 for f in candidates):  # type: ignore[arg-type]
            ordered = sorted(
                candidates, key=lambda f: (f.kind != "availability", "tiers" in f.name)
            )
            yield match.start(), _mismatch(match.group(0), ordered)


def _durations(
    sentence: str, known: list[Fact], priorities: list[str]
) -> Iterator[tuple[int, str]]:
    for match in _DURATION.finditer(sentence):
        written = Duration(
            float(match.group("n")), _unit(match.group("unit")), match.group("business") is not None
        )
        before = sentence[max(0, match.start() - 80) : match.start()]
        clause = _CLAUSE_BREAK.split(before)[-1]
        after = sentence[match.end() : match.end() + 30]
        candidates = _downtime(sentence, before, known) or _periods(sentence, clause, after, known)
        if not candidates:
            candidates = _priority_targets(sentence, match.start(), clause, known, priorities)
        if not candidates:
            continue
        if not any(_same(written, match.group("n"), f.value) for f in candidates):
            yield match.start(), _mismatch(match.group(0), candidates)


def _unit(word: str) -> str:
    word = word.lower().rstrip("s")
    return {"min": "minute", "hr": "hour"}.get(word, word)


_AT_MOST = LazyPattern(
    r"(?:at most|no more than|not more than|up to|maximum of|allow(?:s|ing)?|%[^.%]{0,30})\s*$",
    re.IGNORECASE,
)


def _downtime(sentence: str, before: str, known: list[Fact]) -> list[Fact]:
    downtime = "downtime" in sentence.lower()
    if not downtime and not (_AVAILABILITY.search(sentence) and _AT_MOST.search(before)):
        return []
    return [f for f in known if f.kind == "downtime"]


def _periods(sentence: str, clause: str, after: str, known: list[Fact]) -> list[Fact]:
    """Periods whose keyword stands just before the figure, or just after ("5 days' notice")."""
    first: list[Fact] = []
    found: list[Fact] = []
    for name, mention, keyword_after, keyword_before in _PERIOD_PATTERNS:
        if not mention.search(sentence):
            continue
        facts_named = [f for f in known if f.kind == f"period:{name}"]
        if keyword_after.match(after):
            first += facts_named
        elif keyword_before.search(clause[-60:]):
            found += facts_named
    return first or found


@functools.lru_cache(maxsize=64)
def _named(priority: str) -> re.Pattern[str]:
    """The priority as prose names it: "P1", and "Priority 1" or "priority-1" for a P<n> id."""
    forms = [re.escape(priority)]
    number = re.fullmatch(r"[Pp](\d+)", priority)
    if number:
        forms.append(rf"[Pp]riority[ \t-]*{number.group(1)}")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


@functools.lru_cache(maxsize=64)
def _named_hints(priority: str) -> tuple[str, ...]:
    """Text that one of `_named(priority)`'s forms holds: a plain search rules most sentences out."""
    return (priority, "riority") if re.fullmatch(r"[Pp]\d+", priority) else (priority,)


_PERIOD_PATTERNS = tuple(
    (
        name,
        LazyPattern(mention, re.IGNORECASE),
        LazyPattern(
            rf"\s*(?:['’]s?)?\s*(?:written\s+|prior\s+|advance\s+)?(?:{keyword})\b", re.IGNORECASE
        ),
        LazyPattern(rf"\b(?:{keyword})\b", re.IGNORECASE),
    )
    for name, mention, keyword in _PERIODS
)


def _priority_targets(
    sentence: str, at: int, clause: str, known: list[Fact], priorities: list[str]
) -> list[Fact]:
    metric = _metric(clause[-70:])
    if metric is None:
        return []
    priorities = [p for p in priorities if any(hint in sentence for hint in _named_hints(p))]
    named = [(m.start(), p) for p in priorities for m in _named(p).finditer(sentence, 0, at)]
    if not named:
        named = [(m.start(), p) for p in priorities for m in _named(p).finditer(sentence)]
    if not named:
        return []
    priority = max(named)[1] if any(s < at for s, _ in named) else min(named)[1]
    return [f for f in known if f.kind == f"{metric}:{priority}"]


def _metric(clause: str) -> str | None:
    response = [m.end() for m in _RESPONSE.finditer(clause)]
    resolution = [m.end() for m in _RESOLUTION.finditer(clause)]
    if not response and not resolution:
        return None
    return "response" if max(response, default=-1) > max(resolution, default=-1) else "resolution"


def _same(written: Duration, digits: str, value: float | Duration) -> bool:
    """Equal durations; minutes of downtime (a float) within the rounding the prose shows."""
    if isinstance(value, Duration):
        return (
            written.business == value.business and abs(written.minutes() - value.minutes()) < 1e-6
        )
    decimals = len(digits.partition(".")[2])
    tolerance = 0.5 * 10**-decimals * written.minutes() / written.amount if written.amount else 0
    return not written.business and abs(written.minutes() - value) <= tolerance + 1e-9


def _money(sentence: str, known: list[Fact]) -> Iterator[tuple[int, str]]:
    if not any(s in sentence for s in ("£", "€", "$", "GBP", "EUR", "USD")) or _OTHER_MONEY.search(
        sentence
    ):
        return
    for match in _MONEY.finditer(sentence):
        after = sentence[match.end() : match.end() + 30]
        per = re.match(
            r"\s*(?:\(?(?:plus|excluding|exc\.?)\s+VAT\)?\s*)?(?:a|an|per|each)\s+(\w+)", after
        )
        unit = per.group(1).lower().rstrip("s") if per else None
        if unit == "month" or (unit is None and _PERIOD_WORD.search(sentence)):
            candidates = [f for f in known if f.kind == "money:total"]
        elif unit is not None:
            candidates = [f for f in known if f.kind == f"money:per {unit}"]
        elif _CHARGES.search(sentence):
            candidates = [f for f in known if f.kind.startswith("money:")]
        else:
            continue
        if not candidates:
            continue
        value = _decimal(match.group("n"))
        if value is not None and not any(
            abs(float(value) - float(f.value)) < 0.005  # type: ignore[arg-type]
            for f in candidates
        ):
            yield match.start(), _mismatch(match.group(0), candidates)
