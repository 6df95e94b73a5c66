"""Every check agreekit runs, in one table: code, name, severity, summary, fix hint, function.

Checks whose function is None are reported by the loader (input problems found while reading).
Explanations for `agreekit explain` live in `explanations.yml` beside this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from agreekit.checks import governance, structure
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement

ERROR = "error"
WARNING = "warning"

CheckFunction = Callable[[Agreement], Iterable[Finding]]


class Check(NamedTuple):
    code: str
    name: str
    severity: str
    summary: str
    hint: str
    run: CheckFunction | None


CHECKS: tuple[Check, ...] = (
    Check(
        "AK101",
        "required-section-missing",
        ERROR,
        "A section the structure requires is missing.",
        "Create the section file and list its id under `sections` in agreement.yml.",
        structure.required_sections_present,
    ),
    Check(
        "AK102",
        "required-field-missing",
        ERROR,
        "A required heading, field, stakeholder kind, department, priority or KPI is missing.",
        "Add the heading or field the message names.",
        structure.required_fields_present,
    ),
    Check(
        "AK103",
        "section-order",
        ERROR,
        "The sections are not in the order of the structure.",
        "Reorder `sections` in agreement.yml to the expected order.",
        structure.sections_in_order,
    ),
    Check(
        "AK104",
        "invalid-data",
        ERROR,
        "Front matter or agreement.yml does not match the schema.",
        "Fix the key the message names; the JSON Schema shows what is allowed.",
        None,
    ),
    Check(
        "AK105",
        "placeholder",
        ERROR,
        "A placeholder or an empty required value is left in the agreement.",
        "Replace the placeholder with the real value.",
        structure.no_placeholders,
    ),
    Check(
        "AK106",
        "section-not-in-structure",
        ERROR,
        "A section file is not listed in the structure.",
        "List the section's id under `sections` in agreement.yml, or delete the file.",
        structure.sections_in_structure,
    ),
    Check(
        "AK107",
        "duplicate-id",
        ERROR,
        "Two sections, stakeholders, departments, priorities, KPIs or cost lines share an id.",
        "Give each one a unique id.",
        structure.ids_unique,
    ),
    Check(
        "AK401",
        "file-not-owned",
        ERROR,
        "A file under agreement/ has no code owner in CODEOWNERS.",
        "Run `agreekit codeowners --write`, or add a CODEOWNERS line that covers the file.",
        governance.agreement_files_covered,
    ),
    Check(
        "AK402",
        "codeowners-out-of-sync",
        ERROR,
        "CODEOWNERS is missing or differs from what agreement.yml says.",
        "Run `agreekit codeowners --write` and commit the result.",
        governance.codeowners_in_sync,
    ),
    Check(
        "AK403",
        "codeowners-syntax",
        ERROR,
        "A CODEOWNERS line uses syntax GitHub ignores (`!`, `[ ]`, `\\#`) or an invalid owner.",
        "Rewrite the pattern without negation, ranges or escapes; list owners as @user, @org/team or email.",
        governance.codeowners_syntax_supported,
    ),
    Check(
        "AK404",
        "unknown-owner",
        ERROR,
        "A CODEOWNERS owner is not a team or stakeholder named in agreement.yml.",
        "Use a team from `teams` or a stakeholder's `github` handle or email.",
        governance.owners_known,
    ),
    Check(
        "AK405",
        "rules-not-owned-by-management",
        ERROR,
        "CODEOWNERS, the signers file or a workflow is not owned by the management team.",
        "Make the management team the owner of .github/CODEOWNERS, .github/allowed_signers and .github/workflows/.",
        governance.rules_owned_by_management,
    ),
    Check(
        "AK406",
        "required-role-missing",
        ERROR,
        "No stakeholder holds a role the workflow needs (owner, management, legal).",
        "Give a stakeholder the role under `roles` in agreement.yml.",
        governance.required_roles_present,
    ),
    Check(
        "AK407",
        "department-not-in-communication-plan",
        ERROR,
        "A department of the agreement is missing from the communication plan.",
        "Add the department to `departments` in agreement/records/communication.yml.",
        governance.departments_in_communication_plan,
    ),
    Check(
        "AK901",
        "yaml-syntax",
        ERROR,
        "A YAML document cannot be parsed.",
        "Fix the indentation, colon or quote on the line named.",
        None,
    ),
    Check(
        "AK902",
        "duplicate-key",
        ERROR,
        "A YAML mapping has the same key twice.",
        "Remove or rename one of the two keys.",
        None,
    ),
    Check("AK903", "not-utf8", ERROR, "A file is not UTF-8.", "Save the file as UTF-8.", None),
    Check(
        "AK904",
        "input-too-large",
        ERROR,
        "A file is too large, nested too deep, or cannot be read.",
        "Split the file, flatten the data or remove YAML anchors.",
        None,
    ),
)

BY_CODE: dict[str, Check] = {check.code: check for check in CHECKS}


def normalise_code(code: str | int) -> str:
    """`306`, `ak306` and `AK306` all name check AK306."""
    text = str(code).strip().upper()
    return text if text.startswith("AK") else f"AK{text}"


def enrich(found: Finding) -> Finding:
    check = BY_CODE.get(found.code)
    if check is None:
        return found
    return found._replace(severity=check.severity, hint=check.hint)
