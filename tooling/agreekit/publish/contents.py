"""What the site may contain: the listed sections, the images they show, nothing else.

MkDocs publishes every file under docs_dir and follows symbolic links; agreekit narrows that to
the sections agreement.yml lists and the images (in a format a browser cannot run script from)
that those sections show, from a docs_dir that is the agreement's sections folder itself.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from agreekit.text.limits import markup_problem
from agreekit.text.numbering import NumberedSection

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})  # no SVG: it can hold script
# How each format's files begin: a page saved as logo.png is no image and is not published.
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}


def is_image(path: Path) -> bool:
    """True if the file is what its name says: PNG, JPEG, GIF or WebP."""
    with path.open("rb") as stream:
        start = stream.read(12)
    suffix = path.suffix.lower()
    kind = _SIGNATURES.get(suffix, ())
    return any(start.startswith(s) for s in kind) and (suffix != ".webp" or start[8:12] == b"WEBP")


_IMAGE = re.compile(
    r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)""", re.I
)


def docs_folder_problem(repo: Path, folder: str, docs_dir: Path) -> str | None:
    """Why docs_dir may not be published from, or None: it must be the agreement's sections
    folder (or a folder inside it), with no symbolic link on the way."""
    sections = repo / folder / "sections"
    for part in (repo / folder, sections):
        if part.is_symlink():
            return f"{part}: a symbolic link; the agreement's folders must be real folders"
    try:
        docs_dir.resolve().relative_to(sections.resolve())
    except ValueError:
        return (
            f"mkdocs.yml: docs_dir is {docs_dir}; set it to {folder}/sections (or a folder inside "
            "it): agreekit publishes only the agreement's sections"
        )
    return None


def _symlink_on_the_way(path: Path, top: Path) -> Path | None:
    while path != top and top in path.parents:
        if path.is_symlink():
            return path
        path = path.parent
    return None


def shown_images(page: str, text: str) -> set[str]:
    """The images a page's Markdown shows, as paths from docs_dir."""
    found = set()
    for match in _IMAGE.finditer(text):
        target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
        if "://" in target or target.startswith(("/", "data:")):
            continue
        found.add(posixpath.normpath(posixpath.join(posixpath.dirname(page), target)))
    return found


def kept_files(
    docs_dir: Path, sources: Iterable[str | None], pages: Mapping[str, str]
) -> set[str | None]:
    """Which of MkDocs' files (by source path) to publish: every file that is not from docs_dir
    (the theme's, agreekit's), each listed section, each image a section shows. Raises
    ValueError naming a symbolic link under docs_dir."""
    top = docs_dir.resolve()
    images = {image for page, text in pages.items() for image in shown_images(page, text)}
    kept: set[str | None] = set()
    for source in sources:
        if source is None:
            kept.add(source)
            continue
        path = Path(source)
        absolute = Path(docs_dir.absolute(), path) if not path.is_absolute() else path
        try:
            relative = absolute.relative_to(docs_dir.absolute())
        except ValueError:
            kept.add(source)  # the theme's own files
            continue
        link = _symlink_on_the_way(absolute, docs_dir.absolute())
        if link is not None or not absolute.resolve().is_relative_to(top):
            raise ValueError(
                f"{link or absolute}: a symbolic link under the sections folder; agreekit "
                "publishes only files kept in it: copy the file in, or remove the link"
            )
        uri = relative.as_posix()
        if uri in pages:
            kept.add(source)
        elif uri in images and relative.suffix.lower() in IMAGE_SUFFIXES:
            if not is_image(absolute):
                raise ValueError(
                    f"{absolute}: not a {relative.suffix.lower()[1:].upper()} image, though "
                    "named like one; save the picture in its format, or remove the file"
                )
            kept.add(source)
    return kept


def markup_problems(rendered: Iterable[tuple[NumberedSection, str]]) -> Iterable[str]:
    """`file:line: message` for each rendered section nested beyond the renderer's limits."""
    for numbered, text in rendered:
        problem = markup_problem(text)
        if problem is not None:
            line, message = problem
            section = numbered.section
            # The rendered text starts with the title and a blank line before the body.
            yield f"{section.path}:{max(section.body_line, section.body_line + line - 3)}: {message}"
