"""5xx unsafe content: what the publishing sanitiser removes (HTML, links), and secrets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from agreekit.checks.removed_markup import removed_markup
from agreekit.finding import Finding, Location, finding
from agreekit.model.agreement import Agreement


def no_script_html(agreement: Agreement) -> Iterator[Finding]:
    """AK501"""
    for removed in removed_markup(agreement):
        if removed.code == "AK501":
            yield finding("AK501", removed.location, removed.message)


def no_script_links(agreement: Agreement) -> Iterator[Finding]:
    """AK502"""
    for removed in removed_markup(agreement):
        if removed.code == "AK502":
            yield finding("AK502", removed.location, removed.message)


class SecretPattern(NamedTuple):
    regex: str
    what: str
    lower: bool = False  # matched against the lower-cased text


_ASSIGNED = r"""["']?[ \t]*[:=][ \t]*["']?(?P<value>[^\s"'{}<>]{6,})["']?[ \t]*,?[ \t]*$"""
# Patterns follow the token formats the issuers document. Each starts with a literal, which the
# regex engine finds far faster than one alternation of them all.
SECRETS: tuple[SecretPattern, ...] = (
    SecretPattern(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----", "a private key"),
    SecretPattern(r"gh[pousr]_[A-Za-z0-9]{36,}", "a GitHub token"),
    SecretPattern(r"github_pat_[A-Za-z0-9_]{22,}", "a GitHub token"),
    SecretPattern(r"A[KS]IA[0-9A-Z]{16}\b", "an AWS access key id"),
    SecretPattern(r"xox[abposr]-[A-Za-z0-9-]{10,}", "a Slack token"),
    SecretPattern(r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+", "a Slack webhook URL"),
    SecretPattern(r"sk_live_[A-Za-z0-9]{16,}", "a Stripe secret key"),
    SecretPattern(r"AIza[0-9A-Za-z_-]{35}\b", "a Google API key"),
    *(
        SecretPattern(keyword + _ASSIGNED, "a password or key assignment", lower=True)
        for keyword in (
            r"pass(?:word|wd|phrase)",
            r"pwd",
            r"secret",
            r"api[_-]?key",
            r"access[_-]?token",
            r"auth[_-]?token",
        )
    ),
)
_SECRET_PATTERNS = tuple(
    re.compile(secret.regex.encode("ascii"), re.MULTILINE) for secret in SECRETS
)


def no_secrets(agreement: Agreement) -> Iterator[Finding]:
    """AK503"""
    # All files in one text, each pattern run over it once: a scan per pattern, not per file.
    # Bytes, not str: every pattern is ASCII, and lower-casing and searching bytes is faster;
    # keywords are matched in lower case, which is faster than IGNORECASE. No pattern crosses a
    # line, so files joined by blank lines cannot make a match between them.
    files = list(agreement.texts)
    texts = ["\n".join(agreement.texts[file]).encode("utf-8") for file in files]
    everything = b"\n\n".join(texts)
    lower = everything.lower()
    starts = list(accumulate((len(text) + 2 for text in texts[:-1]), initial=0))
    matches = sorted(
        (match.start("value") if "value" in pattern.groupindex else match.start(), index)
        for index, (pattern, secret) in enumerate(zip(_SECRET_PATTERNS, SECRETS, strict=True))
        for match in pattern.finditer(lower if secret.lower else everything)
    )
    reported: set[tuple[int, int]] = set()
    for offset, index in matches:
        number = bisect_right(starts, offset) - 1
        text, where = texts[number], offset - starts[number]
        line = text.count(b"\n", 0, where) + 1
        if (number, line) in reported:
            continue
        reported.add((number, line))
        line_start = text.rfind(b"\n", 0, where) + 1
        column = len(text[line_start:where].decode("utf-8", "replace")) + 1
        message = (
            f"this looks like {SECRETS[index].what}; remove it from the file and rotate it "
            "(git history keeps it: treat it as leaked)"
        )
        yield finding("AK503", Location(files[number], line, column), message)
