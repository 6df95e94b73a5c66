"""4xx governance: CODEOWNERS covers the agreement, matches agreement.yml, and guards the rules.

These checks read CODEOWNERS and the workflow folder as plain text (`Agreement.repository`); they
never run git or ask GitHub. A repository with neither `.github/` nor a CODEOWNERS file is not on
GitHub, and 401-405 do not apply to it (approvals then live only in git tags).
"""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.finding import Finding, Location, finding
from agreekit.governance.codeowners import Codeowners, parse
from agreekit.governance.generate import codeowners_text
from agreekit.governance.paths import CODEOWNERS_PATH, SIGNERS_PATH
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Role

REQUIRED_ROLES: tuple[Role, ...] = ("owner", "management", "legal")


def _parsed(agreement: Agreement) -> tuple[str, Codeowners] | None:
    repository = agreement.repository
    if repository is None or repository.codeowners_text is None:
        return None
    assert repository.codeowners_path is not None
    return repository.codeowners_path, parse(repository.codeowners_text)


def agreement_files_covered(agreement: Agreement) -> Iterator[Finding]:
    parsed = _parsed(agreement)
    if parsed is None:
        return
    path, codeowners = parsed
    for file in agreement.repository.agreement_files if agreement.repository else ():
        if not codeowners.owners_of(file):
            message = f"no code owner in {path}, so a pull request can change it without approval"
            yield finding("AK401", Location(file), f"{message}; add a line for it to {path}")


def codeowners_in_sync(agreement: Agreement) -> Iterator[Finding]:
    repository = agreement.repository
    if repository is None or not repository.on_github:
        return
    expected = codeowners_text(agreement)
    if repository.codeowners_text is None:
        message = (
            f"no CODEOWNERS file; run `agreekit codeowners --write` to create {CODEOWNERS_PATH}"
        )
        yield finding("AK402", Location(CODEOWNERS_PATH), message)
        return
    assert repository.codeowners_path is not None
    if repository.codeowners_path != CODEOWNERS_PATH:
        message = f"CODEOWNERS belongs in {CODEOWNERS_PATH}; move it and run `agreekit codeowners --write`"
        yield finding("AK402", Location(repository.codeowners_path), message)
        return
    if repository.codeowners_text == expected:
        return
    actual_lines = repository.codeowners_text.split("\n")
    expected_lines = expected.split("\n")
    line = next(
        (
            i + 1
            for i, (a, b) in enumerate(zip(actual_lines, expected_lines, strict=False))
            if a != b
        ),
        min(len(actual_lines), len(expected_lines)),
    )
    wanted = expected_lines[line - 1] if line <= len(expected_lines) else "(end of file)"
    message = (
        f"CODEOWNERS differs from what agreement.yml says (expected {wanted!r}); "
        "run `agreekit codeowners --write`"
    )
    yield finding("AK402", Location(repository.codeowners_path, line), message)


def codeowners_syntax_supported(agreement: Agreement) -> Iterator[Finding]:
    parsed = _parsed(agreement)
    if parsed is None:
        return
    path, codeowners = parsed
    for problem in codeowners.problems:
        message = f"{problem.message}; GitHub ignores this line, so its files lose their owners"
        yield finding("AK403", Location(path, problem.line, problem.col), message)


def owners_known(agreement: Agreement) -> Iterator[Finding]:
    parsed = _parsed(agreement)
    if parsed is None:
        return
    path, codeowners = parsed
    teams = agreement.file.teams
    known = {teams.handle("management"), teams.handle("legal")}
    known |= {f"@{s.github}" for s in agreement.file.stakeholders if s.github}
    known |= {s.email for s in agreement.file.stakeholders}
    for rule in codeowners.rules:
        for owner in rule.owners:
            if owner not in known:
                message = f"owner '{owner}' is not a team or stakeholder in agreement.yml"
                yield finding("AK404", Location(path, rule.line), message)


def rules_owned_by_management(agreement: Agreement) -> Iterator[Finding]:
    parsed = _parsed(agreement)
    repository = agreement.repository
    if parsed is None or repository is None:
        return
    path, codeowners = parsed
    management = agreement.file.teams.handle("management")
    guarded = [path, SIGNERS_PATH, *repository.workflow_files]
    for file in guarded:
        rule = codeowners.rule_for(file)
        if rule is None or management not in rule.owners:
            owners = " ".join(rule.owners) if rule and rule.owners else "nobody"
            message = (
                f"{file} is owned by {owners}, not {management}: others could change the rules"
            )
            yield finding("AK405", Location(path, rule.line if rule else 1), message)


def required_roles_present(agreement: Agreement) -> Iterator[Finding]:
    held = {role for s in agreement.file.stakeholders for role in s.roles}
    for role in REQUIRED_ROLES:
        if role not in held:
            message = f"no stakeholder has the role '{role}'; add it to someone's `roles`"
            yield finding("AK406", agreement.source.key_location("stakeholders"), message)
