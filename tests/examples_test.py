"""The second example agreement goes through every command the sample does: check, explain,
status, codeowners, announce, meeting, feedback, build (site and PDF), diff, approve, sign, verify
and release, in a real git repository with real SSH keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EXAMPLE, SampleRepo, json_findings, make_git_repo, run_cli
from gitrepo import make_keys

# key name: (stakeholder id, email)
PEOPLE = {
    "joost": "j.verbeek@vanderhoven-freight.example",
    "marieke": "m.devries@vanderhoven-freight.example",
    "eva": "e.smit@vanderhoven-freight.example",
    "katrin": "katrin.hoffmann@rheinbrueck-ms.example",
}


class ExampleRepo:
    """The example in a git repository whose people sign with their own SSH keys."""

    def __init__(self, root: Path, keys: Path) -> None:
        self.root, self.keys = root, keys

    def env(self, who: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            GIT_AUTHOR_NAME=who.capitalize(),
            GIT_AUTHOR_EMAIL=PEOPLE[who],
            GIT_COMMITTER_NAME=who.capitalize(),
            GIT_COMMITTER_EMAIL=PEOPLE[who],
            GIT_CONFIG_COUNT="3",
            GIT_CONFIG_KEY_0="gpg.format",
            GIT_CONFIG_VALUE_0="ssh",
            GIT_CONFIG_KEY_1="user.signingkey",
            GIT_CONFIG_VALUE_1=str(self.keys / f"{who}.pub"),
            GIT_CONFIG_KEY_2="user.email",
            GIT_CONFIG_VALUE_2=PEOPLE[who],
        )
        return env

    def git(self, *args: str, who: str = "joost") -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=self.env(who), capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def ok(self, *args: str, who: str = "joost") -> str:
        result = subprocess.run(
            [sys.executable, "-m", "agreekit", *args],
            cwd=self.root,
            env=self.env(who),
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def steps(self) -> dict[int, str]:
        steps = json.loads(self.ok("status", "--json"))["steps"]
        return {step["number"]: step["state"] for step in steps}


def example_repo(tmp_path: Path) -> ExampleRepo:
    root = tmp_path / "repo"
    for name in ("agreement", ".github"):
        shutil.copytree(EXAMPLE / name, root / name, ignore=shutil.ignore_patterns("site"))
    shutil.copy(EXAMPLE / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(EXAMPLE.parent.parent / ".github" / "workflows", root / ".github" / "workflows")
    keys = tmp_path / "keys"
    make_keys(keys, list(PEOPLE))
    repo = ExampleRepo(root, keys)
    signers = "".join(
        f'{email} namespaces="git" {(keys / f"{who}.pub").read_text().strip()}\n'
        for who, email in PEOPLE.items()
    )
    (root / ".github" / "allowed_signers").write_text(signers)
    repo.git("init", "-q", "-b", "main")
    repo.commit("Set up the agreement and its rules")
    path = root / "agreement" / "sections" / "constraints.md"
    path.write_text(path.read_text().replace("## Budget\n", "## Budget\n\nThe budget is fixed.\n"))
    repo.commit("Draft: say that the budget is fixed")
    return repo


def test_the_example_is_clean_in_every_format() -> None:
    text = run_cli("check", "--repo", str(EXAMPLE), cwd=EXAMPLE.parent)
    assert (text.returncode, text.stdout.strip()) == (0, "agreement/: no findings."), text.stderr
    as_json = run_cli("check", "--repo", str(EXAMPLE), "--format", "json", cwd=EXAMPLE.parent)
    assert json_findings(as_json) == []
    owners = run_cli("codeowners", "--repo", str(EXAMPLE), "--check", cwd=EXAMPLE.parent)
    assert owners.returncode == 0, owners.stdout + owners.stderr


def test_the_example_builds_its_site_and_pdf(example: SampleRepo) -> None:
    make_git_repo(example.root)
    result = example.cli("build")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (example.root / "site" / "service-levels" / "index.html").read_text("utf-8")
    for text in ("Sev1 Critical", "Minimum acceptable", "Transport Management Platform",
                 "Sev1 response later than 15 minutes", "3 hours 36 minutes",
                 "every 30 minutes", "every 2 business hours"):  # fmt: skip
        assert text in page, text
    pdf = PdfReader(example.root / "site" / "agreement.pdf")
    words = " ".join(page.extract_text() for page in pdf.pages)
    assert "€11,470.00" in words and "Rheinbrück Managed Services GmbH" in words
    assert "customer-satisfaction" not in words.lower() and "Customer satisfaction" not in words


def test_announce_meeting_and_feedback_on_the_example(example: SampleRepo) -> None:
    make_git_repo(example.root)
    for args in (("announce",), ("meeting",), ("feedback", "--check")):
        result = example.cli(*args)
        assert result.returncode == 0, (args, result.stdout + result.stderr)
    notices = sorted(p.name for p in (example.root / "dist" / "notices").glob("*.md"))
    assert notices == ["finance.md", "it.md", "operations.md"]  # no HR department here
    assert "Rheinbrück" in (example.root / "dist" / "notices" / "operations.md").read_text()
    invitation = (example.root / "dist" / "signing-meeting.ics").read_text()
    assert "DTSTART:20270310T130000Z" in invitation  # 14:00 in Amsterdam, winter time


def test_the_example_walks_from_approval_to_release(tmp_path: Path) -> None:
    repo = example_repo(tmp_path)
    assert repo.steps()[10] == "ready"
    repo.ok("approve", "initial", who="marieke")
    repo.ok("approve", "legal", who="eva")
    repo.ok("approve", "final", who="marieke")
    repo.ok("sign", who="marieke")
    repo.ok("sign", who="katrin")
    records = repo.root / "agreement" / "records" / "communication.yml"
    records.write_text(
        records.read_text().replace("  - department: ", "  - told: 2026-11-30\n    department: ")
    )
    repo.commit("Every department told")
    repo.ok("verify")
    assert repo.steps()[19] == "ready"
    repo.ok("release", "v1.0.0")
    bundle = repo.root / "dist" / "v1.0.0"
    assert (bundle / "VHF-RMS-MSA-2027-v1.0.0.pdf").is_file()
    signed = json.loads((bundle / "signatures.json").read_text())
    assert [s["name"] for s in signed["signatures"]] == ["Marieke de Vries", "Katrin Hoffmann"]
    assert repo.steps()[19] == "done"
    repo.ok("diff", "v1.0.0", "HEAD")


def test_a_business_day_notice_deadline_is_counted_only_when_near(
    example: SampleRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = (
        "import pathlib, sys; from agreekit.checks.run import check_repository;"
        f"found = check_repository(pathlib.Path({str(example.root)!r})).findings;"
        "print(len(found), 'holidays' in sys.modules)"
    )
    far = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert far.stdout.split() == ["0", "False"], far.stderr  # 2026-12-01: years before
    # near it, the 60 business days are counted on the Dutch calendar: Good Friday is skipped
    monkeypatch.setenv("AGREEKIT_TODAY", "2028-12-20")
    found = [f for f in example.check().findings if f.code == "AK229"]
    assert [(f.location.line, f.message) for f in found] == [
        (
            example.line_of("agreement.yml", "notice: 60 business days"),
            "the last day to give notice against renewal is 2029-01-05 (16 days from today); "
            "decide on renewal before then",
        )
    ]
