"""`agreekit report`: the periodic service report from the ticket export and the outage log.

Not to be confused with agreekit/report.py, which prints `check`'s findings. The engine (numpy,
pyarrow) lives in agreekit.service_report and loads only when this command runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import click

from agreekit.commands.common import (
    force_option,
    in_repo,
    load_or_exit,
    repo_option,
    write_or_refuse,
)
from agreekit.errors import DONE, Failure

FORMATS = ("text", "json", "md", "html", "pdf")
LARGE = 50_000_000  # bytes of tickets above which a terminal shows progress


def _facts(repo: Path, agreement: Any) -> dict[str, Any]:
    """Title, parties, version and content id: what identifies the agreement the report applies."""
    from agreekit.publish.version import content_id
    from agreekit.versions import current_version

    file = agreement.file
    try:
        version, content = (
            current_version(repo, agreement.directory).label,
            content_id(repo, agreement.directory),
        )
    except (OSError, Failure):  # git missing or the folder not a repository: still a report
        version, content = "draft (not in git)", ""
    return {
        "title": file.title,
        "reference": file.reference,
        "customer": file.parties.customer.name,
        "provider": file.parties.provider.name,
        "version": version,
        "content_id": content,
    }


def _period(
    text: str | None, first: dt.datetime | None, last: dt.datetime | None, frequency: str
) -> Any:
    from agreekit.clock import today
    from agreekit.service_report.errors import ReportError
    from agreekit.service_report.period import between, last_complete, parse_period

    if text and (first or last):
        raise ReportError("give --period or --from/--to, not both")
    if text:
        return parse_period(text)
    if first or last:
        if not (first and last):
            raise ReportError("give both --from and --to (the first and the last day)")
        return between(first.date(), last.date())
    return last_complete(frequency, today())


def _progress(tickets: Path) -> Any:
    """A progress bar over the report's steps, on stderr, for large inputs on a terminal."""
    try:
        large = tickets.stat().st_size >= LARGE
    except OSError:
        large = False
    if not (large and sys.stdout.isatty() and sys.stderr.isatty()):
        return None
    return click.progressbar(length=3, label="service report", file=sys.stderr)


def _default_output(repo: Path, label: str, output_format: str) -> Path:
    return repo / "dist" / f"service-report-{label.replace('..', '_')}.{output_format}"


class Request(NamedTuple):
    """What `agreekit report` is asked for: its options, by their parameter names."""

    repo: Path
    tickets: Path
    outages: Path | None
    period: str | None
    first: dt.datetime | None
    last: dt.datetime | None
    columns: str | None
    output_format: str
    output: Path | None
    strict: bool
    force: bool


def run(request: Request) -> int:
    from agreekit.extras import missing_extra

    repo, tickets, output_format = request.repo, request.tickets, request.output_format
    # HTML needs only Python-Markdown and nh3, which are core; the PDF needs WeasyPrint.
    needs = ("report", "publish") if output_format == "pdf" else ("report",)
    for extra in needs:
        if message := missing_extra(extra, f"report --format {output_format}"):
            raise Failure(message)
    from agreekit.service_report.allocator import keep_freed_memory
    from agreekit.service_report.columns import DEFAULT, load_mapping
    from agreekit.service_report.source import read_tickets

    keep_freed_memory()

    mapping = load_mapping(request.columns) if request.columns else DEFAULT
    with ThreadPoolExecutor(1) as pool:
        # The export is read from here on (pyarrow's reader works outside Python's lock), while
        # the rest of the engine is imported and the agreement, calendar and holidays load.
        reading = pool.submit(read_tickets, tickets, mapping)
        from agreekit.service_report.build import build_report
        from agreekit.service_report.terms import service_terms

        agreement = load_or_exit(repo)
        frequency = service_terms(agreement).frequency
        chosen = _period(request.period, request.first, request.last, frequency)
        facts = _facts(repo, agreement)
        bar = _progress(tickets)
        with bar if bar is not None else contextlib.nullcontext():
            report = build_report(
                agreement, facts, chosen, tickets, request.outages, mapping,
                strict=request.strict,
                step=(lambda label: bar.update(1)) if bar is not None else (lambda label: None),
                reading=reading,
            )  # fmt: skip
    files = _render(report, output_format, request.output, repo)
    if files is None:
        return DONE
    write_or_refuse(files, force=request.force, manifest=False)
    click.echo(f"wrote {', '.join(str(p) for p in files)}")
    return DONE


def _render(
    report: dict[str, Any], output_format: str, output: Path | None, repo: Path
) -> dict[Path, str | bytes] | None:
    """The files to write, or None after printing the report to stdout."""
    from agreekit.service_report import render
    from agreekit.service_report.charts import attainment_chart, downtime_chart

    if output_format in ("text", "json", "md") and output is None:
        text = {"text": render.as_text, "json": render.as_json, "md": render.as_markdown}[
            output_format
        ](report)
        click.echo(text, nl=False)
        return None
    target = (
        in_repo(repo, output)
        if output
        else _default_output(repo, report["period"]["label"], output_format)
    )
    if output_format == "md":
        charts = {
            "Attainment per priority": target.with_name(target.stem + "-attainment.svg"),
        }
        svgs: dict[Path, str | bytes] = {
            charts["Attainment per priority"]: attainment_chart(report)
        }
        if report["availability"]["percent"] is not None:
            charts["Downtime per day"] = target.with_name(target.stem + "-downtime.svg")
            svgs[charts["Downtime per day"]] = downtime_chart(report)
        markdown = render.as_markdown(report, {name: path.name for name, path in charts.items()})
        return {target: markdown, **svgs}
    if output_format == "json":
        return {target: render.as_json(report)}
    if output_format == "text":
        return {target: render.as_text(report)}
    html = render.as_html(report)
    if output_format == "html":
        return {target: html}
    from agreekit.publish.document import write_pdf  # the publish extra, asked for in run()

    return {target: write_pdf(html, repo)}


@click.command()
@repo_option
@click.option(
    "--tickets",
    "tickets",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The service desk's ticket export: CSV, or JSON lines (.jsonl).",
)
@click.option(
    "--outages",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The outage log: CSV with start, end and optional planned, service, notified.",
)
@click.option(
    "--period",
    help="2027-03 (a month), 2027-Q1, 2027-H1 or 2027. Default: the last complete period of the agreement's reporting frequency.",
)
@click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), help="First day of the period.")
@click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), help="Last day of the period.")
@click.option(
    "--columns",
    help="Column mapping: a YAML file, or a shipped one (zendesk, freshservice, jira-service-management).",
)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default for html and pdf: dist/service-report-PERIOD.EXT).",
)
@click.option(
    "--strict", is_flag=True, help="Stop at the first rejected row instead of listing it."
)
@force_option
def command(**options: Any) -> int:
    """The periodic service report: the agreement's targets applied to the service desk's data."""
    return run(Request(**options))
