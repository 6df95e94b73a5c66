"""The GitHub client against GitHub's documented payloads over real HTTP on 127.0.0.1:
pagination by Link headers, primary and secondary rate limits, deleted accounts."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import time
from typing import Any

import pytest

from agreekit.github import GHOST, Client, GitHubError, PagesError, items_of_pages, next_page
from conftest import SampleRepo
from github_server import Reply, documented, serve

SLUG = "octocat/Hello-World"
RATE_LIMITED = {
    "message": "API rate limit exceeded for installation ID 1.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
    "status": "403",
}
SECONDARY = {
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
    "status": "403",
}


def client(base: str, waits: list[float]) -> Client:
    return Client(base, "ghs_token", sleep=waits.append)


def reviews_page(first_id: int, count: int) -> list[dict[str, Any]]:
    """GitHub's documented review, repeated with new ids (a page of "List reviews")."""
    template = documented("pull-request-review-items")[0]
    page = []
    for review_id in range(first_id, first_id + count):
        item = copy.deepcopy(template)
        item["id"] = review_id
        item["html_url"] = f"https://github.com/{SLUG}/pull/12#pullrequestreview-{review_id}"
        page.append(item)
    return page


def test_the_documented_pull_request_reads() -> None:
    example = documented("pull-request")
    with serve() as api:
        api.route(f"/repos/{SLUG}/pulls/1347", Reply(200, example))
        pull = client(api.base, []).pull_request(SLUG, 1347)
    assert pull.number == 1347 and pull.author == "octocat"
    assert pull.head == example["head"]["sha"] and pull.labels == ("bug",)
    assert api.requests[0][1]["Authorization"] == "Bearer ghs_token"


def test_every_page_is_read_through_the_link_headers() -> None:
    path = f"/repos/{SLUG}/pulls/12/reviews"
    with serve() as api:
        link = '<{base}%s?per_page=100&page=%d>; rel="next", <{base}%s?per_page=100&page=3>; rel="last"'
        api.route(
            f"{path}?per_page=100",
            Reply(200, reviews_page(1, 100), {"Link": link % (path, 2, path)}),
        )
        api.route(
            f"{path}?per_page=100&page=2",
            Reply(200, reviews_page(101, 100), {"Link": link % (path, 3, path)}),
        )
        api.route(
            f"{path}?per_page=100&page=3",
            Reply(
                200,
                reviews_page(201, 7),
                {"Link": f'<{{base}}{path}?per_page=100&page=1>; rel="first"'},
            ),
        )
        reviews = client(api.base, []).reviews(SLUG, 12)
    assert [r.id for r in reviews] == list(range(1, 208))
    assert {r.login for r in reviews} == {"octocat"} and reviews[0].state == "APPROVED"


def test_a_deleted_account_is_the_ghost_not_a_crash() -> None:
    page = reviews_page(1, 2)
    page[1]["user"] = None
    pull = documented("pull-request")
    pull["user"] = None
    with serve() as api:
        api.route(f"/repos/{SLUG}/pulls/12/reviews?per_page=100", Reply(200, page))
        api.route(f"/repos/{SLUG}/pulls/12", Reply(200, pull))
        reviews = client(api.base, []).reviews(SLUG, 12)
        author = client(api.base, []).pull_request(SLUG, 12).author
    assert [r.login for r in reviews] == ["octocat", GHOST] and author == GHOST


def test_a_primary_rate_limit_is_waited_out_until_its_reset() -> None:
    path = f"/repos/{SLUG}/pulls/1347"
    reset = int(time.time()) + 5
    limited = {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": str(reset),
    }
    waits: list[float] = []
    with serve() as api:
        api.route(path, Reply(403, RATE_LIMITED, limited), Reply(200, documented("pull-request")))
        assert client(api.base, waits).pull_request(SLUG, 1347).number == 1347
        assert api.hits(path) == 2
    assert len(waits) == 1 and 4 <= waits[0] <= 7


def test_a_secondary_limit_follows_retry_after_on_429_and_403() -> None:
    path = f"/repos/{SLUG}/pulls/1347"
    waits: list[float] = []
    with serve() as api:
        api.route(
            path,
            Reply(429, SECONDARY, {"retry-after": "2"}),
            Reply(403, SECONDARY, {"Retry-After": "3"}),
            Reply(200, documented("pull-request")),
        )
        assert client(api.base, waits).pull_request(SLUG, 1347).number == 1347
        assert api.hits(path) == 3
    assert waits == [2.0, 3.0]


def test_retries_are_bounded_and_the_error_quotes_github() -> None:
    path = f"/repos/{SLUG}/pulls/1347"
    waits: list[float] = []
    with serve() as api:
        api.route(path, Reply(403, SECONDARY, {"retry-after": "1"}))
        with pytest.raises(GitHubError) as raised:
            client(api.base, waits).pull_request(SLUG, 1347)
        assert api.hits(path) == 3
    message = str(raised.value)
    assert "HTTP 403, rate limited: You have exceeded a secondary rate limit" in message
    assert "about-secondary-rate-limits" in message and "gave up after 3 attempts" in message
    assert waits == [1.0, 1.0]


def test_a_limit_that_resets_much_later_fails_at_once_saying_when() -> None:
    path = f"/repos/{SLUG}/pulls/1347"
    reset = int(time.time()) + 3600
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)}
    waits: list[float] = []
    with serve() as api:
        api.route(path, Reply(403, RATE_LIMITED, headers))
        with pytest.raises(GitHubError) as raised:
            client(api.base, waits).pull_request(SLUG, 1347)
        assert api.hits(path) == 1
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(reset + 1))
    assert "API rate limit exceeded for installation ID 1." in str(raised.value)
    assert f"allows the next request at {when}" in str(raised.value) and waits == []


def test_a_plain_403_is_not_retried_and_says_what_github_said() -> None:
    body = {
        "message": "Resource not accessible by integration",
        "documentation_url": "https://docs.github.com/rest/pulls/pulls#get-a-pull-request",
        "status": "403",
    }
    with serve() as api:
        api.route(f"/repos/{SLUG}/pulls/1", Reply(403, body, {"x-ratelimit-remaining": "4999"}))
        with pytest.raises(GitHubError, match="HTTP 403: Resource not accessible by integration"):
            client(api.base, []).pull_request(SLUG, 1)
        assert len(api.requests) == 1


def test_a_link_chain_that_loops_is_an_error_not_a_hang() -> None:
    path = f"/repos/{SLUG}/pulls/12/reviews"
    with serve() as api:
        api.route(
            f"{path}?per_page=100",
            Reply(200, reviews_page(1, 1), {"Link": f'<{{base}}{path}?per_page=100>; rel="next"'}),
        )
        with pytest.raises(GitHubError, match="loop"):
            client(api.base, []).reviews(SLUG, 12)


def test_next_page_reads_githubs_documented_link_header() -> None:
    example = documented("components")["headers"]["link"]["example"]
    assert next_page(example) == "https://api.github.com/resource?page=2"
    assert next_page('<https://api.github.com/resource?page=1>; rel="prev"') is None


PAGE_1 = documented("pull-request-review-comment-items")


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": 1}, {"id": 2}]',  # gh api URL: one page
        '[{"id": 1}][{"id": 2}]',  # gh api --paginate URL: pages one after another
        '[{"id": 1}]\n[]\n[{"id": 2}]\n',
        '[[{"id": 1}], [{"id": 2}]]',  # gh api --paginate --slurp URL: an array of pages
    ],
)
def test_saved_pages_in_every_form_gh_writes(text: str) -> None:
    assert [item["id"] for item in items_of_pages(text)] == [1, 2]


@pytest.mark.parametrize(
    ("text", "where"),
    [("", "1:1: empty"), ('[{"id": 1}]\n{"message": "Not Found"}', "2:1: expected a JSON list"),
     ('[{"id": 1}]\n[{"id": ', "2:9: not JSON"), ('[[{"id": 1}], {"id": 2}]', "mixes lists")],
)  # fmt: skip
def test_anything_else_names_where_it_goes_wrong(text: str, where: str) -> None:
    with pytest.raises(PagesError, match=where):
        items_of_pages(text)


def test_import_github_reports_a_rate_limit_in_githubs_words(sample: SampleRepo) -> None:
    path = "/repos/harbourside/itsa/pulls/7"
    with serve() as api:
        api.route(path, Reply(429, SECONDARY, {"retry-after": "1"}))
        result = subprocess.run(
            [sys.executable, "-m", "agreekit", "approvals", "import-github", "--pr", "7"],
            cwd=sample.root,
            env={**os.environ, "GITHUB_API_URL": api.base, "GITHUB_TOKEN": "t",
                 "GITHUB_REPOSITORY": "harbourside/itsa"},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert api.hits(path) == 3  # one request and two retries, a second apart
    said = result.stdout + result.stderr  # the error's stream is the CLI's choice
    assert result.returncode != 0 and "Traceback" not in said
    assert "could not read pull request #7 of harbourside/itsa" in said
    assert "You have exceeded a secondary rate limit" in said
