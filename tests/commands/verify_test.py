"""`agreekit verify` rejects each attack of DESIGN section 7, in real repositories with real keys."""

from __future__ import annotations

from pathlib import Path

from forgery import forge
from gitrepo import PEOPLE, GitRepo, governed_repo


def verify(repo: GitRepo) -> tuple[int, str]:
    result = repo.agreekit("verify")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def test_a_signed_approval_by_the_right_role_verifies(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    approved = repo.agreekit("approve", "initial", who="amara")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "Recorded signed tag approvals/initial/1" in approved.stdout
    code, out = verify(repo)
    assert code == 0, out
    assert "approvals/initial/1: ok: initial approved by amara-okafor (management)" in out


def test_signer_not_in_the_signers_file_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    # Mallory signs with her own key a record that claims Amara approved.
    forge(repo, "approvals/initial/1", "initial", "amara", "management", who="mallory")
    code, out = verify(repo)
    assert code == 1
    assert "REJECTED" in out and "signature does not verify" in out


def test_signer_with_the_wrong_role_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    refused = repo.agreekit("approve", "initial", who="helen")
    assert refused.returncode == 1 and "does not have the role 'management'" in refused.stderr
    forge(repo, "approvals/initial/1", "initial", "helen", "management", who="helen")
    code, out = verify(repo)
    assert code == 1
    assert "helen-mcbride does not have the role 'management'" in out


def test_a_role_granted_in_the_approved_change_does_not_count(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.edit("agreement/agreement.yml", "roles: [reviewer]", "roles: [management]")
    repo.commit("Make Helen a manager", who="daniel")
    forge(repo, "approvals/initial/1", "initial", "helen", "management", who="helen")
    code, out = verify(repo)
    assert code == 1 and "does not have the role 'management'" in out


def test_signers_file_changed_in_the_change_that_uses_it_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    signers = repo.root / ".github" / "allowed_signers"
    signers.write_text(signers.read_text() + repo.signer_line("mallory", PEOPLE["amara"][1]) + "\n")
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget", who="daniel")
    forge(repo, "approvals/initial/1", "initial", "amara", "management", who="mallory")
    code, out = verify(repo)
    assert code == 1
    assert "the approved change edited the signers file" in out


def test_approval_of_other_text_than_head_is_stale(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget")
    code, out = verify(repo)
    assert code == 0 and "stale (the text changed since)" in out
    assert repo.agreekit("verify", "--strict").returncode == 1


def test_a_record_claiming_other_content_than_its_commit_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    forge(repo, "approvals/initial/1", "initial", "amara", "management", "amara", content="ab" * 20)
    code, out = verify(repo)
    assert code == 1 and "but the tagged commit's agreement is" in out


def test_unsigned_tag_where_signing_is_required_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    forge(repo, "approvals/initial/1", "initial", "amara", "management", who="amara", flag="-a")
    code, out = verify(repo)
    assert code == 1 and "not signed, but the repository has an allowed-signers file" in out


def test_lightweight_tag_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.git("tag", "approvals/initial/1")
    code, out = verify(repo)
    assert code == 1 and "a lightweight tag carries no approval" in out


def test_stages_out_of_order_are_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    refused = repo.agreekit("approve", "legal", who="rachel")
    assert refused.returncode == 1 and "comes after initial" in refused.stderr
    forge(repo, "approvals/legal/1", "legal", "rachel", "legal", who="rachel")
    code, out = verify(repo)
    assert code == 1 and "stage 'legal' recorded before stage 'initial'" in out


def test_approving_ones_own_change_is_rejected(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget", who="amara")
    refused = repo.agreekit("approve", "initial", who="amara")
    assert refused.returncode == 1 and "nobody approves their own change" in refused.stderr
    forge(repo, "approvals/initial/1", "initial", "amara", "management", who="amara")
    code, out = verify(repo)
    assert code == 1 and "amara-okafor approves their own change" in out


def test_without_a_signers_file_annotated_unsigned_approvals_count(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path, signed=False)
    approved = repo.agreekit("approve", "initial", who="amara")
    assert "Recorded tag approvals/initial/1" in approved.stdout
    code, out = verify(repo)
    assert code == 0, out


def test_uncommitted_changes_cannot_be_approved(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    refused = repo.agreekit("approve", "initial", who="amara")
    assert refused.returncode == 1 and "uncommitted changes" in refused.stderr
