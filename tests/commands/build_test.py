"""`agreekit build` as users run it: checks first, then the site and the PDF, with progress."""

from __future__ import annotations

from conftest import SampleRepo


def test_refuses_to_publish_an_agreement_with_findings(publishable: SampleRepo) -> None:
    publishable.replace("sections/legal.md", "## Confidentiality\n", "## Confidentiality\n\nTBC\n")
    result = publishable.cli("build")
    line = publishable.line_of("sections/legal.md", "TBC")
    assert result.returncode == 1
    assert f"agreement/sections/legal.md:{line}:1: AK105" in result.stdout
    assert "Not published" in result.stdout
    assert not (publishable.root / "site").exists()


def test_builds_site_and_shows_progress(publishable: SampleRepo) -> None:
    result = publishable.cli("build", "--no-pdf", "--strict")
    assert result.returncode == 0, result.stderr
    assert "[1/2] Checking the agreement..." in result.stderr
    assert "[2/2] Building the site..." in result.stderr
    assert "Material for MkDocs reaches end of life" not in result.stderr + result.stdout
    assert (publishable.root / "site" / "service-levels" / "index.html").is_file()


def test_template_error_stops_the_build_at_the_check_with_file_and_line(
    publishable: SampleRepo,
) -> None:
    # AK308 renders the templates during the check, so the build stops before publishing anything.
    publishable.replace("sections/legal.md", "{{ variables.governing_law }}", "{{ variables.law }}")
    line = publishable.line_of("sections/legal.md", "variables.law")
    result = publishable.cli("build", "--no-pdf")
    assert result.returncode == 1
    assert (
        f"agreement/sections/legal.md:{line}:1: AK308 {{{{ variables.law }}}}: 'dict object' has no"
        in result.stdout
    )
    assert "Not published" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (publishable.root / "site").exists()


def test_without_mkdocs_yml_says_what_to_do(sample: SampleRepo) -> None:
    result = sample.cli("build", "--no-pdf")
    assert result.returncode == 1
    assert "no mkdocs.yml" in result.stderr
