"""The theme's compiled templates, kept between builds in the repository's git folder.

MkDocs compiles mkdocs-material's 43 templates from source on every build: 130-210 ms, a third of
a plain `mkdocs build` of the sample. Jinja's bytecode cache keeps the compiled code, as Python
keeps .pyc files: an entry is keyed by the template's name and file and used only while the
SHA-1 of its source and the Python version match, so an upgraded theme compiles again. The
folder carries Jinja's version in its name. Like agreekit's other caches it is never committed
(a clone starts without it), and one that cannot be read or written only costs the compile.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache


class _QuietCache(FileSystemBytecodeCache):
    """A bytecode cache whose failures are misses: a build never stops on its cache."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # truncated or foreign content: compile from source
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def theme_cache(git_folder: Path | None) -> FileSystemBytecodeCache | None:
    """The cache in `git_folder`, or None where there is none to keep it in."""
    if git_folder is None:
        return None
    folder = git_folder / f"agreekit-templates-jinja-{jinja2.__version__}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return _QuietCache(str(folder))
