"""The published pre-commit hook, run by the real pre-commit framework from another repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_runs_the_hook_and_reports_a_planted_defect(tmp_path: Path) -> None:
    consumer = tmp_path / "consumer"
    shutil.copytree(SAMPLE, consumer / "agreement")
    legal = consumer / "agreement" / "sections" / "legal.md"
    legal.write_text(
        legal.read_text().replace("## Confidentiality\n", "## Confidentiality\n\nTBD\n")
    )
    git("init", "-q", "-b", "main", cwd=consumer)
    git("add", ".", cwd=consumer)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "agreekit-check",
            "--all-files",
        ],
        cwd=consumer,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "agreekit check" in result.stdout
    assert "Failed" in result.stdout
    line = legal.read_text().split("\n").index("TBD") + 1
    assert f"agreement/sections/legal.md:{line}:1: AK105" in result.stdout


# try-repo with its temporary store kept, so the test can see what the hook's environment holds.
KEEP_STORE = """
import sys, tempfile
from pre_commit import main

class Kept(tempfile.TemporaryDirectory):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._finalizer.detach()  # kept after the interpreter exits, under the test's tmp_path
        print("store:" + self.name, file=sys.stderr)
    def cleanup(self):
        pass
    def __exit__(self, *args):
        pass

tempfile.TemporaryDirectory = Kept
sys.exit(main.main(sys.argv[1:]))
"""


def test_the_hook_installs_only_the_core(tmp_path: Path) -> None:
    consumer = tmp_path / "consumer"
    shutil.copytree(SAMPLE, consumer / "agreement")
    git("init", "-q", "-b", "main", cwd=consumer)
    git("add", ".", cwd=consumer)
    result = subprocess.run(
        [sys.executable, "-c", KEEP_STORE, "try-repo", str(ROOT), "agreekit-check", "--all-files"],
        cwd=consumer,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "agreekit check" in result.stdout and "Passed" in result.stdout
    stores = [line[6:] for line in result.stderr.splitlines() if line.startswith("store:")]
    environments = [p for s in stores for p in Path(s).glob("*/py_env-*")]
    assert len(environments) == 1, stores
    installed = {
        path.name.split("-")[0].lower()
        for path in environments[0].glob("lib/python*/site-packages/*.dist-info")
    }
    # Python-Markdown and nh3 are core, so the hook's check names what the sanitiser removes
    assert {"agreekit", "click", "pyyaml", "markdown", "nh3"} <= installed
    assert not installed & {"mkdocs", "mkdocs_material", "weasyprint", "python_docx", "pillow"}
    size = sum(p.stat().st_size for p in environments[0].rglob("*") if p.is_file())
    assert size < 80 * 2**20, f"the hook environment holds {size / 2**20:.0f} MB"
