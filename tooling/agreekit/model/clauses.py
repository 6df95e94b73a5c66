"""Clause numbers: sections numbered in the order of agreement.yml, `##` clauses and `###` sub-clauses.

`{{ ref("service-levels#availability") }}` renders as "clause 6.3": this module is where that number
comes from, for the checks (a reference with no number is broken) and for publishing.
"""

from __future__ import annotations

from agreekit.model.agreement import Agreement


def clause_numbers(agreement: Agreement, section_id: str) -> dict[str, str]:
    """Each heading slug of a section mapped to its clause number, e.g. {"availability": "6.3"}."""
    number = agreement.position(section_id)
    section = agreement.section(section_id)
    if number is None or section is None:
        return {}
    numbers: dict[str, str] = {}
    clause = sub = 0
    for heading in section.headings:
        if heading.level == 2:
            clause, sub = clause + 1, 0
            numbers.setdefault(heading.slug, f"{number}.{clause}")
        elif heading.level == 3 and clause:
            sub += 1
            numbers.setdefault(heading.slug, f"{number}.{clause}.{sub}")
        else:
            numbers.setdefault(heading.slug, str(number))
    return numbers


def clause_number(agreement: Agreement, reference: str) -> str | None:
    """The number a `section` or `section#slug` reference renders as, or None when it is broken."""
    section_id, _, slug = reference.partition("#")
    number = agreement.position(section_id)
    if number is None or agreement.section(section_id) is None:
        return None
    if not slug:
        return str(number)
    return clause_numbers(agreement, section_id).get(slug)
