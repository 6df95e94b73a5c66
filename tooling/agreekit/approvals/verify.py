"""Whether to believe an approval record: pure rules over the record and what git says about it.

Authority (who may approve, whose keys count) is read as of the approved commit's first parent, so a
change cannot vouch for itself: adding your key to the signers file, or a role to yourself, in the
change you then approve does not work. A root commit has no parent and vouches for itself (trust on
first commit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from agreekit.approvals.record import DECISIONS, Record
from agreekit.approvals.stages import BY_ID
from agreekit.git import Signature

# The principal the record-approval workflow signs with (its key in the allowed-signers file). It
# may sign only records imported from a pull request, whose approver GitHub's reviews vouch for.
RECORDER = "recorder@agreekit"


def from_pull_request(record: Record) -> bool:
    return record.source.startswith("https://")


class Person(NamedTuple):
    email: str
    github: str
    roles: tuple[str, ...]


class Authority(NamedTuple):
    """The allowed signers and the stakeholders as they stood before the approved change."""

    signers: str | None
    people: Mapping[str, Person]


class Evidence(NamedTuple):
    """What git says about one record's tagged commit."""

    record: Record
    commit_content: str | None  # content id of the tagged commit
    author_email: str  # author of the tagged commit
    authority: Authority
    signers_changed: bool  # the approved change itself edited the signers file
    signature: Signature | None  # None when not checked


class Verdict(NamedTuple):
    record: Record
    problems: tuple[str, ...]
    current: bool  # covers the text at HEAD

    @property
    def valid(self) -> bool:
        return not self.problems


class Ancestry:
    """Which of some commits each commit descends from, found in one walk of the history.

    Each commit gets a bit mask of the `marked` commits it is or descends from, so asking about any
    pair costs nothing after the walk, however many approval records there are.
    """

    def __init__(self, graph: Mapping[str, Sequence[str]], marked: Sequence[str]) -> None:
        self._bit = {commit: 1 << index for index, commit in enumerate(dict.fromkeys(marked))}
        self._graph = graph
        self._masks: dict[str, int] = {}
        if not self._bit:
            return
        # Parents before children: one pass when the graph is in git's topological order
        # (children first); a commit met out of order is worked out by a walk instead.
        masks, bits = self._masks, self._bit
        for commit in reversed(list(graph)):
            parents = graph[commit]
            if all(parent in masks for parent in parents):
                mask = bits.get(commit, 0)
                for parent in parents:
                    mask |= masks[parent]
                masks[commit] = mask
            else:
                self._mask(commit)

    def includes(self, older: str, newer: str) -> bool:
        bit = self._bit.get(older)
        return bit is not None and bool(self._mask(newer) & bit)

    def _mask(self, start: str) -> int:
        masks, graph = self._masks, self._graph
        if start in masks:
            return masks[start]
        stack = [start]
        while stack:
            commit = stack[-1]
            if commit in masks:
                stack.pop()
                continue
            waiting = [p for p in graph.get(commit, ()) if p not in masks]
            if waiting:
                stack.extend(waiting)
                continue
            mask = self._bit.get(commit, 0)
            for parent in graph.get(commit, ()):
                mask |= masks[parent]
            masks[commit] = mask
            stack.pop()
        return masks[start]


def record_problems(evidence: Evidence, signing_required: bool) -> list[str]:
    """Everything wrong with one record on its own (order is checked across records)."""
    record = evidence.record
    if not record.annotated:
        return ["a lightweight tag carries no approval; record it with `agreekit approve`"]
    problems = []
    stage = BY_ID.get(record.stage)
    if stage is None:
        problems.append(f"unknown stage '{record.stage}'; stages are {', '.join(BY_ID)}")
    if record.decision not in DECISIONS:
        problems.append(f"decision '{record.decision}' is not one of {', '.join(DECISIONS)}")
    person = evidence.authority.people.get(record.approver)
    if person is None:
        problems.append(
            f"approver '{record.approver}' is not a stakeholder before the approved change"
        )
    elif stage is not None and (stage.role not in person.roles or record.role != stage.role):
        problems.append(
            f"{record.approver} does not have the role '{stage.role}' that stage "
            f"'{stage.id}' needs (has: {', '.join(person.roles) or 'none'})"
        )
    if evidence.commit_content != record.content:
        problems.append(
            f"records content {record.content[:12] or '(none)'} but the tagged commit's "
            f"agreement is {(evidence.commit_content or 'missing')[:12]}"
        )
    # For an imported record the PR author was checked at import (a merge commit's author is
    # whoever pressed merge, who may well be an approver).
    own = person is not None and evidence.author_email.lower() == person.email.lower()
    if own and not from_pull_request(record):
        problems.append(f"{record.approver} approves their own change")
    if signing_required:
        problems += _signature_problems(evidence, person)
    return problems


def _signature_problems(evidence: Evidence, person: Person | None) -> list[str]:
    if not evidence.record.signed:
        return ["not signed, but the repository has an allowed-signers file: sign approvals"]
    if evidence.authority.signers is None:
        return ["the signers file did not exist before the approved change, so nobody can vouch"]
    signature = evidence.signature
    if signature is None or not signature.good:
        detail = signature.detail if signature else "not checked"
        why = (
            "; the approved change edited the signers file, and only signers in force before it count"
            if evidence.signers_changed
            else ""
        )
        return [f"signature does not verify against the allowed signers ({detail}){why}"]
    if signature.principal == RECORDER and from_pull_request(evidence.record):
        return []
    if person is not None and signature.principal.lower() != person.email.lower():
        return [f"signed by {signature.principal}, not by the approver {person.email}"]
    return []


def verify_records(
    evidence: Sequence[Evidence],
    signing_required: bool,
    head_content: str | None,
    graph: Mapping[str, Sequence[str]],
) -> list[Verdict]:
    """Each record's verdict; a stage's record counts only after its required stages' records."""
    alone = {e.record.ref: record_problems(e, signing_required) for e in evidence}
    ancestry = Ancestry(graph, [e.record.commit for e in evidence])
    # The records that can satisfy a later stage: approved and valid on their own, by stage.
    approved: dict[str, list[Record]] = {}
    for e in evidence:
        if e.record.decision == "approved" and not alone[e.record.ref]:
            approved.setdefault(e.record.stage, []).append(e.record)
    verdicts = []
    for item in sorted(evidence, key=lambda e: (e.record.tagger_time, e.record.ref)):
        record = item.record
        problems = list(alone[record.ref])
        if record.commit not in graph:
            problems.append("the tagged commit is not in the history of HEAD")
        stage = BY_ID.get(record.stage)
        for required in stage.requires if stage else ():
            earlier = any(
                other.tagger_time <= record.tagger_time
                and ancestry.includes(other.commit, record.commit)
                for other in approved.get(required, ())
            )
            if not earlier:
                problems.append(f"stage '{record.stage}' recorded before stage '{required}'")
        current = head_content is not None and record.content == head_content
        verdicts.append(Verdict(record, tuple(problems), current))
    return verdicts
