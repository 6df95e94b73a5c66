"""`agreekit check` as users run it: exit codes, the three formats, suppression, and what it imports."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SampleRepo, json_findings, only


def test_clean_sample_exits_0(sample: SampleRepo) -> None:
    result = sample.cli("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "agreement/: no findings."


def test_text_format_is_file_line_col_code_message(sample: SampleRepo) -> None:
    sample.replace("sections/legal.md", "## Confidentiality\n", "## Confidentiality\n\nTBC\n")
    result = sample.cli("check")
    assert result.returncode == 1
    line = sample.line_of("sections/legal.md", "TBC")
    assert result.stdout.splitlines()[0] == (
        f"agreement/sections/legal.md:{line}:1: AK105 placeholder 'TBC' left in the agreement; "
        "write the real value"
    )


def test_json_format_carries_fix_hints(sample: SampleRepo) -> None:
    sample.write(
        "agreement.yml", sample.read("agreement.yml").replace("kind: executive", "kind: other")
    )
    result = sample.cli("check", "--format", "json")
    findings = json_findings(result)
    assert result.returncode == 1
    assert findings[0]["code"] == "AK102"
    assert findings[0]["name"] == "required-field-missing"
    assert findings[0]["fix"]
    assert findings[0]["line"] == sample.line_of("agreement.yml", "stakeholders:")
    assert json.loads(result.stdout)["count"] == 1


def test_github_format_is_an_escaped_workflow_command(sample: SampleRepo) -> None:
    sample.replace(
        "sections/legal.md", "## Confidentiality\n", "## Confidentiality\n\nTODO: 50%, then\n"
    )
    result = sample.cli("check", "--format", "github")
    line = sample.line_of("sections/legal.md", "TODO")
    annotation = result.stdout.splitlines()[0]
    assert annotation.startswith(
        f"::error file=agreement/sections/legal.md,line={line},col=1,title=AK105 placeholder::"
    )
    assert "%0A" in annotation  # the fix hint follows on a new line of the annotation
    assert "\n" not in annotation


def test_line_suppression_in_markdown(sample: SampleRepo) -> None:
    sample.replace(
        "sections/legal.md",
        "## Confidentiality\n",
        "## Confidentiality\n\n<!-- agreekit: ignore 105 -->\nTBC\n",
    )
    assert only(sample.check().findings, "AK105") == []


def test_line_suppression_in_yaml(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml",
        'registration: "Company No. 09876543"',
        "registration: TBD  # agreekit: ignore AK105",
    )
    assert sample.check().findings == []


def test_suppression_is_per_code(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml",
        'registration: "Company No. 09876543"',
        "registration: TBD  # agreekit: ignore 101",
    )
    assert [f.code for f in sample.check().findings] == ["AK105"]


def test_project_suppression(sample: SampleRepo) -> None:
    sample.replace("sections/legal.md", "## Confidentiality\n", "## Confidentiality\n\nTBC\n")
    sample.write("agreement.yml", sample.read("agreement.yml") + "\nchecks:\n  ignore: [105]\n")
    assert sample.check().findings == []


def test_per_file_suppression(sample: SampleRepo) -> None:
    sample.replace("sections/legal.md", "## Confidentiality\n", "## Confidentiality\n\nTBC\n")
    sample.write(
        "agreement.yml",
        sample.read("agreement.yml") + "\nchecks:\n  per_file:\n    sections/terms.md: [105]\n",
    )
    assert len(sample.check().findings) == 1
    sample.replace("agreement.yml", "sections/terms.md: [105]", "sections/legal.md: [AK105]")
    assert sample.check().findings == []


def test_check_does_not_import_heavy_libraries(sample: SampleRepo) -> None:
    # Nor, on an agreement of simple templates and plain Markdown, Jinja or a Markdown parser:
    # the start-up budget of a pre-commit hook (benchmarks/run.py) depends on it.
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from agreekit.cli import main\n"
        "result = CliRunner().invoke(main, ['check', '--repo', sys.argv[1]])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('mkdocs', 'material', 'weasyprint', 'git', 'pygit2', 'dulwich', 'playwright', 'holidays',"
        " 'jinja2', 'markdown_it', 'pydantic', 'numpy', 'pyarrow', 'polars', 'duckdb'))\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(sample.root)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_check_from_outside_the_repository_says_what_to_do(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "check", "--repo", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "no agreement/agreement.yml here" in result.stdout
    assert "Traceback" not in result.stderr


def test_repository_sample_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
