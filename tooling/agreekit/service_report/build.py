"""One report from files: read the tickets and outages, apply the agreement's terms, compute."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from agreekit.model.agreement import Agreement
from agreekit.service_report.columns import Mapping
from agreekit.service_report.compute import business_clock, compute
from agreekit.service_report.errors import ReportError
from agreekit.service_report.outages import read_outages
from agreekit.service_report.period import Period
from agreekit.service_report.source import RawTable, read_tickets, with_exact_lines
from agreekit.service_report.terms import service_terms
from agreekit.service_report.tickets import Tickets, parse_tickets

Step = Callable[[str], None]


def _exact(raw: RawTable, mapping: Mapping) -> tuple[RawTable, bool]:
    """The table with confirmed line numbers, and whether it had to be read again for them."""
    exact = with_exact_lines(raw, mapping)
    return exact, exact.columns is not raw.columns


def _first(rejections: list[Any], count: int, path: str) -> str:
    first = rejections[0]
    return (
        f"{path}:{first.line}: column '{first.column}': {first.message} "
        f"({count} row(s) rejected; without --strict they are listed in the report)"
    )


def build_report(
    agreement: Agreement,
    facts: dict[str, Any],
    period: Period,
    tickets_path: Path,
    outages_path: Path | None,
    mapping: Mapping,
    *,
    strict: bool = False,
    step: Step = lambda label: None,
    reading: Future[RawTable] | None = None,
) -> dict[str, Any]:
    """The report; `reading` is the ticket export already being read (`read_tickets` in a thread:
    pyarrow's reader works outside Python's lock, so the agreement loads meanwhile)."""
    terms = service_terms(agreement)
    clock = business_clock(terms, period)  # holidays load while the export is read
    step("reading tickets")
    raw = reading.result() if reading is not None else read_tickets(tickets_path, mapping)
    step("parsing tickets")
    ids = [p.id for p in terms.priorities]
    tickets = parse_tickets(raw, mapping, ids)
    if tickets.rejected_count and not raw.exact:
        raw, again = _exact(raw, mapping)
        if again:
            tickets = parse_tickets(raw, mapping, ids)
    if strict and tickets.rejected_count:
        raise ReportError(_first(tickets.rejected, tickets.rejected_count, str(tickets_path)))
    outages, rejected_outages = (None, []) if outages_path is None else read_outages(outages_path)
    if strict and rejected_outages:
        raise ReportError(_first(rejected_outages, len(rejected_outages), str(outages_path)))
    step("computing")
    sources = {"tickets": str(tickets_path), "columns": mapping.name}
    if outages_path is not None:
        sources["outages"] = str(outages_path)

    def computed(tickets: Tickets) -> dict[str, Any]:
        return compute(
            terms, period, tickets, outages, rejected_outages,
            sources=sources, agreement=facts, clock=clock,
        )  # fmt: skip

    report = computed(tickets)
    if report["rejected"]["count"] and not raw.exact:  # rejected while computing: name true lines
        raw, again = _exact(raw, mapping)
        if again:
            report = computed(parse_tickets(raw, mapping, ids))
    if strict and report["rejected"]["count"]:
        first = report["rejected"]["listed"][0]
        raise ReportError(
            f"{first['file']}:{first['line']}: column '{first['column']}': {first['message']} "
            "(without --strict it is listed in the report)"
        )
    return report
