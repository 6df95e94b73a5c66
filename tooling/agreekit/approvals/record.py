"""An approval record: an annotated tag whose message carries `Agreekit-*` trailers."""

from __future__ import annotations

import re
from typing import NamedTuple

TRAILERS: dict[str, str] = {
    "stage": "Agreekit-Stage",
    "decision": "Agreekit-Decision",
    "approver": "Agreekit-Approver",
    "role": "Agreekit-Role",
    "content": "Agreekit-Content",
    "source": "Agreekit-Source",
}
DECISIONS = ("approved", "rejected")


class Record(NamedTuple):
    """What a tag says (not yet whether to believe it: see verify.py)."""

    ref: str
    commit: str
    annotated: bool
    signed: bool
    tagger_time: int
    stage: str
    decision: str
    approver: str  # stakeholder id
    role: str
    content: str
    source: str

    @property
    def name(self) -> str:
        return self.ref.removeprefix("refs/tags/")


def message(
    stage: str, decision: str, approver: str, role: str, content: str, source: str, title: str
) -> str:
    values = {
        "stage": stage,
        "decision": decision,
        "approver": approver,
        "role": role,
        "content": content,
        "source": source,
    }
    trailers = "\n".join(f"{TRAILERS[key]}: {values[key]}" for key in TRAILERS)
    return f"{decision.capitalize()}: {title}\n\n{trailers}\n"


_TRAILER = re.compile(r"^(Agreekit-[A-Za-z]+):[ \t]*(.*?)\s*$", re.MULTILINE)


def parse_trailers(body: str) -> dict[str, str]:
    names = {trailer: key for key, trailer in TRAILERS.items()}
    return {names[k]: v for k, v in _TRAILER.findall(body) if k in names}


def record_from_tag(
    ref: str, commit: str, annotated: bool, signature: str, tagger_time: int, body: str
) -> Record:
    fields = parse_trailers(body)
    if not fields.get("stage"):  # a lightweight tag has no trailers: its name says the stage
        parts = ref.removeprefix("refs/tags/approvals/").split("/")
        fields["stage"] = parts[0] if len(parts) > 1 else ""
    return Record(
        ref=ref,
        commit=commit,
        annotated=annotated,
        signed=bool(signature.strip()),
        tagger_time=tagger_time,
        **{key: fields.get(key, "") for key in TRAILERS},
    )
