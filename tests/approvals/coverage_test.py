"""Each row of the README's coverage table, on plain values."""

from __future__ import annotations

from agreekit.approvals.coverage import (
    COVERED,
    NOT_COVERED,
    REQUESTED,
    Text,
    coverage,
    release_gaps,
)
from agreekit.approvals.record import Record
from agreekit.approvals.verify import Verdict

HEAD, OLD = "h" * 40, "o" * 40
NOW, BEFORE = "n" * 40, "b" * 40  # content ids
SECTIONS = {
    HEAD: {"legal.md": "L1", "terms.md": "T2"},
    OLD: {"legal.md": "L1", "terms.md": "T1"},
    "older": {"legal.md": "L0", "terms.md": "T1"},
}


def record(stage: str, time: int, content: str = NOW, commit: str = HEAD, **kw: object) -> Verdict:
    values: dict[str, object] = dict(decision="approved", approver=f"{stage}-person", problems=(),
                                     revoked_by="")  # fmt: skip
    values.update(kw)
    rec = Record(f"refs/tags/approvals/{stage}/{time}", commit, True, True, time, stage,
                 str(values["decision"]), str(values["approver"]), "r", content, "local")  # fmt: skip
    return Verdict(rec, tuple(values["problems"]), content == NOW, str(values["revoked_by"]))  # type: ignore[arg-type]


def covers(*verdicts: Verdict, signatories: tuple[str, ...] = ("a", "b")) -> dict[str, str]:
    text = Text(NOW, HEAD, SECTIONS, ("legal.md",), signatories)
    return {stage: cover.state for stage, cover in coverage(verdicts, text).items()}


def test_initial_is_covered_by_its_own_text_or_by_final_only() -> None:
    assert covers(record("initial", 1))["initial"] == COVERED
    stale = record("initial", 1, BEFORE, OLD)
    assert covers(stale)["initial"] == NOT_COVERED
    assert covers(stale, record("legal", 2))["initial"] == NOT_COVERED
    assert covers(stale, record("final", 3))["initial"] == COVERED
    assert covers(stale, record("final", 3, BEFORE, OLD))["initial"] == NOT_COVERED


def test_legal_is_covered_while_the_legal_owned_sections_are_unchanged() -> None:
    assert covers(record("legal", 1, BEFORE, OLD))["legal"] == COVERED  # only terms.md changed
    assert covers(record("legal", 1, BEFORE, "older"))["legal"] == NOT_COVERED
    assert covers(record("legal", 1, BEFORE, "older"), record("final", 2))["legal"] == NOT_COVERED


def test_final_covers_only_the_content_id_it_names() -> None:
    assert covers(record("final", 1))["final"] == COVERED
    assert covers(record("final", 1, BEFORE, OLD))["final"] == NOT_COVERED


def test_signatures_cover_only_themselves_and_only_after_final_of_the_same_text() -> None:
    finals = [record("final", 1)]
    signs = [record("signature", 2, approver="a"), record("signature", 3, approver="b")]
    assert covers(*finals, *signs)["signature"] == COVERED
    assert covers(*finals, *signs[:1])["signature"] == "waiting"
    early = [record("signature", 0, approver="a"), record("signature", 0, approver="b")]
    assert covers(*finals, *early)["signature"] == NOT_COVERED
    stale_final = record("final", 1, BEFORE, OLD)
    result = covers(stale_final, *signs)
    assert result["final"] == NOT_COVERED and result["signature"] == NOT_COVERED


def test_only_valid_unrevoked_records_count_and_the_newest_decision_rules() -> None:
    assert "final" not in covers(record("final", 1, problems=("forged",)))
    assert "final" not in covers(record("final", 1, revoked_by="approvals/revoke/1: x"))
    assert covers(record("final", 1), record("final", 2, decision="rejected"))["final"] == REQUESTED
    assert covers(record("final", 2, decision="rejected"), record("final", 3))["final"] == COVERED


def test_release_needs_final_legal_and_signatures_covered() -> None:
    text = Text(NOW, HEAD, SECTIONS, ("legal.md",), ("a",))
    done = [record("initial", 1), record("legal", 2), record("final", 3),
            record("signature", 4, approver="a")]  # fmt: skip
    assert release_gaps(coverage(done, text)) == []
    gaps = release_gaps(coverage(done[:3], text))
    assert gaps == [
        "signature: no record yet; the release needs every signatory's signature (`agreekit sign`)"
    ]
