"""Whether to believe an approval record: pure rules over the record and what git says about it.

Authority (who may approve, whose keys count, whether records must be signed) is read as of the
approved commit's first parent, so a change cannot vouch for itself: adding your key to the signers
file, or a role to yourself, in the change you then approve does not work. Which signers are in
force is decided along the history (`policy.py`): only the repository's first root commit vouches
for itself, and a change to the signers file takes effect only with management's signed approval.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from agreekit.approvals.record import DECISIONS, Record
from agreekit.approvals.stages import BY_ID, REVOKE, SIGNATURE
from agreekit.git import Signature

# The principal the record-approval workflow signs with (its key in the allowed-signers file). It
# may sign only records imported from a pull request, whose approver GitHub's reviews vouch for.
RECORDER = "recorder@agreekit"
_NAME = re.compile(r"approvals/(?P<stage>[a-z]+)/(?P<number>[1-9][0-9]{0,8})")


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
    required: bool = False  # records on this commit must be signed (the policy in force)
    untrusted: str = ""  # why the commit's parent gives no authority at all, or ""
    policy_note: str = ""  # an unapproved change of the signers file that is not in force


OTHER_HISTORY = "the tagged commit is not in the history of HEAD"


class Verdict(NamedTuple):
    record: Record
    problems: tuple[str, ...]
    current: bool  # covers the text at HEAD
    revoked_by: str = ""  # the revocation record that withdrew this one, and its reason

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def elsewhere(self) -> bool:
        """A record of another line of history (a branch HEAD does not contain): it counts for
        nothing here, and is judged where its commit is, not rejected here."""
        return self.problems == (OTHER_HISTORY,)

    @property
    def rejected(self) -> bool:
        return bool(self.problems) and not self.revoked_by and not self.elsewhere

    @property
    def counts(self) -> bool:
        """Valid and not revoked: the only records any rule relies on."""
        return not self.problems and not self.revoked_by


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


def _name_problems(record: Record) -> list[str]:
    name = _NAME.fullmatch(record.name)
    if name is None:
        return [f"'{record.name}' is not named approvals/<stage>/<n> (n from 1, no leading zero)"]
    problems = []
    if name["stage"] != record.stage:
        problems.append(
            f"named for stage '{name['stage']}' but its trailers say stage '{record.stage}'"
        )
    if record.tag_name != record.name:
        problems.append(
            f"the tag object was made as '{record.tag_name}' and is listed as '{record.name}': "
            "a tag object counts only under its own name (a replayed tag)"
        )
    return problems


def record_problems(evidence: Evidence) -> list[str]:
    """Everything wrong with one record on its own (order is checked across records)."""
    record = evidence.record
    if not record.annotated:
        return ["a lightweight tag carries no approval; record it with `agreekit approve`"]
    if record.malformed:
        return [f"not a readable record: {record.malformed}"]
    if record.target_type != "commit":
        return [
            f"the tag points at a {record.target_type}, not a commit: only commits are approved"
        ]
    problems = _name_problems(record)
    if evidence.untrusted:
        problems.append(evidence.untrusted)
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
    elif (
        stage is not None
        and stage is not REVOKE
        and (stage.role not in person.roles or record.role != stage.role)
    ):
        problems.append(
            f"{record.approver} does not have the role '{stage.role}' that stage "
            f"'{stage.id}' needs (has: {', '.join(person.roles) or 'none'})"
        )
    if evidence.commit_content != record.content:
        problems.append(
            f"records content {record.content[:12] or '(none)'} but the tagged commit's "
            f"agreement is {(evidence.commit_content or 'missing')[:12]}"
        )
    if evidence.required:
        problems += _signature_problems(evidence, person)
    # The own-change rule gives way only to the recorder's key on a record imported from a pull
    # request (whose author was checked at import); `--source` alone is a note, never a bypass.
    # A signature is no approval of a change (final approved it): a signatory signs their own.
    own = person is not None and evidence.author_email.lower() == person.email.lower()
    if own and stage not in (REVOKE, SIGNATURE) and not _recorded_from_pull_request(evidence):
        problems.append(f"{record.approver} approves their own change")
    return problems


def _recorded_from_pull_request(evidence: Evidence) -> bool:
    signature = evidence.signature
    return (
        evidence.required
        and signature is not None
        and signature.good
        and signature.principal == RECORDER
        and from_pull_request(evidence.record)
    )


def _signature_problems(evidence: Evidence, person: Person | None) -> list[str]:
    note = f"; {evidence.policy_note}" if evidence.policy_note else ""
    if not evidence.record.signed:
        return [
            "not signed, but the repository has an allowed-signers file in force (as of the "
            f"approved commit's parent): sign approvals{note}"
        ]
    if evidence.authority.signers is None:
        return ["the signers file did not exist before the approved change, so nobody can vouch"]
    signature = evidence.signature
    if signature is None or not signature.good:
        detail = signature.detail if signature else "not checked"
        why = note or (
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


def _revocations(
    evidence: Sequence[Evidence], alone: Mapping[str, list[str]], graph: Mapping[str, Sequence[str]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Which records valid revocations withdraw (ref -> note), and what is wrong with the others."""
    by_name = {e.record.name: e for e in evidence}
    revoked: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for item in evidence:
        record = item.record
        if record.stage != REVOKE.id or not record.annotated or record.malformed:
            continue
        name, _, tag_object = record.revokes.partition(" ")
        target = by_name.get(name)
        wrong = []
        if target is None or target.record.tag_object != tag_object.strip():
            wrong.append(f"revokes '{record.revokes}', which is no record in this repository")
        elif target.record.stage == REVOKE.id:
            wrong.append("a revocation cannot be revoked; record the approval again instead")
        else:
            person = item.authority.people.get(record.approver)
            if record.approver != target.record.approver and (
                person is None or "management" not in person.roles
            ):
                wrong.append(
                    f"{record.approver} may not revoke {name}: only its approver "
                    f"({target.record.approver}) or management may"
                )
        if not record.reason.strip():
            wrong.append("a revocation needs a reason (Agreekit-Reason)")
        problems[record.ref] = wrong
        if not wrong and not alone[record.ref] and record.commit in graph:
            revoked.setdefault(
                target.record.ref if target else "", f"{record.name}: {record.reason}"
            )
    return revoked, problems


def verify_records(
    evidence: Sequence[Evidence],
    head_content: str | None,
    graph: Mapping[str, Sequence[str]],
) -> list[Verdict]:
    """Each record's verdict; a stage's record counts only after its required stages' records,
    and a record withdrawn by a valid revocation counts for nothing."""
    alone = {e.record.ref: record_problems(e) for e in evidence}
    revoked, revocation_problems = _revocations(evidence, alone, graph)
    ancestry = Ancestry(graph, [e.record.commit for e in evidence])
    # The records that can satisfy a later stage: approved, valid on their own, not revoked.
    approved: dict[str, list[Record]] = {}
    for e in evidence:
        ok = not alone[e.record.ref] and e.record.ref not in revoked
        if e.record.decision == "approved" and ok:
            approved.setdefault(e.record.stage, []).append(e.record)
    verdicts = []
    for item in sorted(evidence, key=lambda e: (e.record.tagger_time, e.record.ref)):
        record = item.record
        problems = list(alone[record.ref]) + revocation_problems.get(record.ref, [])
        if record.commit not in graph and record.target_type == "commit" and record.commit:
            # Its signature and authority are judged on its own line of history, not here.
            verdicts.append(Verdict(record, (OTHER_HISTORY,), False, revoked.get(record.ref, "")))
            continue
        if record.commit not in graph:
            problems.append(OTHER_HISTORY)
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
        verdicts.append(Verdict(record, tuple(problems), current, revoked.get(record.ref, "")))
    return verdicts
