"""Which roles own which files, from agreement.yml and the sections' front matter: one table that
the GitHub ruleset and the pull-request review check both read."""

from __future__ import annotations

from typing import NamedTuple

from agreekit.governance.paths import RULE_FILES, RULESET_PATH
from agreekit.model.agreement import Agreement
from agreekit.text.codeowners import OWNING_ROLES, section_owners


class Owned(NamedTuple):
    pattern: str  # `folder/**` (everything inside) or an exact file path
    roles: tuple[str, ...]

    def covers(self, path: str) -> bool:
        if self.pattern.endswith("/**"):
            return path.startswith(self.pattern[:-2])
        return path == self.pattern


def _pattern(path: str) -> str:
    return f"{path}**" if path.endswith("/") else path


def ownership(agreement: Agreement) -> list[Owned]:
    """Every owned pattern with all the roles whose approval it needs (none is dropped)."""
    table = [Owned(f"{agreement.directory}/**", ("management",))]
    table += [Owned(path, ("management", *(r for r in roles if r != "management")))
              for path, roles in section_owners(agreement)]  # fmt: skip
    table += [Owned(_pattern(path), ("management",)) for path in (*RULE_FILES, RULESET_PATH)]
    return table


def roles_owning(table: list[Owned], path: str) -> set[str]:
    """Every role that owns a file (all matching rows, not the last one only)."""
    return {role for row in table if row.covers(path) for role in row.roles}


def patterns_of(table: list[Owned], role: str) -> list[str]:
    """The role's file patterns, leaving out files a folder pattern of the role already covers."""
    assert role in OWNING_ROLES
    rows = [row for row in table if role in row.roles]
    folders = [row for row in rows if row.pattern.endswith("/**")]
    return [
        row.pattern
        for row in rows
        if row.pattern.endswith("/**") or not any(f.covers(row.pattern) for f in folders)
    ]
