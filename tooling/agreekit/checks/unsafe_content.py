"""5xx unsafe content: HTML that runs script on the published site, script links, and secrets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreekit.checks.paths import walk_strings
from agreekit.checks.prose import prose_texts
from agreekit.finding import Finding, Location, finding
from agreekit.model.agreement import Agreement
from agreekit.model.source import SourceMap

_SCRIPT_TAG = re.compile(
    r"<\s*(?P<tag>script|iframe|object|embed|frame|frameset|applet|base|meta)\b", re.IGNORECASE
)
# `[^<>]`, not `[^>]`: a tag ends before the next `<`, and each `<` of a long run of unclosed
# tags then scans only to the next one, not to the end of the text (which took minutes).
_EVENT_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>]*?\s(?P<attr>on[a-z]+)\s*=", re.IGNORECASE)
# A scheme may be split by whitespace or entities to slip past filters; browsers ignore both.
_SCRIPT_SCHEME = r"(?P<scheme>j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*(?::|&#0*58;|&colon;)"
# Matched against lower-cased text: literal starts let the regex engine skip to candidates.
_UNSAFE_LINKS = (
    re.compile(rf"\]\(\s*<?\s*{_SCRIPT_SCHEME}"),  # [text](javascript:...)
    # A label holds no unescaped brackets and at most 999 characters (CommonMark); saying so keeps
    # a line of many `[` linear instead of quadratic.
    re.compile(rf"\[[^\[\]\n]{{1,999}}\]:\s*<?\s*{_SCRIPT_SCHEME}"),  # [id]: data:...
    re.compile(rf"<\s*{_SCRIPT_SCHEME}"),  # <javascript:...> autolink
    re.compile(rf"""(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*{_SCRIPT_SCHEME}"""),
)


# Every unsafe link pattern needs one of these: a link, a link definition, a tag or an attribute.
_LINK_MARKS = ("](", "]:", "<", "=")


def _html_problems(text: str) -> Iterator[tuple[int, str]]:
    for match in _SCRIPT_TAG.finditer(text):
        yield (
            match.start(),
            f"raw <{match.group('tag').lower()}> can run code on the published site; remove it",
        )
    for match in _EVENT_ATTRIBUTE.finditer(text):
        yield (
            match.start("attr"),
            f"HTML event handler '{match.group('attr')}=' runs script; remove it",
        )


def _data_strings(agreement: Agreement) -> Iterator[tuple[SourceMap, tuple[str | int, ...], str]]:
    """String values of front matter and agreement.yml: they are rendered into the site too."""
    for path, text in walk_strings(agreement.data):
        yield agreement.source, path, text
    for section in agreement.sections:
        for path, text in walk_strings(section.data):
            yield section.source, path, text


def no_script_html(agreement: Agreement) -> Iterator[Finding]:
    """AK501"""
    for prose in prose_texts(agreement):
        if "<" not in prose.raw:
            continue
        for offset, message in _html_problems(prose.raw):
            yield finding("AK501", prose.location(offset), message)
    for source, path, text in _data_strings(agreement):
        for _, message in _html_problems(text):
            yield finding("AK501", source.locate(*path), message)


def _link_problems(text: str) -> Iterator[tuple[int, str]]:
    if not any(mark in text for mark in _LINK_MARKS):
        return
    lower = text.lower()
    for pattern in _UNSAFE_LINKS:
        for match in pattern.finditer(lower):
            scheme = re.sub(r"\s", "", match.group("scheme")).lower()
            yield (
                match.start("scheme"),
                (
                    f"'{scheme}:' link can run script or hide content in the published site; "
                    "link to an https: address or a file in the repository"
                ),
            )


def no_script_links(agreement: Agreement) -> Iterator[Finding]:
    """AK502"""
    for prose in prose_texts(agreement):
        for offset, message in _link_problems(prose.raw):
            yield finding("AK502", prose.location(offset), message)
    for source, path, text in _data_strings(agreement):
        for _, message in _link_problems(text):
            yield finding("AK502", source.locate(*path), message)


# (pattern, what it looks like). Patterns follow the token formats the issuers document.
SECRETS: tuple[tuple[str, str], ...] = (
    (r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----", "a private key"),
    (r"(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", "a GitHub token"),
    (r"A[KS]IA[0-9A-Z]{16}\b", "an AWS access key id"),
    (r"xox[abposr]-[A-Za-z0-9-]{10,}", "a Slack token"),
    (r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+", "a Slack webhook URL"),
    (r"sk_live_[A-Za-z0-9]{16,}", "a Stripe secret key"),
    (r"AIza[0-9A-Za-z_-]{35}\b", "a Google API key"),
    (
        r"""(?:pass(?:word|wd|phrase)|pwd|secret|api[_-]?key|(?:access|auth)[_-]?token)["']?[ \t]*[:=][ \t]*["']?(?P<value>[^\s"'{}<>]{6,})["']?[ \t]*,?[ \t]*$""",
        "a password or key assignment",
    ),
)
# Separate patterns: each starts with a literal or a short keyword, which the regex engine finds
# far faster than one alternation of them all.
_SECRET_PATTERNS = tuple(re.compile(pattern, re.MULTILINE) for pattern, _ in SECRETS)
# What each pattern's match must contain (the last is matched in lower case): a text holding none
# of these is not scanned with that pattern at all.
_SECRET_HINTS: tuple[tuple[str, ...], ...] = (
    ("-----BEGIN",),
    ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ("AKIA", "ASIA"),
    ("xox",),
    ("hooks.slack.com",),
    ("sk_live_",),
    ("AIza",),
    ("pass", "pwd", "secret", "api", "token"),
)


def no_secrets(agreement: Agreement) -> Iterator[Finding]:
    """AK503"""
    for file, lines in agreement.texts.items():
        text = "\n".join(lines)
        lower = text.lower()  # keywords are matched in lower case: faster than IGNORECASE
        matches = sorted(
            (match.start("value") if "value" in pattern.groupindex else match.start(), index)
            for index, pattern in enumerate(_SECRET_PATTERNS)
            for scanned in [lower if index == len(SECRETS) - 1 else text]
            if any(hint in scanned for hint in _SECRET_HINTS[index])
            for match in pattern.finditer(scanned)
        )
        reported: set[int] = set()
        for offset, index in matches:
            line = text.count("\n", 0, offset) + 1
            if line in reported:
                continue
            reported.add(line)
            what = SECRETS[index][1]
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            message = (
                f"this looks like {what}; remove it from the file and rotate it "
                "(git history keeps it: treat it as leaked)"
            )
            yield finding("AK503", Location(file, line, column), message)
