"""The site holds only the listed sections, the images they show and agreekit's assets."""

from __future__ import annotations

import base64
import os
import subprocess
import sys

from conftest import SampleRepo

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _build(repo: SampleRepo) -> tuple[int, str]:
    result = repo.cli("build", "--no-pdf")
    return result.returncode, result.stdout + result.stderr


def test_only_listed_sections_and_the_images_they_show_are_published(
    publishable: SampleRepo,
) -> None:
    sections = publishable.agreement / "sections"
    (sections / "logo.png").write_bytes(PNG)
    (sections / "unused.png").write_bytes(PNG)
    (sections / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    )
    (sections / "notes.txt").write_text("internal notes")
    (sections / "draft.md").write_text("---\nid: draft\ntitle: Draft\n---\n\nNot listed.\n")
    publishable.replace(
        "sections/constraints.md",
        "## Budget\n",
        "## Budget\n\n![Logo](logo.png) ![Drawing](drawing.svg)\n",
    )
    # Plain `mkdocs build` (no check in front, as under `mkdocs serve`): the plugin alone decides.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=publishable.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    site = publishable.root / "site"
    names = {p.name for p in site.rglob("*") if p.is_file()}
    assert "logo.png" in names
    assert not {"unused.png", "drawing.svg", "notes.txt"} & names
    assert not (site / "draft").exists()
    assert not any(p.suffix in (".yml", ".md") for p in site.rglob("*"))


def test_a_symbolic_link_under_sections_is_refused(publishable: SampleRepo) -> None:
    os.symlink("../records", publishable.agreement / "sections" / "records")
    code, output = _build(publishable)
    assert code == 1
    assert "sections/records" in output and "symbolic link" in output
    assert not (publishable.root / "site").exists()


def test_a_symbolic_link_to_a_listed_section_is_refused(publishable: SampleRepo) -> None:
    sections = publishable.agreement / "sections"
    (sections / "terms.md").rename(publishable.root / "terms.md")
    os.symlink("../../terms.md", sections / "terms.md")
    code, output = _build(publishable)
    assert code != 0
    assert "terms.md" in output and "link" in output
    assert "Traceback" not in output


def test_docs_dir_must_be_the_sections_folder(publishable: SampleRepo) -> None:
    config = publishable.root / "mkdocs.yml"
    for docs_dir in ("agreement", "..", "agreement/records"):
        config.write_text(
            config.read_text().replace("docs_dir: agreement/sections", f"docs_dir: {docs_dir}")
            if "docs_dir: agreement/sections" in config.read_text()
            else config.read_text().replace(
                config.read_text().split("docs_dir: ")[1].split("\n")[0], docs_dir, 1
            )
        )
        code, output = _build(publishable)
        assert code == 1, output
        assert "docs_dir" in output and "agreement/sections" in output, output
        assert not (publishable.root / "site").exists()


def test_site_dir_outside_the_repository_is_refused(publishable: SampleRepo) -> None:
    config = publishable.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_dir: site", "site_dir: ../outside"))
    code, output = _build(publishable)
    assert code in (1, 2)  # refused, before anything is written
    assert "site_dir" in output and "inside the repository" in output
    assert not (publishable.root.parent / "outside").exists()


def test_a_page_named_like_an_image_is_refused(publishable: SampleRepo) -> None:
    sections = publishable.agreement / "sections"
    (sections / "logo.png").write_text("<script>alert(1)</script>")
    publishable.replace(
        "sections/constraints.md", "## Budget\n", "## Budget\n\n![Logo](logo.png)\n"
    )
    code, output = _build(publishable)
    assert code == 1
    assert "logo.png: not a PNG image" in output
