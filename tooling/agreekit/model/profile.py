"""The required structure of an IT support agreement, kept as data and extendable per repository."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from agreekit.model.agreement_file import ProfileExtension


@dataclass(frozen=True)
class RequiredSection:
    id: str
    title: str
    headings: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    name: str
    sections: tuple[RequiredSection, ...]
    agreement_fields: tuple[str, ...]
    stakeholder_kinds: tuple[str, ...]
    departments: tuple[str, ...]
    priorities: tuple[str, ...]
    kpis: tuple[str, ...]

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
        priorities=tuple(raw["priorities"]),
        kpis=tuple(raw["kpis"]),
    )


def extend(profile: Profile, extension: ProfileExtension) -> Profile:
    """The profile plus a repository's additions: more headings or fields, or more sections."""
    by_id = {s.id: s for s in profile.sections}
    order = [s.id for s in profile.sections]
    for extra in extension.sections:
        base = by_id.get(extra.id)
        if base is None:
            order.append(extra.id)
            by_id[extra.id] = RequiredSection(
                extra.id, extra.title, tuple(extra.headings), tuple(extra.fields)
            )
            continue
        by_id[extra.id] = RequiredSection(
            base.id,
            extra.title or base.title,
            base.headings + tuple(h for h in extra.headings if h not in base.headings),
            base.fields + tuple(f for f in extra.fields if f not in base.fields),
        )
    return Profile(
        profile.name,
        tuple(by_id[i] for i in order),
        profile.agreement_fields,
        profile.stakeholder_kinds,
        profile.departments,
        profile.priorities,
        profile.kpis,
    )
