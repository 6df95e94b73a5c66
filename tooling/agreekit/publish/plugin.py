"""The `agreekit` MkDocs plugin: a thin seam that hands MkDocs the rendered agreement.

The work is done by plain functions in agreekit.publish; this module only wires them to MkDocs'
events, so a move to another site generator replaces this file alone.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from agreekit.finding import Finding
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import key_dates
from agreekit.model.loader import load_agreement
from agreekit.outputs import manifest_of_tree
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
from agreekit.publish.version import content_id
from agreekit.text.calendar_feed import FEED_NAME, as_ics
from agreekit.text.render import SITE, RenderError, render_agreement
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
        self.version: Version = current_version(self.repo, self.config.agreement)
        self.content_id = content_id(self.repo, self.config.agreement)
        try:
            rendered = render_agreement(agreement, SITE)
        except RenderError as error:
            raise PluginError(str(error)) from None
        self.pages = {f"{n.section.id}.md": text for n, text in rendered}
        self.readers = readers_pages(agreement, self.version.label)
        self.descriptions = page_descriptions(agreement)
        config.site_name = agreement.file.title
        # Navigation in agreement.yml order, between the generated home and changes pages.
        sections = [{n.label: f"{n.section.id}.md"} for n, _ in rendered]
        readers = [{label: name} for name, (label, _) in self.readers.items()]
        config.nav = [
            {"Home": "index.md"},
            *sections,
            {"Key terms": KEY_TERMS_PAGE},
            {"Departments": [page for page in readers if KEY_TERMS_PAGE not in page.values()]},
            {"Changes": "changes.md"},
            {"Versions": VERSIONS_PAGE},
        ]
        config.extra["agreekit"] = {
            "version": self.version.label,
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
        # Only the sections agreement.yml lists are the agreement; nothing else is published.
        for file in list(files):
            if file.is_documentation_page() and file.src_uri not in self.pages:
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
        feed = as_ics(self.agreement, key_dates(self.agreement), dt.datetime.now(dt.UTC))
        files.append(File.generated(config, FEED_NAME, content=feed))
        css = ASSETS.joinpath("agreekit.css").read_text("utf-8")
        files.append(File.generated(config, CSS_URI, content=css))
        if self.config.offline:
            shim = ASSETS.joinpath("iframe-worker-shim.js").read_text("utf-8")
            files.append(File.generated(config, WORKER_SHIM_URI, content=shim))
        return files

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str:
        description = self.descriptions.get(page.file.src_uri)
        if description and not page.meta.get("description"):
            page.meta["description"] = description
        return self.pages.get(page.file.src_uri, markdown)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.offline:
            write_offline_search_index(Path(config.site_dir))
        # Under plain `mkdocs build` too, list what was written, so that `agreekit build` may
        # replace it later. `agreekit build` lists the site itself, once the PDF is in.
        if not self.__dict__.get("managed"):
            manifest_of_tree(Path(config.site_dir))
