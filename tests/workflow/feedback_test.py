"""`agreekit feedback`: records and GitHub review comments in one report, open items first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, SampleRepo

COMMENTS = ROOT / "tests" / "fixtures" / "github" / "review-comments.json"


def test_sample_feedback_is_all_resolved(sample: SampleRepo) -> None:
    result = sample.cli("feedback", "--check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == "0 of 10 feedback items open."


def test_pending_negotiation_item_fails_check(sample: SampleRepo) -> None:
    sample.replace("records/negotiation.yml", "    status: agreed\n", "    status: pending\n")
    result = sample.cli("feedback", "--check")
    assert result.returncode == 1
    assert "open: service-levels: p2-resolution-target (negotiation)" in result.stdout


def test_report_puts_open_items_first_grouped_by_section(sample: SampleRepo) -> None:
    shutil.copy(COMMENTS, sample.root / "comments.json")
    result = sample.cli("feedback", "--comments", "comments.json")
    assert result.returncode == 0, result.stderr
    report = (sample.root / "dist" / "feedback.md").read_text()
    assert "12 items: 2 open, 10 resolved." in report
    open_part, resolved_part = report.split("## Resolved")
    # the reply (in_reply_to_id) folds into its thread: two threads, both open
    assert open_part.count("pull request review") == 2
    assert open_part.index("### Service levels and performance") < open_part.index(
        "### Terms of service and costs"
    )
    assert "Tom Adeyemi" in open_part  # GitHub handle tadeyemi resolved to the stakeholder
    assert "(agreement/sections/terms.md:44)" in open_part  # original_line when line is null
    assert "pull request review" not in resolved_part
    html = (sample.root / "dist" / "feedback.html").read_text()
    assert "<h2>Open</h2>" in html and "<h2>Resolved</h2>" in html


def test_a_comment_tracked_by_a_record_takes_its_status(sample: SampleRepo) -> None:
    shutil.copy(COMMENTS, sample.root / "comments.json")
    sample.replace(
        "records/negotiation.yml",
        "    resolved: 2026-11-06\n",
        "    resolved: 2026-11-06\n"
        "    source: https://github.com/harbourside/itsa/pull/12#discussion_r2003\n",
    )
    result = sample.cli("feedback", "--comments", "comments.json", "--check")
    assert result.returncode == 1
    assert "1 of 12 feedback items open." in result.stdout
    assert "comment 2003" not in result.stdout


def test_comments_not_in_githubs_format_are_a_clear_error(sample: SampleRepo) -> None:
    (sample.root / "bad.json").write_text(json.dumps([{"body": "no path"}]))
    result = sample.cli("feedback", "--comments", "bad.json")
    assert result.returncode == 2
    assert "expected GitHub's format" in result.stderr
    assert "Traceback" not in result.stderr
    (sample.root / "broken.json").write_text("[{")
    result = sample.cli("feedback", "--comments", "broken.json")
    assert "broken.json:1:3: not JSON" in result.stderr


def test_feedback_writes_nothing_with_check(sample: SampleRepo, tmp_path: Path) -> None:
    sample.cli("feedback", "--check")
    assert not (sample.root / "dist").exists()


def test_one_users_file_among_the_targets_means_nothing_is_written(sample: SampleRepo) -> None:
    dist = sample.root / "dist"
    dist.mkdir()
    (dist / "feedback.html").write_text("<p>my summary</p>")
    refused = sample.cli("feedback")
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith("pass --force to replace it, or move it away")
    assert sorted(p.name for p in dist.iterdir()) == ["feedback.html"]
    assert sample.cli("feedback", "--force").returncode == 0
    assert sample.cli("feedback").returncode == 0  # now both are agreekit's


def test_a_hostile_comment_reaches_feedback_html_without_script(sample: SampleRepo) -> None:
    comments = json.loads(COMMENTS.read_text())
    comments[0]["body"] = (
        'Fine <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">see</a>\n\n'
        "<script>alert(1)</script>"
    )
    (sample.root / "comments.json").write_text(json.dumps(comments))
    result = sample.cli("feedback", "--comments", "comments.json")
    assert result.returncode == 0, result.stderr
    html = (sample.root / "dist" / "feedback.html").read_text()
    assert "Fine" in html
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html


def _pages(comments: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    return [comments[:1], comments[1:2], comments[2:]]


def test_comments_saved_by_gh_api_paginate_slurp_or_as_a_folder_of_pages(
    sample: SampleRepo,
) -> None:
    comments = json.loads(COMMENTS.read_text())
    pages = _pages(comments)
    assert all(pages)
    # gh api --paginate: the pages' arrays one after another
    (sample.root / "paginate.json").write_text("".join(json.dumps(page) for page in pages))
    # gh api --paginate --slurp: one array of the pages
    (sample.root / "slurp.json").write_text(json.dumps(pages))
    folder = sample.root / "pages"
    folder.mkdir()
    for number, page in enumerate(pages, start=1):
        (folder / f"page-{number}.json").write_text(json.dumps(page, indent=2))
    for given in ("comments.json", "paginate.json", "slurp.json", "pages"):
        if given == "comments.json":
            shutil.copy(COMMENTS, sample.root / given)
        result = sample.cli("feedback", "--comments", given, "--check")
        assert result.returncode == 1, (given, result.stderr)
        assert "2 of 12 feedback items open." in result.stdout, given


def test_githubs_documented_comment_and_a_deleted_author(sample: SampleRepo) -> None:
    documented = json.loads(
        (ROOT / "tests/fixtures/github/openapi/pull-request-review-comment-items.json").read_text()
    )
    ghost = dict(documented[0], id=99, user=None, html_url="https://github.com/o/r/pull/1#r99")
    (sample.root / "comments.json").write_text(json.dumps(documented + [ghost]))
    result = sample.cli("feedback", "--comments", "comments.json")
    assert result.returncode == 0, result.stderr
    report = (sample.root / "dist" / "feedback.md").read_text()
    assert "**comment 10**" in report and "octocat" in report
    assert (
        "**comment 99** ([pull request review](https://github.com/o/r/pull/1#r99), ghost)" in report
    )


def test_an_empty_folder_or_a_page_of_objects_is_a_clear_error(sample: SampleRepo) -> None:
    (sample.root / "empty").mkdir()
    result = sample.cli("feedback", "--comments", "empty")
    assert result.returncode == 2 and "no *.json pages" in result.stderr
    (sample.root / "error.json").write_text('{"message": "Not Found"}')
    result = sample.cli("feedback", "--comments", "error.json")
    assert "error.json:1:1: expected a JSON list" in result.stderr
    assert "Traceback" not in result.stderr
