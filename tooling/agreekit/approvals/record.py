"""An approval record: an annotated tag whose message carries `Agreekit-*` trailers."""

from __future__ import annotations

import re
from typing import NamedTuple

from agreekit.approvals.tag_object import TagObject

TRAILERS: dict[str, str] = {
    "stage": "Agreekit-Stage",
    "decision": "Agreekit-Decision",
    "approver": "Agreekit-Approver",
    "role": "Agreekit-Role",
    "content": "Agreekit-Content",
    "source": "Agreekit-Source",
}
# Written only when set: a revocation names the record it revokes and why.
OPTIONAL_TRAILERS: dict[str, str] = {"revokes": "Agreekit-Revokes", "reason": "Agreekit-Reason"}
ALL_TRAILERS = {**TRAILERS, **OPTIONAL_TRAILERS}
DECISIONS = ("approved", "rejected")
# Any control character but tab; a newline ends a trailer's value, so it is never inside one.
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


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
    revokes: str = ""  # `approvals/<stage>/<n> <tag object id>` of the record revoked
    reason: str = ""
    tag_name: str = ""  # the name inside the tag object (a replayed object keeps its own)
    target_type: str = "commit"  # what the tag points at
    malformed: str = ""  # why the tag cannot be read as a record, or ""
    tag_object: str = ""

    @property
    def name(self) -> str:
        return self.ref.removeprefix("refs/tags/")


def message(
    stage: str,
    decision: str,
    approver: str,
    role: str,
    content: str,
    source: str,
    title: str,
    **optional: str,
) -> str:
    values = {
        "stage": stage,
        "decision": decision,
        "approver": approver,
        "role": role,
        "content": content,
        "source": source,
        **{key: value for key, value in optional.items() if value},
    }
    for key, value in values.items():
        if CONTROL.search(value):
            raise ValueError(f"{ALL_TRAILERS[key]} cannot hold control characters or newlines")
    trailers = "\n".join(
        f"{ALL_TRAILERS[key]}: {values[key]}" for key in ALL_TRAILERS if key in values
    )
    return f"{decision.capitalize()}: {title}\n\n{trailers}\n"


_TRAILER = re.compile(r"(Agreekit-[A-Za-z]+):[ \t]*(.*?)[ \t]*", re.IGNORECASE)


def parse_trailers(message: str) -> tuple[dict[str, str], str]:
    """The Agreekit trailers of a message's last paragraph, as git reads trailers, and why they
    cannot be trusted ("" when they can): a trailer given twice or holding control characters."""
    paragraphs = [p for p in message.rstrip("\n").split("\n\n") if p.strip()]
    block = paragraphs[-1] if len(paragraphs) > 1 else ""
    names = {trailer.lower(): key for key, trailer in ALL_TRAILERS.items()}
    fields: dict[str, str] = {}
    for line in block.split("\n"):
        match = _TRAILER.fullmatch(line)
        if not match:
            if line.lower().startswith("agreekit-"):
                return fields, f"trailer line {line[:40]!r} is not `Agreekit-Name: value`"
            continue
        key = names.get(match[1].lower())
        if key is None:
            return fields, f"unknown trailer {match[1]}"
        if key in fields:
            return fields, f"trailer {match[1]} is given twice"
        if CONTROL.search(match[2]):
            return fields, f"trailer {match[1]} holds control characters"
        fields[key] = match[2]
    return fields, ""


def record_from_tag(ref: str, tag_object: str, tag: TagObject) -> Record:
    """The record an annotated tag object states, listed under `ref`."""
    fields, problem = parse_trailers(tag.message)
    if CONTROL.search(tag.message.replace("\n", "")) and not problem:
        problem = "the tag message holds control characters that agreekit never writes"
    return Record(
        ref=ref,
        commit=tag.target,
        annotated=True,
        signed=bool(tag.signature.strip()),
        tagger_time=tag.tagger_time,
        tag_name=tag.name,
        target_type=tag.target_type,
        malformed=tag.problem or problem,
        tag_object=tag_object,
        **{key: fields.get(key, "") for key in ALL_TRAILERS},
    )


def record_from_commit_ref(ref: str, commit: str) -> Record:
    """A lightweight tag: no message, so no record; its name says the stage it pretends to be."""
    parts = ref.removeprefix("refs/tags/approvals/").split("/")
    return Record(
        ref, commit, False, False, 0, parts[0] if len(parts) > 1 else "", "", "", "", "", ""
    )
