"""`agreekit init`: a new repository whose blanks are findings and whose hook runs on commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE, run_cli


def env() -> dict[str, str]:
    """The test's Python first on PATH, so the hook's `agreekit` is this one; a fixed identity."""
    environment = dict(os.environ)
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.update(
        GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.com",
    )  # fmt: skip
    return environment


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True, timeout=300)


def test_init_scaffolds_a_repository_whose_blanks_are_findings(tmp_path: Path) -> None:
    new = tmp_path / "new"
    created = run_cli("init", str(new), cwd=tmp_path)
    assert created.returncode == 0, created.stdout + created.stderr
    for path in [
        "agreement/agreement.yml",
        "agreement/sections/service-needs.md",
        ".github/CODEOWNERS",
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        ".github/workflows/record-approval.yml",
        ".github/pull_request_template.md",
        ".pre-commit-config.yaml",
        ".markdownlint-cli2.yaml",
        ".github/allowed_signers",
        "mkdocs.yml",
        "README.md",
        "schemas/agreement.schema.json",
        ".git/HEAD",
    ]:
        assert (new / path).is_file(), path
    assert (
        "agreekit[publish] @ git+https://github.com/agreekit/agreekit@v"
        in (new / ".github/workflows/check.yml").read_text()
    )
    needs = (new / "agreement/sections/service-needs.md").read_text()
    assert "current IT infrastructure, software requirements, hardware needs" in needs

    checked = run_cli("check", "--format", "json", cwd=new)
    assert checked.returncode == 1  # findings, not "could not load"
    found = json.loads(checked.stdout)["findings"]
    assert {f["code"] for f in found} == {"AK105"}
    assert any(f["file"] == "agreement/sections/service-needs.md" for f in found)
    assert run_cli("codeowners", "--check", cwd=new).returncode == 0

    status = json.loads(run_cli("status", "--json", cwd=new).stdout)
    assert status["next"] == 1 and status["progress"] == 5  # step 3: the structure is there
    assert [s["number"] for s in status["steps"] if s["state"] == "done"] == [3]
    assert status["steps"][0]["actors"] == ["the Head of IT"]


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    refused = run_cli("init", str(tmp_path), cwd=tmp_path)
    assert refused.returncode == 2 and "not empty; pass --force" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_force_adds_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("mine\n")
    (tmp_path / "agreement").mkdir()
    (tmp_path / "agreement" / "agreement.yml").write_text("title: mine\n")
    result = run_cli("init", str(tmp_path), "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kept .gitignore (exists)" in result.stdout
    assert (tmp_path / ".gitignore").read_text() == "mine\n"
    assert (tmp_path / "agreement" / "agreement.yml").read_text() == "title: mine\n"
    assert (tmp_path / "agreement" / "sections" / "legal.md").is_file()


def test_pre_commit_install_then_a_commit_runs_the_hook(tmp_path: Path) -> None:
    new = tmp_path / "new"
    assert run_cli("init", str(new), cwd=tmp_path).returncode == 0
    installed = run(sys.executable, "-m", "pre_commit", "install", cwd=new)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    run("git", "add", "-A", cwd=new)
    blocked = run("git", "commit", "-m", "Start the agreement", cwd=new)
    assert blocked.returncode == 1
    hook = blocked.stdout + blocked.stderr  # git passes the hook's output on stderr
    assert "agreekit check" in hook and "Failed" in hook
    assert "AK105 placeholder" in hook

    shutil.rmtree(new / "agreement")
    shutil.copytree(SAMPLE, new / "agreement")
    assert run_cli("codeowners", "--write", cwd=new).returncode == 0
    run("git", "add", "-A", cwd=new)
    committed = run("git", "commit", "-m", "Use the finished sample", cwd=new)
    assert committed.returncode == 0, committed.stdout + committed.stderr
    hook = committed.stdout + committed.stderr
    assert "agreekit check" in hook and "Passed" in hook


def uncommented(template: str) -> str:
    """A record template with its example filled in, as the README says: drop the leading '# '."""
    lines = template.split("\n")
    start = lines.index("#") + 1  # the example follows the comment's empty line
    return "\n".join(lines[:start] + [line.removeprefix("# ") for line in lines[start:]])


def test_record_templates_read_as_not_started_until_filled(tmp_path: Path) -> None:
    new = tmp_path / "new"
    assert run_cli("init", str(new), cwd=tmp_path).returncode == 0
    records = sorted((new / "agreement" / "records").glob("*.yml"))
    assert [p.name for p in records] == [
        "communication.yml", "internal-review.yml", "legal-review.yml",
        "negotiation.yml", "signing.yml",
    ]  # fmt: skip
    status = json.loads(run_cli("status", "--json", cwd=new).stdout)
    states = {s["number"]: s["state"] for s in status["steps"]}
    assert [states[n] for n in (11, 13, 14, 16, 17)] == ["not started"] * 5
    found = json.loads(run_cli("check", "--format", "json", cwd=new).stdout)["findings"]
    assert not [f for f in found if "/records/" in f["file"]]

    for path in records:
        path.write_text(uncommented(path.read_text()))
    found = json.loads(run_cli("check", "--format", "json", cwd=new).stdout)["findings"]
    # the examples load and match the models (no schema or input findings); their dates are
    # examples, which the terms checks may judge
    assert not [f for f in found if "/records/" in f["file"] and f["code"][:3] in ("AK1", "AK9")]
    status = json.loads(run_cli("status", "--json", cwd=new).stdout)
    states = {s["number"]: s["state"] for s in status["steps"]}
    assert "not started" not in [states[n] for n in (11, 13, 14, 16, 17)], states


def test_the_skeleton_quotes_every_time_and_placeholder(tmp_path: Path) -> None:
    new = tmp_path / "new"
    assert run_cli("init", str(new), cwd=tmp_path).returncode == 0
    levels = (new / "agreement" / "sections" / "service-levels.md").read_text()
    assert 'start: "09:00"' in levels and 'end: "17:00"' in levels
    assert 'response: "TBD"' in levels
    agreement = (new / "agreement" / "agreement.yml").read_text()
    assert "[insert the name of the Head of IT]" in agreement
    assert "it's" not in agreement.lower() and "head of it'" not in agreement.lower()
    signers = (new / ".github" / "allowed_signers").read_text()
    for stakeholder in ("it-manager", "executive", "department-head", "legal-counsel"):
        assert f'# {stakeholder}@example.com namespaces="git" ssh-ed25519 ' in signers


def test_an_install_source_goes_into_every_workflow(tmp_path: Path) -> None:
    source = "agreekit==0.1.0"
    created = run_cli("init", str(tmp_path / "a"), "--install-source", source, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    for name in ("check.yml", "publish.yml", "record-approval.yml", "release.yml"):
        text = (tmp_path / "a" / ".github" / "workflows" / name).read_text()
        assert "'agreekit[publish]==0.1.0'" in text or "pip install agreekit==0.1.0\n" in text, name
    for bad, says in [
        ("-e .", "not pip options"),
        (
            "git+https://github.com/o/agreekit@v1",
            "as 'agreekit @ git+https://github.com/o/agreekit@v1'",
        ),
        ("agreekit==1 ruff", "one requirement"),
        ("", "must be one line"),
    ]:
        refused = run_cli("init", str(tmp_path / "b"), "--install-source", bad, cwd=tmp_path)
        assert refused.returncode == 2 and says in refused.stderr, (bad, refused.stderr)
        assert len(refused.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "b").exists()
