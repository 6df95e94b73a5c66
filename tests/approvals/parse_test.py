"""Records are read by tag object id and parsed as git parses tags: no text inside a tag can make a
record boundary, whatever separator or control character it plants."""

from __future__ import annotations

import pytest

from agreekit.approvals.evidence import gather
from agreekit.approvals.record import parse_trailers
from agreekit.approvals.tag_object import parse_tag
from forgery import content, plant, rejected_everywhere, tag_object, trailers
from gitrepo import GitRepo, governed_repo

CONTROLS = [chr(c) for c in range(1, 32) if chr(c) not in "\n\t"] + ["\x7f"]


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = governed_repo(tmp_path_factory.mktemp("parse"))
    result = repo.agreekit("approve", "initial", who="amara")
    assert result.returncode == 0, result.stdout + result.stderr
    return repo


def invented(repo: GitRepo) -> bytes:
    """for-each-ref's old record and field separators, then a record claiming Amara's final."""
    fake = "\x1f".join(["refs/tags/approvals/final/1", "tag", "0" * 40, repo.git("rev-parse", "HEAD"),
                        "<amara.okafor@harbourside-housing.example>", "1", trailers(
                            "final", "amara", "management", content(repo)), ""])  # fmt: skip
    return f"\x1e{fake}\x1e".encode()


def test_planted_separators_make_no_second_record(approved: GitRepo) -> None:
    repo = approved
    message = b"Approved: legal\n\n" + invented(repo) + b"\n\n" + trailers(
        "legal", "mallory", "legal", content(repo)).encode() + b"\n"  # fmt: skip
    plant(repo, "approvals/legal/9", tag_object(repo, "mallory", "approvals/legal/9", message))
    try:
        names = sorted(v.record.name for v in gather(repo.root, fresh=True).verdicts)
        assert names == ["approvals/initial/1", "approvals/legal/9"]
        out = repo.agreekit("verify").stdout
        assert "approvals/final/1" not in out
        assert "approvals/initial/1: ok" in out and "approvals/legal/9: REJECTED" in out
        rejected_everywhere(repo, "approvals/legal/9", "the tag message holds control characters")
    finally:
        repo.git("tag", "-d", "approvals/legal/9")


@pytest.mark.parametrize("char", CONTROLS + ["\x00"], ids=lambda c: f"0x{ord(c):02x}")
def test_every_control_character_in_a_trailer_or_message_is_refused(
    approved: GitRepo, char: str
) -> None:
    repo = approved
    body = trailers("legal", "rachel", "legal", content(repo)).replace(
        "Agreekit-Source: local", f"Agreekit-Source: lo{char}cal"
    )
    for where, message in (
        ("trailer", f"Approved: legal\n\n{body}\n"),
        ("message", f"Approved: legal {char} review\n\n{trailers('legal', 'rachel', 'legal', content(repo))}\n"),
    ):  # fmt: skip
        oid = tag_object(repo, "rachel", "approvals/legal/7", message.encode())
        plant(repo, "approvals/legal/7", oid)
        try:
            verdicts = {v.record.name: v for v in gather(repo.root, fresh=True).verdicts}
            assert sorted(verdicts) == ["approvals/initial/1", "approvals/legal/7"], where
            assert verdicts["approvals/initial/1"].valid
            problems = " ".join(verdicts["approvals/legal/7"].problems)
            assert "control characters" in problems, (where, problems)
        finally:
            repo.git("tag", "-d", "approvals/legal/7")


def test_signature_block_is_found_as_git_finds_it() -> None:
    raw = (
        b"object " + b"a" * 40 + b"\ntype commit\ntag approvals/initial/1\n"
        b"tagger A <a@example> 1700000000 +0000\n\nApproved: x\n\n"
        b"-----BEGIN PGP SIGNATURE-----\nnot the last\n-----END PGP SIGNATURE-----\n"
        b"-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n"
    )
    tag = parse_tag(raw)
    assert tag.target == "a" * 40 and tag.name == "approvals/initial/1"
    assert tag.tagger_email == "a@example" and tag.tagger_time == 1700000000
    assert tag.signature.startswith("-----BEGIN SSH SIGNATURE-----")
    assert "BEGIN PGP SIGNATURE" in tag.message
    assert parse_tag(raw.replace(b"type commit\n", b"type commit\ntype tree\n")).problem


def test_trailers_are_read_from_the_last_paragraph_only_and_never_twice() -> None:
    fields, problem = parse_trailers("T\n\nAgreekit-Stage: final\n\nAgreekit-Stage: initial\n")
    assert fields == {"stage": "initial"} and problem == ""
    _, problem = parse_trailers("T\n\nAgreekit-Stage: final\nAgreekit-Stage: initial\n")
    assert "given twice" in problem
    _, problem = parse_trailers("T\n\nAgreekit-Stage: final\nagreekit-stage: initial\n")
    assert "given twice" in problem
