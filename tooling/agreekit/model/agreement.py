"""The whole agreement as one typed value: what every check and command works from."""

import functools
from typing import Any

from agreekit.model.agreement_file import AgreementFile, Stakeholder
from agreekit.model.frozen import field, frozen
from agreekit.model.profile import Profile
from agreekit.model.records import Records
from agreekit.model.repository import RepositoryFiles
from agreekit.model.section import Section
from agreekit.model.source import SourceMap


@frozen
class Agreement:
    directory: str
    file: AgreementFile
    data: dict[str, Any]
    source: SourceMap
    sections: tuple[Section, ...]
    profile: Profile
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unreadable_section_ids: frozenset[str] = frozenset()
    records: Records = Records()
    # Every file under the agreement directory, as `agreement/...` paths: link targets must exist.
    files: frozenset[str] = frozenset()
    # Files beside the agreement (CODEOWNERS, workflows), read as text for the 4xx checks.
    repository: RepositoryFiles | None = None

    @property
    def path(self) -> str:
        return self.source.file

    def section(self, section_id: str) -> Section | None:
        return self._sections_by_id.get(section_id)

    def position(self, section_id: str) -> int | None:
        """The section's 1-based place in agreement.yml's `sections`, or None if not listed."""
        return self._positions.get(section_id)

    @functools.cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        by_id: dict[str, Section] = {}
        for section in self.sections:
            by_id.setdefault(section.id, section)  # the first wins, as a search in order would
        return by_id

    @functools.cached_property
    def _positions(self) -> dict[str, int]:
        positions: dict[str, int] = {}
        for index, section_id in enumerate(self.file.sections, start=1):
            positions.setdefault(section_id, index)
        return positions

    def stakeholder(self, stakeholder_id: str) -> Stakeholder | None:
        return next((s for s in self.file.stakeholders if s.id == stakeholder_id), None)

    def data_block(self, key: str) -> Any:
        """The typed front-matter block `key` (priorities, costs, ...) that templates read as
        `data.<key>`: the last section's that carries it, as `section_data` merges them."""
        found = None
        for section in self.sections:
            value = getattr(section.meta, key, None)
            if value is not None:
                found = value
        return found

    def section_data(self) -> dict[str, Any]:
        """Every section's front-matter data blocks merged by key: the `data` of templates."""
        merged: dict[str, Any] = {}
        for section in self.sections:
            for key, value in section.data.items():
                if key not in ("id", "title", "owners"):
                    merged[key] = value
        return merged
