"""Run every registered check over an agreement and return the findings to report."""

import datetime as dt
import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Check
from agreekit.checks.registry import CHECKS
from agreekit.checks.suppress import unsuppressed
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement
from agreekit.model.loader import load_agreement


class CheckResult(NamedTuple):
    agreement: Agreement | None
    findings: list[Finding]
    loaded: bool


# From this many sections on, the checks are shared between two processes (where there are two
# cores and `fork`): below it, starting the second costs more than it saves.
PARALLEL_FROM = 200


def run_checks(
    agreement: Agreement,
    select: Iterable[str] | None = None,
    parallel: bool | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Every selected check's findings; `parallel` None decides by the agreement's size."""
    context = CheckContext(agreement, today)
    wanted = set(select) if select else None
    checks = [c for c in CHECKS if c.run is not None and (wanted is None or c.code in wanted)]
    if parallel is None:
        parallel = len(agreement.sections) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
    if parallel and hasattr(os, "fork") and _single_threaded():
        return _in_two_processes(context, checks)
    return _run(context, checks)


def _single_threaded() -> bool:
    """Fork only a process without other threads: one may hold a lock the child would need."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _run(context: CheckContext, checks: Iterable[Check]) -> list[Finding]:
    found: list[Finding] = []
    for check in checks:
        assert check.run is not None
        found.extend(check.run(context.agreement, context))
    return found


# The checks that read the prose word by word and share what they work out (each section's
# words for AK307 and AK309, the defined terms' uses for AK302 and AK306): about half the work
# on a large agreement. They run in the second process and every other check here, so work a
# family's checks share elsewhere (the sanitiser's removals for AK501 and AK502) is done once.
_SECOND_PROCESS = frozenset({"AK301", "AK302", "AK303", "AK306", "AK307", "AK309"})


def _in_two_processes(context: CheckContext, checks: list[Check]) -> list[Finding]:
    """Some checks in a forked child (which shares the loaded agreement), the rest here.

    The child sends its findings back pickled. Should it fail in any way, its half runs here, so
    a finding is never lost to the parallelism.
    """
    import pickle  # only for large agreements

    theirs = [c for c in checks if c.code in _SECOND_PROCESS]
    ours = [c for c in checks if c.code not in _SECOND_PROCESS]
    reading, writing = os.pipe()
    gc.freeze()  # the collector leaves what both share alone, so the child copies fewer pages
    child = os.fork()
    if child == 0:  # the child: its half, then leave without running the parent's exit code
        status = 1
        try:
            os.close(reading)
            with os.fdopen(writing, "wb") as sink:
                sink.write(pickle.dumps(_run(context, theirs)))
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    source = os.fdopen(reading, "rb")
    try:
        found = _run(context, ours)
        payload = source.read()
    finally:
        source.close()  # if our half raised, the child's write fails and it exits: no hang
        _, status = os.waitpid(child, 0)
        gc.unfreeze()
    try:
        if status != 0:
            raise ValueError("the second process failed")
        return found + list(pickle.loads(payload))
    except (ValueError, pickle.UnpicklingError, EOFError):
        return found + _run(context, theirs)


def check_repository(repo: Path, directory: str = "agreement") -> CheckResult:
    """Load and check; input findings come first, and checks run only on what loaded."""
    agreement, load_findings = load_agreement(repo, directory)
    found = list(load_findings)
    if agreement is not None:
        found += run_checks(agreement)
    unique = without_noise_at_placeholders(
        {(f.code, f.location, f.message): f for f in found}.values()
    )
    findings = sorted(unsuppressed(unique, agreement), key=lambda f: f.sort_key)
    could_not_load = agreement is None or any(f.code.startswith("AK9") for f in findings)
    return CheckResult(agreement, findings, not could_not_load)


def without_noise_at_placeholders(findings: Iterable[Finding]) -> list[Finding]:
    """A placeholder (AK105) stands for a value not yet written: other checks of it are noise."""
    found = list(findings)
    blanks = {(f.location.file, f.location.line) for f in found if f.code == "AK105"}
    return [
        f for f in found if f.code == "AK105" or (f.location.file, f.location.line) not in blanks
    ]
