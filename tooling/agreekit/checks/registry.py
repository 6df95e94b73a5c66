"""Every check agreekit runs, in one table: code, name, severity, summary, fix hint, function.

Checks whose function is None are reported by the loader (input problems found while reading).
Explanations for `agreekit explain` live in `explanations.yml` beside this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from agreekit.checks import (
    escalation,
    governance,
    legal_text,
    records,
    service_levels,
    structure,
    templates,
    terms,
    unsafe_content,
)
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
        "AK108",
        "unknown-reference",
        ERROR,
        "A record names a stakeholder, section or department that agreement.yml does not have.",
        "Use an id that agreement.yml defines, or add the stakeholder, section or department.",
        records.record_references_known,
    ),
    Check(
        "AK109",
        "signatory-not-invited",
        ERROR,
        "A signatory is not among the signing meeting's attendees.",
        "Add every signatory to meeting.attendees in records/signing.yml.",
        records.signatories_invited,
    ),
    Check(
        "AK201",
        "response-after-resolution",
        ERROR,
        "A priority's response target is longer than its resolution target, or a target is not a duration.",
        "Make the response target shorter than the resolution target; write durations as 15m, 4h, 2 business days or best effort.",
        service_levels.response_within_resolution,
    ),
    Check(
        "AK202",
        "targets-tighter-for-lower-priority",
        ERROR,
        "A lower priority has a tighter target than a higher one.",
        "Loosen the lower priority's target or tighten the higher one; ties are allowed.",
        service_levels.targets_loosen_with_priority,
    ),
    Check(
        "AK203",
        "business-time-without-calendar",
        ERROR,
        "A target runs in business time but there is no sound service-hours calendar.",
        "Add service_hours (days, start, end, timezone, holidays) to the service-levels section.",
        service_levels.business_time_has_calendar,
    ),
    Check(
        "AK204",
        "availability-undefined",
        ERROR,
        "The uptime target is not in (0, 100), or availability lacks a formula, exclusions or a maintenance notice period.",
        "Set a target between 0 and 100 and state the formula, the exclusions and the maintenance notice.",
        service_levels.availability_defined,
    ),
    Check(
        "AK205",
        "allowed-downtime-mismatch",
        ERROR,
        "The stated allowed downtime disagrees with the uptime target and the window.",
        "Set allowed_downtime to (1 - target) x minutes in the window.",
        service_levels.allowed_downtime_matches,
    ),
    Check(
        "AK206",
        "service-credit-tiers",
        ERROR,
        "Service-credit tiers have gaps or overlaps, credits that fall as uptime falls, or no cap or claim window.",
        "Make the tiers meet end to end below the target, credits grow as uptime falls, and add cap and claim_window.",
        service_levels.service_credits_consistent,
    ),
    Check(
        "AK207",
        "kpi-unmeasurable",
        ERROR,
        "A KPI has no target or measure, or reporting has an unknown frequency or recipients who are not stakeholders.",
        "Give each KPI a target and a measure; report daily, weekly, monthly or quarterly to stakeholders.",
        service_levels.kpis_measurable,
    ),
    Check(
        "AK210",
        "escalation-not-increasing",
        ERROR,
        "Escalation levels are not strictly later in time.",
        "Order the levels so each is higher and later than the one before.",
        escalation.escalation_times_increase,
    ),
    Check(
        "AK211",
        "escalation-contact-unknown",
        ERROR,
        "An escalation contact is not a stakeholder, or a level has no role or channel.",
        "Use a stakeholder id from agreement.yml and give each level a role and a channel.",
        escalation.escalation_contacts_known,
    ),
    Check(
        "AK212",
        "escalation-outside-targets",
        ERROR,
        "An escalation time falls outside its priority's response..resolution targets.",
        "Escalate after the response target and no later than the resolution target.",
        escalation.escalation_within_targets,
    ),
    Check(
        "AK220",
        "term-dates",
        ERROR,
        "The term ends before it starts, or a review date is outside the term.",
        "Fix term.end_date or the review date.",
        terms.term_dates_ordered,
    ),
    Check(
        "AK221",
        "renewal-notice-too-long",
        ERROR,
        "The renewal notice is not shorter than the term or the renewal period.",
        "Shorten term.renewal.notice below the term and the renewal period.",
        terms.renewal_notice_shorter,
    ),
    Check(
        "AK222",
        "costs-do-not-add-up",
        ERROR,
        "A cost line's amount is not quantity x unit price, or the total is not the sum of the lines.",
        "Correct the amount or the total to the figure the message gives.",
        terms.costs_add_up,
    ),
    Check(
        "AK223",
        "currency",
        ERROR,
        "A currency is not an ISO 4217 code, or a cost line uses an undeclared second currency.",
        "Use ISO 4217 codes and declare extra currencies under costs.currencies.",
        terms.currencies_known,
    ),
    Check(
        "AK224",
        "signing-meeting-date",
        ERROR,
        "The signing meeting is after the effective date or in the past.",
        "Move the meeting before the effective date and not earlier than today.",
        terms.signing_meeting_timely,
    ),
    Check(
        "AK301",
        "undefined-term",
        ERROR,
        "A bold phrase outside the definitions section: a term that is not defined, or a defined term marked up.",
        "Define the term in the definitions section, or remove the bold.",
        legal_text.bold_is_defined,
    ),
    Check(
        "AK302",
        "unused-definition",
        WARNING,
        "A defined term is never used.",
        "Remove the definition or use the term.",
        legal_text.definitions_used,
    ),
    Check(
        "AK303",
        "duplicate-definition",
        ERROR,
        "A term is defined twice.",
        "Keep one definition.",
        legal_text.definitions_unique,
    ),
    Check(
        "AK304",
        "broken-reference",
        ERROR,
        "A cross-reference or link points at a section, heading, file or anchor that does not exist.",
        "Use an existing section id, heading slug or {#custom-id}, or file path.",
        legal_text.references_resolve,
    ),
    Check(
        "AK305",
        "duplicate-heading",
        ERROR,
        "Two headings in one section have the same anchor.",
        "Rename one heading or give it a {#custom-id}.",
        legal_text.headings_unique,
    ),
    Check(
        "AK306",
        "term-used-once",
        WARNING,
        "A defined term is used only once.",
        "Write its meaning where it is used and drop the definition.",
        legal_text.terms_used_more_than_once,
    ),
    Check(
        "AK307",
        "archaic-phrase",
        WARNING,
        "An archaic or wordy phrase.",
        "Use the plain-English replacement in the message.",
        legal_text.plain_english,
    ),
    Check(
        "AK308",
        "template-error",
        ERROR,
        "A section's {{ ... }} cannot be rendered: an undefined variable, an unknown table or a template syntax error.",
        "Spell the variable as docs/authoring.md lists it, or add the value to agreement.yml or the front matter.",
        templates.templates_render,
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
        "department-not-told",
        ERROR,
        "A department of agreement.yml is missing from the communication plan.",
        "Add the department to records/communication.yml.",
        records.every_department_in_plan,
    ),
    Check(
        "AK501",
        "script-html",
        ERROR,
        "HTML the publishing sanitiser would remove (script, handlers, styles, frames).",
        "Remove the HTML; write Markdown (the message names the safe alternative).",
        unsafe_content.no_script_html,
    ),
    Check(
        "AK502",
        "script-link",
        ERROR,
        "An address the sanitiser would remove: javascript:, data:, file: or another site's image.",
        "Link to an https: address or a file in the repository.",
        unsafe_content.no_script_links,
    ),
    Check(
        "AK503",
        "secret",
        ERROR,
        "A secret-like string (private key, token, password) in an agreement file.",
        "Remove it and rotate the secret: git history keeps it.",
        unsafe_content.no_secrets,
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
