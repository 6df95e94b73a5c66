"""AK503 secrets: issuer token formats, keys and passwords assigned or stated in prose.

Coverage follows detect-secrets' default plugins (AWS, Azure storage, Artifactory, basic-auth URLs,
Discord, GitHub, GitLab, JWT, keyword assignments, Mailchimp, npm, OpenAI, private keys, PyPI,
SendGrid, Slack, Square, Stripe, Telegram, Twilio) without its entropy guesses, which flag commit
ids and signatures, plus Teams/Office and Discord webhooks and passwords stated in prose ("The
guest Wi-Fi password is Harbour2027!"). detect-secrets itself costs 90 ms to import, more than
half of check's start-up, so its formats are matched here instead.
"""

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement
from agreekit.text.lazy_pattern import LazyPattern

FAMILY = Family()


class SecretPattern(NamedTuple):
    regex: str
    what: str
    lower: bool = False  # matched against the lower-cased text
    value: bool = False  # the `value` group must look like a secret, not a word
    # Text every match holds one of, where its literal start says too little ("gh" is in
    # "through"): the pattern is compiled only for a text that holds one.
    needs: tuple[str, ...] = ()


# Keyword assignments: the keyword may sit inside a longer name (aws_secret_access_key,
# DB_PASSWORD, portal.password). One pattern per stem, found by its literal, and then the whole
# name must hold one of detect-secrets' keywords (api_key, db_pass, ...): seven scans, not thirty.
_STEMS = ("pass", "pwd", "secret", "key", "token", "credential", "contrase")
_NAME_KEYWORDS = LazyPattern(
    rb"pass(?:word|wd|phrase|code)|(?:db|database|key)[_-]?pass|pwd|secret|contrase(?:\xc3\xb1|n)a|"
    rb"(?:api|auth|service|account|db|database|priv|private|client|access|storage|encryption|"
    rb"signing|master|license)[_-]?key|token|credential"
)
_ASSIGNED = r"[\w.-]*[\"']?[ \t]*(?::=|=>|==|=|:)[ \t]*[\"']?(?P<value>[^\s\"'{}<>`]{6,})"
_NAME_BEFORE = LazyPattern(rb"[\w.-]*$")
# "The guest Wi-Fi password is Harbour2027!", "admin password: Qz7...", "the PIN for the safe is 4821"
# (the word, text a match holds one of: the look-behinds' words)
_STATED_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"pass(?:word|phrase|code| code)", ()),
    (r"pin(?<![\w-]pin)(?: code| number)?", ()),
    (
        r"code(?:(?<=security code)|(?<=access code)|(?<=door code)|(?<=alarm code))",
        ("security code", "access code", "door code", "alarm code"),
    ),
    (
        r"key(?:(?<=wi-fi key)|(?<=wifi key)|(?<=network key))",
        ("wi-fi key", "wifi key", "network key"),
    ),
)
_STATED = (
    r"s?(?:[ \t]+(?:for|of|to|on)[ \t]+[^.:\n=]{1,40}?)?"
    r"[ \t]*(?:\bis\b|\bare\b|\bwas\b|\bwill be\b|\bremains\b|\bhas been set to\b|[:=]|[-–—])[ \t]*:?[ \t]*[\"'“‘]?"
    r"(?P<value>[^\s\"'”’`]{4,})"
)


_BOT_PART = r"[A-Za-z\d_-]"
_GITLAB = ("pat", "dt", "ft", "rt", "cbt", "imt", "soat", "ffct", "oas", "ptt", "agent")
SECRETS: tuple[SecretPattern, ...] = (
    SecretPattern(r"BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?\b", "a private key"),
    SecretPattern(r"PuTTY-User-Key-File-\d", "a private key"),
    SecretPattern(
        r"gh[pousr]_[A-Za-z0-9_]{36,}", "a GitHub token", needs=tuple(f"gh{c}_" for c in "pousr")
    ),
    SecretPattern(r"github_pat_[A-Za-z0-9_]{22,}", "a GitHub token"),
    SecretPattern(
        rf"gl(?:{'|'.join(_GITLAB)})-[A-Za-z0-9_-]{{20,}}",
        "a GitLab token",
        needs=tuple(f"gl{kind}-" for kind in _GITLAB),
    ),
    SecretPattern(r"GR1348941[A-Za-z0-9_-]{20}", "a GitLab runner token"),
    *(
        SecretPattern(rf"{prefix}(?<![A-Z0-9]{prefix})[0-9A-Z]{{16}}\b", "an AWS key id")
        for prefix in ("AKIA", "ASIA", "ABIA", "ACCA", "A3T[A-Z0-9]")
    ),
    SecretPattern(r"accountkey=[a-z0-9+/=]{20,}", "an Azure storage account key", lower=True),
    SecretPattern(r"sharedaccesskey=[a-z0-9+/=]{20,}", "an Azure shared access key", lower=True),
    SecretPattern(r"xox[abposr]-[A-Za-z0-9-]{10,}", "a Slack token"),
    SecretPattern(r"xapp-\d-[A-Za-z0-9-]{10,}", "a Slack token"),
    SecretPattern(
        r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+", "a Slack webhook URL"
    ),
    SecretPattern(r"\.webhook\.office\.com/webhookb2/\S+", "a Teams webhook URL", lower=True),
    SecretPattern(r"outlook\.office(?:365)?\.com/webhook/\S+", "a Teams webhook URL", lower=True),
    SecretPattern(
        r"\.logic\.azure\.com\S*[?&]sig=[\w%-]{10,}", "a signed Power Automate URL", lower=True
    ),
    SecretPattern(
        r"discord(?:app)?\.com/api/webhooks/\d+/[\w-]+", "a Discord webhook URL", lower=True
    ),
    SecretPattern(
        rf"\.(?:(?<=[MNO]{_BOT_PART}{{23}}\.)|(?<=[MNO]{_BOT_PART}{{24}}\.)|(?<=[MNO]{_BOT_PART}{{25}}\.))"
        rf"{_BOT_PART}{{6}}\.{_BOT_PART}{{27}}",
        "a Discord bot token",
    ),
    SecretPattern(r"k_live_(?<=[rs]k_live_)[0-9a-zA-Z]{16,}", "a Stripe secret key"),
    *(
        SecretPattern(rf"{p}(?<![A-Za-z0-9]{p})[a-z0-9]{{32}}(?![A-Za-z0-9])", "a Twilio key")
        for p in ("AC", "SK")
    ),
    SecretPattern(
        r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", "a JSON Web Token"
    ),
    SecretPattern(r"AIza[0-9A-Za-z_-]{35}\b", "a Google API key"),
    SecretPattern(r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", "a SendGrid key"),
    SecretPattern(
        r"-us\d{1,2}\b(?:(?<=[0-9a-f]{32}-us\d)|(?<=[0-9a-f]{32}-us\d\d))",
        "a Mailchimp key",
        needs=tuple(f"-us{digit}" for digit in range(10)),
    ),
    SecretPattern(r"npm_[A-Za-z0-9]{36}", "an npm token"),
    SecretPattern(r"/:_authtoken=\S{8,}", "an npm token", lower=True),
    SecretPattern(r"pypi-AgE[A-Za-z0-9_-]{50,}", "a PyPI token"),
    SecretPattern(
        r"sk-(?<![\w-]sk-)(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}", "an API secret key"
    ),
    SecretPattern(r"sq0(?:csp|atp)-[A-Za-z0-9_-]{22,}", "a Square key"),
    SecretPattern(r":AA(?<=\d{8}:AA)[A-Za-z0-9_-]{33}", "a Telegram bot token"),
    SecretPattern(r"AKC(?<![\w-]AKC)[a-zA-Z0-9]{10,}", "an Artifactory token"),
    SecretPattern(r"AP(?<=[=:\"' ]AP)[\dA-F][a-zA-Z0-9]{8,}", "an Artifactory password"),
    SecretPattern(r"://[^\s:@/{}]+:(?P<value>[^\s:@/{}]+)@", "a password in a URL", lower=True),
    SecretPattern(
        r"authorization:[ \t]*(?:bearer|basic)[ \t]+[\w.~+/=-]{16,}",
        "an authorisation header",
        lower=True,
    ),
    *(
        SecretPattern(
            re.escape(stem) + _ASSIGNED, "a password or key assignment", lower=True, value=True
        )
        for stem in _STEMS
    ),
    *(
        SecretPattern(
            word + _STATED, "a password stated in the text", lower=True, value=True, needs=needs
        )
        for word, needs in _STATED_WORDS
    ),
)


@functools.cache
def _pattern(index: int) -> re.Pattern[bytes]:
    """SECRETS[index] compiled when a text first needs it: most runs need few of them."""
    return re.compile(SECRETS[index].regex.encode("utf-8"), re.MULTILINE)


def _literal_start(regex: str) -> bytes:
    """The plain text every match of `regex` starts with ("" when it starts with a class)."""
    text = ""
    index = 0
    while index < len(regex):
        char = regex[index]
        if char == "\\" and index + 1 < len(regex) and regex[index + 1] in ".-/:_":
            text, index = text + regex[index + 1], index + 2
        elif char.isalnum() or char in " _-/:=!'\"":
            text, index = text + char, index + 1
        else:
            break
    if index < len(regex) and regex[index] in "?*{":
        text = text[:-1]  # the last character is optional or repeated
    return text.encode("utf-8")


# A pattern whose literal start is nowhere in the text cannot match: `in` tests that at the speed
# of a memory search, far faster than running the pattern. Its longest piece without spaces must
# then lie inside one of the text's distinct words, which are far fewer than its bytes.
_STARTS = tuple(_literal_start(secret.regex) for secret in SECRETS)
_PIECES = tuple(max(start.split(), key=len, default=b"") for start in _STARTS)
_NEEDS = tuple(tuple(text.encode("utf-8") for text in secret.needs) for secret in SECRETS)
_PLACEHOLDER_VALUES = LazyPattern(
    rb"^(?:x+|\*+|\.+|-+|#+|changeme|redacted|removed|hidden|none|null|n/?a|true|false|"
    rb"example|password|secret|required|optional)$",
    re.IGNORECASE,
)


def looks_like_secret(value: bytes) -> bool:
    """A value, not a word: letters with a digit or symbol, or a PIN of four digits or more."""
    value = value.rstrip(b",;)]")
    core = value.rstrip(b".!?")
    if len(core) < 3 or _PLACEHOLDER_VALUES.match(core) or core.startswith((b"http", b"$", b"{")):
        return False
    if core.isdigit():
        return len(core) >= 4  # a PIN or numeric code
    has_letter = any(chr(c).isalpha() for c in value)
    has_other = any(chr(c).isdigit() or not chr(c).isalnum() for c in value)
    return len(value) >= 6 and has_letter and has_other


AK503 = Rule(
    "AK503",
    "secret",
    ERROR,
    summary="A secret-like string (private key, token, password) in an agreement file.",
    hint="Remove it and rotate the secret: git history keeps it.",
    explanation=Explanation(
        what=(
            "A string that looks like a secret in any file under agreement/ (sections, "
            "agreement.yml, records). Coverage follows detect-secrets' default plugins without "
            "its entropy guesses: private key blocks, AWS key ids and secret keys, Azure storage "
            "`AccountKey=`, GitHub, GitLab (`glpat-` and others), Slack tokens and webhooks, "
            "Teams/Office and Discord webhooks, Stripe, Twilio, SendGrid, Mailchimp, npm, PyPI, "
            "Square, Telegram, `sk-` API keys, Google API keys, JSON Web Tokens, passwords in "
            "URLs (`https://user:pass@host`), keyword assignments even inside longer names "
            "(`aws_secret_access_key = ...`, `DB_PASSWORD=...`, `api_key: ...`), and passwords, "
            'passphrases and PINs stated in prose ("The guest Wi-Fi password is Harbour2027!", '
            '"admin password: Qz7..."). A value must look like a secret (letters with a digit '
            'or symbol, or a PIN), so "the password is kept in the safe" is not one.'
        ),
        why=(
            "The agreement repository is read by many people and published; a secret in it is "
            "leaked, and stays in git history after it is deleted."
        ),
        example="The guest Wi-Fi password is Harbour2027!",
        fix="Remove the secret, rotate it at its issuer, and keep secrets in a password manager.",
        fixed="The guest Wi-Fi password is in the shared password manager.",
    ),
)


@FAMILY.check(AK503)
def no_secrets(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK503"""
    # All files in one text, each pattern run over it once: a scan per pattern, not per file.
    # Bytes, not str: lower-casing and searching bytes is faster, and bytes.lower() keeps every
    # offset. Keywords are matched in lower case, which is faster than IGNORECASE. No pattern
    # crosses a line, so files joined by blank lines cannot make a match between them.
    files = list(agreement.texts)
    texts = ["\n".join(agreement.texts[file]).encode("utf-8") for file in files]
    everything = b"\n\n".join(texts)
    lower = everything.lower()
    starts = list(accumulate((len(text) + 2 for text in texts[:-1]), initial=0))
    matches = sorted(_matches(everything, lower))
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


def _matches(everything: bytes, lower: bytes) -> Iterator[tuple[int, int]]:
    words = b" ".join(set(everything.split()))
    lower_words = words.lower()
    for index, secret in enumerate(SECRETS):
        text = lower if secret.lower else everything
        if _PIECES[index] not in (lower_words if secret.lower else words):
            continue
        if _STARTS[index] not in text:
            continue
        if _NEEDS[index] and not any(needed in text for needed in _NEEDS[index]):
            continue
        pattern = _pattern(index)
        for match in pattern.finditer(text):
            if "value" not in pattern.groupindex:
                yield match.start(), index
                continue
            start, end = match.span("value")
            if secret.value and not looks_like_secret(everything[start:end]):
                continue
            if secret.what == "a password or key assignment" and not _named_as_secret(text, match):
                continue
            yield start, index


def _named_as_secret(text: bytes, match: re.Match[bytes]) -> bool:
    """The name assigned to holds a keyword: `monitoring_api_key:`, not `keyboard:`."""
    before = _NAME_BEFORE.search(text, max(0, match.start() - 80), match.start())
    start = before.start() if before else match.start()
    name = text[start : match.start("value")]
    return _NAME_KEYWORDS.search(name) is not None
