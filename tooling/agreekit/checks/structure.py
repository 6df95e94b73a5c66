"""1xx: the agreement has every section, heading and field its profile requires, in order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.paths import MISSING, existing_prefix, is_empty, lookup, walk_strings
from agreekit.checks.placeholders import find_blanks, link_labels, may_hold_blank
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.profile import builtin_profile, extend
from agreekit.model.section import Heading, Section
from agreekit.model.source import SourceMap

FAMILY = Family()


AK101 = Rule(
    "AK101",
    "required-section-missing",
    ERROR,
    summary="A section the structure requires is missing.",
    hint="Create the section file and list its id under `sections` in agreement.yml.",
    explanation=Explanation(
        what=(
            "Every section the structure profile requires (introduction, definitions, "
            "service needs, stakeholders, responsibilities, service levels, constraints, "
            "terms, communication, escalation, legal, signatures) must exist as "
            "`agreement/sections/<id>.md`, and every id listed under `sections` in "
            "agreement.yml must have a file."
        ),
        why=(
            "The seed workflow's content steps each live in a section. A missing section "
            "means a step of the workflow was skipped, and the approvals would cover an "
            "incomplete agreement."
        ),
        example=(
            "# agreement.yml\n"
            "sections:\n"
            "  - introduction\n"
            "  - definitions        # sections/escalation.md was deleted and escalation is not listed"
        ),
        fix=("Create the section file with its front matter and list its id under `sections`."),
        fixed=(
            "sections:\n"
            "  - introduction\n"
            "  - definitions\n"
            "  - escalation         # and sections/escalation.md exists"
        ),
    ),
)


@FAMILY.check(AK101)
def required_sections_present(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK101"""
    listed = list(agreement.file.sections)
    present = {s.id for s in agreement.sections} | agreement.unreadable_section_ids
    required = {s.id: s for s in agreement.profile.sections}
    folder = f"{agreement.directory}/sections"
    for index, section_id in enumerate(listed):
        if section_id not in present:
            title = required[section_id].title if section_id in required else section_id
            message = (
                f"section '{section_id}' ({title}) is listed but has no file; "
                f"create {folder}/{section_id}.md"
            )
            yield AK101.at(agreement.source.locate("sections", index), message)
    for section in agreement.profile.sections:
        if section.id not in listed and section.id not in present:
            message = (
                f"required section '{section.id}' ({section.title}) missing; create "
                f"{folder}/{section.id}.md and list '{section.id}' under sections"
            )
            yield AK101.at(agreement.source.key_location("sections"), message)


AK102 = Rule(
    "AK102",
    "required-field-missing",
    ERROR,
    summary=(
        "A required heading (or the text under it), field, stakeholder kind, department, "
        "priority or KPI is missing."
    ),
    hint="Add the heading or field the message names.",
    explanation=Explanation(
        what=(
            'A section lacks a heading the profile requires (for example "Hardware" in '
            "service-needs), a required heading has no text under it (only blank lines, "
            "comments, empty list items or empty checkboxes), a data field is missing "
            "(for example `reporting.frequency`), or agreement.yml lacks a required "
            "value, stakeholder kind, department, priority or KPI. The built-in profile "
            "is the seed's (departments IT, Finance, HR and Operations; priorities P1-P4;"
            " five KPIs); a repository describes its own agreement under `profile:` in "
            "agreement.yml: a list given there replaces the built-in one (`priorities`, "
            "`kpis`, `departments`, `stakeholder_kinds`, `agreement_fields`), a section "
            "with `replace: true` replaces its headings and fields, and `remove:` takes "
            "single requirements out. A stated `priorities` scheme is exact: those ids, "
            "in that order, with the names given. Removing something the built-in profile"
            " does not require is a typo and a finding."
        ),
        why=(
            "These are the seed's form fields. Without them the agreement does not say "
            "what it must, and reviewers cannot approve what is not written. A heading "
            "with nothing under it is a form left blank. Real agreements use other "
            "schemes (P1-P3, Sev1-Sev5, Urgent-Low): the profile says so once, instead of"
            " stub sections and invented KPIs."
        ),
        example=(
            "# a P1-P3 scheme, no customer-satisfaction survey, no HR department\n"
            "priorities:\n"
            "  - {id: P1, name: Critical, response: 15m, resolution: 4h, clock: 24x7}\n"
            "  - {id: P2, name: High, response: 1h, resolution: 1 business day, clock: business}\n"
            "  - {id: P3, name: Normal, response: 4 business hours, resolution: 5 business days, clock: business}"
        ),
        fix=(
            "Add the heading, text, field or entry the message names, or describe the "
            'agreement in agreement.yml\'s `profile` (docs/authoring.md, "The profile").'
        ),
        fixed=(
            "profile:\n"
            "  priorities: [P1, P2, P3]                  # a P1-P3 scheme\n"
            "  # priorities: [Sev1, Sev2, Sev3, Sev4, Sev5]  # a Sev1-Sev5 scheme\n"
            "  # priorities:                             # named levels, names checked\n"
            "  #   - {id: urgent, name: Urgent}\n"
            "  #   - {id: high, name: High}\n"
            "  #   - {id: medium, name: Medium}\n"
            "  #   - {id: low, name: Low}\n"
            "  #   - {id: project, name: Project}\n"
            "  departments: [it, finance, operations]\n"
            "  remove:\n"
            "    kpis: [customer-satisfaction]\n"
            "    headings:\n"
            "      service-needs: [Specialised service requests]\n"
            "  sections:\n"
            "    - id: service-levels\n"
            "      replace: true\n"
            "      headings: [Service hours, Severity levels, Services and availability, Reporting]\n"
            "      fields: [service_hours, priorities, services, kpis, reporting.frequency]"
        ),
    ),
)


@FAMILY.check(AK102)
def required_fields_present(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK102"""
    for section in agreement.sections:
        required = agreement.profile.section(section.id)
        if required is None:
            continue
        yield from _missing_headings(section, required.headings)
        yield from _missing_fields(
            section.data, section.source, required.fields, f"section '{section.id}'"
        )
    yield from _missing_fields(
        agreement.data, agreement.source, agreement.profile.agreement_fields, "agreement.yml"
    )
    yield from _missing_members(
        "stakeholder kind",
        agreement.profile.stakeholder_kinds,
        [s.kind for s in agreement.file.stakeholders],
        agreement.source.key_location("stakeholders"),
        "add a stakeholder with kind: {}",
    )
    yield from _missing_members(
        "department",
        agreement.profile.departments,
        [d.id for d in agreement.file.departments],
        agreement.source.key_location("departments"),
        "add a department with id: {}",
    )
    yield from _priority_scheme(agreement)
    owner = _data_owner(agreement, "kpis")
    if owner is not None:
        ids = [item.id for item in owner.meta.kpis or ()]
        where = owner.source.key_location("kpis")
        yield from _missing_members(
            "KPI", agreement.profile.kpis, ids, where, "add a KPI with id: {}"
        )
    yield from _unknown_removals(agreement)


def _priority_scheme(agreement: Agreement) -> Iterator[Finding]:
    """The priorities the profile names, with their names; exactly those, in order, when the
    repository states its own scheme."""
    owner = _data_owner(agreement, "priorities")
    if owner is None:
        return
    items = owner.meta.priorities or ()
    ids = [item.id for item in items]
    required = agreement.profile.priorities
    scheme = ", ".join(p.id for p in required)
    for wanted in required:
        if wanted.id not in ids:
            message = f"no priority '{wanted.id}'; add a priority with id: {wanted.id}"
            yield AK102.at(owner.source.key_location("priorities"), message)
            continue
        index = ids.index(wanted.id)
        name = items[index].name
        if wanted.name and name.casefold() != wanted.name.casefold():
            message = f"priority '{wanted.id}' is named '{name}' but the profile calls it '{wanted.name}'; rename one"
            yield AK102.at(owner.source.locate("priorities", index, "name"), message)
    if not agreement.profile.priorities_exact:
        return
    known = [p.id for p in required]
    for index, priority_id in enumerate(ids):
        if priority_id not in known:
            message = f"priority '{priority_id}' is not in the profile's scheme ({scheme}); remove it or add it to profile.priorities"
            yield AK102.at(owner.source.key_location("priorities", index), message)
    present = [i for i in ids if i in known]
    expected = list(dict.fromkeys(k for k in known if k in present))
    for have, want in zip(list(dict.fromkeys(present)), expected, strict=False):
        if have != want:
            message = f"priorities are not in the profile's order ({scheme}), most urgent first"
            yield AK102.at(owner.source.key_location("priorities", ids.index(have)), message)
            return


def _unknown_removals(agreement: Agreement) -> Iterator[Finding]:
    """A removal that names nothing the profile would require is a typo, not a change."""
    base = extend(builtin_profile(), agreement.file.profile, removals=False)
    remove = agreement.file.profile.remove
    where = agreement.source.key_location("profile", "remove")
    wanted: list[tuple[str, Sequence[str], Sequence[str]]] = [
        ("section", list(remove.sections), tuple(s.id for s in base.sections)),
        ("agreement field", list(remove.agreement_fields), base.agreement_fields),
        ("stakeholder kind", list(remove.stakeholder_kinds), base.stakeholder_kinds),
        ("department", list(remove.departments), base.departments),
        ("priority", list(remove.priorities), tuple(p.id for p in base.priorities)),
        ("KPI", list(remove.kpis), base.kpis),
    ]
    for section_id, headings in remove.headings.items():
        required = base.section(section_id)
        wanted.append(
            (f"heading of '{section_id}'", headings, required.headings if required else ())
        )
    for section_id, fields in remove.fields.items():
        required = base.section(section_id)
        wanted.append((f"field of '{section_id}'", fields, required.fields if required else ()))
    for what, removed, known in wanted:
        folded = {k.casefold() for k in known}
        for item in removed:
            if str(item).casefold() not in folded:
                message = f"profile.remove names the {what} '{item}', which the profile does not require; check the spelling"
                yield AK102.at(where, message)


def _missing_headings(section: Section, headings: Iterable[str]) -> Iterator[Finding]:
    present = {h.text.casefold(): h for h in reversed(section.headings)}
    for heading in headings:
        found = present.get(heading.casefold())
        if found is None:
            message = f"section '{section.id}' lacks the heading '{heading}'; add '## {heading}'"
            yield AK102.at(Location(section.path, section.body_line), message)
        elif not has_content(section, found):
            message = (
                f"the required heading '{heading}' of section '{section.id}' has no text under "
                "it; write what the agreement says there"
            )
            yield AK102.at(Location(section.path, found.line), message)


# Lines that say nothing: an empty list item or checklist box, an underline, a rule.
_EMPTY_LINE = re.compile(r"^\s*(?:(?:[-+*]|\d{1,9}[.)])(?:\s+\[[ xX]?\])?|[-=_*\s]+)?\s*$")


def has_content(section: Section, heading: Heading) -> bool:
    """Whether any text stands under `heading`, up to the next heading of its level or higher;
    comments, empty list items and empty checkboxes are not text."""
    later = [h.line for h in section.headings if h.line > heading.line and h.level <= heading.level]
    end = later[0] if later else section.body_line + section.body.count("\n") + 1
    subheadings = {h.line for h in section.headings}
    lines = section.body.split("\n")
    in_comment = False
    for number in range(heading.line + 1, end):
        text = lines[number - section.body_line] if number - section.body_line < len(lines) else ""
        if number in subheadings:
            continue
        text, in_comment = _without_comments(text, in_comment)
        if not _EMPTY_LINE.match(text):
            return True
    return False


def _without_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """The line without its HTML comments, and whether a comment is still open at its end."""
    kept: list[str] = []
    while text:
        if in_comment:
            end = text.find("-->")
            if end < 0:
                return "".join(kept), True
            text, in_comment = text[end + 3 :], False
        else:
            start = text.find("<!--")
            if start < 0:
                kept.append(text)
                break
            kept.append(text[:start])
            text, in_comment = text[start + 4 :], True
    return "".join(kept), in_comment


def _missing_fields(
    data: Any, source: SourceMap, fields: Iterable[str], owner: str
) -> Iterator[Finding]:
    for field in fields:
        if lookup(data, field) is MISSING:
            message = f"{owner} lacks the required field '{field}'; add it"
            yield AK102.at(source.key_location(*existing_prefix(data, field)), message)


def _missing_members(
    what: str, required: Iterable[str], present: list[Any], where: Location, fix: str
) -> Iterator[Finding]:
    for item in required:
        if item not in present:
            yield AK102.at(where, f"no {what} '{item}'; {fix.format(item)}")


def _data_owner(agreement: Agreement, key: str) -> Section | None:
    return next((s for s in agreement.sections if getattr(s.meta, key) is not None), None)


AK103 = Rule(
    "AK103",
    "section-order",
    ERROR,
    summary="The sections are not in the order of the structure.",
    hint="Reorder `sections` in agreement.yml to the expected order.",
    explanation=Explanation(
        what=(
            "The order of `sections` in agreement.yml differs from the order of the "
            "structure profile."
        ),
        why=(
            "Clause numbers follow the section order. A stable, conventional order lets "
            "readers find terms where they expect them and keeps cross-references "
            "meaningful between versions."
        ),
        example="sections: [introduction, service-levels, definitions]",
        fix="Reorder `sections` to the expected order the message lists.",
        fixed="sections: [introduction, definitions, service-levels]",
    ),
)


@FAMILY.check(AK103)
def sections_in_order(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK103"""
    required_order = [s.id for s in agreement.profile.sections]
    listed = list(agreement.file.sections)
    actual = [i for i in listed if i in required_order]
    expected = [i for i in required_order if i in actual]
    for position, (have, want) in enumerate(zip(actual, expected, strict=True)):
        if have != want:
            index = listed.index(have)
            message = (
                f"section '{have}' is out of order: the structure puts '{want}' here "
                f"(expected order: {', '.join(expected[position:])})"
            )
            yield AK103.at(agreement.source.locate("sections", index), message)
            return


_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->", re.DOTALL)


AK105 = Rule(
    "AK105",
    "placeholder",
    ERROR,
    summary="A placeholder or an empty required value is left in the agreement.",
    hint="Replace the placeholder with the real value.",
    explanation=Explanation(
        what=(
            "A blank is left for a value not yet written, in the text or the data: bullets or "
            "dots in brackets (`[●]`, `£[•]`, `[...]`), runs of X (`0117 496 XXXX`, `£X,XXX`), "
            'tbc/tbd/tba in any case, "to be confirmed", "to be determined", "to be agreed" '
            "left as the value, a bracketed instruction or field (`[name of Provider "
            "contact]`, `[DATE]`, `[insert date]`, `<<Name>>`, `{CUSTOMER}`), TODO, FIXME, "
            '"???"; or a required value is empty. Brackets that Markdown or drafting uses on '
            "purpose are not blanks: links and reference links, footnotes (`[^1]`), numbered "
            'notes (`[2]`), law-report years, task lists (`- [ ]`) and `[sic]`; nor is "to be '
            'agreed in writing" or "to be determined by an expert", which say how a value is '
            "reached."
        ),
        why=(
            "An agreement with placeholders cannot be signed: a blank term is a term nobody agreed."
        ),
        example=(
            "Escalations go to [name of Provider contact] on 0117 496 XXXX; the review date is tbc."
        ),
        fix=(
            "Write the real value. If it is not known yet, keep the change in a draft pull request."
        ),
        fixed=("Escalations go to Sofia Marin on 0117 496 0801; the review date is 31 July 2027."),
    ),
)


@FAMILY.check(AK105)
def no_placeholders(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK105"""
    documents = [(agreement.data, agreement.source)]
    documents += [(s.data, s.source) for s in agreement.sections]
    documents += [(r.data, r.source) for r in agreement.records.all()]
    for data, source in documents:
        strings = list(walk_strings(data))
        if not may_hold_blank("\n".join(text for _, text in strings)):
            continue  # one test of the whole document, not one per value
        for path, text in strings:
            blank = next(find_blanks(text), None)
            if blank:
                yield _placeholder_finding(source.locate(*path), blank[1])
    for prose in context.prose:
        # One scan of the whole prose; the rare blank is then placed at its line and column.
        labels = link_labels(prose.raw)
        for offset, text in find_blanks(prose.text, labels):
            yield _placeholder_finding(prose.location(offset), text)
        if "<!--" in prose.raw:  # a TODO left in a comment is unfinished work too
            for offset, text in find_blanks(_comments_only(prose.raw)):
                yield _placeholder_finding(prose.location(offset), text)
    yield from _empty_required_values(agreement)


def _comments_only(text: str) -> str:
    """The text with everything outside HTML comments blanked, newlines kept."""
    kept = ["\n" if c == "\n" else " " for c in text]
    for match in _COMMENT.finditer(text):
        kept[match.start() : match.end()] = match.group(0)
    return "".join(kept)


def _placeholder_finding(location: Location, text: str) -> Finding:
    return AK105.at(location, f"placeholder '{text}' left in the agreement; write the real value")


def _empty_required_values(agreement: Agreement) -> Iterator[Finding]:
    for field in agreement.profile.agreement_fields:
        value = lookup(agreement.data, field)
        if value is not MISSING and is_empty(value):
            message = f"required value '{field}' is empty; fill it in"
            yield AK105.at(agreement.source.key_location(*field.split(".")), message)
    for section in agreement.sections:
        required = agreement.profile.section(section.id)
        for field in required.fields if required else ():
            value = lookup(section.data, field)
            if value is not MISSING and is_empty(value):
                message = f"required value '{field}' of section '{section.id}' is empty; fill it in"
                yield AK105.at(section.source.key_location(*field.split(".")), message)


AK106 = Rule(
    "AK106",
    "section-not-in-structure",
    ERROR,
    summary="A section file is not listed in the structure.",
    hint="List the section's id under `sections` in agreement.yml, or delete the file.",
    explanation=Explanation(
        what=(
            "A file in `agreement/sections/` has an id that is not listed under "
            "`sections` in agreement.yml."
        ),
        why=(
            "An unlisted section is not numbered, not in the navigation and not in the "
            "PDF: text that looks agreed but is not part of the agreement."
        ),
        example="# sections/warranty.md has id: warranty, but agreement.yml does not list it",
        fix="List the id under `sections` where it belongs, or delete the file.",
    ),
)


@FAMILY.check(AK106)
def sections_in_structure(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK106"""
    listed = set(agreement.file.sections)
    for section in agreement.sections:
        if section.id not in listed:
            message = (
                f"section '{section.id}' is not in the structure; list it under sections in "
                f"{agreement.path}, or delete the file"
            )
            yield AK106.at(section.source.locate("id"), message)


AK107 = Rule(
    "AK107",
    "duplicate-id",
    ERROR,
    summary=(
        "Two sections, stakeholders, departments, priorities, KPIs or cost lines share an id."
    ),
    hint="Give each one a unique id.",
    explanation=Explanation(
        what=(
            "Two section files share an id, or two stakeholders, departments, "
            "priorities, KPIs or cost lines share an id, or a section is listed twice."
        ),
        why=(
            "Ids are how data, cross-references, CODEOWNERS and approvals point at "
            "things. A duplicate makes them ambiguous."
        ),
        example=("stakeholders:\n  - id: sam\n  - id: sam"),
        fix="Give each one a unique id.",
    ),
)


@FAMILY.check(AK107)
def ids_unique(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK107"""
    seen_sections: dict[str, str] = {}
    for section in agreement.sections:
        if section.id in seen_sections:
            message = (
                f"section id '{section.id}' is also used by {seen_sections[section.id]}; rename one"
            )
            yield AK107.at(section.source.locate("id"), message)
        seen_sections.setdefault(section.id, section.path)
    file = agreement.file
    yield from _duplicates(file.sections, agreement.source, ("sections",))
    yield from _duplicates([s.id for s in file.stakeholders], agreement.source, ("stakeholders",))
    yield from _duplicates([d.id for d in file.departments], agreement.source, ("departments",))
    for section in agreement.sections:
        meta = section.meta
        for key, items in (("priorities", meta.priorities), ("kpis", meta.kpis)):
            ids = [item.id for item in items or ()]
            yield from _duplicates(ids, section.source, (key,))
        if meta.costs is not None:
            ids = [line.id for line in meta.costs.lines]
            yield from _duplicates(ids, section.source, ("costs", "lines"))


def _duplicates(ids: Sequence[str], source: SourceMap, path: tuple[str, ...]) -> Iterator[Finding]:
    """Each id that an earlier item of the same list already has, at the later item."""
    seen: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            first = source.locate(*path, seen[item_id]).line
            message = f"duplicate id '{item_id}' in {'.'.join(path)} (first on line {first}); rename or remove one"
            yield AK107.at(source.locate(*path, index), message)
        seen.setdefault(item_id, index)
