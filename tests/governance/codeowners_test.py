"""CODEOWNERS matching against the examples in GitHub's "About code owners" documentation."""

from __future__ import annotations

import pytest

from agreekit.governance.codeowners import find, parse

# GitHub's documented example file, line for line (comments shortened).
GITHUB_EXAMPLE = """\
# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2
# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/* docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/apps/ @octocat
/apps/github @doctocat
"""

# (path, owners GitHub applies); each row names the documented sentence it follows.
CASES = [
    ("README.md", ("@global-owner1", "@global-owner2")),  # default owners for everything
    ("src/app.js", ("@js-owner",)),  # only JS files: only @js-owner
    ("main.go", ("docs@example.com",)),  # owners by email
    ("notes/a.txt", ("@octo-org/octocats",)),  # teams own all .txt files
    ("build/logs/today.log", ("@octocat",)),  # /build/logs/ matches, the later **/logs wins
    ("build/output/x.log", ("@global-owner1", "@global-owner2")),
    ("build/x/logs.txt", ("@octo-org/octocats",)),
    ("docs/getting-started.md", ("@doctocat",)),  # /docs/ later wins over docs/*
    ("docs/build-app/troubleshooting.md", ("@doctocat",)),
    ("deep/apps/x.rb", ("@octocat",)),  # apps/ anywhere in the repository
    ("scripts/deploy.sh", ("@doctocat", "@octocat")),
    ("deeply/nested/logs/x", ("@octocat",)),  # **/logs: /build/logs, /deeply/nested/logs
    ("apps/github/x.rb", ("@doctocat",)),  # the last /apps/github line gives @doctocat
    ("apps/other.rb", ("@octocat",)),
    ("Apps/other.rb", ("@global-owner1", "@global-owner2")),  # paths are case-sensitive
]


@pytest.mark.parametrize(("path", "owners"), CASES)
def test_github_documented_example(path: str, owners: tuple[str, ...]) -> None:
    assert parse(GITHUB_EXAMPLE).owners_of(path) == owners


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        ("docs/*", ["docs/getting-started.md"], ["docs/build-app/troubleshooting.md", "x/docs/a"]),
        ("/build/logs/", ["build/logs/a", "build/logs/b/c"], ["x/build/logs/a", "build/logs"]),
        ("**/logs", ["logs/a", "build/logs/a", "deeply/nested/logs/a"], ["logsx/a"]),
        ("apps/", ["apps/a", "x/apps/y/z"], ["apps"]),
        ("*", ["a", "a/b/c"], []),
        ("*.md", ["a.md", "x/y/a.md"], ["a.mdx"]),
        ("/a/**/b", ["a/b", "a/x/b", "a/x/y/b/c"], ["b", "x/a/b"]),
        ("a?c", ["abc", "x/abc"], ["ac", "a/c"]),
    ],
)
def test_gitignore_style_patterns(pattern: str, matches: list[str], misses: list[str]) -> None:
    rules = parse(f"{pattern} @o")
    assert [p for p in matches if not rules.owners_of(p)] == []
    assert [p for p in misses if rules.owners_of(p)] == []


def test_a_pattern_without_owners_unowns() -> None:
    rules = parse("/apps/ @octocat\n/apps/github\n")
    assert rules.owners_of("apps/github/a") == ()
    assert rules.owners_of("apps/a") == ("@octocat",)


@pytest.mark.parametrize(
    ("line", "col"),
    [("!apps/ @o", 1), ("  apps/[ab]* @o", 3), ("\\#file @o", 1), ("apps/ octocat", 7)],
)
def test_syntax_github_ignores_is_a_problem_and_matches_nothing(line: str, col: int) -> None:
    rules = parse(f"* @default\n{line}\n")
    assert [(p.line, p.col) for p in rules.problems] == [(2, col)]
    if not line.endswith("octocat"):
        assert rules.owners_of("apps/a") == ("@default",)


def test_escaped_spaces_and_comments() -> None:
    rules = parse("# comment\npath\\ with\\ spaces/ @o # trailing\n")
    assert rules.owners_of("path with spaces/a") == ("@o",)
    assert rules.problems == ()


def test_lookup_order_is_github_then_root_then_docs() -> None:
    assert find(["docs/CODEOWNERS", "CODEOWNERS"]) == "CODEOWNERS"
    assert find(["docs/CODEOWNERS", "CODEOWNERS", ".github/CODEOWNERS"]) == ".github/CODEOWNERS"
    assert find(["docs/CODEOWNERS"]) == "docs/CODEOWNERS"
    assert find([]) is None
