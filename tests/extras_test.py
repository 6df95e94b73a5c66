"""`pip install agreekit` is the core; commands that need `agreekit[publish]` say so in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agreekit.extras import EXTRAS
from conftest import SampleRepo

PUBLISHING = EXTRAS["publish"][1]

# Run agreekit as if the publish extra were not installed: its modules cannot be found.
WITHOUT = """
import sys
for name in sys.argv[1].split(","):
    sys.modules[name] = None  # importlib.util.find_spec and import both treat it as absent
from agreekit.cli import main
main(sys.argv[2:], prog_name="agreekit")
"""


def without(repo: Path, absent: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT, ",".join(absent), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--format", "sarif"),
        ("status",),
        ("verify",),
        ("explain", "105"),
        ("schema",),
        ("dates",),
        ("feedback", "--check"),
        ("announce",),
        ("meeting",),
        ("init", "new"),
    ],
)
def test_the_core_commands_run_without_the_extra(sample: SampleRepo, args: tuple[str, ...]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=sample.root, check=True)  # approvals are git tags
    result = without(sample.root, PUBLISHING, *args)
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 3 would be a bug
    assert "Traceback" not in result.stderr and "publish extra" not in result.stderr


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (("build",), PUBLISHING),
        (("build", "--no-pdf"), ("weasyprint",)),
        (("diff", "HEAD", "HEAD"), ("mkdocs",)),
        (("release", "v1.0.0"), ("docx",)),
    ],
)
def test_a_command_that_needs_the_extra_names_it(
    sample: SampleRepo, args: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    before = sample.snapshot()
    result = without(sample.root, absent, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"agreekit {args[0]} needs the publish extra" in lines[0]
    assert "python -m pip install 'agreekit[publish]'" in lines[0]
    assert all(name in lines[0] for name in absent)
    assert sample.snapshot() == before  # nothing written, no tag made


def test_a_core_install_names_what_the_sanitiser_would_remove(sample: SampleRepo) -> None:
    # nh3 and Python-Markdown are core: without the publish extra, check still reports each
    # removal at its line (never "install agreekit[publish]" in place of the finding).
    sample.replace(
        "sections/constraints.md",
        "## Budget\n",
        '## Budget\n\n<img src="x.png" onerror="alert(1)">\n\n[portal](javascript:alert(1))\n',
    )
    line = sample.line_of("sections/constraints.md", "onerror")
    result = without(sample.root, PUBLISHING, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "agreekit[publish]" not in result.stdout
    findings = [row for row in result.stdout.splitlines() if "AK50" in row]
    assert any(f"constraints.md:{line}:" in r and "AK501" in r and "onerror" in r for r in findings)
    assert any(f"constraints.md:{line + 2}:" in r and "AK502" in r for r in findings), findings
