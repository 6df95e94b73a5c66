"""The required structure of an IT support agreement, kept as data; a repository adds to it,
replaces parts of it or removes them in agreement.yml's `profile`."""

import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any, NamedTuple

import yaml

from agreekit.model.agreement_file import (
    ProfileExtension,
    ProfilePriority,
    ProfileRemovals,
    ProfileSection,
)


class RequiredSection(NamedTuple):
    id: str
    title: str
    headings: tuple[str, ...]
    fields: tuple[str, ...]


class RequiredPriority(NamedTuple):
    id: str
    name: str = ""  # empty: any name


class Profile(NamedTuple):
    name: str
    sections: tuple[RequiredSection, ...]
    agreement_fields: tuple[str, ...]
    stakeholder_kinds: tuple[str, ...]
    departments: tuple[str, ...]
    priorities: tuple[RequiredPriority, ...]
    kpis: tuple[str, ...]
    # The repository states its priority scheme: exactly these ids, in this order.
    priorities_exact: bool = False

    def section(self, section_id: str) -> RequiredSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


def _required_section(raw: dict[str, Any]) -> RequiredSection:
    return RequiredSection(
        id=raw["id"],
        title=raw.get("title", ""),
        headings=tuple(raw.get("headings", [])),
        fields=tuple(raw.get("fields", [])),
    )


@functools.cache
def builtin_profile(name: str = "it-support") -> Profile:
    text = resources.files("agreekit").joinpath("profiles", f"{name}.yml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Profile(
        name=raw["name"],
        sections=tuple(_required_section(s) for s in raw["sections"]),
        agreement_fields=tuple(raw["agreement_fields"]),
        stakeholder_kinds=tuple(raw["stakeholder_kinds"]),
        departments=tuple(raw["departments"]),
        priorities=tuple(RequiredPriority(str(p)) for p in raw["priorities"]),
        kpis=tuple(raw["kpis"]),
    )


def extend(profile: Profile, extension: ProfileExtension, *, removals: bool = True) -> Profile:
    """The profile with a repository's changes: sections and headings added or replaced, lists
    replaced, single requirements removed (unless `removals` is False: what they remove from)."""
    sections = _changed_sections(profile.sections, extension.sections)
    remove = extension.remove if removals else ProfileRemovals()
    sections = tuple(
        RequiredSection(
            s.id,
            s.title,
            _without(s.headings, remove.headings.get(s.id, [])),
            _without(s.fields, remove.fields.get(s.id, [])),
        )
        for s in sections
        if s.id not in remove.sections
    )
    priorities = profile.priorities
    if extension.priorities is not None:
        priorities = tuple(_required_priority(p) for p in extension.priorities)
    removed_priorities = set(remove.priorities)
    return Profile(
        profile.name,
        sections,
        _without(
            _replaced(profile.agreement_fields, extension.agreement_fields), remove.agreement_fields
        ),
        _without(
            _replaced(profile.stakeholder_kinds, extension.stakeholder_kinds),
            remove.stakeholder_kinds,
        ),
        _without(_replaced(profile.departments, extension.departments), remove.departments),
        tuple(p for p in priorities if p.id not in removed_priorities),
        _without(_replaced(profile.kpis, extension.kpis), remove.kpis),
        priorities_exact=bool(extension.priorities),  # `[]`: any scheme at all
    )


def _changed_sections(
    sections: tuple[RequiredSection, ...], changes: Sequence[ProfileSection]
) -> tuple[RequiredSection, ...]:
    by_id = {s.id: s for s in sections}
    order = [s.id for s in sections]
    for change in changes:
        base = by_id.get(change.id)
        if base is None:
            order.append(change.id)
            by_id[change.id] = RequiredSection(
                change.id, change.title, tuple(change.headings), tuple(change.fields)
            )
        elif change.replace:
            by_id[change.id] = RequiredSection(
                base.id, change.title or base.title, tuple(change.headings), tuple(change.fields)
            )
        else:
            by_id[change.id] = RequiredSection(
                base.id,
                change.title or base.title,
                base.headings + tuple(h for h in change.headings if h not in base.headings),
                base.fields + tuple(f for f in change.fields if f not in base.fields),
            )
    return tuple(by_id[i] for i in order)


def _required_priority(priority: ProfilePriority | str) -> RequiredPriority:
    if isinstance(priority, str):
        return RequiredPriority(priority)
    return RequiredPriority(priority.id, priority.name)


def _replaced(base: tuple[str, ...], replacement: Sequence[Any] | None) -> tuple[str, ...]:
    return base if replacement is None else tuple(str(item) for item in replacement)


def _without(items: tuple[str, ...], removed: Sequence[Any]) -> tuple[str, ...]:
    gone = {str(item).casefold() for item in removed}
    return tuple(item for item in items if item.casefold() not in gone)
