"""Step 19's gate and bundle: refuse unless every approval verifies and every signatory signed the
text at HEAD; then describe the release (signature manifest, checksums) as plain values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence

from agreekit.approvals.coverage import coverage, release_gaps
from agreekit.approvals.evidence import GitEvidence
from agreekit.approvals.verify import Verdict
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement
from agreekit.model.signatories import Signed, organisation, signatories
from agreekit.versions import NEW_CYCLES, Cycle, order_key
from agreekit.workflow.steps import DONE, step_states

# Steps that must be done before the signed text can be released: the three approvals and the
# compiled feedback (no item open).
REQUIRED_STEPS = (10, 12, 15, 18)


def signatures(agreement: Agreement, verdicts: Sequence[Verdict]) -> dict[str, Verdict]:
    """Each signatory's newest valid signature record."""
    newest: dict[str, Verdict] = {}
    for verdict in verdicts:
        record = verdict.record
        if record.stage != "signature" or not verdict.counts or record.decision != "approved":
            continue
        if (
            record.approver not in newest
            or record.tagger_time > newest[record.approver].record.tagger_time
        ):
            newest[record.approver] = verdict
    return newest


def release_problems(
    agreement: Agreement, findings: Sequence[Finding], evidence: GitEvidence
) -> list[str]:
    """Why the text at HEAD cannot be released yet; empty when it can."""
    problems = []
    if findings:
        problems.append(f"`agreekit check` reports {len(findings)} findings; fix them first")
    if evidence.head is None or evidence.head_content is None:
        return problems + ["nothing is committed: commit the agreement first"]
    if evidence.worktree_content != evidence.head_content:
        problems.append("agreement/ has uncommitted changes: the release is of committed text only")
    for verdict in evidence.verdicts:
        if verdict.rejected:
            problems.append(
                f"{verdict.record.name} is rejected by verify: {'; '.join(verdict.problems)} "
                f"(revoke it with `agreekit revoke {verdict.record.name} --reason ...`)"
            )
    problems += release_gaps(coverage(evidence.cycle_verdicts, evidence.text))
    status = {s.number: s for s in step_states(agreement, findings, evidence).steps}
    for number in REQUIRED_STEPS:
        if status[number].state != DONE:
            problems.append(
                f"step {number} ({status[number].title}) is {status[number].state}: {status[number].evidence}"
            )
    signed = signatures(agreement, evidence.cycle_verdicts)
    for person in (s for s in agreement.file.stakeholders if s.signatory):
        signature = signed.get(person.id)
        if signature is None:
            problems.append(f"{person.name} has not signed; they run `agreekit sign`")
        elif signature.record.content != evidence.head_content:
            problems.append(
                f"{person.name} signed other text (content {signature.record.content[:12]}) than "
                f"HEAD's ({evidence.head_content[:12]}): every signatory must sign the same text"
            )
    return problems


def cycle_name(cycle: Cycle) -> str:
    """What the release is, in one line of its tag message: the first version, an amendment or a
    renewal of the last release."""
    if cycle.kind == "first":
        return "The first version."
    if cycle.kind == "renewal":
        return f"A renewal of {cycle.since}: the term is renewed."
    return f"An amendment of {cycle.since}."


def cycle_problems(agreement: Agreement, cycle: Cycle, version: str) -> list[str]:
    """Why `version` cannot close this cycle: its records must be in the folder named for it, so
    that every release's records stay where its version says."""
    loaded = agreement.records.cycle
    if cycle.kind not in NEW_CYCLES or cycle.since is None:
        return []
    if loaded is None or order_key(loaded) <= order_key(cycle.since):
        return []  # no records of its own: steps 11-18 say what is missing
    if loaded != version:
        here = f"{agreement.directory}/records/{loaded}"
        there = f"{agreement.directory}/records/{version}"
        return [f"this cycle's records are in {here}/ but it is released as {version}: "
                f"`git mv {here} {there}`, or release it as {loaded}"]  # fmt: skip
    return []


def signed_by(agreement: Agreement, verdicts: Sequence[Verdict]) -> list[Signed]:
    result = []
    for person in signatories(agreement):
        verdict = signatures(agreement, verdicts).get(person.id)
        if verdict is None:
            continue
        record = verdict.record
        result.append(Signed(
            person.id, person.name, person.title, organisation(agreement, person),
            dt.datetime.fromtimestamp(record.tagger_time, dt.UTC), record.name, record.content,
            record.signed,
        ))  # fmt: skip
    return result


def manifest(
    agreement: Agreement, version: str, evidence: GitEvidence, signed: Sequence[Signed],
    files: Mapping[str, bytes],
) -> str:  # fmt: skip
    """Who signed which content id and when, which approvals stand behind it, and the files."""
    approvals = [
        {
            "stage": v.record.stage,
            "approver": v.record.approver,
            "record": v.record.name,
            "content_id": v.record.content,
        }
        for v in evidence.cycle_verdicts
        if v.counts and v.record.stage in ("initial", "legal", "final")
    ]
    data = {
        "agreement": agreement.file.title,
        "reference": agreement.file.reference,
        "parties": [agreement.file.parties.customer.name, agreement.file.parties.provider.name],
        "version": version,
        "commit": evidence.head,
        "content_id": evidence.head_content,
        "signatures": [
            {
                "signatory": s.signatory,
                "name": s.name,
                "title": s.title,
                "organisation": s.organisation,
                "signed_at": s.when.isoformat(),
                "record": s.record,
                "content_id": s.content,
                "ssh_signed": s.ssh_signed,
            }
            for s in signed
        ],
        "approvals": approvals,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    return json.dumps(data, indent=2) + "\n"


def checksums(files: Mapping[str, bytes]) -> str:
    """`sha256sum -c` format: the hash, two spaces, the file name."""
    return "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
