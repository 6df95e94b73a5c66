"""The theme's compiled templates are reused between builds, and only while their source is the
same; a broken or impossible cache costs a compile, never the build."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from agreekit.publish.template_cache import theme_cache


class Counting(jinja2.Environment):
    compiled = 0

    def _compile(self, source: str, filename: str) -> object:
        Counting.compiled += 1
        return super()._compile(source, filename)


def render(templates: Path, git_folder: Path | None) -> str:
    """A fresh environment, as each build has: only the cache carries anything over."""
    env = Counting(loader=jinja2.FileSystemLoader(str(templates)))
    env.bytecode_cache = theme_cache(git_folder)
    return env.get_template("page.html").render(title="Terms")


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "page.html").write_text("<h1>{{ title }}</h1>{% include 'part.html' %}")
    (folder / "part.html").write_text("<p>part</p>")
    return folder


def test_a_second_build_compiles_nothing(templates: Path, tmp_path: Path) -> None:
    git_folder = tmp_path / ".git"
    git_folder.mkdir()
    Counting.compiled = 0
    assert render(templates, git_folder) == "<h1>Terms</h1><p>part</p>"
    assert Counting.compiled == 2
    assert render(templates, git_folder) == "<h1>Terms</h1><p>part</p>"
    assert Counting.compiled == 2  # both came from the cache
    (cache,) = git_folder.glob("agreekit-templates-jinja-*")
    assert len(list(cache.iterdir())) == 2


def test_a_changed_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    git_folder = tmp_path / ".git"
    git_folder.mkdir()
    render(templates, git_folder)
    (templates / "part.html").write_text("<p>changed</p>")
    Counting.compiled = 0
    assert render(templates, git_folder) == "<h1>Terms</h1><p>changed</p>"
    assert Counting.compiled == 1


def test_a_damaged_cache_is_a_compile(templates: Path, tmp_path: Path) -> None:
    git_folder = tmp_path / ".git"
    git_folder.mkdir()
    render(templates, git_folder)
    for entry in next(git_folder.glob("agreekit-templates-jinja-*")).iterdir():
        entry.write_bytes(entry.read_bytes()[:20])  # cut short, as a full disk would leave it
    assert render(templates, git_folder) == "<h1>Terms</h1><p>part</p>"


def test_no_place_for_a_cache_is_no_cache(templates: Path, tmp_path: Path) -> None:
    assert theme_cache(None) is None
    git_folder = tmp_path / ".git"
    git_folder.mkdir()
    (git_folder / f"agreekit-templates-jinja-{jinja2.__version__}").write_text("a file")
    assert theme_cache(git_folder) is None
    assert render(templates, git_folder) == "<h1>Terms</h1><p>part</p>"
