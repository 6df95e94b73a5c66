"""How a family module declares its checks: `@FAMILY.check(RULE)` above each check function."""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from agreekit.finding import Finding, Rule
from agreekit.model.agreement import Agreement

if TYPE_CHECKING:
    from agreekit.checks.context import CheckContext

CheckFunction = Callable[[Agreement, "CheckContext"], Iterable[Finding]]


class Check(NamedTuple):
    """A rule and the function that finds it; `run` is None for what the loader reports."""

    rule: Rule
    run: CheckFunction | None

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def severity(self) -> str:
        return self.rule.severity

    @property
    def summary(self) -> str:
        return self.rule.summary

    @property
    def hint(self) -> str:
        return self.rule.hint


class Family:
    """The checks one module declares, in the order it declares them."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def check(self, rule: Rule) -> Callable[[CheckFunction], CheckFunction]:
        """Declare the decorated function as the check that reports `rule`."""

        def declare(function: CheckFunction) -> CheckFunction:
            self.checks.append(Check(rule, function))
            return function

        return declare

    def reported_elsewhere(self, *rules: Rule) -> None:
        """Declare rules another layer reports (the loader's input problems)."""
        self.checks.extend(Check(rule, None) for rule in rules)
