"""`agreekit approve` and `sign` refuse before writing anything verify would reject."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gitrepo import governed_repo


def test_a_key_that_is_not_the_approvers_is_refused(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    assert repo.agreekit("approve", "initial", who="amara").returncode == 0
    refused = repo.agreekit("approve", "legal", "--as", "rachel-osei", who="mark")
    assert refused.returncode == 1
    assert "git would sign with a key that is not Rachel Osei's" in refused.stderr
    assert repo.git("tag", "-l", "approvals/legal/*") == ""


def test_signing_required_but_not_set_up_is_refused(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    env = {k: v for k, v in repo.env("amara").items() if not k.startswith("GIT_CONFIG")}
    env.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="user.email",
               GIT_CONFIG_VALUE_0="amara.okafor@harbourside-housing.example")  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "agreekit", "approve", "initial"],
                            cwd=repo.root, env=env, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "records must be signed here" in result.stderr and "gpg.format" in result.stderr
    assert repo.git("tag", "-l") == ""


def test_text_with_findings_is_not_approved(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    escalation = "agreement/sections/escalation.md"
    repo.edit(escalation, "## Escalation procedure\n", "## Escalation procedure\n\nTBD\n")
    repo.commit("Escalation procedure still to write")
    refused = repo.agreekit("approve", "initial", who="amara")
    assert refused.returncode == 1
    assert "step 9 (Escalation procedures) is not done" in refused.stderr
    assert "step 10 needs steps 1-9 clean" in refused.stderr
    assert repo.git("tag", "-l") == ""


def test_a_control_character_in_source_is_refused_without_a_record(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    result = repo.agreekit("approve", "initial", "--source", "x\x1fy", who="amara")
    assert result.returncode == 2 and "cannot hold control characters" in result.stderr
    assert "Traceback" not in result.stderr and repo.git("tag", "-l") == ""


def test_a_signatory_signs_text_they_committed_but_no_one_approves_their_own(
    tmp_path: Path,
) -> None:
    repo = governed_repo(tmp_path)
    for stage, who in (("initial", "priya"), ("legal", "rachel")):
        assert repo.agreekit("approve", stage, who=who).returncode == 0
    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is capped.")
    repo.commit("Final wording", who="amara")
    own = repo.agreekit("approve", "final", who="amara")
    assert own.returncode == 1 and "nobody approves their own change" in own.stderr
    assert repo.agreekit("approve", "final", who="priya").returncode == 0
    signed = repo.agreekit("sign", who="amara")
    assert signed.returncode == 0, signed.stderr
    assert repo.agreekit("verify").returncode == 0
