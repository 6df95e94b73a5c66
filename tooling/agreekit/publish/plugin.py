"""The `agreekit` MkDocs plugin: a thin seam that hands MkDocs the rendered agreement.

The work is done by plain functions in agreekit.publish; this module only wires them to MkDocs'
events, so a move to another site generator replaces this file alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from agreekit.finding import Finding
from agreekit.git import git_folder
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import key_dates
from agreekit.model.loader import load_agreement
from agreekit.outputs import manifest_of_tree
from agreekit.publish.contents import docs_folder_problem, kept_files, markup_problems
from agreekit.publish.offline import write_offline_search_index
from agreekit.publish.pages import (
    KEY_TERMS_PAGE,
    VERSIONS_PAGE,
    changes_page,
    home_page,
    page_descriptions,
    readers_pages,
    versions_page,
)
from agreekit.publish.template_cache import theme_cache
from agreekit.publish.version import content_id
from agreekit.text.calendar_feed import FEED_NAME, as_ics
from agreekit.text.limits import nesting_problem
from agreekit.text.render import SITE, RenderError, render_agreement
from agreekit.text.sanitise import safe_text, sanitise
from agreekit.versions import Version, current_version

ASSETS = resources.files("agreekit.publish").joinpath("assets")
CSS_URI = "assets/agreekit.css"
# Search runs in a Web Worker, which Chromium and Firefox refuse to start from file://; the shim
# runs it in an iframe instead (mkdocs-material's offline plugin loads it from a CDN: we ship it).
WORKER_SHIM_URI = "assets/iframe-worker-shim.js"


class AgreekitConfig(Config):
    agreement = c.Type(str, default="agreement")  # the folder holding agreement.yml
    pdf = c.Type(bool, default=False)  # link the PDF from the home page (`agreekit build` sets it)
    docx = c.Type(bool, default=False)  # link the Word copy from the home page (the same)
    offline = c.Type(bool, default=False)  # a copy that works opened from disk (file://)


class AgreekitPlugin(BasePlugin[AgreekitConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.repo = Path(config.config_file_path or ".").resolve().parent
        # `agreekit build` hands over the agreement it has just checked; `mkdocs serve` reloads.
        agreement: Agreement | None = self.__dict__.pop("checked", None)
        findings: list[Finding] = []
        if agreement is None:
            agreement, findings = load_agreement(self.repo, self.config.agreement)
        if agreement is None:
            where = "; ".join(f"{f.location.file}:{f.location.line}: {f.message}" for f in findings)
            raise PluginError(f"the agreement does not load: {where}")
        self.agreement: Agreement = agreement
        problem = docs_folder_problem(self.repo, self.config.agreement, Path(config.docs_dir))
        if problem:
            raise PluginError(problem)
        self.version: Version = current_version(self.repo, self.config.agreement)
        self.content_id = content_id(self.repo, self.config.agreement)
        try:
            rendered = render_agreement(agreement, SITE)
        except RenderError as error:
            raise PluginError(str(error)) from None
        for problem in markup_problems(rendered):
            raise PluginError(problem)
        self.pages = {f"{n.section.id}.md": text for n, text in rendered}
        self.readers = readers_pages(agreement, self.version.label)
        self.descriptions = page_descriptions(agreement)
        # The theme writes these into its pages as they are (MkDocs' Jinja does not escape):
        # they go as plain text with every character that means something in HTML escaped.
        config.site_name = safe_text(agreement.file.title)
        # Navigation in agreement.yml order, between the generated home and changes pages.
        sections = [{safe_text(n.label): f"{n.section.id}.md"} for n, _ in rendered]
        readers = [{safe_text(label): name} for name, (label, _) in self.readers.items()]
        config.nav = [
            {"Home": "index.md"},
            *sections,
            {"Key terms": KEY_TERMS_PAGE},
            {"Departments": [page for page in readers if KEY_TERMS_PAGE not in page.values()]},
            {"Changes": "changes.md"},
            {"Versions": VERSIONS_PAGE},
        ]
        config.extra["agreekit"] = {
            "version": safe_text(self.version.label),
            "final": self.version.final,
            "content_id": self.content_id,
        }
        # `mkdocs serve` runs on_config again on every rebuild: add each thing once.
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if self.config.offline:
            config.use_directory_urls = False  # links name index.html files, as a disk needs
            config.extra["polyfills"] = [WORKER_SHIM_URI]
        facts = str(self.repo / self.config.agreement / "agreement.yml")
        if facts not in config.watch:
            config.watch.append(facts)  # parties, variables and order live outside docs_dir
        overrides = str(ASSETS.joinpath("overrides"))
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(0, overrides)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Only the sections agreement.yml lists, and the images they show, are published.
        try:
            kept = kept_files(Path(config.docs_dir), [f.abs_src_path for f in files], self.pages)
        except ValueError as error:
            raise PluginError(str(error)) from None
        for file in list(files):
            if file.abs_src_path is not None and file.abs_src_path not in kept:
                files.remove(file)
        repo, folder = self.repo, self.config.agreement
        home = home_page(
            self.agreement, self.version, self.content_id, self.config.pdf, self.config.docx
        )
        files.append(File.generated(config, "index.md", content=home))
        files.append(File.generated(config, "changes.md", content=changes_page(repo, folder)))
        versions = versions_page(repo, folder)
        files.append(File.generated(config, VERSIONS_PAGE, content=versions))
        for name, (_, text) in self.readers.items():
            files.append(File.generated(config, name, content=text))
        # `agreekit build` hands over the feed it has made beside the site (it loads holidays)
        made: Callable[[], bytes] | None = self.__dict__.pop("feed", None)
        feed = made() if made is not None else key_dates_feed(self.agreement)
        files.append(File.generated(config, FEED_NAME, content=feed))
        css = ASSETS.joinpath("agreekit.css").read_text("utf-8")
        files.append(File.generated(config, CSS_URI, content=css))
        if self.config.offline:
            shim = ASSETS.joinpath("iframe-worker-shim.js").read_text("utf-8")
            files.append(File.generated(config, WORKER_SHIM_URI, content=shim))
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # The theme's templates compile once, not on every build (see publish.template_cache).
        if env.bytecode_cache is None:
            env.bytecode_cache = theme_cache(git_folder(self.repo))
        return env

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        # Front matter is agreekit's data, not the theme's: only agreekit's own description of
        # the page reaches its head, as escaped text.
        if page.file.src_uri in self.pages:  # a section's: the generated pages' are agreekit's
            page.meta = {}
        description = self.descriptions.get(page.file.src_uri)
        if description:
            page.meta["description"] = safe_text(description)
        return self.pages.get(page.file.src_uri, markdown)

    @event_priority(-100)  # last, after any other plugin has changed the content
    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str:
        """The page's own content through the allowlist; the theme's chrome is not touched."""
        too_deep = nesting_problem(html)  # a parser's work grows with the square of the depth
        if too_deep is not None:
            raise PluginError(f"{page.file.src_uri}: {too_deep[1]}")
        _safe_titles(page.toc)
        return sanitise(html)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.offline:
            write_offline_search_index(Path(config.site_dir))
        # Under plain `mkdocs build` too, list what was written, so that `agreekit build` may
        # replace it later. `agreekit build` lists the site itself, once the PDF is in.
        if not self.__dict__.get("managed"):
            manifest_of_tree(Path(config.site_dir))


def key_dates_feed(agreement: Agreement) -> bytes:
    """The site's calendar feed: every key date of `agreement`, stamped now."""
    return as_ics(agreement, key_dates(agreement), dt.datetime.now(dt.UTC))


def _safe_titles(links: list[AnchorLink] | Any) -> None:
    """The theme writes each heading's title into the table of contents as it is."""
    for link in links:
        link.title = safe_text(link.title)
        _safe_titles(link.children)
