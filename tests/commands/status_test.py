"""`agreekit status` walked through the workflow in a real repository with signed approvals."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SampleRepo
from gitrepo import GitRepo, governed_repo


def states(repo: GitRepo) -> dict[int, str]:
    result = repo.agreekit("status", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    return {step["number"]: step["state"] for step in json.loads(result.stdout)["steps"]}


def status(repo: GitRepo) -> dict[str, object]:
    parsed: dict[str, object] = json.loads(repo.agreekit("status", "--json").stdout)
    return parsed


def approve(repo: GitRepo, stage: str, who: str) -> None:
    result = repo.agreekit("approve", stage, who=who)
    assert result.returncode == 0, result.stdout + result.stderr


def test_walk_through_the_approvals(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    escalation = "agreement/sections/escalation.md"
    repo.edit(escalation, "## Escalation procedure\n", "## Escalation procedure\n\nTBD\n")
    repo.commit("Escalation procedure still to write")
    walk = states(repo)
    assert walk[9] == "ready" and walk[10] == "blocked" and walk[12] == "blocked"
    assert status(repo)["next"] == 9

    repo.edit(escalation, "\nTBD\n", "")
    repo.commit("Write the escalation procedure")
    walk = states(repo)
    assert [walk[n] for n in range(1, 11)] == ["done"] * 9 + ["ready"]
    assert status(repo)["progress"] == 47

    approve(repo, "initial", "amara")
    walk = states(repo)
    assert walk[10] == "done" and walk[12] == "ready" and walk[15] == "blocked"
    assert walk[11] == "done"  # the sample's negotiation record has every item agreed
    assert walk[13] == "blocked"  # its record is complete, but legal has not approved yet
    steps = status(repo)["steps"]
    assert isinstance(steps, list)
    assert steps[11]["actors"] == ["Rachel Osei"]

    repo.edit("agreement/sections/constraints.md", "The budget is fixed.", "The budget is agreed.")
    repo.commit("Negotiated: the budget is agreed")
    assert states(repo)[10] == "stale"

    approve(repo, "initial", "priya")
    assert states(repo)[10] == "done"

    approve(repo, "legal", "rachel")
    walk = states(repo)
    assert walk[12] == "done" and walk[15] == "ready"

    repo.edit(
        "agreement/sections/legal.md", "## Confidentiality\n", "## Confidentiality\n\nAs agreed.\n"
    )
    repo.commit("Legal review edits")
    walk = states(repo)
    assert walk[10] == "stale" and walk[12] == "stale"
    # step 13 waits for legal to approve its own edits, and the final approval for step 13
    assert walk[13] == "ready" and walk[15] == "blocked" and status(repo)["next"] == 13
    approve(repo, "final", "amara")
    walk = states(repo)  # legal's part changed: final does not re-approve it
    assert [walk[n] for n in (10, 12, 15)] == ["done", "stale", "done"]

    approve(repo, "legal", "rachel")
    walk = states(repo)
    assert [walk[n] for n in (10, 12, 15)] == ["done", "done", "done"]
    assert [walk[n] for n in (11, 13, 14)] == ["done"] * 3
    assert walk[16] == "ready"  # scheduled, but no invitation was sent yet
    assert repo.agreekit("meeting").returncode == 0  # writes the invitation, records its sequence
    walk = states(repo)
    assert walk[16] == "done"
    assert walk[17] == "ready"  # no department has been told yet
    assert walk[18] == "blocked" and walk[19] == "blocked"
    assert status(repo)["progress"] == 84  # 16 of 19
    table = repo.agreekit("status").stdout
    assert "15  Approval: management, final draft" in table and "Progress: 84%" in table


def test_a_rejected_record_does_not_count_and_says_why(tmp_path: Path) -> None:
    repo = governed_repo(tmp_path)
    repo.git("tag", "approvals/initial/1")
    steps = status(repo)["steps"]
    assert isinstance(steps, list)
    assert steps[9]["state"] == "ready"
    assert "approvals/initial/1 rejected by verify: a lightweight tag" in steps[9]["evidence"]


def test_status_outside_git_shows_content_steps(sample: SampleRepo) -> None:
    sample.replace("sections/service-levels.md", "## Reporting\n", "## Reporting\n\nTBD\n")
    result = sample.cli("status")
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith(" 5  "))
    assert "→ ready" in line and "AK105" in line
    assert "Next: step 5 (Measuring and reporting performance): Daniel Reeve." in result.stdout
