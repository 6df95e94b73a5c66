"""GitHub's REST API, read-only, with urllib: a merged pull request and its reviews.

The base URL comes from GITHUB_API_URL (GitHub Actions sets it; default https://api.github.com),
the token from GITHUB_TOKEN.
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, NamedTuple

from agreekit.json_input import MAX_BYTES, JsonProblem, items, member, parse_json

DEFAULT_API = "https://api.github.com"


class GitHubError(Exception):
    """A request failed; the message says which and what GitHub answered."""


class Review(NamedTuple):
    id: int
    login: str
    state: str  # APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    commit: str
    submitted_at: str
    url: str


class PullRequest(NamedTuple):
    number: int
    url: str
    author: str
    merged: bool
    merge_commit: str
    head: str
    labels: tuple[str, ...]


def _get(url: str, token: str | None) -> tuple[Any, str]:
    request = urllib.request.Request(url)
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("X-GitHub-Api-Version", "2022-11-28")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https or loopback
            body = response.read(MAX_BYTES + 1)
            link = response.headers.get("Link", "")
    except urllib.error.HTTPError as error:
        raise GitHubError(f"GET {url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise GitHubError(f"GET {url}: {error}") from error
    try:
        return parse_json(body, f"GitHub's answer to GET {url}"), link
    except JsonProblem as error:
        raise GitHubError(str(error)) from error


def _login(item: Any, where: str) -> str:
    """The login of `item`'s user; "ghost", as GitHub shows it, for a deleted account (null)."""
    user = member(item, "user", dict, where, optional=True)
    return "ghost" if user is None else str(member(user, "login", str, f"{where}: user"))


def _review(item: Any, where: str) -> Review:
    """One review of GitHub's list; a review whose author's account is gone has a null user."""
    return Review(
        id=member(item, "id", int, where),
        login=_login(item, where),
        state=member(item, "state", str, where),
        commit=member(item, "commit_id", str, where, optional=True) or "",
        submitted_at=member(item, "submitted_at", str, where, optional=True) or "",
        url=_one_line(member(item, "html_url", str, where, optional=True) or "", where),
    )


def _one_line(text: str, where: str) -> str:
    """A value that becomes a line of an approval record: printable, no line breaks."""
    if not text.isprintable() or len(text) > 500:
        raise JsonProblem(f"{where}: 'html_url' is not one line of text")
    return text


_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


class Client(NamedTuple):
    api: str
    token: str | None

    @classmethod
    def from_environment(cls) -> Client:
        api = os.environ.get("GITHUB_API_URL") or DEFAULT_API
        parts = urllib.parse.urlsplit(api)
        loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if not (parts.scheme == "https" or (parts.scheme == "http" and loopback)):
            raise GitHubError(
                f"GITHUB_API_URL={api[:80]}: not an https:// address of GitHub's API; unset it "
                f"(the default is {DEFAULT_API}) or give your GitHub Enterprise API URL"
            )
        return cls(api.rstrip("/"), os.environ.get("GITHUB_TOKEN") or None)

    def pull_request(self, slug: str, number: int) -> PullRequest:
        url = f"{self.api}/repos/{slug}/pulls/{number}"
        data, _ = _get(url, self.token)
        return parse_pull_request(data, f"GitHub's pull request #{number} ({url})")

    def reviews(self, slug: str, number: int) -> list[Review]:
        """Every review, following GitHub's pagination (`Link: <...>; rel="next"`)."""
        url: str | None = f"{self.api}/repos/{slug}/pulls/{number}/reviews?per_page=100"
        found: list[Review] = []
        while url:
            data, link = _get(url, self.token)
            found += parse_reviews(data, f"GitHub's reviews of pull request #{number} ({url})")
            match = _NEXT.search(link)
            url = match.group(1) if match else None
        return found


def parse_pull_request(data: Any, where: str) -> PullRequest:
    """A pull request from GitHub's "Get a pull request" answer, its shape checked."""
    try:
        labels = items(member(data, "labels", list, where, optional=True) or [], where)
        return PullRequest(
            number=member(data, "number", int, where),
            url=_one_line(member(data, "html_url", str, where, optional=True) or "", where),
            author=_login(data, where),
            merged=bool(member(data, "merged", bool, where, optional=True)),
            merge_commit=member(data, "merge_commit_sha", str, where, optional=True) or "",
            head=member(member(data, "head", dict, where), "sha", str, f"{where}: head"),
            labels=tuple(member(label, "name", str, f"{where}: labels") for label in labels),
        )
    except JsonProblem as error:
        raise GitHubError(f"{error}; not GitHub's documented format") from error


def parse_reviews(data: Any, where: str) -> list[Review]:
    """One page of GitHub's "List reviews for a pull request" answer, its shape checked."""
    try:
        return [
            _review(item, f"{where}: review {i + 1}") for i, item in enumerate(items(data, where))
        ]
    except JsonProblem as error:
        raise GitHubError(f"{error}; not GitHub's documented format") from error
