"""A real git repository holding a copy of the sample, with real SSH keys for the people in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE

PEOPLE = {
    # key name: (stakeholder id, email)
    "daniel": ("daniel-reeve", "daniel.reeve@harbourside-housing.example"),
    "amara": ("amara-okafor", "amara.okafor@harbourside-housing.example"),
    "priya": ("priya-shah", "priya.shah@harbourside-housing.example"),
    "rachel": ("rachel-osei", "rachel.osei@harbourside-housing.example"),
    "helen": ("helen-mcbride", "helen.mcbride@harbourside-housing.example"),
    "mark": ("mark-ellison", "mark.ellison@brightwater-it.example"),
    "mallory": ("mallory", "mallory@attacker.example"),  # not a stakeholder, not a signer
    "recorder": ("recorder", "recorder@agreekit"),  # the record-approval workflow's key
}


class GitRepo:
    def __init__(self, root: Path, keys: Path) -> None:
        self.root = root
        self.keys = keys

    def env(self, who: str = "daniel") -> dict[str, str]:
        """Environment that makes git act as `who`, signing with their key."""
        _, email = PEOPLE[who]
        name = who.capitalize()
        env = dict(os.environ)
        env.update(
            GIT_AUTHOR_NAME=name,
            GIT_AUTHOR_EMAIL=email,
            GIT_COMMITTER_NAME=name,
            GIT_COMMITTER_EMAIL=email,
            GIT_CONFIG_COUNT="3",
            GIT_CONFIG_KEY_0="gpg.format",
            GIT_CONFIG_VALUE_0="ssh",
            GIT_CONFIG_KEY_1="user.signingkey",
            GIT_CONFIG_VALUE_1=str(self.keys / f"{who}.pub"),
            GIT_CONFIG_KEY_2="user.email",
            GIT_CONFIG_VALUE_2=email,
        )
        return env

    def git(self, *args: str, who: str = "daniel") -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=self.env(who), capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def agreekit(self, *args: str, who: str = "daniel") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "agreekit", *args],
            cwd=self.root,
            env=self.env(who),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    def commit(self, message: str, who: str = "daniel") -> str:
        self.git("add", "-A", who=who)
        self.git("commit", "-q", "-m", message, who=who)
        return self.git("rev-parse", "HEAD")

    def public_key(self, who: str) -> str:
        return (self.keys / f"{who}.pub").read_text().strip()

    def signer_line(self, who: str, email: str | None = None) -> str:
        return f'{email or PEOPLE[who][1]} namespaces="git" {self.public_key(who)}'

    def write_signers(self, *people: str) -> None:
        signers = self.root / ".github" / "allowed_signers"
        signers.parent.mkdir(parents=True, exist_ok=True)
        signers.write_text("".join(self.signer_line(p) + "\n" for p in people))


def make_keys(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)],
            check=True,
            capture_output=True,
        )


def governed_repo(tmp_path: Path, signed: bool = True) -> GitRepo:
    """The sample in a git repository with CODEOWNERS, and (if `signed`) an allowed-signers file.

    The first commit sets up the rules; the agreement text is then edited in a second commit, so
    the commit being approved has a parent that vouches for the signers.
    """
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / ".github", root / ".github")
    keys = tmp_path / "keys"
    make_keys(keys, list(PEOPLE))
    repo = GitRepo(root, keys)
    if signed:
        repo.write_signers("amara", "priya", "rachel", "daniel", "helen", "mark", "recorder")
    else:
        (root / ".github" / "allowed_signers").unlink(missing_ok=True)
    repo.git("init", "-q", "-b", "main")
    repo.commit("Set up the agreement and its rules")
    repo.edit("agreement/sections/constraints.md", "## Budget", "## Budget\n\nThe budget is fixed.")
    repo.commit("Draft: say that the budget is fixed")
    return repo
