"""`agreekit reminders` against a GitHub issues API on 127.0.0.1, in GitHub's documented format:
three daily runs open, leave alone, update and close the reminder issues."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from conftest import SampleRepo
from github_server import documented

SLUG = "harbourside/itsa"
PER_PAGE = 2  # small pages, so the client must follow the Link headers


class Tracker:
    """The issues of one repository, kept as GitHub keeps them; every write recorded."""

    def __init__(self) -> None:
        self.issues: dict[int, dict[str, Any]] = {}
        self.writes: list[tuple[str, str, dict[str, Any]]] = []
        self.tokens: set[str] = set()
        self.base = ""
        pull = self._new(
            900, "A pull request, which the issues list mixes in", "", ["agreekit-date"]
        )
        pull["pull_request"] = documented("issue")["pull_request"]
        self.issues[900] = pull

    def _new(self, number: int, title: str, body: str, labels: list[str]) -> dict[str, Any]:
        issue = copy.deepcopy(documented("issue"))
        issue.pop("pull_request", None)
        issue.update(number=number, title=title, body=body, state="open", assignees=[],
                     labels=[{"name": name} for name in labels])  # fmt: skip
        return issue

    def listing(self, query: dict[str, list[str]]) -> tuple[list[dict[str, Any]], str]:
        label = query.get("labels", [""])[0]
        found = [
            i for n, i in sorted(self.issues.items())
            if label in {lab["name"] for lab in i["labels"]}
        ]  # fmt: skip
        page = int(query.get("page", ["1"])[0])
        chunk = found[(page - 1) * PER_PAGE : page * PER_PAGE]
        link = ""
        if page * PER_PAGE < len(found):
            link = (f'<{self.base}/repos/{SLUG}/issues?state=all&labels={label}&per_page=100'
                    f'&page={page + 1}>; rel="next"')  # fmt: skip
        return chunk, link

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        number = max((n for n in self.issues if n < 900), default=0) + 1
        issue = self._new(number, body["title"], body.get("body", ""), body.get("labels", []))
        issue["assignees"] = [{"login": login} for login in body.get("assignees", [])]
        self.issues[number] = issue
        return issue

    def edit(self, number: int, body: dict[str, Any]) -> dict[str, Any]:
        issue = self.issues[number]
        for key in ("title", "body", "state", "state_reason"):
            if key in body:
                issue[key] = body[key]
        if "assignees" in body:
            issue["assignees"] = [{"login": login} for login in body["assignees"]]
        return issue


@contextmanager
def github() -> Iterator[Tracker]:
    tracker = Tracker()

    class Handler(BaseHTTPRequestHandler):
        def _reply(self, status: int, data: Any, link: str = "") -> None:
            raw = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            if link:
                self.send_header("Link", link)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _body(self) -> dict[str, Any]:
            tracker.tokens.add(self.headers.get("Authorization", ""))
            data: dict[str, Any] = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            tracker.writes.append((self.command, urlsplit(self.path).path, data))
            return data

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            url = urlsplit(self.path)
            assert url.path == f"/repos/{SLUG}/issues", url.path
            self._reply(200, *tracker.listing(parse_qs(url.query)))

        def do_POST(self) -> None:  # noqa: N802
            self._reply(201, tracker.create(self._body()))

        def do_PATCH(self) -> None:  # noqa: N802
            number = int(urlsplit(self.path).path.rsplit("/", 1)[1])
            self._reply(200, tracker.edit(number, self._body()))

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tracker.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield tracker
    finally:
        server.shutdown()
        server.server_close()


def _reminders(
    sample: SampleRepo, tracker: Tracker, today: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AGREEKIT_TODAY": today, "GITHUB_API_URL": tracker.base,
           "GITHUB_TOKEN": "ghs_test", "GITHUB_REPOSITORY": SLUG}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "agreekit", "reminders"],
        cwd=sample.root, capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def _open_titles(tracker: Tracker) -> set[str]:
    return {i["title"] for n, i in tracker.issues.items() if n < 900 and i["state"] == "open"}


def test_daily_runs_open_then_leave_alone_then_update_and_close(sample: SampleRepo) -> None:
    sample.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    with github() as tracker:
        first = _reminders(sample, tracker, "2029-10-10")
        assert first.returncode == 0, first.stderr
        assert _open_titles(tracker) == {
            "2029-10-12: Service report due for 1 September 2029 to 30 September 2029",
            "2029-10-14: Last day to claim service credits for 1 August 2029 to 31 August 2029",
            "2029-11-02: Last day to give notice (90 days) so the term does not renew",
        }
        notice = next(i for i in tracker.issues.values() if "give notice" in i["title"])
        assert [a["login"] for a in notice["assignees"]] == [
            "amara-okafor", "dreeve", "mellison-bw", "priya-shah-hha",
        ]  # fmt: skip
        assert {lab["name"] for lab in notice["labels"]} == {"agreekit-date", "renewal-notice"}
        assert tracker.tokens == {"Bearer ghs_test"}
        assert tracker.issues[900]["state"] == "open"  # the pull request is never touched

        writes = len(tracker.writes)
        again = _reminders(sample, tracker, "2029-10-10")
        assert again.returncode == 0 and "every reminder is up to date" in again.stdout
        assert len(tracker.writes) == writes  # idempotent: a rerun writes nothing

        tracker.edit(notice["number"], {"assignees": []})  # someone unassigns everybody
        mended = _reminders(sample, tracker, "2029-10-11")
        assert f"update #{notice['number']}" in mended.stdout
        assert len(notice["assignees"]) == 4

        third = _reminders(sample, tracker, "2029-11-03")
        assert third.returncode == 0, third.stderr
        assert notice["state"] == "closed" and notice["state_reason"] == "completed"
        assert (
            "2029-11-14: Service report due for 1 October 2029 to 31 October 2029"
            in _open_titles(tracker)
        )
        assert "close #" in third.stdout and "(the date has passed)" in third.stdout


def test_without_a_repository_it_says_what_to_give(sample: SampleRepo) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_REPOSITORY"}
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "reminders"],
        cwd=sample.root, capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--repository OWNER/NAME" in result.stderr and "Traceback" not in result.stderr
