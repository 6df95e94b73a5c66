"""GitHub's REST API, read-only, with urllib: a merged pull request and its reviews.

The base URL comes from GITHUB_API_URL (GitHub Actions sets it; default https://api.github.com),
the token from GITHUB_TOKEN.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from typing import Any, NamedTuple

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
    base: str = ""  # the base commit the pull request was compared with


def _get(url: str, token: str | None) -> tuple[Any, str]:
    request = urllib.request.Request(url)
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("X-GitHub-Api-Version", "2022-11-28")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https or loopback
            return json.load(response), response.headers.get("Link", "")
    except urllib.error.HTTPError as error:
        raise GitHubError(f"GET {url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise GitHubError(f"GET {url}: {error}") from error


_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


class Client(NamedTuple):
    api: str
    token: str | None

    @classmethod
    def from_environment(cls) -> Client:
        api = os.environ.get("GITHUB_API_URL") or DEFAULT_API
        return cls(api.rstrip("/"), os.environ.get("GITHUB_TOKEN") or None)

    def pull_request(self, slug: str, number: int) -> PullRequest:
        data, _ = _get(f"{self.api}/repos/{slug}/pulls/{number}", self.token)
        return PullRequest(
            number=int(data["number"]),
            url=str(data.get("html_url", "")),
            author=str(data["user"]["login"]),
            merged=bool(data.get("merged")),
            merge_commit=str(data.get("merge_commit_sha") or ""),
            head=str(data["head"]["sha"]),
            labels=tuple(str(label["name"]) for label in data.get("labels", [])),
            base=str((data.get("base") or {}).get("sha") or ""),
        )

    def reviews(self, slug: str, number: int) -> list[Review]:
        """Every review, following GitHub's pagination (`Link: <...>; rel="next"`)."""
        url: str | None = f"{self.api}/repos/{slug}/pulls/{number}/reviews?per_page=100"
        found: list[Review] = []
        while url:
            data, link = _get(url, self.token)
            for item in data:
                user = item.get("user") or {}
                found.append(
                    Review(
                        id=int(item["id"]),
                        login=str(user.get("login", "")),
                        state=str(item.get("state", "")),
                        commit=str(item.get("commit_id") or ""),
                        submitted_at=str(item.get("submitted_at") or ""),
                        url=str(item.get("html_url", "")),
                    )
                )
            match = _NEXT.search(link)
            url = match.group(1) if match else None
        return found

    def team_id(self, org: str, slug: str) -> int:
        """A team's numeric id ("Get a team by name")."""
        data, _ = _get(f"{self.api}/orgs/{org}/teams/{slug}", self.token)
        return int(data["id"])

    def changed_files(self, slug: str, number: int) -> list[str]:
        """Every file a pull request changes ("List pull requests files"), renamed ones under
        both names, following pagination."""
        url: str | None = f"{self.api}/repos/{slug}/pulls/{number}/files?per_page=100"
        found: list[str] = []
        while url:
            data, link = _get(url, self.token)
            for item in data:
                found.append(str(item["filename"]))
                if item.get("previous_filename"):
                    found.append(str(item["previous_filename"]))
            match = _NEXT.search(link)
            url = match.group(1) if match else None
        return found
