"""Build the MkDocs site for a repository (MkDocs loads only here and in the plugin).

The site is built into a temporary folder beside site_dir and swapped in whole once complete, so
a failed or killed build leaves the previous site as it was. agreekit lists what it wrote in the
site's manifest; a site_dir holding anything else (the user's files) is replaced only with force.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from agreekit.files import replaced_folder
from agreekit.model.agreement import Agreement
from agreekit.outputs import Refused, foreign_files, manifest_of_tree


class SiteError(Exception):
    """MkDocs refused to build; the message says why."""


class _Relay(logging.Handler):
    """Hands MkDocs' warnings to the caller as they happen, and keeps its errors for the failure."""

    def __init__(self, emit: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self._emit = emit
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())
        else:
            self._emit(f"warning: {record.getMessage()}")


class SiteConfigError(SiteError):
    """mkdocs.yml cannot be used as it is: unreadable input, not a failed build."""


def _inside_repository(repo: Path, key: str, folder: str) -> None:
    """A site's sources and output stay in the repository: docs_dir at /etc would publish it."""
    real, real_repo = os.path.realpath(folder), os.path.realpath(repo)
    if real == real_repo or os.path.commonpath([real, real_repo]) != real_repo:
        raise SiteConfigError(
            f"mkdocs.yml: {key}: {folder} is not a folder inside the repository; point it at "
            + ("agreement/sections" if key == "docs_dir" else "site")
        )


def build_site(
    repo: Path,
    *,
    strict: bool,
    pdf: bool,
    docx: bool = False,
    report: Callable[[str], None],
    force: bool = False,
    finish: Callable[[Path], None] = lambda folder: None,
    checked: Agreement | None = None,
    offline: bool = False,
    into: Path | None = None,
    feed: Callable[[], bytes] | None = None,
) -> Path:
    """Build `<repo>/mkdocs.yml` into its site_dir (or `into`) and return that folder. `finish`
    adds to the new site (the PDF) before it replaces the old one. `offline` builds a copy that
    works opened from disk (file://). `feed` hands over the calendar feed, made already. Raises
    Refused if the folder holds a file agreekit did not write, unless `force`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin MkDocs 1.6 on purpose (DESIGN 10)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    config_file = repo / "mkdocs.yml"
    if not config_file.is_file():
        what = "is not a regular file" if os.path.lexists(config_file) else "is missing"
        raise SiteConfigError(
            f"mkdocs.yml {what} in {repo}; copy the template's mkdocs.yml into the repository root"
        )
    handler = _Relay(report)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        try:
            config = load_config(str(config_file), strict=strict)
        except (Abort, MkDocsException) as error:  # MkDocs logs each problem, then aborts
            raise SiteConfigError(
                "mkdocs.yml: " + ("; ".join(handler.errors) or str(error))
            ) from None
        for key in ("docs_dir", "site_dir"):
            _inside_repository(repo, key, str(getattr(config, key)))
        plugin = config.plugins.get("agreekit")
        if plugin is None:
            raise SiteConfigError("mkdocs.yml: add `- agreekit` under `plugins:`")
        plugin.config["pdf"] = pdf
        plugin.config["docx"] = docx
        plugin.config["offline"] = offline
        plugin.managed = True  # the manifest is written below, once the PDF is in
        if checked is not None:
            plugin.checked = checked
        if feed is not None:
            plugin.feed = feed
        site_dir = into or Path(config.site_dir)
        if into is None and not site_dir.resolve().is_relative_to(repo.resolve()):
            raise SiteError(
                f"mkdocs.yml: site_dir {site_dir} is outside the repository; publish into a "
                "folder inside it (site)"
            )
        foreign = foreign_files(site_dir)
        if foreign and not force:
            raise Refused(foreign[0])
        with replaced_folder(site_dir) as staging:
            config.site_dir = str(staging)
            build(config)
            finish(staging)
            manifest_of_tree(staging)
    except ConfigurationError as error:
        raise SiteConfigError(f"mkdocs.yml: {error}") from None
    except (Abort, MkDocsException) as error:
        raise SiteError("\n".join(handler.errors) or str(error)) from None
    finally:
        logger.removeHandler(handler)
    return site_dir
