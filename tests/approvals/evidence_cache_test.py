"""What git said of each approval tag is kept by tag object; the audit reads everything afresh."""

from __future__ import annotations

import json
from pathlib import Path

from agreekit.approvals.evidence import gather
from gitrepo import GitRepo, governed_repo

CACHE = Path(".git/agreekit/records.json")


def approved(tmp_path: Path) -> GitRepo:
    repo = governed_repo(tmp_path)
    result = repo.agreekit("approve", "initial", who="amara")
    assert result.returncode == 0, result.stdout + result.stderr
    return repo


def entries(repo: GitRepo) -> dict[str, dict[str, object]]:
    return json.loads((repo.root / CACHE).read_text("utf-8"))["records"]  # type: ignore[no-any-return]


def test_evidence_is_kept_by_tag_object_and_gives_the_same_verdicts(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    first = gather(repo.root)
    tag_object = repo.git("rev-parse", "approvals/initial/1")
    assert list(entries(repo)) == [tag_object]
    assert entries(repo)[tag_object]["record"]["approver"] == "amara-okafor"  # type: ignore[index]
    again = gather(repo.root)  # from the cache this time
    assert again.verdicts == first.verdicts
    assert again.verdicts[0].valid


def test_the_same_tag_object_under_another_name_keeps_that_name(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    gather(repo.root)
    tag_object = repo.git("rev-parse", "approvals/initial/1")
    repo.git("update-ref", "refs/tags/approvals/initial/2", tag_object)
    names = sorted(v.record.name for v in gather(repo.root).verdicts)
    assert names == ["approvals/initial/1", "approvals/initial/2"]


def test_a_poisoned_cache_does_not_fool_verify(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    gather(repo.root)
    stored = json.loads((repo.root / CACHE).read_text("utf-8"))
    for entry in stored["records"].values():
        entry["record"]["approver"] = "mallory"
    (repo.root / CACHE).write_text(json.dumps(stored), "utf-8")
    assert gather(repo.root).verdicts[0].record.approver == "mallory"  # status trusts .git
    audit = repo.agreekit("verify")
    assert audit.returncode == 0, audit.stdout
    assert "initial approved by amara-okafor" in audit.stdout


def test_an_unreadable_cache_is_ignored(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    tag_object = repo.git("rev-parse", "approvals/initial/1")
    (repo.root / CACHE).parent.mkdir(parents=True, exist_ok=True)
    broken = {"version": 1, "records": {tag_object: {"record": 3, "people": "none"}}}
    (repo.root / CACHE).write_text(json.dumps(broken), "utf-8")
    assert gather(repo.root).verdicts[0].valid
    assert entries(repo)[tag_object]["record"]["approver"] == "amara-okafor"  # type: ignore[index]
    (repo.root / CACHE).write_text("not json", "utf-8")
    assert gather(repo.root).verdicts[0].valid
