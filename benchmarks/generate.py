"""Large agreements and long histories, made from the sample, for the benchmarks.

- `large_agreement(folder, sections)`: the sample plus generated annex sections, each a clean copy
  of one of the sample's prose sections under a new id, so `check` does its full work on each.
- `history(folder, commits, approvals)`: a git repository of the sample whose agreement text
  changes in every commit (git fast-import), with an allowed-signers file and `approvals` signed
  approval tags spread over the history in workflow order (initial, legal, final), made with
  agreekit's own recording code and real SSH keys.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from agreekit.approvals.content import content_id_of_tree
from agreekit.approvals.recording import write_record
from agreekit.approvals.stages import BY_ID

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agreement"
# Prose-only sections of the sample: copies add text without adding conflicting data.
PROSE = ("responsibilities", "constraints", "service-needs", "communication", "legal")
ROUND = (("initial", "amara-okafor"), ("legal", "rachel-osei"), ("final", "amara-okafor"))
SIGNERS = {
    "amara-okafor": "amara.okafor@harbourside-housing.example",
    "rachel-osei": "rachel.osei@harbourside-housing.example",
}


def large_agreement(folder: Path, sections: int) -> int:
    """Write the sample plus annexes up to `sections` sections; answer the bytes of text."""
    shutil.copytree(SAMPLE, folder / "agreement")
    listing = folder / "agreement" / "agreement.yml"
    text = listing.read_text("utf-8")
    existing = len(re.findall(r"^  - [a-z-]+$", text.split("\nsections:\n", 1)[1], re.M))
    ids = []
    for number in range(1, sections - existing + 1):
        source = PROSE[number % len(PROSE)]
        annex = f"annex-{number:05d}"
        body = (SAMPLE / "sections" / f"{source}.md").read_text("utf-8")
        front, prose = body.split("\n---\n", 1)
        front = re.sub(r"^id: .*$", f"id: {annex}", front, flags=re.M)
        front = re.sub(r"^title: (.*)$", rf"title: \1 (annex {number})", front, flags=re.M)
        (folder / "agreement" / "sections" / f"{annex}.md").write_text(f"{front}\n---\n{prose}")
        ids.append(annex)
    head, tail = text.split("\nsections:\n", 1)
    listed = "".join(f"  - {i}\n" for i in ids)
    listing.write_text(f"{head}\nsections:\n{_insert_after_list(tail, listed)}", "utf-8")
    return sum(p.stat().st_size for p in (folder / "agreement").rglob("*") if p.is_file())


def _insert_after_list(tail: str, listed: str) -> str:
    lines = tail.split("\n")
    end = next(i for i, line in enumerate(lines) if not line.startswith("  - "))
    return "\n".join(lines[:end]) + "\n" + listed.rstrip("\n") + "\n" + "\n".join(lines[end:])


def history(folder: Path, commits: int, approvals: int) -> Path:
    """A repository with `commits` commits and `approvals` signed approval tags."""
    repo = folder / "repo"
    shutil.copytree(SAMPLE, repo / "agreement")
    keys = _keys(folder / "keys")
    (repo / ".github").mkdir()
    (repo / ".github" / "allowed_signers").write_text(
        "".join(
            f'{email} namespaces="git" {(keys / f"{who}.pub").read_text().strip()}\n'
            for who, email in SIGNERS.items()
        )
    )
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "The sample agreement")
    _fast_import(repo, commits - 1)
    _approve_along(repo, keys, approvals)
    return repo


def _keys(folder: Path) -> Path:
    folder.mkdir()
    for who in SIGNERS:
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", who, "-f", str(folder / who)],
            check=True,
        )
    return folder


def _fast_import(repo: Path, commits: int) -> None:
    """Commits that each change a line of the agreement's text, as a long negotiation would."""
    path = "agreement/sections/communication.md"
    original = (repo / path).read_text("utf-8")
    stream = []
    for n in range(commits):
        text = original.replace("The Provider", f"The Provider (revision {n})", 1).encode()
        stream.append(
            b"commit refs/heads/main\n"
            + b"committer Bench <bench@example.com> %d +0000\n" % (1_700_000_000 + n * 60)
            + b"data 9\nrevision\n"
            + (b"from refs/heads/main^0\n" if n == 0 else b"")
            + b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(text), text)
        )
    _git(repo, "fast-import", "--quiet", stdin=b"".join(stream))
    _git(repo, "reset", "-q", "--hard", "main")


def _approve_along(repo: Path, keys: Path, approvals: int) -> None:
    """Rounds of initial, legal and final approvals, spread evenly over the history."""
    saved = dict(os.environ)
    try:
        _approve_rounds(repo, keys, approvals)
    finally:  # the signing settings were for the tags only
        os.environ.clear()
        os.environ.update(saved)


def _approve_rounds(repo: Path, keys: Path, approvals: int) -> None:
    commits = _git(repo, "rev-list", "--reverse", "HEAD").split()
    rounds = max(1, -(-approvals // len(ROUND)))
    taken: list[str] = []
    made = 0
    for number in range(rounds):
        commit = commits[min(len(commits) - 1, (number + 1) * len(commits) // rounds - 1)]
        tree = subprocess.run(
            ["git", "cat-file", "tree", f"{commit}:agreement"],
            cwd=repo, check=True, capture_output=True,
        ).stdout  # fmt: skip
        content = content_id_of_tree(tree)
        for stage_id, who in ROUND:
            if made == approvals:
                return
            os.environ.update(_signing_env(keys, who))
            name = write_record(
                repo, BY_ID[stage_id], who, "approved", commit, content, "local",
                sign=True, taken=taken,
            )  # fmt: skip
            taken.append(name)
            made += 1


def _signing_env(keys: Path, who: str) -> dict[str, str]:
    return {
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "gpg.format",
        "GIT_CONFIG_VALUE_0": "ssh",
        "GIT_CONFIG_KEY_1": "user.signingkey",
        "GIT_CONFIG_VALUE_1": str(keys / f"{who}.pub"),
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": SIGNERS[who],
    }


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com", *args],
        cwd=repo, input=stdin, check=True, capture_output=True,
    )  # fmt: skip
    return result.stdout.decode()
