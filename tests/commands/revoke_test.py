"""`agreekit revoke`: a record written with the wrong key no longer blocks anything, once revoked."""

from __future__ import annotations

from pathlib import Path

from forgery import forge
from gitrepo import governed_repo


def test_a_wrong_key_record_is_revoked_by_its_approver_and_stops_blocking(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    # Someone records Rachel's legal approval with their own key: verify rejects it for ever.
    forge(repo, "approvals/legal/1", "legal", "rachel", "legal", who="mark")
    out = repo.agreekit("verify").stdout
    assert "approvals/legal/1: REJECTED" in out
    status = repo.agreekit("status", "--json").stdout
    assert "approvals/legal/1 rejected by verify" in status

    refused = repo.agreekit("revoke", "approvals/legal/1", "--reason", "not mine", who="helen")
    assert (
        refused.returncode == 1
        and "only its approver (rachel-osei) or management" in refused.stderr
    )
    revoked = repo.agreekit("revoke", "approvals/legal/1", "--reason", "not my key", who="rachel")
    assert revoked.returncode == 0, revoked.stdout + revoked.stderr
    assert "Recorded signed tag approvals/revoke/1" in revoked.stdout

    result = repo.agreekit("verify")
    assert result.returncode == 0, result.stdout
    assert "approvals/legal/1: revoked by approvals/revoke/1: not my key" in result.stdout
    assert "approvals/revoke/1: ok" in result.stdout
    assert "rejected by verify" not in repo.agreekit("status", "--json").stdout
    # The real approval can now be given.
    assert repo.agreekit("approve", "legal", who="rachel").returncode == 0
    assert repo.agreekit("verify").returncode == 0


def test_management_may_revoke_and_a_forged_revocation_counts_for_nothing(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    oid = repo.git("rev-parse", "approvals/initial/1")
    # Mallory forges a revocation of Amara's approval, signed with her own key.
    from agreekit.approvals.content import content_id_of_folder
    from agreekit.approvals.record import message

    text = message("revoke", "approved", "amara-okafor", "management",
                   content_id_of_folder(repo.root / "agreement") or "", "local", "revocation",
                   revokes=f"approvals/initial/1 {oid}", reason="gone")  # fmt: skip
    repo.git("tag", "-s", "-m", text, "approvals/revoke/1", who="mallory")
    out = repo.agreekit("verify").stdout
    assert "approvals/initial/1: ok" in out and "approvals/revoke/1: REJECTED" in out
    repo.git("tag", "-d", "approvals/revoke/1")
    revoked = repo.agreekit("revoke", "approvals/initial/1", "--reason", "wrong text", who="priya")
    assert revoked.returncode == 0, revoked.stdout
    out = repo.agreekit("verify").stdout
    assert "approvals/initial/1: revoked by approvals/revoke/1: wrong text" in out
    states = repo.agreekit("status", "--json").stdout
    assert '"number": 10' in states and "no approval yet" in states


def test_a_revocation_outside_the_history_of_head_revokes_nothing(tmp_path: Path) -> None:
    from agreekit.approvals.content import content_id_of_folder
    from agreekit.approvals.record import message

    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    oid = repo.git("rev-parse", "approvals/initial/1")
    repo.git("checkout", "-q", "-b", "side", who="mallory")
    for n in range(2):  # the revocation's commit and its parent both outside HEAD's history
        (repo.root / "NOTE.md").write_text(f"{n}\n")
        repo.commit(f"Side commit {n}", who="mallory")
    text = message("revoke", "approved", "amara-okafor", "management",
                   content_id_of_folder(repo.root / "agreement") or "", "local", "revocation",
                   revokes=f"approvals/initial/1 {oid}", reason="gone")  # fmt: skip
    repo.git("tag", "-a", "-m", text, "approvals/revoke/1", who="mallory")
    repo.git("checkout", "-q", "main")
    verified = repo.agreekit("verify")
    out = verified.stdout
    # it belongs to another line of history: it counts for nothing here, so revokes nothing
    assert "approvals/initial/1: ok" in out
    assert "approvals/revoke/1: on another line of history (not in HEAD's)" in out
    assert verified.returncode == 0
