"""The CODEOWNERS matcher agrees with a plain reading of GitHub's documented rules.

The reference below walks pattern and path segment by segment, written from "About code owners"
without regular expressions, so it shares no code and no cleverness with the matcher:

- gitignore-style patterns; `*` matches within one path segment, `?` one character, `**` any
  number of whole segments (none included, but a final `**` means everything inside, so at
  least one), and `**/**` says no more than `**`;
- a leading `/` anchors the pattern at the repository root; a pattern with no other `/` matches
  at any depth; a pattern with a `/` inside is relative to the root;
- a trailing `/` matches a directory: every file inside it, at any depth;
- a pattern that names a file or a directory matches the file, or everything in the directory,
  except `dir/*` (and so `/*`), which GitHub documents as matching the files directly in `dir`
  only;
- lines starting with `#` are comments; `\\#` escapes, `!` negation and `[ ]` ranges do not
  work, so such a line owns nothing; the last matching line wins.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from agreekit.governance.codeowners import parse


def _segment_matches(pattern: str, name: str) -> bool:
    if not pattern:
        return not name
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        return any(_segment_matches(rest, name[i:]) for i in range(len(name) + 1))
    if not name:
        return False
    if head == "?" or head == name[0]:
        return _segment_matches(rest, name[1:])
    return False


def _segments_match(patterns: list[str], names: list[str]) -> bool:
    """Whole-path match: every name consumed; a final `**` takes at least one name."""
    if not patterns:
        return not names
    if patterns[0] == "**":
        least = 1 if len(patterns) == 1 else 0
        return any(_segments_match(patterns[1:], names[i:]) for i in range(least, len(names) + 1))
    return bool(names) and (
        _segment_matches(patterns[0], names[0]) and _segments_match(patterns[1:], names[1:])
    )


def reference_matches(pattern: str, path: str) -> bool:
    if pattern.startswith(("\\#", "!")) or "[" in pattern or "]" in pattern:
        return False
    directory_only = pattern.endswith("/")
    anchored = pattern.startswith("/")
    parts = pattern.strip("/").split("/")
    if parts == [""]:
        return False
    if not anchored and len(parts) == 1:
        parts = ["**", *parts]  # no slash but a trailing one: matches at any depth
    parts = [p for i, p in enumerate(parts) if p != "**" or parts[i - 1 : i] != ["**"]]
    names = path.split("/")
    if parts[-1] == "*" and (len(parts) > 1 or anchored) and not directory_only:
        return _segments_match(parts, names)  # `docs/*`: direct children only, as documented
    # The file itself, unless the pattern names directories only, or any folder holding it.
    ends = range(1, len(names)) if directory_only else range(1, len(names) + 1)
    return any(_segments_match(parts, names[:end]) for end in ends)


def reference_owner(lines: list[str], path: str) -> str | None:
    owner = None
    for number, line in enumerate(lines):
        if line.startswith("#"):
            continue
        if reference_matches(line, path):
            owner = f"@owner{number}"
    return owner


SEGMENTS = ["a", "b", "docs", "a.md", "*", "**", "*.md", "a*", "?", "d?cs", "*a*"]
NAMES = ["a", "b", "docs", "a.md", "b.md", "ab", "docs.md"]

patterns = st.builds(
    lambda lead, parts, trail: lead + "/".join(parts) + trail,
    st.sampled_from(["", "/"]),
    st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4),
    st.sampled_from(["", "", "/"]),
)
paths = st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).map("/".join)
lines = st.one_of(patterns, st.sampled_from(["# a comment", "\\#a", "!a", "[ab]"]))


@settings(max_examples=400)
@given(patterns, paths)
@example("docs/*", "docs/a/b")  # GitHub's example: not the nested file
@example("/a/**/b", "a/b")  # `**` matches no directories too
@example("a/", "a")  # a directory pattern does not match a file of that name
@example("**", "a")
@example("a/**", "a")  # everything inside `a`, not `a` itself
@example("/*", "a/a")  # like `docs/*`: files at the root only
@example("**/**", "a/a")  # found: each `**` added its own `/`, so it matched nothing
@example("**/", "a/a")  # found: the same, once the trailing `/` became a `**`
@example("**/", "a")  # found: `**/` names folders, so a file at the root is not in one
def test_one_pattern_matches_like_the_reference(pattern: str, path: str) -> None:
    rules = parse(f"{pattern} @owner0")
    assert bool(rules.owners_of(path)) == reference_matches(pattern, path), (pattern, path)


@settings(max_examples=200)
@given(st.lists(lines, min_size=1, max_size=6), paths)
def test_the_last_matching_line_wins_like_the_reference(rules: list[str], path: str) -> None:
    text = "\n".join(
        line if line.startswith("#") else f"{line} @owner{number}"
        for number, line in enumerate(rules)
    )
    owners = parse(text).owners_of(path)
    assert (owners[0] if owners else None) == reference_owner(rules, path), (rules, path)
