"""Clause numbers: sections numbered in agreement.yml order, `##` as N.M and `###` as N.M.K."""

from typing import NamedTuple

from agreekit.model.agreement import Agreement
from agreekit.model.section import Heading, Section


class NumberedHeading(NamedTuple):
    heading: Heading
    number: str  # "" for headings deeper than ###, which are not clauses


class NumberedSection(NamedTuple):
    section: Section
    number: str
    headings: tuple[NumberedHeading, ...]

    @property
    def label(self) -> str:
        return f"{self.number}. {self.section.meta.title}"


class RefError(Exception):
    """A cross-reference that names no section or heading."""


def number_headings(section_number: str, headings: tuple[Heading, ...]) -> list[NumberedHeading]:
    numbered = []
    clause = sub = 0
    for heading in headings:
        if heading.level == 2:
            clause, sub = clause + 1, 0
            numbered.append(NumberedHeading(heading, f"{section_number}.{clause}"))
        elif heading.level == 3:
            sub += 1
            numbered.append(NumberedHeading(heading, f"{section_number}.{clause}.{sub}"))
        else:
            numbered.append(NumberedHeading(heading, ""))
    return numbered


def numbered_sections(agreement: Agreement) -> list[NumberedSection]:
    """The sections listed in agreement.yml, in its order; unlisted files are not part of the text."""
    result = []
    for index, section_id in enumerate(agreement.file.sections, start=1):
        section = agreement.section(section_id)
        if section is None:
            continue
        number = str(index)
        result.append(
            NumberedSection(section, number, tuple(number_headings(number, section.headings)))
        )
    return result


def resolve(sections: list[NumberedSection], target: str) -> tuple[str, str, str | None]:
    """`section-id` or `section-id#heading-slug` -> (clause number, section id, slug or None)."""
    section_id, _, slug = target.partition("#")
    found = next((s for s in sections if s.section.id == section_id), None)
    if found is None:
        known = ", ".join(s.section.id for s in sections)
        raise RefError(f"ref({target!r}) names no section '{section_id}'; known sections: {known}")
    if not slug:
        return found.number, section_id, None
    heading = next((h for h in found.headings if h.heading.slug == slug and h.number), None)
    if heading is None:
        slugs = ", ".join(h.heading.slug for h in found.headings if h.number)
        raise RefError(
            f"ref({target!r}): section '{section_id}' has no clause heading '{slug}'; "
            f"its headings are: {slugs}"
        )
    return heading.number, section_id, slug
