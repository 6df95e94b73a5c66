"""Step states from plain values: no git needed."""

from __future__ import annotations

from agreekit.approvals.evidence import GitEvidence
from agreekit.approvals.record import Record
from agreekit.approvals.verify import Verdict
from agreekit.workflow.steps import STEPS, step_states
from conftest import SampleRepo


def verdict(stage: str, time: int, current: bool, problems: tuple[str, ...] = ()) -> Verdict:
    record = Record(
        f"refs/tags/approvals/{stage}/{time}", "c", True, True, time, stage, "approved",
        "amara-okafor" if stage != "legal" else "rachel-osei", "management",
        "ab" * 20 if current else "cd" * 20, "local",
    )  # fmt: skip
    return Verdict(record, problems, current)


def evidence(*verdicts: Verdict) -> GitEvidence:
    return GitEvidence("c", "ab" * 20, "ab" * 20, True, verdicts)


def test_the_table_has_the_nineteen_steps_in_order() -> None:
    assert [step.number for step in STEPS] == list(range(1, 20))


def test_only_the_same_roles_later_stage_covers_a_stale_approval(sample: SampleRepo) -> None:
    agreement = sample.check().agreement
    assert agreement is not None
    status = step_states(
        agreement, [], evidence(verdict("initial", 1, False), verdict("legal", 2, True))
    )
    states = {s.number: s.state for s in status.steps}
    assert states[10] == "stale" and states[12] == "done" and states[15] == "ready"
    assert "not covered" in status.steps[9].evidence  # legal does not re-approve management's part
    final = step_states(
        agreement, [], evidence(verdict("initial", 1, False), verdict("legal", 2, True),
                                verdict("final", 3, True)),
    )  # fmt: skip
    assert final.steps[9].state == "done"
    assert "text since approved by approvals/final/3 (final)" in final.steps[9].evidence
    # the stale initial approval is passed: management's final approval covers it, so Next is
    # that (the same people), not back at step 10, and progress keeps step 10
    assert status.next_step is not None and status.next_step.number == 15
    assert status.next_step.actors == ("Amara Okafor", "Priya Shah", "Mark Ellison")
    assert status.steps[9].actors == ("Amara Okafor", "Priya Shah", "Mark Ellison")
    assert status.progress == round(100 * 14 / 19)  # 1-9, 10 passed, 11-14


def test_content_findings_make_the_step_ready_and_block_the_approval(sample: SampleRepo) -> None:
    sample.replace("sections/terms.md", "## Pricing\n", "## Pricing\n\nTBD\n")
    result = sample.check()
    assert result.agreement is not None
    status = step_states(result.agreement, result.findings, evidence())
    states = {s.number: s.state for s in status.steps}
    assert states[7] == "ready" and states[10] == "blocked"
    assert status.steps[9].evidence.startswith("waits for step 7;")
    assert status.progress == 42  # 8 of 19


def test_invalid_records_do_not_count(sample: SampleRepo) -> None:
    agreement = sample.check().agreement
    assert agreement is not None
    status = step_states(agreement, [], evidence(verdict("initial", 1, True, ("forged",))))
    assert status.steps[9].state == "ready"
    assert "approvals/initial/1 rejected by verify: forged" in status.steps[9].evidence
