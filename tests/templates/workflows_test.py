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
    binary = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    return subprocess.run(
        [binary, "--offline", "--persona", "pedantic", "--no-progress", str(folder)],
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
    assert zizmor(tmp_path).returncode != 0


def test_permissions_are_least_privilege() -> None:
    for path in WORKFLOWS:
        text = path.read_text()
        assert "\npermissions:\n  contents: read\n" in text, path.name
        assert "write-all" not in text
