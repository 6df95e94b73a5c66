"""The files of a new agreement repository, as text: skeleton sections with the seed's guidance.

Every blank is a placeholder (`[insert ...]`, `TBD`) that check AK105 reports until it is filled,
so `agreekit check` and `agreekit status` show what to do first. The records and the signers file
are commented templates: they load as "not started" (no signer yet) until their lines are filled.
Every string that YAML could read as something else (a time, a placeholder) is double-quoted.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import Any

import yaml

from agreekit.model.profile import builtin_profile
from agreekit.model.records import RECORD_FILES
from agreekit.model.schemas import AGREEMENT_SCHEMA, record_schema_name, schema_texts
from agreekit.templates import github_files, template

SCHEMAS_DIR = "schemas"
RECORD_TEMPLATES = "records"  # templates/records/<name>.yml, one per file in RECORD_FILES
# Strings written double-quoted: times (YAML 1.1 reads an unquoted 18:00 as the number 1080),
# placeholders, and anything holding YAML punctuation.
_QUOTED = re.compile(r"^\d{1,2}:\d{2}$|^TBD$|^\[|[:#{}\[\],&*!|>'\"%@`]")

LEGAL_SENSITIVE = frozenset({"definitions", "terms", "legal", "signatures"})

AGREEMENT_YML = f"""\
# yaml-language-server: $schema=../{SCHEMAS_DIR}/{AGREEMENT_SCHEMA}
# The agreement's facts, written once: parties, term, people, teams, departments and the order of
# the sections. Replace every [insert ...]; `agreekit check` lists those left.
title: IT Support Agreement
reference: "[insert reference]"

parties:
  customer:
    id: customer
    name: "[insert the customer's legal name]"
    short_name: the Customer
    address: "[insert the customer's registered address]"
  provider:
    id: provider
    name: "[insert the provider's legal name]"
    short_name: the Provider
    address: "[insert the provider's registered address]"

term:
  effective_date: {{start}}
  end_date: {{end}}

stakeholders:
{{stakeholders}}
# GitHub teams whose reviews are the approvals (see README: setting up the repository on GitHub).
teams:
  management: "@your-org/agreement-management"
  legal: "@your-org/agreement-legal"

departments:
  - id: it
    name: IT department
  - id: finance
    name: Finance department
  - id: hr
    name: HR department
  - id: operations
    name: Operations department

sections:
{{sections}}"""

STAKEHOLDERS = (
    ("it-manager", "customer", "it-manager", "Head of IT", "it", ["owner"], False),
    ("executive", "customer", "executive", "Chief Executive", "operations", ["management"], True),
    ("department-head", "customer", "department-head", "Head of Finance", "finance", ["reviewer"], False),
    ("legal-counsel", "customer", "legal", "Legal counsel", "operations", ["legal"], False),
    ("provider-manager", "provider", "executive", "Managing Director", None, ["management"], True),
)  # fmt: skip

SECTION_DATA: dict[str, dict[str, Any]] = {
    "service-levels": {
        "service_hours": {
            "timezone": "Europe/London",
            "days": ["mon", "tue", "wed", "thu", "fri"],
            "start": "09:00",
            "end": "17:00",
        },
        "priorities": [
            {"id": p, "name": name, "response": "TBD", "resolution": "TBD", "clock": "business"}
            for p, name in (("P1", "Critical"), ("P2", "High"), ("P3", "Medium"), ("P4", "Low"))
        ],
        "availability": {
            "target": 99.5,
            "window": "TBD",
            "formula": "TBD",
            "exclusions": ["TBD"],
            "maintenance": {"notice": "TBD"},
        },
        "kpis": [
            {
                "id": kpi_id,
                "name": name,
                "target": target,
                "description": "TBD",
                "measure": "TBD",
            }
            for kpi_id, name, target in (
                (
                    "response-time",
                    "Response time",
                    {"type": "share-within-target", "of": "response", "value": 95},
                ),
                (
                    "resolution-time",
                    "Resolution time",
                    {"type": "share-within-target", "of": "resolution", "value": 90},
                ),
                (
                    "customer-satisfaction",
                    "Customer satisfaction rating",
                    {"type": "average-at-least", "of": "satisfaction", "value": 4},
                ),
                (
                    "incidents-reported",
                    "Number of incidents reported",
                    {"type": "count"},  # counted and reported; a limit is the parties' to agree
                ),
                ("uptime", "Up-time percentage", {"type": "availability-at-least", "value": 99.5}),
            )
        ],
        "reporting": {"frequency": "TBD", "recipients": ["it-manager"]},
    },
    "terms": {
        "scope": {"in_scope": ["[insert a service in scope]"]},
        "costs": {"currency": "GBP", "lines": [], "total": None},
    },
    "escalation": {
        "escalation": [
            {
                "priority": "P1",
                "levels": [
                    {
                        "level": 1,
                        "after": "TBD",
                        "contact": "provider-manager",
                        "role": "TBD",
                        "channel": "TBD",
                    }
                ],
            }
        ]
    },
}


class _Dumper(yaml.SafeDumper):
    """Block-style YAML whose ambiguous strings are double-quoted (see _QUOTED)."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _QUOTED.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _stakeholders() -> str:
    lines = []
    for sid, party, kind, title, department, roles, signatory in STAKEHOLDERS:
        lines += [
            f"  - id: {sid}",
            f'    name: "[insert the name of the {title}]"',
            f"    party: {party}",
            f"    kind: {kind}",
            f"    title: {title}",
        ]
        if department:
            lines.append(f"    department: {department}")
        lines += [f"    email: {sid}@example.com", f"    roles: [{', '.join(roles)}]"]
        if signatory:
            lines.append("    signatory: true")
    return "\n".join(lines) + "\n"


def section_text(section_id: str, title: str, headings: tuple[str, ...], guidance: str) -> str:
    owners = "[management, legal]" if section_id in LEGAL_SENSITIVE else "[management]"
    front = f"---\nid: {section_id}\ntitle: {title}\nowners: {owners}\n"
    data = SECTION_DATA.get(section_id)
    if data:
        front += dump_yaml(data)
    wrapped = textwrap.fill(f"[insert: {guidance.strip()}]", 100)
    body = [f"{wrapped}\n"]
    for heading in headings:
        body.append(f"## {heading}\n\n[insert what the agreement says under {heading}]\n")
    return front + "---\n\n" + "\n".join(body)


def agreement_files(today: dt.date) -> dict[str, str]:
    """`agreement/...` path -> text of a new, deliberately unfinished agreement."""
    profile = builtin_profile()
    guidance: dict[str, str] = yaml.safe_load(template("guidance.yml"))
    start = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    end = start.replace(year=start.year + 3) - dt.timedelta(days=1)
    files = {
        "agreement/agreement.yml": AGREEMENT_YML.format(
            start=start.isoformat(),
            end=end.isoformat(),
            stakeholders=_stakeholders(),
            sections="".join(f"  - {s.id}\n" for s in profile.sections),
        )
    }
    for section in profile.sections:
        text = section_text(
            section.id, section.title, section.headings, guidance.get(section.id, "")
        )
        files[f"agreement/sections/{section.id}.md"] = text
    for name in RECORD_FILES:
        modeline = (
            f"# yaml-language-server: $schema=../../{SCHEMAS_DIR}/{record_schema_name(name)}\n"
        )
        files[f"agreement/records/{name}"] = modeline + template(f"{RECORD_TEMPLATES}/{name}")
    return files


def signers_text() -> str:
    """`.github/allowed_signers`: one commented line per stakeholder who may approve or sign."""
    lines = [
        "# Who may sign approvals and signatures: one line per person, the format of",
        "# `ssh-keygen -Y` (email, namespaces, public key). While this file exists every approval",
        "# must be an SSH-signed tag by a key listed here (see the README: Approvals).",
        "# For each person: remove the leading '# ' and replace the key with their public key",
        "# (the line in ~/.ssh/id_ed25519.pub), and their email with the one in agreement.yml.",
    ]
    for sid, _, _, title, _, roles, _ in STAKEHOLDERS:
        lines.append(f"# {title} ({', '.join(roles)}):")
        lines.append(f'# {sid}@example.com namespaces="git" ssh-ed25519 AAAA...the-public-key')
    return "\n".join(lines) + "\n"


def repository_files(today: dt.date, install_source: str) -> dict[str, str]:
    """Every file `agreekit init` writes except CODEOWNERS (generated from the loaded agreement)."""
    files = agreement_files(today)
    files.update(github_files(install_source))
    files[".github/allowed_signers"] = signers_text()
    files[".pre-commit-config.yaml"] = template("pre-commit-config.yaml")
    files[".markdownlint-cli2.yaml"] = template("markdownlint-cli2.yaml")
    files[".gitignore"] = template("gitignore")
    files["mkdocs.yml"] = template("mkdocs.yml")
    files["README.md"] = template("readme.md")
    files.update({f"{SCHEMAS_DIR}/{name}": text for name, text in schema_texts().items()})
    return files
