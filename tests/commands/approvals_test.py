"""`agreekit approvals import-github` against GitHub's documented payloads on a loopback server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from gitrepo import GitRepo, governed_repo

TOKEN = "ghs_test-token"
SLUG = "harbourside-housing/itsa"


def user(login: str) -> dict[str, Any]:
    return {"login": login, "id": abs(hash(login)) % 10**6, "type": "User", "site_admin": False}


def review(review_id: int, login: str, state: str, commit: str, when: str) -> dict[str, Any]:
    """A review as GitHub's "List reviews for a pull request" documents it."""
    return {
        "id": review_id,
        "node_id": f"PRR_{review_id}",
        "user": user(login),
        "body": "",
        "state": state,
        "html_url": f"https://github.com/{SLUG}/pull/7#pullrequestreview-{review_id}",
        "pull_request_url": f"https://api.github.com/repos/{SLUG}/pulls/7",
        "author_association": "MEMBER",
        "submitted_at": when,
        "commit_id": commit,
    }


def pull(head: str, merged: bool, labels: list[str], author: str = "mellison-bw") -> dict[str, Any]:
    """A pull request as GitHub's "Get a pull request" documents it (the fields that matter)."""
    return {
        "url": f"https://api.github.com/repos/{SLUG}/pulls/7",
        "html_url": f"https://github.com/{SLUG}/pull/7",
        "number": 7,
        "state": "closed",
        "title": "Initial draft",
        "user": user(author),
        "labels": [{"id": i, "name": name, "color": "ededed"} for i, name in enumerate(labels)],
        "merged": merged,
        "merged_at": "2026-11-20T10:00:00Z" if merged else None,
        "merge_commit_sha": head,
        "head": {"ref": "draft", "sha": head},
        "base": {"ref": "main", "sha": "0" * 40},
    }


class Api:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[Any, str]] = {}
        self.seen_tokens: list[str] = []
        self.base = ""


@pytest.fixture
def api() -> Iterator[tuple[Api, str]]:
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.seen_tokens.append(self.headers.get("Authorization", ""))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, {"message": "Requires authentication"}, "")
            elif self.path in state.routes:
                self._send(200, *state.routes[self.path])
            else:
                self._send(404, {"message": "Not Found"}, "")

        def _send(self, code: int, body: Any, link: str) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            if link:
                self.send_header("Link", link)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state, state.base
    server.shutdown()
    server.server_close()


def import_pr(repo: GitRepo, base: str, token: str = TOKEN) -> tuple[int, str]:
    env = repo.env("recorder")
    env.update(GITHUB_API_URL=base, GITHUB_TOKEN=token, GITHUB_REPOSITORY=SLUG)
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "approvals", "import-github", "--pr", "7"],
        cwd=repo.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


def serve_pr(api: Api, head: str, old: str, merged: bool = True) -> None:
    base = f"/repos/{SLUG}/pulls/7"
    api.routes[base] = (pull(head, merged, ["documentation", "stage:initial"]), "")
    page_two = f"{base}/reviews?per_page=100&page=2"
    api.routes[f"{base}/reviews?per_page=100"] = (
        [
            review(1, "amara-okafor", "APPROVED", head, "2026-11-20T09:00:00Z"),
            review(2, "priya-shah-hha", "APPROVED", old, "2026-11-19T09:00:00Z"),
            review(3, "hmcbride", "APPROVED", head, "2026-11-20T09:01:00Z"),
            review(4, "mellison-bw", "APPROVED", head, "2026-11-20T09:02:00Z"),
        ],
        f'<{api.base}{page_two}>; rel="next"',
    )
    api.routes[page_two] = (
        [
            review(5, "rachel-osei", "CHANGES_REQUESTED", head, "2026-11-20T09:03:00Z"),
            review(6, "stranger", "APPROVED", head, "2026-11-20T09:04:00Z"),
            review(7, "tadeyemi", "APPROVED", head, "2026-11-20T09:05:00Z"),
            review(8, "tadeyemi", "DISMISSED", head, "2026-11-20T09:06:00Z"),
            review(9, "amara-okafor", "COMMENTED", head, "2026-11-20T09:07:00Z"),
        ],
        "",
    )


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return governed_repo(tmp_path)


def test_only_reviews_that_count_become_signed_records(repo: GitRepo, api: tuple[Api, str]) -> None:
    state, base = api
    head = repo.git("rev-parse", "HEAD")
    old = repo.git("rev-parse", "HEAD~1")
    serve_pr(state, head, old)
    code, out = import_pr(repo, base)
    assert code == 0, out
    assert "Recorded approvals/initial/1: Amara Okafor approved" in out
    assert "@priya-shah-hha: approved " in out and "not the merged head" in out
    assert "@hmcbride: Helen McBride does not have the role 'management'" in out
    assert "@mellison-bw: approved their own pull request" in out
    assert "@rachel-osei: last review is changes_requested" in out
    assert "@stranger: not a stakeholder" in out
    assert "@tadeyemi: last review is dismissed" in out
    assert set(state.seen_tokens) == {f"Bearer {TOKEN}"}
    verified = repo.agreekit("verify")
    assert verified.returncode == 0, verified.stdout
    assert "approvals/initial/1: ok: initial approved by amara-okafor" in verified.stdout
    body = repo.git("tag", "-l", "--format=%(contents:body)", "approvals/initial/1")
    assert f"Agreekit-Source: https://github.com/{SLUG}/pull/7#pullrequestreview-1" in body
    again_code, again = import_pr(repo, base)
    assert again_code == 0 and "already recorded: Amara Okafor" in again


def test_an_unmerged_pull_request_is_not_recorded(repo: GitRepo, api: tuple[Api, str]) -> None:
    state, base = api
    head = repo.git("rev-parse", "HEAD")
    serve_pr(state, head, head, merged=False)
    code, out = import_pr(repo, base)
    assert code == 1 and "is not merged" in out
    assert repo.git("tag", "-l") == ""


def test_a_rejected_token_is_reported_without_a_traceback(
    repo: GitRepo, api: tuple[Api, str]
) -> None:
    _, base = api
    code, out = import_pr(repo, base, token="wrong")
    assert code == 2 and "HTTP 401" in out


def test_a_merge_holding_other_text_than_the_reviewed_head_is_refused(
    repo: GitRepo, api: tuple[Api, str]
) -> None:
    state, base = api
    reviewed = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "other", "HEAD~1")
    repo.edit("agreement/sections/terms.md", "## Pricing\n", "## Pricing\n\nPrices double.\n")
    repo.commit("A change nobody reviewed in #7")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-edit", "other")
    serve_pr(state, reviewed, reviewed)
    path = f"/repos/{SLUG}/pulls/7"
    payload, link = state.routes[path]
    state.routes[path] = ({**payload, "merge_commit_sha": repo.git("rev-parse", "HEAD")}, link)
    code, out = import_pr(repo, base)
    assert code == 1 and "than the reviewed head" in out and "a change landed in between" in out
    assert repo.git("tag", "-l") == ""


def test_no_unsigned_records_where_signing_is_required(repo: GitRepo, api: tuple[Api, str]) -> None:
    state, base = api
    head = repo.git("rev-parse", "HEAD")
    serve_pr(state, head, head)
    env = {k: v for k, v in repo.env("recorder").items() if not k.startswith("GIT_CONFIG")}
    env.update(GITHUB_API_URL=base, GITHUB_TOKEN=TOKEN, GITHUB_REPOSITORY=SLUG)
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "approvals", "import-github", "--pr", "7"],
        cwd=repo.root, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1 and "the recorder cannot sign" in result.stderr
    assert repo.git("tag", "-l") == ""


def changed_file(name: str) -> dict[str, Any]:
    """A file as GitHub's "List pull requests files" documents it."""
    return {"sha": "1" * 40, "filename": name, "status": "modified", "additions": 1,
            "deletions": 0, "changes": 1, "blob_url": "", "raw_url": "", "contents_url": "",
            "patch": "@@ -1 +1 @@"}  # fmt: skip


def serve_review_check(
    api: Api, repo: GitRepo, files: list[str], approvals: list[tuple[str, str]]
) -> None:
    head, base = repo.git("rev-parse", "HEAD"), repo.git("rev-parse", "HEAD~1")
    path = f"/repos/{SLUG}/pulls/7"
    payload = pull(head, False, [], author="dreeve")
    payload["base"]["sha"] = base
    api.routes[path] = (payload, "")
    api.routes[f"{path}/reviews?per_page=100"] = (
        [review(i, login, "APPROVED", commit, f"2026-11-20T09:0{i}:00Z")
         for i, (login, commit) in enumerate(approvals)], "",
    )  # fmt: skip
    page_two = f"{path}/files?per_page=100&page=2"
    api.routes[f"{path}/files?per_page=100"] = (
        [changed_file(name) for name in files[:1]],
        f'<{api.base}{page_two}>; rel="next"',
    )
    api.routes[page_two] = ([changed_file(name) for name in files[1:]], "")


def check_reviews(repo: GitRepo, base: str) -> tuple[int, str]:
    env = repo.env("daniel")
    env.update(GITHUB_API_URL=base, GITHUB_TOKEN=TOKEN, GITHUB_REPOSITORY=SLUG)
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "approvals", "check-reviews", "--pr", "7"],
        cwd=repo.root, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


def test_every_role_owning_a_changed_file_must_approve_the_head(
    repo: GitRepo, api: tuple[Api, str]
) -> None:
    state, base = api
    head, old = repo.git("rev-parse", "HEAD"), repo.git("rev-parse", "HEAD~1")
    files = ["agreement/sections/legal.md", "agreement/sections/constraints.md", "README.md"]
    serve_review_check(state, repo, files, [("amara-okafor", head)])
    code, out = check_reviews(repo, base)
    assert code == 1
    assert "missing: legal: no approval of the head commit" in out and "legal.md" in out
    assert "constraints.md" not in out.split("missing:")[1]

    serve_review_check(state, repo, files, [("amara-okafor", head), ("rachel-osei", old)])
    code, out = check_reviews(repo, base)
    assert code == 1 and "missing: legal" in out  # Rachel approved an older commit

    serve_review_check(state, repo, files, [("amara-okafor", head), ("rachel-osei", head)])
    code, out = check_reviews(repo, base)
    assert code == 0, out
    assert "legal: approved" in out and "management: approved" in out

    serve_review_check(state, repo, [".github/allowed_signers"], [("rachel-osei", head)])
    code, out = check_reviews(repo, base)
    assert code == 1 and "missing: management" in out


def test_a_pull_request_cannot_change_who_must_approve_it(
    repo: GitRepo, api: tuple[Api, str]
) -> None:
    state, base = api
    # The head drops legal from legal.md's owners and makes Helen legal; the base still rules.
    repo.edit("agreement/sections/legal.md", "owners: [management, legal]", "owners: [management]")
    repo.edit("agreement/agreement.yml", "roles: [reviewer]", "roles: [legal]")
    head = repo.commit("Who needs legal anyway", who="daniel")
    serve_review_check(state, repo, ["agreement/sections/legal.md"],
                       [("amara-okafor", head), ("hmcbride", head)])  # fmt: skip
    code, out = check_reviews(repo, base)
    assert code == 1 and "missing: legal" in out and "legal: approved" not in out


def test_an_approver_added_in_the_merged_change_is_not_recorded(
    repo: GitRepo, api: tuple[Api, str]
) -> None:
    state, base = api
    repo.edit("agreement/agreement.yml", "    github: hmcbride\n    roles: [reviewer]",
              "    github: hmcbride\n    roles: [management]")  # fmt: skip
    head = repo.commit("Helen joins management")
    serve_pr(state, head, head)
    code, out = import_pr(repo, base)
    assert "Recorded approvals/initial/1: Amara Okafor" in out
    assert "not recorded: Helen McBride is not a management stakeholder before the merge" in out
    assert repo.agreekit("verify").returncode == 0
