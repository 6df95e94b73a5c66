"""`agreekit ruleset`: GitHub's ruleset format, every owning team required, and --check on the sample."""

from __future__ import annotations

import fnmatch
import json

from conftest import ROOT, SampleRepo, run_cli


def test_check_passes_on_the_sample_and_legal_sections_require_both_teams() -> None:
    checked = run_cli("ruleset", "--check", cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ruleset = json.loads((ROOT / ".github" / "ruleset.json").read_text())
    assert ruleset["target"] == "branch" and ruleset["enforcement"] == "active"
    assert ruleset["bypass_actors"] == []
    assert ruleset["conditions"]["ref_name"]["include"] == ["~DEFAULT_BRANCH"]
    rules = {rule["type"]: rule.get("parameters", {}) for rule in ruleset["rules"]}
    pull = rules["pull_request"]
    assert pull["dismiss_stale_reviews_on_push"] and pull["require_last_push_approval"]
    checks = rules["required_status_checks"]
    assert checks["required_status_checks"] == [{"context": "check"}]
    assert checks["strict_required_status_checks_policy"] is True
    teams = {r["reviewer"]["id"]: r["file_patterns"] for r in pull["required_reviewers"]}
    assert all(r["reviewer"]["type"] == "Team" and r["minimum_approvals"] == 1
               for r in pull["required_reviewers"])  # fmt: skip
    assert set(teams) == {8145201, 8145202}  # teams.<role>.id in agreement.yml

    def required(path: str) -> set[int]:
        return {team for team, patterns in teams.items()
                if any(fnmatch.fnmatch(path, p) for p in patterns)}  # fmt: skip

    for name in ("legal.md", "terms.md", "definitions.md", "signatures.md"):
        assert required(f"agreement/sections/{name}") == {8145201, 8145202}, name
    assert required("agreement/sections/constraints.md") == {8145201}
    assert required(".github/allowed_signers") == {8145201}


def test_out_of_date_and_missing_ids_are_reported(sample: SampleRepo) -> None:
    printed = sample.cli("ruleset")
    assert printed.returncode == 0 and json.loads(printed.stdout)["rules"]
    assert sample.cli("ruleset", "--check").returncode == 1
    assert sample.cli("ruleset", "--write").returncode == 0
    assert sample.cli("ruleset", "--check").returncode == 0
    sample.replace("sections/constraints.md", "owners: [management]", "owners: [management, legal]")
    stale = sample.cli("ruleset", "--check")
    assert stale.returncode == 1 and "out of date" in stale.stdout
    sample.replace("agreement.yml", "    id: 8145202\n", "")
    missing = sample.cli("ruleset")
    assert missing.returncode == 2 and "teams.legal has no id" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_codeowners_names_every_owning_team_on_a_legal_line() -> None:
    text = (ROOT / ".github" / "CODEOWNERS").read_text()
    line = next(x for x in text.splitlines() if x.startswith("/agreement/sections/legal.md "))
    assert line.split()[1:] == [
        "@harbourside-housing/itsa-management", "@harbourside-housing/itsa-legal",
    ]  # fmt: skip
