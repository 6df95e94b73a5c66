"""What the checks of one run share, each worked out once, when a check first asks for it.

One context is made per run and handed to every check, so nothing is cached between runs or keyed
by an object's identity.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, TypeVar

from agreekit import clock
from agreekit.checks.prose import ProseText, prose_texts
from agreekit.checks.targets import PriorityTargets, day_minutes, priority_targets, service_hours
from agreekit.model.agreement import Agreement
from agreekit.model.section import Section
from agreekit.model.section_data import ServiceHours

T = TypeVar("T")


class CheckContext:
    """The agreement being checked, today's date and the views several checks read."""

    def __init__(self, agreement: Agreement, today: dt.date | None = None) -> None:
        self.agreement = agreement
        self.today = today if today is not None else clock.today()
        self._shared: dict[Callable[[CheckContext], Any], Any] = {}

    @functools.cached_property
    def prose(self) -> tuple[ProseText, ...]:
        """Each section's prose as rendered text reads it (code and templates blanked)."""
        return prose_texts(self.agreement)

    @functools.cached_property
    def priority_targets(self) -> list[PriorityTargets]:
        return priority_targets(self.agreement)

    @functools.cached_property
    def service_hours(self) -> tuple[ServiceHours, Section] | None:
        """The service calendar and the section that declares it, if any does."""
        return service_hours(self.agreement)

    @functools.cached_property
    def day_minutes(self) -> int:
        return day_minutes(self.agreement)

    def shared(self, work: Callable[[CheckContext], T]) -> T:
        """`work(self)`, worked out once per run: for what a family's checks share."""
        if work not in self._shared:
            self._shared[work] = work(self)
        result: T = self._shared[work]
        return result
