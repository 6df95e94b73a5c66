"""The approval stages of the workflow, in one table: who approves, and after which stages.

Signatures (step 19) are a stage too: each signatory records one, and the stage is done when every
signatory has signed the current text (`everyone`).
"""

from __future__ import annotations

from typing import NamedTuple


class Stage(NamedTuple):
    id: str
    step: int
    title: str
    role: str  # the stakeholder role whose approval counts
    requires: tuple[str, ...]  # stages that must be approved before this one
    everyone: bool = False  # every holder of the role must approve, not just one


STAGES: tuple[Stage, ...] = (
    Stage("initial", 10, "management approval of the initial draft", "management", ()),
    Stage("legal", 12, "legal and compliance review", "legal", ("initial",)),
    Stage("final", 15, "management approval of the final draft", "management", ("legal",)),
    Stage("signature", 19, "signature of the final text", "signatory", ("final",), everyone=True),
)

# Outside the 19 steps: management's signed approval of a change to the signing rules (the
# allowed-signers file), and the revocation of a record (by its approver or management).
GOVERNANCE = Stage(
    "governance", 0, "management approval of a change to the signing rules", "management", ()
)
REVOKE = Stage("revoke", 0, "revocation of an approval record", "", ())
APPROVABLE: tuple[Stage, ...] = (*STAGES, GOVERNANCE)
BY_ID: dict[str, Stage] = {stage.id: stage for stage in (*APPROVABLE, REVOKE)}
SIGNATURE = BY_ID["signature"]


def later_stages(stage_id: str) -> set[str]:
    """Stages that require this one, directly or through others."""
    later: set[str] = set()
    changed = True
    while changed:
        changed = False
        for stage in STAGES:
            if stage.id not in later and ({stage_id} | later) & set(stage.requires):
                later.add(stage.id)
                changed = True
    return later
