"""CODEOWNERS as GitHub reads it: gitignore-style patterns, the last matching line wins.

GitHub's rules (docs: "About code owners"): patterns follow gitignore except that `!` negation,
`[ ]` character ranges and a `\\#` escape for a leading `#` do not work (elsewhere a backslash
escapes the next character, as in git's wildmatch); paths are case-sensitive;
`#` starts a comment, also after a pattern; a pattern with no owners leaves its files unowned; the
file is looked for in `.github/`, then the repository root, then `docs/`.
"""

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol

LOCATIONS: tuple[str, ...] = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")

_USER = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_TEAM = re.compile(r"^@[A-Za-z0-9][\w.-]*/[\w.-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PathPattern(Protocol):
    def match(self, path: str) -> object:
        """Truthy when the pattern covers the repository path (no leading slash)."""


class _Folder(NamedTuple):
    """An anchored pattern without wildcards that ends in `/`: everything inside the folder."""

    inside: str  # "agreement/" for `/agreement/`

    def match(self, path: str) -> bool:
        return path.startswith(self.inside)


class _Name(NamedTuple):
    """An anchored pattern without wildcards: that file, or the folder and all it holds."""

    name: str  # ".github/CODEOWNERS" for `/.github/CODEOWNERS`

    def match(self, path: str) -> bool:
        return path == self.name or path.startswith(self.name + "/")


class Rule(NamedTuple):
    """One pattern line: where it is, what it matches, who owns it (empty: unowned)."""

    line: int
    pattern: str
    owners: tuple[str, ...]
    regex: PathPattern | None  # None when GitHub would ignore the pattern


class Problem(NamedTuple):
    line: int
    col: int
    message: str


class Codeowners(NamedTuple):
    rules: tuple[Rule, ...]
    problems: tuple[Problem, ...]

    def rule_for(self, path: str) -> Rule | None:
        """The rule GitHub applies to a file: the last one whose pattern matches."""
        for rule in reversed(self.rules):
            if rule.regex is not None and rule.regex.match(path):
                return rule
        return None

    def owners_of(self, path: str) -> tuple[str, ...]:
        rule = self.rule_for(path)
        return rule.owners if rule else ()


def is_owner_syntax(owner: str) -> bool:
    return bool(_USER.match(owner) or _TEAM.match(owner) or _EMAIL.match(owner))


def _strip_comment(line: str) -> str:
    # An unescaped `#` starts a comment anywhere on the line.
    match = re.search(r"(?<!\\)#", line)
    return line[: match.start()] if match else line


def _split(text: str) -> list[str]:
    # Whitespace separates pattern and owners; `\ ` keeps a space inside a pattern.
    return [part.replace("\\ ", " ") for part in re.split(r"(?<!\\)\s+", text.strip()) if part]


@functools.lru_cache(maxsize=8)  # several checks read the same file; the result is immutable
def parse(text: str) -> Codeowners:
    rules: list[Rule] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped.startswith("\\#"):
            col = raw.index("\\#") + 1
            problems.append(Problem(number, col, "`\\#` escapes do not work on GitHub"))
            rules.append(Rule(number, stripped.split()[0], (), None))
            continue
        parts = _split(_strip_comment(raw))
        if not parts:
            continue
        pattern, owners = parts[0], tuple(parts[1:])
        col = raw.index(pattern.split(" ")[0]) + 1 if pattern.split(" ")[0] in raw else 1
        unsupported = _unsupported(pattern)
        if unsupported:
            problems.append(Problem(number, col, unsupported))
        for owner in owners:
            if not is_owner_syntax(owner):
                problems.append(
                    Problem(
                        number,
                        raw.find(owner) + 1,
                        f"'{owner}' is not @user, @org/team or an email address",
                    )
                )
        rules.append(
            Rule(number, pattern, owners, None if unsupported else compile_pattern(pattern))
        )
    return Codeowners(tuple(rules), tuple(problems))


def _unsupported(pattern: str) -> str:
    if pattern.startswith("!"):
        return f"'{pattern}': `!` negation does not work on GitHub"
    if "[" in pattern or "]" in pattern:
        return f"'{pattern}': `[ ]` character ranges do not work on GitHub"
    return ""


def compile_pattern(pattern: str) -> PathPattern:
    """What matches the repository paths (no leading slash) a pattern covers: a regular
    expression, or for an anchored pattern without wildcards (what `agreekit codeowners` writes)
    a plain comparison of text."""
    plain = _without_wildcards(pattern)
    if plain is not None:
        return plain
    segments = pattern.split("/")
    if segments[0] == "":
        segments = segments[1:]  # a leading slash anchors the pattern at the root
    elif (len(segments) == 1 or (len(segments) == 2 and segments[1] == "")) and segments[0] != "**":
        segments = ["**", *segments]  # a single name matches at any depth
    if len(segments) > 1 and segments[-1] == "":
        # A trailing slash means everything inside; after `**` it names directories, so a file
        # needs a folder of its own: `**/` is `**/*/**`.
        segments[-1:] = ["*", "**"] if segments[-2] == "**" else ["**"]
    # `**/**` is one `**`: side by side, each would add its own `/` and match nothing.
    segments = [s for i, s in enumerate(segments) if s != "**" or segments[i - 1 : i] != ["**"]]
    last = len(segments) - 1
    regex = ""
    for index, segment in enumerate(segments):
        if segment == "**":
            if index == 0 and index == last:
                regex += ".+"
            elif index == 0:
                regex += "(?:.+/)?"
            elif index == last:
                regex += "/.*"
            else:
                regex += "(?:/.+)?/"
            continue
        if index > 0 and segments[index - 1] != "**":
            regex += "/"
        if segment == "*":
            regex += "[^/]+"
        else:
            regex += _glob(segment)
    if segments[last] not in ("**", "*"):
        regex += "(?:/.*)?"  # a name matches the file, or the directory and all it holds
    return re.compile(regex + r"\Z")


def _without_wildcards(pattern: str) -> PathPattern | None:
    """An anchored pattern of plain names (`/agreement/`, `/.github/CODEOWNERS`) as a comparison
    of text; None for any other pattern."""
    body = pattern[1:]
    if not pattern.startswith("/") or not body.strip("/") or "//" in pattern:
        return None
    if any(char in body for char in "*?\\"):
        return None
    return _Folder(body) if body.endswith("/") else _Name(body)


def _glob(segment: str) -> str:
    """One path segment's wildcards as git's wildmatch reads them: `*`, `?`, and a backslash that
    makes the next character literal (`f\\*o` matches the name `f*o`, `a\\#b` the name `a#b`)."""
    out = ""
    escaped = False
    for char in segment:
        if escaped:
            out += re.escape(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        else:
            out += re.escape(char)
    return out + ("(?!)" if escaped else "")  # a trailing lone backslash matches nothing


def find(paths: Iterable[str]) -> str | None:
    """The CODEOWNERS file GitHub uses among the given existing paths (first of LOCATIONS)."""
    existing = set(paths)
    return next((location for location in LOCATIONS if location in existing), None)
