"""Tag objects written byte by byte, as an attacker with real keys and real git would write them."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from agreekit.approvals.content import content_id_of_folder
from agreekit.approvals.record import TRAILERS, message
from gitrepo import PEOPLE, GitRepo


def trailers(stage: str, approver: str, role: str, content: str, source: str = "local") -> str:
    values = {"stage": stage, "decision": "approved", "approver": PEOPLE[approver][0]}
    values |= {"role": role, "content": content, "source": source}
    return "\n".join(f"{TRAILERS[key]}: {values[key]}" for key in TRAILERS)


def content(repo: GitRepo, commit: str = "HEAD") -> str:
    return content_id_of_folder(repo.root / "agreement") or ""


def tag_object(
    repo: GitRepo,
    who: str,
    name: str,
    message: bytes,
    target: str = "HEAD",
    kind: str = "commit",
    signed: bool = True,
) -> str:
    """Write a tag object (signed with `who`'s key like `git tag -s`) and return its id."""
    target_id = repo.git("rev-parse", target)
    email = PEOPLE[who][1]
    header = (
        f"object {target_id}\ntype {kind}\ntag {name}\n"
        f"tagger {who.capitalize()} <{email}> {int(time.time())} +0000\n\n"
    ).encode()
    payload = header + message
    if signed:
        payload_file = repo.root.parent / f"payload-{who}"
        payload_file.write_bytes(payload)
        subprocess.run(
            ["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", str(repo.keys / who),
             str(payload_file)],
            check=True, capture_output=True,
        )  # fmt: skip
        payload += Path(f"{payload_file}.sig").read_bytes()
        Path(f"{payload_file}.sig").unlink()
    result = subprocess.run(
        ["git", "hash-object", "-t", "tag", "-w", "--literally", "--stdin"],
        cwd=repo.root, input=payload, capture_output=True, check=True,
    )  # fmt: skip
    return result.stdout.decode().strip()


def plant(repo: GitRepo, ref: str, oid: str) -> None:
    repo.git("update-ref", f"refs/tags/{ref}", oid)


def forge(
    repo: GitRepo,
    name: str,
    stage: str,
    approver: str,
    role: str,
    who: str,
    flag: str = "-s",
    content: str | None = None,
) -> None:
    """A tag written by hand, as an attacker would, bypassing `agreekit approve`'s own checks."""
    content = content or content_id_of_folder(repo.root / "agreement") or ""
    text = message(stage, "approved", PEOPLE[approver][0], role, content, "local", "forged")
    repo.git("tag", flag, "-m", text, name, who=who)


def rejected_everywhere(repo: GitRepo, record: str, rule: str) -> None:
    audit = repo.agreekit("verify")
    assert audit.returncode == 1, audit.stdout
    block = audit.stdout.split(f"{record}: REJECTED", 1)
    assert len(block) == 2 and rule in block[1].split("\napprovals/")[0], audit.stdout
    steps = json.loads(repo.agreekit("status", "--json").stdout)["steps"]
    notes = " ".join(step["evidence"] for step in steps)
    assert f"{record} rejected by verify: " in notes and rule in notes, notes
    release = repo.agreekit("release", "v9.0.0")
    assert release.returncode == 1
    line = next((x for x in release.stdout.splitlines() if f"{record} is rejected" in x), "")
    assert rule in line, release.stdout
    for result in (audit, release):
        assert "Traceback" not in result.stderr
