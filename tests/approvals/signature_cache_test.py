"""Signature verdicts are remembered per tag object and signers text; the audit trusts none."""

from __future__ import annotations

import json
from pathlib import Path

from gitrepo import GitRepo, governed_repo

CACHE = Path(".git/agreekit/signatures.json")


def cached(repo: GitRepo) -> dict[str, list[str]]:
    return json.loads((repo.root / CACHE).read_text("utf-8"))  # type: ignore[no-any-return]


def approved(tmp_path: Path) -> GitRepo:
    repo = governed_repo(tmp_path)
    result = repo.agreekit("approve", "initial", who="amara")
    assert result.returncode == 0, result.stdout + result.stderr
    return repo


def test_status_remembers_each_verdict_by_tag_object_and_signers(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    assert repo.agreekit("status").returncode in (0, 1)
    tag_object = repo.git("rev-parse", "approvals/initial/1")
    [(key, verdict)] = cached(repo).items()
    assert key.split()[0] == tag_object
    assert verdict == ["good", "amara.okafor@harbourside-housing.example", ""]


def test_a_poisoned_cache_does_not_fool_verify(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    repo.agreekit("status")
    # Someone with access to .git marks every signature bad; the audit must look afresh.
    poisoned = {key: ["bad", "", "forged"] for key in cached(repo)}
    (repo.root / CACHE).write_text(json.dumps(poisoned), "utf-8")
    result = repo.agreekit("verify")
    assert result.returncode == 0, result.stdout
    assert "approvals/initial/1: ok" in result.stdout
    # status does trust its cache (which is why it lives in .git, never committed or shared).
    assert "signature does not verify" in repo.agreekit("status", "--json").stdout


def test_other_signers_text_is_verified_afresh(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    repo.agreekit("status")
    before = set(cached(repo))
    repo.write_signers("amara", "rachel")  # a different allowed-signers text at HEAD...
    repo.commit("Fewer signers")
    repo.agreekit("status")
    # ...does not change what vouches for the old record (its parent's file), so no new entry.
    assert set(cached(repo)) == before


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    repo = approved(tmp_path)
    (repo.root / CACHE).parent.mkdir(parents=True, exist_ok=True)
    (repo.root / CACHE).write_text("{not json", "utf-8")
    result = repo.agreekit("status")
    assert "Traceback" not in result.stderr
    assert list(cached(repo).values()) == [["good", "amara.okafor@harbourside-housing.example", ""]]
