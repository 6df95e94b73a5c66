"""The README's "Start your own agreement", step by step, in a temporary folder: `agreekit init`,
fill the placeholders, check clean, build the site and the PDF, three people approve with their
SSH keys, verify. No file of this repository is used but the sample's section texts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import SAMPLE

# The sample's facts, written into the placeholders as an organisation writes its own.
FACTS: dict[str, Any] = yaml.safe_load((SAMPLE / "agreement.yml").read_text("utf-8"))
APPROVERS = {  # stage -> stakeholder of the README's three approvals
    "initial": "amara-okafor",
    "legal": "rachel-osei",
    "final": "mark-ellison",
}
# The skeleton's signer line (by its example email) that each approver takes over.
SIGNER_LINES = {
    "executive@example.com": "amara-okafor",
    "legal-counsel@example.com": "rachel-osei",
    "provider-manager@example.com": "mark-ellison",
}


class Organisation:
    """The new repository and the people who work in it, each with their own SSH key."""

    def __init__(self, root: Path, keys: Path) -> None:
        self.root = root
        self.keys = keys
        keys.mkdir()

    def person(self, stakeholder: str) -> dict[str, Any]:
        return next(p for p in FACTS["stakeholders"] if p["id"] == stakeholder)

    def key(self, stakeholder: str) -> Path:
        path = self.keys / stakeholder
        if not path.exists():
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", stakeholder, "-f", str(path)],
                check=True,
                capture_output=True,
            )
        return path

    def env(self, stakeholder: str) -> dict[str, str]:
        """git as this person: their name and email, and (README) `gpg.format ssh` with their key."""
        person = self.person(stakeholder)
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
        env.update(
            GIT_AUTHOR_NAME=person["name"], GIT_AUTHOR_EMAIL=person["email"],
            GIT_COMMITTER_NAME=person["name"], GIT_COMMITTER_EMAIL=person["email"],
            GIT_CONFIG_COUNT="3",
            GIT_CONFIG_KEY_0="gpg.format", GIT_CONFIG_VALUE_0="ssh",
            GIT_CONFIG_KEY_1="user.signingkey", GIT_CONFIG_VALUE_1=f"{self.key(stakeholder)}.pub",
            GIT_CONFIG_KEY_2="user.email", GIT_CONFIG_VALUE_2=person["email"],
        )  # fmt: skip
        return env

    def run(
        self,
        *args: str,
        who: str = "daniel-reeve",
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "agreekit", *args[1:]] if args[0] == "agreekit" else args
        return subprocess.run(
            command, cwd=cwd or self.root, env={**self.env(who), **(env or {})},
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    def ok(self, *args: str, who: str = "daniel-reeve", cwd: Path | None = None) -> str:
        result = self.run(*args, who=who, cwd=cwd)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
        return result.stdout + result.stderr


def fill_agreement_yml(path: Path) -> None:
    """Replace every placeholder of the skeleton's agreement.yml with the organisation's facts."""
    text = path.read_text("utf-8")
    assert "[insert" in text
    data = yaml.safe_load(text)
    for key in ("reference", "parties", "term", "stakeholders", "teams", "departments"):
        data[key] = FACTS[key]
    data["variables"] = FACTS["variables"]  # the sections' {{ variables }}
    modeline = text.splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema=")
    path.write_text(modeline + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def write_signers(org: Organisation) -> None:
    """README step 4: each approver's commented line, uncommented, with their email and key."""
    path = org.root / ".github" / "allowed_signers"
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines):
        email = line.removeprefix("# ").split(" ", 1)[0]
        if email in SIGNER_LINES:
            assert line.startswith("# ") and 'namespaces="git" ssh-ed25519 ' in line
            stakeholder = SIGNER_LINES[email]
            public = Path(f"{org.key(stakeholder)}.pub").read_text().strip()
            lines[number] = f'{org.person(stakeholder)["email"]} namespaces="git" {public}'
    assert sum(not line.startswith("#") for line in lines) == len(SIGNER_LINES)
    path.write_text("\n".join(lines) + "\n")


def test_start_your_own_agreement(tmp_path: Path) -> None:
    org = Organisation(tmp_path / "our-agreement", tmp_path / "keys")

    # 2. init: a repository whose blanks are findings, with the hooks installed
    org.ok("agreekit", "init", str(org.root), cwd=tmp_path)
    org.ok(sys.executable, "-m", "pre_commit", "install")
    assert org.run("agreekit", "check").returncode == 1
    assert "Progress:" in org.ok("agreekit", "status")

    # 3. fill the placeholders: agreement.yml's facts, each section's text
    fill_agreement_yml(org.root / "agreement" / "agreement.yml")
    for section in sorted((SAMPLE / "sections").glob("*.md")):
        shutil.copy(section, org.root / "agreement" / "sections" / section.name)
    # 4. name who signs
    write_signers(org)

    # 5. check clean, and commit (the hooks run: agreekit check, codeowners, markdownlint)
    org.ok("agreekit", "codeowners", "--write")  # the teams changed
    assert "agreement/: no findings" in org.ok("agreekit", "check")
    org.ok("git", "add", "-A")
    committed = org.ok("git", "commit", "-q", "-m", "Our agreement, ready for approval")
    assert "agreekit check" in committed and "Failed" not in committed

    # 6. the site and the PDF
    built = org.ok("agreekit", "build")
    assert (org.root / "site" / "index.html").is_file()
    pdf = org.root / "site" / "agreement.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "Harbourside Housing Association" in (org.root / "site" / "index.html").read_text()
    assert "Published to" in built

    # 7. three people approve, each signing with their own key
    for stage, stakeholder in APPROVERS.items():
        org.ok("agreekit", "approve", stage, "--as", stakeholder, who=stakeholder)
    tags = org.ok("git", "tag", "-l", "approvals/*").split()
    assert len(tags) == 3

    # 8. verify: every record is valid and signed by a key in the signers file
    verified = org.ok("agreekit", "verify")
    for stage, stakeholder in APPROVERS.items():
        assert f"approvals/{stage}/1: ok: {stage} approved by {stakeholder}" in verified
    assert "3 records: 0 rejected, 0 stale, 0 revoked." in verified
    for tag in tags:
        assert "-----BEGIN SSH SIGNATURE-----" in org.ok("git", "cat-file", "tag", tag)

    # the signers file is what makes the signatures count: a key not in it is rejected
    refused = org.run("agreekit", "approve", "initial", "--as", "priya-shah", who="priya-shah")
    assert refused.returncode == 1 and "not Priya Shah's" in refused.stderr  # nothing written
    from agreekit.approvals.content import content_id_of_folder
    from agreekit.approvals.record import message

    text = message("initial", "approved", "priya-shah", "management",
                   content_id_of_folder(org.root / "agreement") or "", "local", "by hand")  # fmt: skip
    org.ok("git", "tag", "-s", "-m", text, "approvals/initial/2", who="priya-shah")
    rejected = org.run("agreekit", "verify")
    assert rejected.returncode == 1, rejected.stdout
    assert "No principal matched" in rejected.stdout
    assert "4 records: 1 rejected, 0 stale, 0 revoked." in rejected.stdout
