"""The files of a new agreement repository, as text: skeleton sections with the seed's guidance.

Every blank is a placeholder (`[insert ...]`, `TBD`) that check AK105 reports until it is filled,
so `agreekit check` and `agreekit status` show what to do first.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import yaml

from agreekit.model.profile import builtin_profile
from agreekit.templates import github_files, template

LEGAL_SENSITIVE = frozenset({"definitions", "terms", "legal", "signatures"})

AGREEMENT_YML = """\
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
  effective_date: {start}
  end_date: {end}

stakeholders:
{stakeholders}
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
{sections}"""

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
            {"id": "response-time", "name": "Response time", "target": "TBD", "measure": "TBD"},
            {"id": "resolution-time", "name": "Resolution time", "target": "TBD", "measure": "TBD"},
            {
                "id": "customer-satisfaction",
                "name": "Customer satisfaction rating",
                "target": "TBD",
                "measure": "TBD",
            },
            {
                "id": "incidents-reported",
                "name": "Number of incidents reported",
                "target": "TBD",
                "measure": "TBD",
            },
            {"id": "uptime", "name": "Up-time percentage", "target": "TBD", "measure": "TBD"},
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


def _stakeholders() -> str:
    lines = []
    for sid, party, kind, title, department, roles, signatory in STAKEHOLDERS:
        lines += [
            f"  - id: {sid}",
            f'    name: "[insert the {title.lower()}\'s name]"',
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
        front += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    wrapped = textwrap.fill(f"[insert: {guidance.strip()}]", 100)
    body = [f"{wrapped}\n"]
    for heading in headings:
        body.append(f"## {heading}\n\n[insert the {heading.lower()}]\n")
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
    return files


def repository_files(today: dt.date, install: str) -> dict[str, str]:
    """Every file `agreekit init` writes except CODEOWNERS (generated from the loaded agreement)."""
    files = agreement_files(today)
    files.update(github_files(install))
    files[".pre-commit-config.yaml"] = template("pre-commit-config.yaml")
    files[".gitignore"] = template("gitignore")
    return files
