"""On a branch that does not contain an approved commit, that approval belongs to another line of
history: verify says so and does not fail, and it counts for nothing there."""

from __future__ import annotations

from pathlib import Path

from gitrepo import governed_repo


def test_verify_on_a_branch_without_the_approved_commit(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    approved = repo.agreekit("approve", "initial", who="amara")
    assert approved.returncode == 0, approved.stderr
    repo.git("switch", "-q", "-c", "other", "HEAD~1")
    result = repo.agreekit("verify")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "approvals/initial/1: on another line of history (not in HEAD's)" in result.stdout
    assert "REJECTED" not in result.stdout
    assert (
        "1 records: 0 rejected, 0 stale, 0 revoked. 1 on another line of history." in result.stdout
    )
    status = repo.agreekit("status")
    assert status.returncode == 0 and "rejected by verify" not in status.stdout
    # back on the line it belongs to, it is judged there as before
    repo.git("switch", "-q", "main")
    assert "approvals/initial/1: ok" in repo.agreekit("verify").stdout


def test_a_forged_record_on_this_line_is_still_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.git(
        "tag", "-a", "-m", "initial approved\n\nAgreekit-Stage: initial\n", "approvals/initial/1"
    )
    result = repo.agreekit("verify")
    assert result.returncode == 1 and "approvals/initial/1: REJECTED" in result.stdout
