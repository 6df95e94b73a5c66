"""5xx unsafe content: HTML that runs script on the published site, script links, and secrets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreekit.checks.paths import walk_strings
from agreekit.checks.prose import agreement_prose
from agreekit.finding import Finding, Location, finding
from agreekit.model.agreement import Agreement
from agreekit.model.source import SourceMap

_SCRIPT_TAG = re.compile(
    r"<\s*(?P<tag>script|iframe|object|embed|frame|frameset|applet|base|meta)\b", re.IGNORECASE
)
_EVENT_ATTRIBUTE = re.compile(r"<[A-Za-z][^>]*?\s(?P<attr>on[a-z]+)\s*=", re.IGNORECASE)
# A scheme may be split by whitespace or entities to slip past filters; browsers ignore both.
_SCRIPT_SCHEME = r"(?P<scheme>j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*(?::|&#0*58;|&colon;)"
_UNSAFE_LINKS = (
    re.compile(rf"\]\(\s*<?\s*{_SCRIPT_SCHEME}", re.IGNORECASE),  # [text](javascript:...)
    re.compile(rf"^\s{{0,3}}\[[^\]]+\]:\s*<?\s*{_SCRIPT_SCHEME}", re.IGNORECASE),  # [id]: data:...
    re.compile(rf"<\s*{_SCRIPT_SCHEME}", re.IGNORECASE),  # <javascript:...> autolink
    re.compile(
        rf"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*{_SCRIPT_SCHEME}""",
        re.IGNORECASE,
    ),
)


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
    for prose in agreement_prose(agreement):
        for column, message in _html_problems(prose.raw):
            yield finding("AK501", Location(prose.section.path, prose.line, column + 1), message)
    for source, path, text in _data_strings(agreement):
        for _, message in _html_problems(text):
            yield finding("AK501", source.locate(*path), message)


def _link_problems(text: str) -> Iterator[tuple[int, str]]:
    for pattern in _UNSAFE_LINKS:
        for match in pattern.finditer(text):
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
    for prose in agreement_prose(agreement):
        for column, message in _link_problems(prose.raw):
            yield finding("AK502", Location(prose.section.path, prose.line, column + 1), message)
    for source, path, text in _data_strings(agreement):
        for _, message in _link_problems(text):
            yield finding("AK502", source.locate(*path), message)


# (pattern, what it looks like). Patterns follow the token formats the issuers document.
SECRETS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"), "a private key"),
    (
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
        "a GitHub token",
    ),
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "an AWS access key id"),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+"), "a Slack webhook URL"),
    (re.compile(r"\bsk_live_[A-Za-z0-9]{16,}"), "a Stripe secret key"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"), "a Google API key"),
    (
        re.compile(
            r"""(?i)\b[\w.-]*?(?:password|passwd|pwd|passphrase|secret|api[_-]?key|access[_-]?token|auth[_-]?token)["']?\s*[:=]\s*["']?(?P<value>[^\s"'{}<>]{6,})["']?\s*,?\s*$"""
        ),
        "a password or key assignment",
    ),
)


def no_secrets(agreement: Agreement) -> Iterator[Finding]:
    """AK503"""
    for file, lines in agreement.texts.items():
        for number, text in enumerate(lines, start=1):
            for pattern, what in SECRETS:
                match = pattern.search(text)
                if match:
                    column = (
                        match.start("value") if "value" in pattern.groupindex else match.start()
                    )
                    message = (
                        f"this looks like {what}; remove it from the file and rotate it "
                        "(git history keeps it: treat it as leaked)"
                    )
                    yield finding("AK503", Location(file, number, column + 1), message)
                    break
