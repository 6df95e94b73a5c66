"""Which approvals cover the text at HEAD: the one set of rules status, verify and release share.

| stage       | covers the text at HEAD when                                                       |
|-------------|------------------------------------------------------------------------------------|
| `initial`   | an `initial` approval names HEAD's content id, or `final` covers HEAD (management   |
|             | re-approves its own part at the final stage, also where it gave no `initial`)       |
| `legal`     | a `legal` approval names HEAD's content id, or was given at a commit whose          |
|             | legal-owned section files (at HEAD, or when legal approved) are byte for byte HEAD's |
| `final`     | a `final` approval names HEAD's content id                                         |
| `signature` | every signatory's newest signature names HEAD's content id, given after a `final`   |
|             | approval of that same content id                                                   |

Only records that verify and are not revoked count. A stage's newest `rejected` decision undoes
the approvals before it. Signatures cover nothing but themselves: they never stand in for a stale
`final` or `legal` approval. Pure: plain values in, plain values out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from agreekit.approvals.verify import Verdict

COVERED, NOT_COVERED, REQUESTED, WAITING = "covered", "not covered", "changes requested", "waiting"
RELEASE_STAGES = ("initial", "legal", "final", "signature")


class Cover(NamedTuple):
    stage: str
    state: str  # COVERED, NOT_COVERED, REQUESTED (newest decision), WAITING (signatures)
    record: Verdict  # the record the state is about (newest that counts)
    note: str  # why, naming the records


class Text(NamedTuple):
    """The text at HEAD as the rules need it."""

    content: str | None  # HEAD's content id
    head: str | None
    sections: Mapping[str, Mapping[str, str]]  # commit -> section file name -> blob id
    legal_files: tuple[str, ...]  # section files legal owns at HEAD or owned when it approved
    signatories: tuple[str, ...]  # stakeholder ids


def _short(verdict: Verdict) -> str:
    return f"{verdict.record.name} ({verdict.record.content[:12]})"


def _standing(verdicts: Sequence[Verdict], stage: str) -> list[Verdict]:
    """The stage's counting records from its newest decision on, oldest first."""
    records = sorted(
        (v for v in verdicts if v.counts and v.record.stage == stage),
        key=lambda v: (v.record.tagger_time, v.record.ref),
    )
    rejected = [i for i, v in enumerate(records) if v.record.decision != "approved"]
    return records[rejected[-1] :] if rejected else records


def _legal_part_unchanged(verdict: Verdict, text: Text) -> bool:
    at_record = text.sections.get(verdict.record.commit)
    at_head = text.sections.get(text.head or "")
    if at_record is None or at_head is None:
        return False
    return all(at_record.get(name) == at_head.get(name) for name in text.legal_files)


def _approval(stage: str, records: list[Verdict], text: Text, final: Cover | None) -> Cover:
    newest = records[-1]
    if newest.record.decision != "approved":
        return Cover(stage, REQUESTED, newest, f"{_short(newest)}: changes requested")
    current = [v for v in records if v.record.content == text.content]
    if current:
        return Cover(stage, COVERED, current[-1], f"{_short(current[-1])} approved this text")
    if stage == "initial" and final is not None and final.state == COVERED:
        note = f"{_short(newest)}; the text since approved by {final.record.record.name} (final)"
        return Cover(stage, COVERED, newest, note)
    if stage == "legal":
        kept = [v for v in records if _legal_part_unchanged(v, text)]
        if kept:
            files = ", ".join(text.legal_files) or "none"
            note = f"{_short(kept[-1])}; the legal-owned sections ({files}) are unchanged since"
            return Cover(stage, COVERED, kept[-1], note)
    why = {
        "legal": "a legal-owned section changed since: legal must approve it again",
        "final": "the text changed since: management must approve the final text again",
    }.get(stage, "the text changed since: approve it again")
    return Cover(stage, NOT_COVERED, newest, f"{_short(newest)} is not covered: {why}")


def _signatures(records: list[Verdict], text: Text, finals: list[Verdict]) -> Cover:
    """A signature counts once management's final approval of the same text came before it."""
    newest: dict[str, Verdict] = {}
    for verdict in records:
        approved_first = any(
            f.record.decision == "approved"
            and f.record.content == verdict.record.content
            and f.record.tagger_time <= verdict.record.tagger_time
            for f in finals
        )
        if verdict.record.decision == "approved" and approved_first:
            newest[verdict.record.approver] = verdict
    current = [v for v in newest.values() if v.record.content == text.content]
    missing = [
        person for person in text.signatories if person not in {v.record.approver for v in current}
    ]
    latest = records[-1]
    if not missing:
        return Cover(
            "signature", COVERED, current[-1], f"all {len(text.signatories)} signed this text"
        )
    if not current:
        note = f"{_short(latest)} is not covered: the text changed since: sign again"
        return Cover("signature", NOT_COVERED, latest, note)
    signed = ", ".join(sorted(v.record.approver for v in current))
    return Cover(
        "signature", WAITING, latest, f"signed by {signed}; waiting for {', '.join(missing)}"
    )


def coverage(verdicts: Sequence[Verdict], text: Text) -> dict[str, Cover]:
    """Each release stage that has records, with whether it covers the text at HEAD."""
    result: dict[str, Cover] = {}
    final_records = _standing(verdicts, "final")
    if final_records:
        result["final"] = _approval("final", final_records, text, None)
    for stage in ("initial", "legal"):
        records = _standing(verdicts, stage)
        if records:
            result[stage] = _approval(stage, records, text, result.get("final"))
    final = result.get("final")
    if "initial" not in result and final is not None and final.state == COVERED:
        # An amendment's cycle without an initial approval of its own: management's final
        # approval of this text is management's word on it too.
        note = (
            f"no initial approval in this cycle; {_short(final.record)} (final) approved this text"
        )
        result["initial"] = Cover("initial", COVERED, final.record, note)
    signatures = [v for v in verdicts if v.counts and v.record.stage == "signature"]
    if signatures:
        ordered = sorted(signatures, key=lambda v: (v.record.tagger_time, v.record.ref))
        result["signature"] = _signatures(ordered, text, final_records)
    return {stage: result[stage] for stage in RELEASE_STAGES if stage in result}


def not_covered(covers: Mapping[str, Cover]) -> list[str]:
    """What `verify --strict` and status call "not covered": records release relies on."""
    return [f"{cover.stage}: {cover.note}" for cover in covers.values() if cover.state != COVERED]


def release_gaps(covers: Mapping[str, Cover]) -> list[str]:
    """Why the text at HEAD cannot be released on its approvals; empty when it can."""
    gaps = []
    for stage, what in (
        ("final", "management's final approval (`agreekit approve final`)"),
        ("legal", "legal's approval of the legal-owned sections (`agreekit approve legal`)"),
        ("signature", "every signatory's signature (`agreekit sign`)"),
    ):
        cover = covers.get(stage)
        if cover is None:
            gaps.append(f"{stage}: no record yet; the release needs {what}")
        elif cover.state != COVERED:
            gaps.append(f"{stage}: {cover.note}")
    return gaps
