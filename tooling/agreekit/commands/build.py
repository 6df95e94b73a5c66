"""`agreekit build`: check the agreement, then publish the site and the PDF into site/."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import click

from agreekit.checks.run import check_repository
from agreekit.commands.common import force_option, need_extra, refuse, repo_option
from agreekit.errors import DONE, FINDINGS, USAGE, Failure, refused
from agreekit.finding import ERROR
from agreekit.report import as_text


def _step(number: int, total: int, text: str) -> float:
    click.echo(f"[{number}/{total}] {text}...", err=True)
    return time.monotonic()


def _done(started: float, detail: str = "") -> None:
    suffix = f": {detail}" if detail else ""
    click.echo(f"      done in {time.monotonic() - started:.1f} s{suffix}", err=True)


@click.command()
@repo_option
@click.option("--no-pdf", is_flag=True, help="Build the site without the PDF.")
@click.option("--no-docx", is_flag=True, help="Build the site without the Word copy.")
@click.option("--offline", is_flag=True, help="Build a site that works opened from disk (file://).")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings (e.g. broken links) as errors.")
@force_option
def command(
    repo: Path, no_pdf: bool, no_docx: bool, offline: bool, strict: bool, force: bool
) -> int:
    """Check the agreement, then build the site, the PDF and the Word copy into site/.

    The new site replaces the old one only once complete; a site/ holding files agreekit did not
    write is replaced only with --force."""
    with _fewer_collections():
        return run(repo, no_pdf, no_docx, strict, force, offline)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's collector, told to look for cycles less often while the build runs.

    A build makes millions of short-lived objects (Markdown trees, Jinja frames) beside the
    modules MkDocs loads: with the default thresholds the collector ran about 150 times and once
    over everything loaded, 40-55 ms of each build of the sample. Young cycles are still
    collected, so memory stays bounded (a 300-section build: 72 MB before, 80 MB after)."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def run(
    repo: Path, no_pdf: bool, no_docx: bool, strict: bool, force: bool, offline: bool = False
) -> int:
    """Check, then build the site (the PDF and the Word copy unless told not to); swap it in
    once complete."""
    need_extra("publish", "build")
    total = 2 + (not no_pdf) + (not no_docx)
    started = _step(1, total, "Checking the agreement")
    result = check_repository(repo)
    errors = [f for f in result.findings if f.severity == ERROR]
    if errors or result.agreement is None:
        click.echo(as_text(result.findings, "agreement/"))
        click.echo("Not published: an agreement with errors is not built. Fix them and rerun.")
        return FINDINGS
    if result.findings:  # warnings (a renewal deadline near) are shown, and do not block
        click.echo(as_text(result.findings, "agreement/"), err=True)
    _done(started, f"{len(result.findings)} warnings" if result.findings else "no findings")

    agreement = result.agreement
    from agreekit.outputs import Refused
    from agreekit.publish.forked import made_aside
    from agreekit.publish.plugin import key_dates_feed
    from agreekit.publish.site import SiteConfigError, SiteError, build_site
    from agreekit.publish.word import build_docx, docx_bytes
    from agreekit.text.render import RenderError

    def word_copy() -> bytes:
        return docx_bytes(repo, agreement)

    def feed() -> bytes:
        return key_dates_feed(agreement)

    started = _step(2, total, "Building the site")
    # The calendar feed (it loads the holiday tables) and the Word copy need only the checked
    # agreement: each is made beside the site, in a child process, and handed to the site when
    # it needs it (publish.forked).

    def write_copies(folder: Path) -> None:
        """Steps 3 and 4, into the new site before it replaces the old one."""
        _done(started)
        step = 2
        if not no_pdf:
            from agreekit.publish.pdf import build_pdf

            step += 1
            pdf_started = _step(step, total, "Writing the PDF")
            _done(pdf_started, build_pdf(repo, agreement, folder).name)
        if not no_docx:
            step += 1
            docx_started = _step(step, total, "Writing the Word copy")
            _done(docx_started, build_docx(repo, agreement, folder, made()).name)

    try:
        with contextlib.ExitStack() as aside:
            made_feed = aside.enter_context(made_aside(feed))
            made = aside.enter_context(
                made_aside(word_copy) if not no_docx else contextlib.nullcontext(word_copy)
            )
            site_dir = build_site(
                repo, strict=strict, pdf=not no_pdf, docx=not no_docx,
                report=lambda m: click.echo(m, err=True), force=force,
                finish=(lambda folder: None) if no_pdf and no_docx else write_copies,
                checked=agreement, offline=offline, feed=made_feed,
            )  # fmt: skip
    except Refused as error:
        refuse(error)
    except SiteConfigError as error:
        raise Failure(str(error), USAGE) from error
    except SiteError as error:
        raise refused(f"site not built: {error}") from error
    except RenderError as error:
        raise refused(f"PDF not written, so the site was not replaced: {error}") from error
    if no_pdf and no_docx:
        _done(started, str(site_dir))
    click.echo(f"Published to {site_dir}")
    return DONE
