"""The 19 steps of DESIGN section 2 in one table, and their state computed from plain values.

`step_states` is pure: it takes the loaded agreement, its check findings and the git evidence (a
value), so it is tested without git. A record step (11, 13, 14, 16-18) is "not started" until its
record exists under agreement/records/, and done when the record is complete (record_steps.py).
Step 19 is done when every signatory has signed the current text and HEAD carries a release tag.
In an amendment or a renewal (a new cycle) only that cycle's records count: its approvals and
signatures (`GitEvidence.cycle_verdicts`) and its records folder (records/VERSION/).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from agreekit.approvals.coverage import COVERED, NOT_COVERED, REQUESTED, WAITING, coverage
from agreekit.approvals.evidence import GitEvidence
from agreekit.approvals.stages import BY_ID
from agreekit.checks.placeholders import has_blank
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement
from agreekit.versions import NEW_CYCLES, order_key, records_of
from agreekit.workflow.record_steps import RULES, record_problems

DONE, READY, BLOCKED, STALE, NOT_STARTED = "done", "ready", "blocked", "stale", "not started"
STRUCTURE_CODES = frozenset({"AK101", "AK103", "AK106", "AK107"})


class Step(NamedTuple):
    number: int
    title: str
    lives_in: str
    actor: str  # role whose members act: owner, management, legal, signatory
    after: tuple[int, ...] = ()
    section: str = ""  # content steps: the section whose findings decide
    stage: str = ""  # approval steps: the approval stage
    record: str = ""  # record steps: the file under agreement/records/


STEPS: tuple[Step, ...] = (
    Step(1, "Identify and document IT service needs", "section service-needs", "owner", section="service-needs"),
    Step(2, "Identify key stakeholders", "agreement.yml stakeholders", "owner"),
    Step(3, "Basic agreement structure", "agreement.yml sections", "owner"),
    Step(4, "Responsibilities of both parties", "section responsibilities", "owner", section="responsibilities"),
    Step(5, "Measuring and reporting performance", "section service-levels", "owner", section="service-levels"),
    Step(6, "Support constraints", "section constraints", "owner", section="constraints"),
    Step(7, "Terms of service and costs", "section terms", "owner", section="terms"),
    Step(8, "Communication strategy", "section communication", "owner", section="communication"),
    Step(9, "Escalation procedures", "section escalation", "owner", section="escalation"),
    Step(10, "Approval: management, initial draft", "approval tag", "management", tuple(range(1, 10)), stage="initial"),
    Step(11, "Negotiate and adjust terms", "records/negotiation.yml", "owner", (10,), record="negotiation.yml"),
    Step(12, "Approval: legal, compliance review", "approval tag", "legal", (10, 11), stage="legal"),
    Step(13, "Legal review edits", "records/legal-review.yml", "legal", (12,), record="legal-review.yml"),
    Step(14, "Internal review", "records/internal-review.yml", "owner", (13,), record="internal-review.yml"),
    Step(15, "Approval: management, final draft", "approval tag", "management", (12, 13, 14), stage="final"),
    Step(16, "Schedule the signing meeting", "records/signing.yml", "owner", (15,), record="signing.yml"),
    Step(17, "Communicate to departments", "records/communication.yml", "owner", (15,), record="communication.yml"),
    Step(18, "Compile feedback and finalise", "all records and reviews", "owner", (11, 13, 14, 17), record="feedback"),
    Step(19, "Print, sign and distribute", "signature tags + release", "signatory", (15, 16, 18), stage="signature"),
)  # fmt: skip


class StepState(NamedTuple):
    number: int
    title: str
    state: str
    evidence: str
    actors: tuple[str, ...]  # names of who must act; empty when done or not theirs yet


class Status(NamedTuple):
    steps: tuple[StepState, ...]
    progress: int  # percent of steps done
    next_step: StepState | None


def actors(agreement: Agreement, role: str) -> tuple[str, ...]:
    """Names of who acts; a name not yet filled in shows as the person's title."""
    people = [s for s in agreement.file.stakeholders if s.has_role(role)]
    return tuple(f"the {s.title}" if has_blank(s.name) else s.name for s in people)


def _lines_under(agreement: Agreement, key: str) -> range:
    lines = [line for path, (line, _) in agreement.source.positions.items() if path[:1] == (key,)]
    return range(min(lines), max(lines) + 1) if lines else range(0)


def _summary(findings: Sequence[Finding]) -> str:
    codes = sorted({f.code for f in findings})
    noun = "finding" if len(findings) == 1 else "findings"
    first = findings[0]
    return (
        f"{len(findings)} {noun} ({', '.join(codes)}); first: "
        f"{first.location.file}:{first.location.line} {first.message}"
    )


def _content_findings(
    step: Step, agreement: Agreement, findings: Sequence[Finding]
) -> list[Finding]:
    content = [f for f in findings if f.code[:3] in ("AK1", "AK2", "AK9")]
    yml = f"{agreement.directory}/agreement.yml"
    if step.number == 2:
        block = _lines_under(agreement, "stakeholders")
        return [
            f
            for f in findings
            if f.location.file == yml
            and (
                f.code == "AK406"
                or (f in content and (f.location.line in block or "stakeholder" in f.message))
            )
        ]
    if step.number == 3:
        return [f for f in findings if f.code in STRUCTURE_CODES]
    return [
        f for f in content if f.location.file == f"{agreement.directory}/sections/{step.section}.md"
    ]


def _content_state(
    step: Step, agreement: Agreement, findings: Sequence[Finding]
) -> tuple[str, str]:
    if step.section and agreement.section(step.section) is None:
        return READY, f"section {step.section} is missing; create sections/{step.section}.md"
    found = _content_findings(step, agreement, findings)
    if found:
        return READY, _summary(found)
    return DONE, f"{step.lives_in}: no findings"


_STATES = {COVERED: DONE, NOT_COVERED: STALE, REQUESTED: READY, WAITING: READY}


def _stage_states(evidence: GitEvidence) -> dict[str, tuple[str, str]]:
    """(state, evidence) of each stage that has records, by the coverage rules (approvals/coverage.py)
    that verify --strict and release apply too; stages without records are absent."""
    covers = coverage(evidence.cycle_verdicts, evidence.text)
    result = {}
    for stage, cover in covers.items():
        note = cover.note
        if cover.state == NOT_COVERED:
            note = note.replace(" is not covered: ", ": not covered: ", 1)
        result[stage] = (_STATES[cover.state], note)
    return result


_STEP_STAGES = frozenset(step.stage for step in STEPS if step.stage)


def _rejected_note(stage_id: str, evidence: GitEvidence) -> str:
    """The first rejected record of the stage; step 19 also shows those of no step (governance,
    revocations, unknown stages), as they too block the release."""
    rejected = [
        v
        for v in evidence.verdicts
        if v.rejected
        and (
            v.record.stage == stage_id
            or (stage_id == "signature" and v.record.stage not in _STEP_STAGES)
        )
    ]
    if not rejected:
        return ""
    more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
    problems = "; ".join(rejected[0].problems)
    return f"; {rejected[0].record.name} rejected by verify: {problems}{more}"


def _blocks(step: Step, state: str) -> bool:
    """Whether an earlier step holds up a later one."""
    if state == DONE:
        return False
    # A stale approval was given; a later stage's approval covers the text that changed since.
    return not (step.stage and state == STALE)


def _release_state(signed: str, evidence: GitEvidence) -> tuple[str, str]:
    if evidence.release:
        return DONE, f"{signed}; released as {evidence.release}"
    cycle = evidence.cycle
    if cycle is not None and cycle.kind == "released":  # records changed since, not the text
        return DONE, f"{signed}; released as {cycle.since}, the text unchanged since"
    version = cycle.next_version if cycle is not None else "v1.0.0"
    return READY, f"{signed}; `agreekit release` bundles the signed PDF as {version}"


def _cycle_records(agreement: Agreement, evidence: GitEvidence) -> str | None:
    """Where this cycle's records go, when the loaded ones belong to a released cycle (an
    amendment or a renewal starts with none of its own); None when they are this cycle's."""
    cycle = evidence.cycle
    if cycle is None or cycle.kind not in NEW_CYCLES or cycle.since is None:
        return None
    loaded = agreement.records.cycle
    if loaded is not None and order_key(loaded) > order_key(cycle.since):
        return None
    return records_of(cycle.next_version, agreement.directory)


def _who(agreement: Agreement, step: Step, state: str, evidence: GitEvidence) -> tuple[str, ...]:
    """Who must act on a step: for signatures, only those who have not signed this text."""
    if step.number != 19 or state == STALE:
        return actors(agreement, step.actor)
    signed = {
        v.record.approver
        for v in evidence.cycle_verdicts
        if v.counts and v.current and v.record.stage == "signature"
    }
    waiting = [s for s in agreement.file.stakeholders if s.signatory and s.id not in signed]
    return tuple(s.name for s in waiting) if waiting else actors(agreement, "owner")


def _record_name(step: Step) -> str:
    """What of this cycle's the step waits for, as a phrase that goes before "in FOLDER/"."""
    if step.record == "feedback":
        return "records (negotiation, legal review, internal review) go"
    return f"{step.record} goes"


def step_states(agreement: Agreement, findings: Sequence[Finding], evidence: GitEvidence) -> Status:
    stages = _stage_states(evidence)
    elsewhere = _cycle_records(agreement, evidence)
    states: dict[int, StepState] = {}
    for step in STEPS:
        blockers = [n for n in step.after if _blocks(STEPS[n - 1], states[n].state)]
        if step.stage:
            state, note = stages.get(step.stage, ("", ""))
            if not state:
                stage = BY_ID[step.stage]
                state = BLOCKED if blockers else READY
                note = (
                    "no signatures yet; each signatory runs `agreekit sign`"
                    if stage.everyone
                    else f"no approval yet; `agreekit approve {stage.id}` by {stage.role}"
                )
            if step.number == 19 and state == DONE:
                state, note = _release_state(note, evidence)
            note += _rejected_note(step.stage, evidence)
        elif step.record:
            progress = RULES[step.number](agreement) if elsewhere is None else None
            if elsewhere is not None:
                state, note = (
                    NOT_STARTED,
                    (
                        f"this cycle's {_record_name(step)} in {elsewhere}/ "
                        "(`agreekit amend` writes its templates there)"
                    ),
                )
            elif progress is None:
                folder = agreement.records.folder
                state, note = (
                    NOT_STARTED,
                    f"{agreement.directory}/{folder}/{step.record} not filled in yet",
                )
            else:
                problems = record_problems(agreement, step.record, findings)
                if step.number == 13 and states[12].state == STALE:
                    problems = "; ".join(filter(None, [problems, (
                        "legal approves the edited legal-owned sections again "
                        "(`agreekit approve legal`)"
                    )]))  # fmt: skip
                complete = progress.complete and not problems
                state = BLOCKED if blockers else (DONE if complete else READY)
                note = progress.evidence + (f"; {problems}" if problems else "")
        else:
            state, note = _content_state(step, agreement, findings)
        if state == BLOCKED:
            note = f"waits for step{'s' if len(blockers) > 1 else ''} {', '.join(map(str, blockers))}; {note}"
        acting = state in (READY, STALE) or (state == NOT_STARTED and not blockers)
        who = _who(agreement, step, state, evidence) if acting else ()
        states[step.number] = StepState(step.number, step.title, state, note, who)
    done = sum(1 for s in states.values() if s.state == DONE or _passed(s))
    ordered = tuple(states[n] for n in sorted(states))
    upcoming = next((s for s in ordered if s.actors and not _passed(s)), None)
    return Status(ordered, round(100 * done / len(STEPS)), upcoming)


# The text changes after the initial and the legal approval as the workflow goes on (negotiated
# terms, legal's edits): such an approval is stale, and given again at a later step, not redone
# now. The final approval covers the initial one; legal approves its own edits at step 13.
REAPPROVED_AT = {10: 15, 12: 13}


def _passed(step: StepState) -> bool:
    """A stale initial or legal approval: the workflow has passed it, and the step named in
    REAPPROVED_AT asks for it again. It counts as done in progress and is never Next."""
    return step.state == STALE and step.number in REAPPROVED_AT
