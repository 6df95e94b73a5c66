"""A record step is done only when its evidence holds: no findings in its record, no date yet to
come, and the invitation sent for the meeting as it now stands."""

from __future__ import annotations

from agreekit.model.agreement import Agreement
from agreekit.workflow.record_steps import communication, record_problems, signing_meeting
from conftest import SampleRepo


def _loaded(sample: SampleRepo) -> tuple[Agreement, list]:
    result = sample.check()
    assert result.agreement is not None
    return result.agreement, list(result.findings)


def _tell_all(sample: SampleRepo, day: str) -> None:
    text = sample.read("records/communication.yml")
    sample.write(
        "records/communication.yml",
        text.replace("  - department: ", f"  - told: {day}\n    department: "),
    )


def test_a_record_with_a_finding_leaves_its_step_undone(sample: SampleRepo) -> None:
    _tell_all(sample, "2026-11-20")
    sample.replace("records/communication.yml", "  - told: 2026-11-20\n    department: hr\n", "")
    sample.replace("records/communication.yml", "    channel: email\n  - told", "  - told", 1)
    agreement, findings = _loaded(sample)
    progress = communication(agreement)
    assert progress is not None and progress.complete  # every department listed was told...
    problems = record_problems(agreement, "communication.yml", findings)
    assert "in agreement/records/communication.yml (AK407)" in problems  # ...but hr is left out


def test_a_told_date_yet_to_come_is_not_told(sample: SampleRepo) -> None:
    _tell_all(sample, "2031-01-01")
    agreement, _ = _loaded(sample)
    progress = communication(agreement)
    assert progress is not None and not progress.complete
    assert "0 of 4 departments told" in progress.evidence


def test_the_meeting_step_waits_for_the_invitation_of_this_meeting(sample: SampleRepo) -> None:
    agreement, _ = _loaded(sample)
    progress = signing_meeting(agreement)
    assert progress is not None and not progress.complete
    assert "no invitation yet: run `agreekit meeting`" in progress.evidence
    assert sample.cli("meeting").returncode == 0
    agreement, _ = _loaded(sample)
    progress = signing_meeting(agreement)
    assert progress is not None and progress.complete
    sample.replace("records/signing.yml", 'time: "10:00"', 'time: "11:00"')
    agreement, _ = _loaded(sample)
    progress = signing_meeting(agreement)
    assert progress is not None and not progress.complete
    assert "it changed since the invitation" in progress.evidence
