"""4xx governance: CODEOWNERS covers the agreement, matches agreement.yml, and guards the rules.

These checks read CODEOWNERS and the workflow folder as plain text (`Agreement.repository`); they
never run git or ask GitHub. A repository with neither `.github/` nor a CODEOWNERS file is not on
GitHub, and 401-405 do not apply to it (approvals then live only in git tags).
"""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.governance.codeowners import Codeowners, parse
from agreekit.governance.paths import CODEOWNERS_PATH, SIGNERS_PATH
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Role
from agreekit.text.codeowners import codeowners_text

REQUIRED_ROLES: tuple[Role, ...] = ("owner", "management", "legal")


def _parsed(agreement: Agreement) -> tuple[str, Codeowners] | None:
    repository = agreement.repository
    if repository is None or repository.codeowners_text is None:
        return None
    assert repository.codeowners_path is not None
    return repository.codeowners_path, parse(repository.codeowners_text)


FAMILY = Family()


AK401 = Rule(
    "AK401",
    "file-not-owned",
    ERROR,
    summary="A file under agreement/ has no code owner in CODEOWNERS.",
    hint="Run `agreekit codeowners --write`, or add a CODEOWNERS line that covers the file.",
    explanation=Explanation(
        what=(
            "Every file under `agreement/` must have a code owner in CODEOWNERS "
            "(GitHub's rules: the last matching line wins, and a line without owners "
            "leaves its files unowned). Applies when the repository has a `.github/` "
            "folder or a CODEOWNERS file."
        ),
        why=(
            'With branch protection "require review from code owners", an unowned file '
            "can be changed by a pull request that no manager or lawyer approved."
        ),
        example=(
            "/agreement/ @acme/management\n"
            "/agreement/records          # no owners: records/ is now unowned"
        ),
        fix="Run `agreekit codeowners --write`, or remove the line that unowns the file.",
    ),
)


@FAMILY.check(AK401)
def agreement_files_covered(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    parsed = _parsed(agreement)
    if parsed is None:
        return
    path, codeowners = parsed
    for file in agreement.repository.agreement_files if agreement.repository else ():
        if not codeowners.owners_of(file):
            message = f"no code owner in {path}, so a pull request can change it without approval"
            yield AK401.at(Location(file), f"{message}; add a line for it to {path}")


AK402 = Rule(
    "AK402",
    "codeowners-out-of-sync",
    ERROR,
    summary="CODEOWNERS is missing or differs from what agreement.yml says.",
    hint="Run `agreekit codeowners --write` and commit the result.",
    explanation=Explanation(
        what=(
            "`.github/CODEOWNERS` must be exactly what `agreekit codeowners --write` "
            "generates from agreement.yml (the teams, and the `owners` of each section)."
        ),
        why=(
            "agreement.yml is where owners are decided and reviewed; a hand-edited "
            "CODEOWNERS drifts from it, and the wrong people are asked to approve."
        ),
        example="# agreement.yml says legal owns sections/terms.md, CODEOWNERS does not list it",
        fix="Run `agreekit codeowners --write` and commit the result.",
    ),
)


@FAMILY.check(AK402)
def codeowners_in_sync(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    repository = agreement.repository
    if repository is None or not repository.on_github:
        return
    expected = codeowners_text(agreement)
    if repository.codeowners_text is None:
        message = (
            f"no CODEOWNERS file; run `agreekit codeowners --write` to create {CODEOWNERS_PATH}"
        )
        yield AK402.at(Location(CODEOWNERS_PATH), message)
        return
    assert repository.codeowners_path is not None
    if repository.codeowners_path != CODEOWNERS_PATH:
        message = f"CODEOWNERS belongs in {CODEOWNERS_PATH}; move it and run `agreekit codeowners --write`"
        yield AK402.at(Location(repository.codeowners_path), message)
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
    yield AK402.at(Location(repository.codeowners_path, line), message)


AK403 = Rule(
    "AK403",
    "codeowners-syntax",
    ERROR,
    summary=(
        "A CODEOWNERS line uses syntax GitHub ignores (`!`, `[ ]`, `\\#`) or an invalid owner."
    ),
    hint=(
        "Rewrite the pattern without negation, ranges or escapes; list owners as @user, "
        "@org/team or email."
    ),
    explanation=Explanation(
        what=(
            "CODEOWNERS lines GitHub does not understand: a pattern starting with `!`, a "
            "`[ ]` character range, a `\\#` escape, or an owner that is not `@user`, "
            "`@org/team` or an email address."
        ),
        why=(
            "GitHub skips such lines (or, for bad owners, the whole file), so the files "
            "they were meant to protect silently lose their reviewers."
        ),
        example=("!agreement/records/ @acme/management\nagreement/[a-z]*.md @acme/legal"),
        fix=(
            "Write the pattern without negation, ranges or escapes; order lines so the "
            "last match wins."
        ),
        fixed=("/agreement/ @acme/management\n/agreement/sections/legal.md @acme/legal"),
    ),
)


@FAMILY.check(AK403)
def codeowners_syntax_supported(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    parsed = _parsed(agreement)
    if parsed is None:
        return
    path, codeowners = parsed
    for problem in codeowners.problems:
        message = f"{problem.message}; GitHub ignores this line, so its files lose their owners"
        yield AK403.at(Location(path, problem.line, problem.col), message)


AK404 = Rule(
    "AK404",
    "unknown-owner",
    ERROR,
    summary="A CODEOWNERS owner is not a team or stakeholder named in agreement.yml.",
    hint="Use a team from `teams` or a stakeholder's `github` handle or email.",
    explanation=Explanation(
        what=(
            "An owner in CODEOWNERS is neither a team in `teams` nor a stakeholder's "
            "`github` or email."
        ),
        why=(
            "Approvals count only from people the agreement names with a role; an "
            "unknown owner is either a typo (nobody is asked to review) or someone "
            "outside the workflow."
        ),
        example="/agreement/ @acme/managment",
        fix="Use a team from agreement.yml `teams`, or add the person as a stakeholder.",
    ),
)


@FAMILY.check(AK404)
def owners_known(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
                yield AK404.at(Location(path, rule.line), message)


AK405 = Rule(
    "AK405",
    "rules-not-owned-by-management",
    ERROR,
    summary="CODEOWNERS, the signers file or a workflow is not owned by the management team.",
    hint=(
        "Make the management team the owner of .github/CODEOWNERS, "
        ".github/allowed_signers and .github/workflows/."
    ),
    explanation=Explanation(
        what=(
            "`.github/CODEOWNERS`, the signers file `.github/allowed_signers` and every "
            "workflow must be owned by the management team."
        ),
        why=(
            "Whoever can change these files can change who approves, whose signatures "
            "count and what the automation records. They are the rules of the game."
        ),
        example="/.github/ @acme/developers",
        fix="Run `agreekit codeowners --write`.",
    ),
)


@FAMILY.check(AK405)
def rules_owned_by_management(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
            yield AK405.at(Location(path, rule.line if rule else 1), message)


AK406 = Rule(
    "AK406",
    "required-role-missing",
    ERROR,
    summary="No stakeholder holds a role the workflow needs (owner, management, legal).",
    hint="Give a stakeholder the role under `roles` in agreement.yml.",
    explanation=Explanation(
        what=(
            "At least one stakeholder holds each role the workflow needs - `owner`, "
            "`management`, `legal`."
        ),
        why=(
            "Steps 10, 12 and 15 are approvals by management and legal, and the owner "
            "drives the workflow; without them nobody can act on those steps."
        ),
        example=(
            "stakeholders:\n"
            "  - id: rachel-osei\n"
            "    roles: []            # and nobody else has `legal`"
        ),
        fix="Add the role to a stakeholder's `roles` in agreement.yml.",
    ),
)


@FAMILY.check(AK406)
def required_roles_present(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    held = {role for s in agreement.file.stakeholders for role in s.roles}
    for role in REQUIRED_ROLES:
        if role not in held:
            message = f"no stakeholder has the role '{role}'; add it to someone's `roles`"
            yield AK406.at(agreement.source.key_location("stakeholders"), message)
