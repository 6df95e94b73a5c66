"""From `agreekit init` to a verified final approval and a release, following the README, with git
driven as four different people (each their own SSH key, user.name and user.email)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE
from gitrepo import GitRepo, make_keys

PEOPLE = ("daniel", "amara", "rachel", "mark")


def test_init_to_verified_release(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    make_keys(keys, list(PEOPLE))
    root = tmp_path / "our-agreement"
    init = subprocess.run([sys.executable, "-m", "agreekit", "init", str(root)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert init.returncode == 0, init.stdout + init.stderr
    repo = GitRepo(root, keys)

    # The owner fills in agreement.yml (stakeholders, teams) and the signers file, regenerates
    # CODEOWNERS, and commits these rules first: the first commit vouches for itself.
    shutil.copy(SAMPLE / "agreement.yml", root / "agreement" / "agreement.yml")
    repo.write_signers(*PEOPLE)
    written = repo.agreekit("codeowners", "--write")
    assert written.returncode == 0, written.stdout + written.stderr
    repo.commit("Stakeholders, teams and signers", who="daniel")

    # Then the text (here: the sample's sections and records), in its own commits.
    shutil.rmtree(root / "agreement" / "sections")
    shutil.copytree(SAMPLE / "sections", root / "agreement" / "sections")
    shutil.rmtree(root / "agreement" / "records", ignore_errors=True)  # init wrote templates
    shutil.copytree(SAMPLE / "records", root / "agreement" / "records")
    communication = root / "agreement" / "records" / "communication.yml"
    communication.write_text(
        communication.read_text().replace(
            "  - department: ", "  - told: 2026-11-25\n    department: "
        )
    )
    repo.commit("Write the agreement", who="daniel")
    check = repo.agreekit("check")
    assert check.returncode == 0, check.stdout + check.stderr

    for stage, who in (("initial", "amara"), ("legal", "rachel"), ("final", "amara")):
        approved = repo.agreekit("approve", stage, who=who)
        assert approved.returncode == 0, approved.stdout + approved.stderr
        assert f"Recorded signed tag approvals/{stage}/1" in approved.stdout
    verified = repo.agreekit("verify", "--strict")
    assert verified.returncode == 0, verified.stdout
    for who in ("amara", "mark"):
        signed = repo.agreekit("sign", who=who)
        assert signed.returncode == 0, signed.stdout + signed.stderr
    released = repo.agreekit("release", "v1.0.0", who="daniel")
    assert released.returncode == 0, released.stdout + released.stderr
    audit = repo.agreekit("verify", "--strict")
    assert audit.returncode == 0 and "5 records: 0 rejected" in audit.stdout, audit.stdout
    authors = repo.git("log", "--format=%ae").splitlines()
    taggers = repo.git("for-each-ref", "--format=%(taggeremail)", "refs/tags/approvals/")
    assert len(set(authors) | set(taggers.splitlines())) >= 3


def test_stakeholders_that_come_with_the_approved_commit_are_refused_before_writing(
    tmp_path: Path,
) -> None:
    keys = tmp_path / "keys"
    make_keys(keys, list(PEOPLE))
    root = tmp_path / "our-agreement"
    subprocess.run([sys.executable, "-m", "agreekit", "init", str(root)], check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    repo = GitRepo(root, keys)
    repo.commit("agreekit init", who="daniel")  # placeholder stakeholders
    shutil.rmtree(root / "agreement")
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    repo.write_signers(*PEOPLE)
    repo.commit("Stakeholders and the text together", who="daniel")
    refused = repo.agreekit("approve", "initial", who="amara")
    assert refused.returncode == 1
    assert "not a stakeholder as of the commit before HEAD" in refused.stderr
    assert "merge the stakeholder change first" in refused.stderr
    assert repo.git("tag", "-l") == ""
