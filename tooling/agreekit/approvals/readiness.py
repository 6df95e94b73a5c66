"""Whether a record may be written now: refuse before writing what verify would reject.

Pure: the stage, who approves, the git evidence for HEAD and the signing key git would use.
"""

from __future__ import annotations

from typing import NamedTuple

from agreekit.approvals.evidence import GitEvidence
from agreekit.approvals.recording import missing_stages
from agreekit.approvals.signing_key import keys_of
from agreekit.approvals.stages import REVOKE, SIGNATURE, Stage
from agreekit.governance.paths import SIGNERS_PATH


class Approver(NamedTuple):
    id: str
    name: str
    email: str


def refusals(
    stage: Stage,
    approver: Approver,
    evidence: GitEvidence,
    key: str | None,
    key_problem: str,
) -> list[str]:
    """Why the record would not verify; empty when it may be written."""
    problems = []
    if evidence.untrusted:
        problems.append(f"{evidence.untrusted}: it vouches for nothing")
    cycle = evidence.cycle
    if stage.step and cycle is not None and evidence.head in evidence.released_commits:
        problems.append(
            f"HEAD is {cycle.since}'s released text, and this {cycle.kind} counts only records "
            "given after it: commit the change first, then approve that commit"
        )
    person = evidence.people.get(approver.id)
    if person is None:
        problems.append(
            f"{approver.name} is not a stakeholder as of the commit before HEAD, where authority "
            "is read: merge the stakeholder change first, then approve a later commit"
        )
    elif stage is not REVOKE and stage.role not in person.roles:
        problems.append(
            f"{approver.name} does not have the role '{stage.role}' that stage '{stage.id}' needs "
            "as of the commit before HEAD: merge the stakeholder change first"
        )
    if stage not in (REVOKE, SIGNATURE) and evidence.head_author.lower() == approver.email.lower():
        problems.append(
            f"{approver.name} wrote HEAD's change, and nobody approves their own change: another "
            f"{stage.role} approves it"
        )
    if evidence.signing_required:
        if key is None:
            problems.append(
                f"records must be signed here ({SIGNERS_PATH} is in force): {key_problem}"
            )
        elif key not in keys_of(evidence.signers or "", approver.email):
            problems.append(
                f"git would sign with a key that is not {approver.name}'s ({approver.email}) in "
                f"{SIGNERS_PATH} as in force: sign as yourself, or add your key through a "
                "governance change"
            )
    if stage.id == "signature" and not any(
        v.counts and v.record.stage == "final" and v.record.decision == "approved"
        and v.record.content == evidence.head_content
        for v in evidence.verdicts
    ):  # fmt: skip
        problems.append(
            "management has not approved this text as final: signatures come after "
            "`agreekit approve final` of the same text"
        )
    missing = missing_stages(stage, evidence.verdicts)
    if missing:
        problems.append(
            f"stage '{stage.id}' comes after {', '.join(missing)}, which has no valid approval yet"
        )
    return problems
