"""The GitHub workflows: generated from the templates, valid by GitHub's schema, clean by zizmor."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agreekit.templates import INSTALL_FROM_SOURCE, github_files
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_the_repository_files_are_the_rendered_templates() -> None:
    for path, text in github_files(INSTALL_FROM_SOURCE).items():
        assert (ROOT / path).read_text("utf-8") == text, f"{path} differs from its template"


def test_workflows_match_githubs_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(p) for p in WORKFLOWS],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_invalid_workflow_fails_the_schema(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text().replace("runs-on:", "runs_on:"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1


def zizmor(folder: Path) -> subprocess.CompletedProcess[str]:
    """zizmor (pedantic) on each workflow file of `folder`, named one by one: given a folder that
    is not a repository's .github/workflows, zizmor collects nothing and fails for that reason."""
    binary = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    files = sorted(str(path) for path in folder.glob("*.yml"))
    assert files, folder
    return subprocess.run(
        [binary, "--offline", "--persona", "pedantic", "--no-progress", *files],
        capture_output=True,
        text=True,
    )


def test_zizmor_finds_nothing_even_when_pedantic() -> None:
    result = zizmor(ROOT / ".github" / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", ["check.yml", "record-approval.yml"])
def test_zizmor_catches_a_weakened_workflow(tmp_path: Path, workflow: str) -> None:
    text = (ROOT / ".github" / "workflows" / workflow).read_text()
    (tmp_path / workflow).write_text(text.replace("persist-credentials: false", "ref: main"))
    result = zizmor(tmp_path)
    assert result.returncode != 0 and "artipacked" in result.stdout, result.stdout + result.stderr


def test_permissions_are_least_privilege() -> None:
    for path in WORKFLOWS:
        text = path.read_text()
        assert "\npermissions:\n  contents: read\n" in text, path.name
        assert "write-all" not in text


def test_init_writes_this_repositorys_mkdocs_yml() -> None:
    from agreekit.templates import template

    assert (ROOT / "mkdocs.yml").read_text("utf-8") == template("mkdocs.yml")


def test_write_permissions_only_on_the_jobs_that_need_them() -> None:
    import yaml

    holders: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        for job_id, job in workflow["jobs"].items():
            for scope, level in (job.get("permissions") or {}).items():
                if level == "write":
                    holders.setdefault(scope, set()).add(f"{path.stem}.{job_id}")
            for step in job["steps"]:
                assert "git fetch" not in str(step.get("run", "")), "fetch tags with the checkout"
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
    assert holders == {
        "security-events": {"check.code-scanning"},
        "pages": {"publish.deploy"},
        "id-token": {"publish.deploy"},
        "contents": {"record-approval.record", "release.release"},
        "issues": {"reminders.reminders"},
    }


def test_every_action_is_pinned_to_a_commit_of_a_node24_release() -> None:
    import re

    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        text = path.read_text()
        found = re.findall(r"uses: ([\w/-]+)@(\S+)\s+# (v[\d.]+)", text)
        assert len(found) == text.count("uses:"), f"{path.name}: a `uses:` without a pinned release"
        for action, sha, version in found:
            assert re.fullmatch(r"[0-9a-f]{40}", sha), (action, sha)
            pins.setdefault(action, set()).add(f"{sha} {version}")
    assert all(len(versions) == 1 for versions in pins.values()), pins
    assert pins["actions/checkout"] == {"3d3c42e5aac5ba805825da76410c181273ba90b1 v7.0.1"}
    assert "actions/deploy-pages" in pins and "github/codeql-action/upload-sarif" in pins


def test_zizmor_finds_nothing_in_an_init_repositorys_workflows(tmp_path: Path) -> None:
    from agreekit.templates import DEFAULT_INSTALL_SOURCE

    folder = tmp_path / "workflows"
    folder.mkdir()
    for path, text in github_files(DEFAULT_INSTALL_SOURCE).items():
        if path.startswith(".github/workflows/"):
            (folder / Path(path).name).write_text(text)
    result = zizmor(folder)
    assert result.returncode == 0, result.stdout + result.stderr
