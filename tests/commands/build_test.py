"""`agreekit build` as users run it: checks first, then the site and the PDF, with progress."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

from agreekit.outputs import MANIFEST
from conftest import ROOT, SampleRepo
from safety import kill_cli, snapshot, temporaries


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
    assert "[1/3] Checking the agreement..." in result.stderr
    assert "[2/3] Building the site..." in result.stderr
    assert "[3/3] Writing the Word copy..." in result.stderr
    assert "Material for MkDocs reaches end of life" not in result.stderr + result.stdout
    assert (publishable.root / "site" / "service-levels" / "index.html").is_file()


def test_a_copy_outside_git_publishes_a_draft_and_says_it_has_no_history(
    sample: SampleRepo,
) -> None:
    # A downloaded archive of the repository has no .git: the site is still a draft to read.
    shutil.copy(ROOT / "mkdocs.yml", sample.root / "mkdocs.yml")
    result = sample.cli("build", "--no-pdf", "--no-docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bug in agreekit" not in result.stderr
    changes = (sample.root / "site" / "changes" / "index.html").read_text("utf-8")
    assert "not in a git repository" in changes
    home = (sample.root / "site" / "index.html").read_text("utf-8")
    assert "draft" in home.lower()


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
    assert result.returncode == 2
    assert "mkdocs.yml is missing" in result.stderr


def test_a_users_file_in_site_stops_the_build_until_force(publishable: SampleRepo) -> None:
    site = publishable.root / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine\n")
    refused = publishable.cli("build", "--no-pdf")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1] == (
        "error: site/notes.txt: not replaced: agreekit did not write it, or it was edited since; "
        "pass --force to replace it, or move it away"
    )
    assert sorted(snapshot(site)) == ["notes.txt"]
    forced = publishable.cli("build", "--no-pdf", "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (site / "notes.txt").exists() and (site / MANIFEST).is_file()


def test_a_rebuild_replaces_its_own_site_and_an_edited_page_is_kept(
    publishable: SampleRepo,
) -> None:
    assert publishable.cli("build", "--no-pdf").returncode == 0
    site = publishable.root / "site"
    assert publishable.cli("diff", "HEAD", "HEAD").returncode == 0  # into site/redline
    assert publishable.cli("build", "--no-pdf").returncode == 0
    (site / "legal" / "index.html").write_text("<p>my fix</p>")
    assert publishable.cli("build", "--no-pdf").returncode == 2
    assert (site / "legal" / "index.html").read_text() == "<p>my fix</p>"


def test_killed_while_writing_the_new_site_keeps_the_previous_one(
    publishable: SampleRepo,
) -> None:
    root, site = publishable.root, publishable.root / "site"
    assert publishable.cli("build").returncode == 0
    before = snapshot(site)
    assert {"index.html", "agreement.pdf", MANIFEST} <= set(before)
    publishable.replace("sections/legal.md", "within 30 days of", "within 21 days of")
    build = subprocess.Popen(
        [sys.executable, "-m", "agreekit", "build"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Kill it once the new site's pages are written and the PDF is being made.
        while build.poll() is None and not any(root.glob(".site.agreekit-*.tmp/index.html")):
            time.sleep(0.01)
        build.send_signal(signal.SIGKILL)
    finally:
        assert build.wait(timeout=300) == -signal.SIGKILL  # it was killed, not finished
    assert snapshot(site) == before
    assert "within 21 days of" not in (site / "legal" / "index.html").read_text()
    assert len(temporaries(root)) == 1

    rebuilt = publishable.cli("build", "--no-pdf")
    assert rebuilt.returncode == 0, rebuilt.stderr  # the stale folder is not the user's
    assert "within 21 days of" in (site / "legal" / "index.html").read_text()
    assert temporaries(root) == []


def test_killed_at_the_swap_keeps_the_previous_site(publishable: SampleRepo) -> None:
    root, site = publishable.root, publishable.root / "site"
    assert publishable.cli("build", "--no-pdf").returncode == 0
    before = snapshot(site)
    publishable.replace("sections/legal.md", "within 30 days of", "within 21 days of")
    kill_cli("site", "build", "--no-pdf", cwd=root)
    assert snapshot(site) == before
    assert publishable.cli("build", "--no-pdf").returncode == 0
    assert "within 21 days of" in (site / "legal" / "index.html").read_text()
    assert temporaries(root) == []


def test_a_site_from_plain_mkdocs_build_is_agreekits_to_replace(publishable: SampleRepo) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=publishable.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert (publishable.root / "site" / MANIFEST).is_file()  # the plugin lists what it wrote
    assert publishable.cli("build", "--no-pdf").returncode == 0
