"""The schema of `agreement/agreement.yml`, in one place, each field documented.

The JSON Schema exported from these models (`agreekit schema`) lets editors validate the file while
typing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Lower-case letters, digits and hyphens."),
]
StakeholderKind = Literal["it-manager", "department-head", "executive", "legal", "other"]
Role = Literal["owner", "management", "legal", "reviewer", "provider-contact", "observer"]


class Strict(BaseModel):
    """Unknown keys are errors, so a misspelt key never silently drops a term."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Party(Strict):
    id: Identifier = Field(description="Short id used in stakeholders' `party`.")
    name: str = Field(description="The party's full legal name.")
    short_name: str = Field(description='How the text refers to the party, e.g. "the Customer".')
    legal_form: str = Field("", description="E.g. private limited company.")
    registration: str = Field("", description="Company or society registration number.")
    address: str = Field(description="Registered address.")


class Parties(Strict):
    customer: Party = Field(description="The organisation receiving IT support.")
    provider: Party = Field(description="The IT support provider.")


class Renewal(Strict):
    automatic: bool = Field(False, description="Whether the term renews unless notice is given.")
    period: str = Field("", description="Length of each renewal, e.g. `12 months`.")
    notice: str = Field("", description="Notice needed to stop a renewal, e.g. `90 days`.")


class Term(Strict):
    effective_date: dt.date = Field(description="The day the agreement takes effect.")
    end_date: dt.date = Field(description="The last day of the initial term.")
    renewal: Renewal = Renewal()
    reviews: list[dt.date] = Field(default_factory=list, description="Scheduled review dates.")


class Stakeholder(Strict):
    id: Identifier
    name: str
    party: Literal["customer", "provider"] = Field(description="Which party they belong to.")
    kind: StakeholderKind = Field(description="What the seed workflow calls them.")
    title: str = Field(description="Job title.")
    department: Identifier | None = Field(None, description="Department id, for the customer.")
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    github: str = Field("", pattern=r"^$|^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
    roles: list[Role] = Field(default_factory=list, description="Roles in the workflow.")
    signatory: bool = Field(False, description="Signs the agreement for their party.")

    def has_role(self, role: str) -> bool:
        """Whether they act in `role`; `signatory` is the flag above, the rest are `roles`."""
        return self.signatory if role == "signatory" else role in self.roles


class Teams(Strict):
    management: str = Field(pattern=r"^@[\w.-]+/[\w.-]+$", description="GitHub team, @org/team.")
    legal: str = Field(pattern=r"^@[\w.-]+/[\w.-]+$", description="GitHub team, @org/team.")


class Department(Strict):
    id: Identifier
    name: str
    head: Identifier | None = Field(None, description="Stakeholder id of the department head.")


class ChecksConfig(Strict):
    ignore: list[str | int] = Field(
        default_factory=list, description="Check codes silenced for the whole project, e.g. 306."
    )
    per_file: dict[str, list[str | int]] = Field(
        default_factory=dict,
        description="Check codes silenced per file, keyed by path relative to `agreement/`.",
    )


class ProfileSection(Strict):
    id: Identifier
    title: str = ""
    headings: list[str] = Field(default_factory=list)
    fields: list[str] = Field(default_factory=list)


class ProfileExtension(Strict):
    """Additions to the built-in structure profile for this repository."""

    sections: list[ProfileSection] = Field(default_factory=list)


class AgreementFile(Strict):
    title: str = Field(description="The agreement's title.")
    reference: str = Field("", description="The agreement's reference number.")
    parties: Parties
    term: Term
    stakeholders: list[Stakeholder]
    teams: Teams
    departments: list[Department]
    sections: list[Identifier] = Field(description="Section ids, in the order of the agreement.")
    variables: dict[str, str | int | float | bool | dt.date] = Field(
        default_factory=dict, description="Free values prose can use as {{ variables.name }}."
    )
    checks: ChecksConfig = Field(default_factory=ChecksConfig)
    profile: ProfileExtension = Field(default_factory=ProfileExtension)
