"""GitHub's REST API, read-only, with urllib: a merged pull request and its reviews.

The base URL comes from GITHUB_API_URL (GitHub Actions sets it; default https://api.github.com),
the token from GITHUB_TOKEN. Every list follows GitHub's pagination (`Link: <...>; rel="next"`).
A rate limit (primary: 403 or 429 with `x-ratelimit-remaining: 0`; secondary: `retry-after`) is
waited out when GitHub says how long and that is short, a bounded number of times; otherwise the
error quotes GitHub's own message and when the limit resets.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from agreekit.json_input import MAX_BYTES, MAX_DEPTH, JsonProblem, items, member, parse_json

DEFAULT_API = "https://api.github.com"
GHOST = "ghost"  # GitHub's name for a deleted account: its items carry `"user": null`
MAX_ATTEMPTS = 3  # one request and at most two retries after a rate limit
MAX_WAIT_SECONDS = 60.0  # a limit that resets later than this fails at once, saying when
SECONDARY_WAIT_SECONDS = 60.0  # GitHub's advice for a secondary limit without retry-after
MAX_PAGES = 1000  # a Link chain longer than this is a loop, not a pull request


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


class Issue(NamedTuple):
    """An issue as GitHub lists it, reduced to what agreekit compares."""

    number: int
    title: str
    body: str
    state: str  # open, closed
    assignees: tuple[str, ...]


class Response(NamedTuple):
    data: Any
    link: str


def login_of(item: Mapping[str, Any]) -> str:
    """The item's author login; `ghost` for a deleted account (GitHub sends `user: null`)."""
    user = item.get("user")
    if not isinstance(user, Mapping):
        return GHOST
    return str(user.get("login") or GHOST)


_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def next_page(link: str) -> str | None:
    """The URL of the next page in a `Link` header, or None on the last page."""
    for part in link.split(","):
        match = _NEXT.search(part)
        if match:
            return match.group(1)
    return None


def _github_message(body: bytes) -> str:
    """GitHub's own words from an error body (`message`, `documentation_url`), or the text."""
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except ValueError:
        return body.decode("utf-8", "replace").strip()[:300]
    if not isinstance(data, dict):
        return ""
    message = str(data.get("message") or "").strip()
    docs = str(data.get("documentation_url") or "").strip()
    return f"{message} ({docs})" if message and docs else message


def rate_limit_wait(
    status: int, headers: Mapping[str, str], message: str, now: float
) -> float | None:
    """Seconds to wait before retrying a rate-limited response, or None if it is no rate limit.

    GitHub's rules: `retry-after` says how long (secondary limits, 429 or 403); with
    `x-ratelimit-remaining: 0` the primary limit resets at `x-ratelimit-reset` (epoch seconds);
    a 403 or 429 that mentions a secondary rate limit without either waits a minute.
    """
    if status not in (403, 429):
        return None
    lowered = {key.lower(): value for key, value in headers.items()}
    retry_after = lowered.get("retry-after", "").strip()
    if retry_after.isdigit():
        return float(retry_after)
    if lowered.get("x-ratelimit-remaining", "").strip() == "0":
        reset = lowered.get("x-ratelimit-reset", "").strip()
        if reset.isdigit():
            return max(0.0, float(reset) - now) + 1.0
        return SECONDARY_WAIT_SECONDS
    if status == 429 or "rate limit" in message.lower():
        return SECONDARY_WAIT_SECONDS
    return None


def _when(seconds: float, now: float) -> str:
    moment = dt.datetime.fromtimestamp(now + seconds, dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


class Client(NamedTuple):
    api: str
    token: str | None
    sleep: Callable[[float], None] = time.sleep
    max_wait: float = MAX_WAIT_SECONDS

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

    def get(self, url: str) -> Response:
        """One GET, retried after a rate limit GitHub asks to wait out (bounded)."""
        return self.request("GET", url)

    def request(self, method: str, url: str, body: Mapping[str, Any] | None = None) -> Response:
        """One request (a JSON body for POST and PATCH), retried after a rate limit GitHub asks
        to wait out (bounded); GitHub's own message in the error otherwise."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return self._fetch(url, method, body)
            except urllib.error.HTTPError as error:
                answer = error.read() if error.fp is not None else b""
                message = _github_message(answer) or str(error.reason)
                now = time.time()
                headers = {key: value for key, value in error.headers.items()}
                wait = rate_limit_wait(error.code, headers, message, now)
                if wait is None:
                    raise GitHubError(f"{method} {url}: HTTP {error.code}: {message}") from error
                if attempt == MAX_ATTEMPTS or wait > self.max_wait:
                    raise GitHubError(
                        f"{method} {url}: HTTP {error.code}, rate limited: {message}; "
                        f"GitHub allows the next request at {_when(wait, now)}"
                        + (f" (gave up after {attempt} attempts)" if attempt > 1 else "")
                    ) from error
                self.sleep(wait)
            except (urllib.error.URLError, OSError, ValueError) as error:
                raise GitHubError(f"{method} {url}: {error}") from error
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _fetch(
        self, url: str, method: str = "GET", body: Mapping[str, Any] | None = None
    ) -> Response:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "agreekit")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https or loopback
            answer = response.read(MAX_BYTES + 1)  # within limits: size, depth, no NaN
            link = response.headers.get("Link", "")
        if not answer.strip():  # an answer without content (a 204 to an update)
            return Response(None, link)
        try:
            return Response(parse_json(answer, f"GitHub's answer to {method} {url}"), link)
        except JsonProblem as error:
            raise GitHubError(str(error)) from error

    def pages(self, url: str) -> Iterator[Any]:
        """Every item of a list endpoint, page after page (`per_page=100`, Link rel="next")."""
        separator = "&" if "?" in url else "?"
        current: str | None = f"{url}{separator}per_page=100"
        seen: set[str] = set()
        while current:
            if current in seen or len(seen) >= MAX_PAGES:
                raise GitHubError(f"GET {url}: the pages' Link headers loop back to {current}")
            seen.add(current)
            response = self.get(current)
            if not isinstance(response.data, list):
                raise GitHubError(
                    f"GET {current}: expected a JSON list, got {type(response.data).__name__}"
                )
            yield from response.data
            current = next_page(response.link)

    def pull_request(self, slug: str, number: int) -> PullRequest:
        url = f"{self.api}/repos/{slug}/pulls/{number}"
        return parse_pull_request(self.get(url).data, f"GitHub's pull request #{number} ({url})")

    def team_id(self, org: str, slug: str) -> int:
        """A team's numeric id ("Get a team by name")."""
        return int(self.get(f"{self.api}/orgs/{org}/teams/{slug}").data["id"])

    def changed_files(self, slug: str, number: int) -> list[str]:
        """Every file a pull request changes ("List pull requests files"), a renamed one under
        both names."""
        found: list[str] = []
        for item in self.pages(f"{self.api}/repos/{slug}/pulls/{number}/files"):
            found.append(str(item["filename"]))
            if item.get("previous_filename"):
                found.append(str(item["previous_filename"]))
        return found

    def reviews(self, slug: str, number: int) -> list[Review]:
        """Every review of the pull request, in GitHub's (chronological) order."""
        url = f"{self.api}/repos/{slug}/pulls/{number}/reviews"
        return parse_reviews(list(self.pages(url)), f"GitHub's reviews of #{number} ({url})")


def _login(item: Any, where: str) -> str:
    """The login of `item`'s user; GHOST for a deleted account (`"user": null`)."""
    user = member(item, "user", dict, where, optional=True)
    return GHOST if user is None else str(member(user, "login", str, f"{where}: user"))


def _one_line(text: str, where: str) -> str:
    """A value that becomes a line of an approval record: printable, no line breaks."""
    if not text.isprintable() or len(text) > 500:
        raise JsonProblem(f"{where}: 'html_url' is not one line of text")
    return text


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
            base=member(
                member(data, "base", dict, where, optional=True) or {}, "sha", str,
                f"{where}: base", optional=True,
            ) or "",
        )  # fmt: skip
    except JsonProblem as error:
        raise GitHubError(f"{error}; not GitHub's documented format") from error


def parse_reviews(data: Any, where: str) -> list[Review]:
    """GitHub's "List reviews for a pull request" items, each one's shape checked."""
    try:
        return [
            _review(item, f"{where}: review {i + 1}") for i, item in enumerate(items(data, where))
        ]
    except JsonProblem as error:
        raise GitHubError(f"{error}; not GitHub's documented format") from error


def _review(item: Any, where: str) -> Review:
    return Review(
        id=member(item, "id", int, where),
        login=_login(item, where),
        state=member(item, "state", str, where),
        commit=member(item, "commit_id", str, where, optional=True) or "",
        submitted_at=member(item, "submitted_at", str, where, optional=True) or "",
        url=_one_line(member(item, "html_url", str, where, optional=True) or "", where),
    )


def _issue(item: Mapping[str, Any]) -> Issue:
    where = "GitHub's issue"
    try:
        assignees = items(member(item, "assignees", list, where, optional=True) or [], where)
        return Issue(
            number=member(item, "number", int, where),
            title=member(item, "title", str, where, optional=True) or "",
            body=member(item, "body", str, where, optional=True) or "",
            state=member(item, "state", str, where, optional=True) or "open",
            assignees=tuple(str(a.get("login")) for a in assignees if isinstance(a, Mapping)),
        )
    except JsonProblem as error:
        raise GitHubError(f"{error}; not GitHub's documented format") from error


class Issues(NamedTuple):
    """A repository's issues through the REST API: list by label, open, update, close."""

    client: Client
    slug: str

    def labelled(self, label: str) -> list[Issue]:
        """Every issue with `label`, open or closed (pull requests, which the API mixes in, left out)."""
        url = f"{self.client.api}/repos/{self.slug}/issues?state=all&labels={label}"
        return [
            _issue(item)
            for item in self.client.pages(url)
            if isinstance(item, Mapping) and "pull_request" not in item
        ]

    def open(self, title: str, body: str, labels: Sequence[str], assignees: Sequence[str]) -> int:
        created = self.client.request(
            "POST",
            f"{self.client.api}/repos/{self.slug}/issues",
            {"title": title, "body": body, "labels": list(labels), "assignees": list(assignees)},
        ).data
        return int(created["number"])

    def update(self, number: int, fields: Mapping[str, Any]) -> None:
        self.client.request(
            "PATCH", f"{self.client.api}/repos/{self.slug}/issues/{number}", dict(fields)
        )


class PagesError(ValueError):
    """Saved API output that is not GitHub's list pages; the message names line and column."""


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{col}"


def items_of_pages(text: str) -> list[Any]:
    """The items of a list endpoint's saved pages, in every form `gh api` writes them.

    One page (`gh api URL`): a JSON array. Every page (`gh api --paginate URL`): the pages' arrays
    one after another, `[...][...]` (with or without whitespace between). `--paginate --slurp`:
    one array of the pages' arrays, `[[...], [...]]`.
    """
    decoder = json.JSONDecoder()
    documents: list[Any] = []
    index = 0
    while True:
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
        if index == len(text):
            break
        start = index
        try:
            document, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise PagesError(f"{_position(text, error.pos)}: not JSON ({error.msg})") from error
        except RecursionError as error:
            raise PagesError(
                f"{_position(text, start)}: nested deeper than {MAX_DEPTH} levels"
            ) from error
        if not isinstance(document, list):
            raise PagesError(
                f"{_position(text, start)}: expected a JSON list (a page of GitHub's list "
                f"response), got {type(document).__name__}"
            )
        documents.append(document)
    if not documents:
        raise PagesError("1:1: empty; expected GitHub's JSON list response")
    if len(documents) == 1 and documents[0] and all(isinstance(p, list) for p in documents[0]):
        documents = documents[0]  # --paginate --slurp: an array of pages
    items: list[Any] = []
    for page in documents:
        if any(isinstance(item, list) for item in page):
            raise PagesError(
                "a page mixes lists and items; save the response as `gh api` writes it"
            )
        items += page
    return items
