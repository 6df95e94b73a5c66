"""Each attack on the approval records, with real SSH keys and real git, is rejected by verify,
status and release alike, each naming the record and the rule it breaks."""

from __future__ import annotations

from pathlib import Path

from forgery import content, forge, plant, rejected_everywhere, tag_object, trailers
from gitrepo import PEOPLE, governed_repo


def test_dropping_the_signers_file_does_not_switch_signing_off(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    (repo.root / ".github" / "allowed_signers").unlink()
    repo.commit("Tidy .github", who="mallory")
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget", who="mallory")
    forge(repo, "approvals/legal/1", "legal", "rachel", "legal", who="mallory", flag="-a")
    rejected_everywhere(repo, "approvals/legal/1", "not signed, but the repository has an allowed")
    assert "dropped .github/allowed_signers without management's signed governance approval" in (
        repo.agreekit("verify").stdout
    )
    assert "approvals/initial/1: stale" in repo.agreekit("verify").stdout  # still verifies


def test_a_governance_approval_lets_the_signers_file_go(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path, signed=True)
    (repo.root / ".github" / "allowed_signers").unlink()
    repo.commit("Stop signing records", who="daniel")
    governance = repo.agreekit("approve", "governance", who="amara")
    assert governance.returncode == 0, governance.stdout
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget", who="daniel")
    approved = repo.agreekit("approve", "initial", who="priya")
    assert approved.returncode == 0 and "Recorded tag" in approved.stdout  # unsigned now
    audit = repo.agreekit("verify")
    assert audit.returncode == 0, audit.stdout


def test_a_changed_signers_file_takes_effect_only_with_governance_approval(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    signers = repo.root / ".github" / "allowed_signers"
    signers.write_text(signers.read_text() + repo.signer_line("mallory", PEOPLE["amara"][1]) + "\n")
    repo.commit("Add a key", who="mallory")
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget", who="mallory")
    forge(repo, "approvals/initial/1", "initial", "amara", "management", who="mallory")
    rejected_everywhere(repo, "approvals/initial/1", "signature does not verify")
    assert "changed .github/allowed_signers without management's signed governance" in (
        repo.agreekit("verify").stdout
    )


def test_an_orphan_history_merged_with_ours_vouches_for_nothing(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.git("checkout", "-q", "--orphan", "evil", who="mallory")
    signers = ["amara", "rachel", "mark", "priya"]
    (repo.root / ".github" / "allowed_signers").write_text(
        "".join(repo.signer_line("mallory", PEOPLE[p][1]) + "\n" for p in signers)
    )
    repo.commit("Same text, our signers", who="mallory")
    (repo.root / "NOTES.md").write_text("notes\n")
    repo.commit("A note", who="mallory")
    for stage, who, role in (("initial", "amara", "management"), ("legal", "rachel", "legal"),
                             ("final", "priya", "management")):  # fmt: skip
        forge(repo, f"approvals/{stage}/1", stage, who, role, who="mallory")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "-s", "ours", "--allow-unrelated-histories", "-m", "Merge", "evil")
    rejected_everywhere(repo, "approvals/initial/1", "an orphan history vouches for nothing")
    out = repo.agreekit("verify").stdout
    assert out.count("an orphan history vouches for nothing") == 3


def test_source_is_a_note_never_a_bypass_of_the_own_change_rule(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    repo.commit("Open the budget", who="amara")
    refused = repo.agreekit("approve", "initial", "--source", "https://anything", who="amara")
    assert refused.returncode == 1 and "nobody approves their own change" in refused.stderr
    text = trailers(
        "initial", "amara", "management", content(repo), "https://github.com/x/y/pull/1"
    )
    plant(repo, "approvals/initial/1",
          tag_object(repo, "amara", "approvals/initial/1", f"Approved: x\n\n{text}\n".encode()))  # fmt: skip
    rejected_everywhere(repo, "approvals/initial/1", "amara-okafor approves their own change")


def test_a_tag_object_replayed_under_another_name_or_commit(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    oid = repo.git("rev-parse", "approvals/initial/1")
    repo.git("update-ref", "refs/tags/approvals/final/1", oid)
    rejected_everywhere(repo, "approvals/final/1", "a tag object counts only under its own name")
    repo.git("tag", "-d", "approvals/final/1")
    # The same message and signature, pointed at another commit.
    raw = repo.git("cat-file", "tag", oid)
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is open.")
    other = repo.commit("Open the budget")
    original = repo.git("rev-parse", "approvals/initial/1^{commit}")
    import subprocess

    moved = raw.replace(original, other).encode() + b"\n"
    new = subprocess.run(["git", "hash-object", "-t", "tag", "-w", "--literally", "--stdin"],
                         cwd=repo.root, input=moved, capture_output=True, check=True)  # fmt: skip
    repo.git("tag", "-d", "approvals/initial/1")
    plant(repo, "approvals/initial/1", new.stdout.decode().strip())
    rejected_everywhere(repo, "approvals/initial/1", "signature does not verify")


def test_a_tag_pointing_at_a_tree_or_a_blob(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    text = f"Approved: x\n\n{trailers('initial', 'amara', 'management', content(repo))}\n".encode()
    for kind, target in (("tree", "HEAD^{tree}"), ("blob", "HEAD:agreement/agreement.yml")):
        plant(repo, "approvals/initial/1",
              tag_object(repo, "amara", "approvals/initial/1", text, target=target, kind=kind))  # fmt: skip
        rejected_everywhere(
            repo, "approvals/initial/1", f"the tag points at a {kind}, not a commit"
        )


def test_a_lying_content_id(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    forge(repo, "approvals/initial/1", "initial", "amara", "management", "amara", content="ab" * 20)
    rejected_everywhere(repo, "approvals/initial/1", "but the tagged commit's agreement is")


def test_duplicate_or_odd_stage_numbering(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    forge(repo, "approvals/initial/01", "initial", "amara", "management", "amara")
    rejected_everywhere(repo, "approvals/initial/01", "is not named approvals/<stage>/<n>")
    repo.git("tag", "-d", "approvals/initial/01")
    forge(repo, "approvals/initial/1", "final", "amara", "management", "amara")
    rejected_everywhere(repo, "approvals/initial/1", "named for stage 'initial' but its trailers")
    repo.git("tag", "-d", "approvals/initial/1")
    body = trailers("initial", "amara", "management", content(repo)) + "\nAgreekit-Stage: final"
    plant(repo, "approvals/initial/1",
          tag_object(repo, "amara", "approvals/initial/1", f"Approved\n\n{body}\n".encode()))  # fmt: skip
    rejected_everywhere(repo, "approvals/initial/1", "trailer Agreekit-Stage is given twice")


def test_a_record_of_no_workflow_step_is_shown_by_status_too(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    forge(repo, "approvals/governance/1", "governance", "amara", "management", who="mallory")
    rejected_everywhere(repo, "approvals/governance/1", "signature does not verify")
    repo.git("tag", "-d", "approvals/governance/1")
    forge(repo, "approvals/bogus/1", "bogus", "amara", "management", who="amara")
    rejected_everywhere(repo, "approvals/bogus/1", "unknown stage 'bogus'")


def test_a_pinned_first_root_survives_an_orphan_merged_as_first_parent(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    root = repo.git("rev-list", "--max-parents=0", "HEAD")
    repo.git("checkout", "-q", "--orphan", "evil", who="mallory")
    (repo.root / ".github" / "allowed_signers").write_text(
        repo.signer_line("mallory", PEOPLE["amara"][1]) + "\n"
    )
    repo.commit("Same text, our signers", who="mallory")
    repo.git("merge", "-q", "-s", "ours", "--allow-unrelated-histories", "-m", "Merge", "main",
             who="mallory")  # fmt: skip
    (repo.root / "NOTES.md").write_text("notes\n")
    repo.commit("A note", who="mallory")
    forge(repo, "approvals/initial/1", "initial", "amara", "management", who="mallory")
    repo.git("config", "agreekit.root", root)  # the verifier's own, never committed, pin
    rejected_everywhere(repo, "approvals/initial/1", "signature does not verify")
