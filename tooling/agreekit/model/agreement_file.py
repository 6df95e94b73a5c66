"""The schema of `agreement/agreement.yml`, in one place, each field documented.

The JSON Schema exported from these models (`agreekit schema`) lets editors validate the file while
typing.
"""

import datetime as dt
from typing import Annotated, Literal

from agreekit.model.typed import Rules, model, spec
from agreekit.model.values import TermDuration

Identifier = Annotated[
    str,
    Rules(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Lower-case letters, digits and hyphens.",
        hint="use lower-case letters, digits and hyphens, starting with a letter or digit",
    ),
]
StakeholderKind = Literal["it-manager", "department-head", "executive", "legal", "other"]
Role = Literal["owner", "management", "legal", "reviewer", "provider-contact", "observer"]
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
GITHUB_LOGIN = r"^$|^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$"
GITHUB_TEAM = r"^@[\w.-]+/[\w.-]+$"


@model
class Party:
    id: Identifier = spec(description="Short id used in stakeholders' `party`.")
    name: str = spec(description="The party's full legal name.")
    short_name: str = spec(description='How the text refers to the party, e.g. "the Customer".')
    legal_form: str = spec("", description="E.g. private limited company.")
    registration: str = spec("", description="Company or society registration number.")
    address: str = spec(description="Registered address.")


@model
class Parties:
    customer: Party = spec(description="The organisation receiving IT support.")
    provider: Party = spec(description="The IT support provider.")


@model
class Renewal:
    automatic: bool = spec(False, description="Whether the term renews unless notice is given.")
    period: TermDuration = spec(
        TermDuration(""), description="Length of each renewal, e.g. `12 months`."
    )
    notice: TermDuration = spec(
        TermDuration(""), description="Notice needed to stop a renewal, e.g. `90 days`."
    )


@model
class Term:
    effective_date: dt.date = spec(description="The day the agreement takes effect.")
    end_date: dt.date = spec(description="The last day of the initial term.")
    renewal: Renewal = spec(factory=Renewal)
    reviews: tuple[dt.date, ...] = spec(factory=tuple, description="Scheduled review dates.")


@model
class Stakeholder:
    id: Identifier
    name: str
    party: Literal["customer", "provider"] = spec(description="Which party they belong to.")
    kind: StakeholderKind = spec(description="What the seed workflow calls them.")
    title: str = spec(description="Job title.")
    department: Identifier | None = spec(None, description="Department id, for the customer.")
    email: str = spec(pattern=EMAIL, hint="write an e-mail address such as name@example.org")
    github: str = spec("", pattern=GITHUB_LOGIN, hint="write the GitHub login, without @")
    roles: tuple[Role, ...] = spec(factory=tuple, description="Roles in the workflow.")
    signatory: bool = spec(False, description="Signs the agreement for their party.")

    def has_role(self, role: str) -> bool:
        """Whether they act in `role`; `signatory` is the flag above, the rest are `roles`."""
        return self.signatory if role == "signatory" else role in self.roles


TeamHandle = Annotated[
    str, Rules(pattern=GITHUB_TEAM, description="GitHub team, @org/team.", hint="write @org/team")
]


@model
class Team:
    name: TeamHandle
    id: int | None = spec(None, description="The team's numeric id (for `agreekit ruleset`).")


@model
class Teams:
    """Each role's GitHub team: `@org/team`, or `{name: "@org/team", id: 123}` with its id."""

    management: TeamHandle | Team = spec(description="Management's team.")
    legal: TeamHandle | Team = spec(description="Legal's team.")

    def handle(self, role: str) -> str:
        """`@org/team` of a role (management or legal)."""
        team = getattr(self, role)
        return team.name if isinstance(team, Team) else str(team)

    def team_id(self, role: str) -> int | None:
        team = getattr(self, role)
        return team.id if isinstance(team, Team) else None


@model
class Department:
    id: Identifier
    name: str
    head: Identifier | None = spec(None, description="Stakeholder id of the department head.")


@model
class ChecksConfig:
    ignore: tuple[str | int, ...] = spec(
        factory=tuple, description="Check codes silenced for the whole project, e.g. 306."
    )
    per_file: dict[str, tuple[str | int, ...]] = spec(
        factory=dict,
        description="Check codes silenced per file, keyed by path relative to `agreement/`.",
    )
    names: list[str] = spec(
        factory=list,
        description="Capitalised phrases that are names, not defined terms (AK309 leaves them).",
    )


@model
class ProfileSection:
    id: Identifier
    title: str = ""
    headings: tuple[str, ...] = spec(factory=tuple, description="Headings the section must have.")
    fields: tuple[str, ...] = spec(
        factory=tuple, description="Front-matter fields it must have, dotted: availability.target."
    )
    replace: bool = spec(
        False,
        description="Replace the built-in section's headings and fields instead of adding to them.",
    )


@model
class ProfilePriority:
    id: str = spec(
        description="The priority's id as the service levels write it: P1, Sev1, urgent."
    )
    name: str = spec("", description="The name it must have, e.g. Critical; empty: any name.")


@model
class ProfileRemovals:
    """Requirements of the built-in profile this repository does not have."""

    sections: tuple[Identifier, ...] = spec(
        factory=tuple, description="Section ids no longer required."
    )
    headings: dict[str, tuple[str, ...]] = spec(
        factory=dict, description="Per section id, headings no longer required."
    )
    fields: dict[str, tuple[str, ...]] = spec(
        factory=dict, description="Per section id, front-matter fields no longer required."
    )
    agreement_fields: tuple[str, ...] = spec(
        factory=tuple, description="agreement.yml fields no longer required."
    )
    stakeholder_kinds: tuple[StakeholderKind, ...] = spec(
        factory=tuple, description="Stakeholder kinds no longer required."
    )
    departments: tuple[Identifier, ...] = spec(
        factory=tuple, description="Department ids no longer required."
    )
    priorities: tuple[str, ...] = spec(
        factory=tuple, description="Priority ids no longer required."
    )
    kpis: tuple[Identifier, ...] = spec(
        factory=tuple, description="KPI ids no longer required, e.g. customer-satisfaction."
    )


@model
class ProfileExtension:
    """This repository's changes to the built-in structure profile: additions, replacements and
    removals. A list given here replaces the built-in one; `remove` takes single requirements out.
    """

    sections: tuple[ProfileSection, ...] = spec(
        factory=tuple, description="Sections added, or headings and fields added or replaced."
    )
    priorities: tuple[ProfilePriority | str, ...] | None = spec(
        None,
        description="The priority scheme, exactly: ids most urgent first, optionally with names. "
        "Replaces the built-in P1-P4; an empty list accepts any scheme.",
    )
    kpis: tuple[Identifier, ...] | None = spec(
        None, description="Required KPI ids; replaces the built-in."
    )
    departments: tuple[Identifier, ...] | None = spec(
        None, description="Required department ids; replaces the built-in."
    )
    stakeholder_kinds: tuple[StakeholderKind, ...] | None = spec(
        None, description="Required stakeholder kinds; replaces the built-in."
    )
    agreement_fields: tuple[str, ...] | None = spec(
        None, description="Required agreement.yml fields, dotted; replaces the built-in."
    )
    remove: ProfileRemovals = spec(factory=ProfileRemovals)


@model
class AgreementFile:
    title: str = spec(description="The agreement's title.")
    reference: str = spec("", description="The agreement's reference number.")
    parties: Parties
    term: Term
    stakeholders: tuple[Stakeholder, ...]
    teams: Teams
    departments: tuple[Department, ...]
    sections: tuple[Identifier, ...] = spec(
        description="Section ids, in the order of the agreement."
    )
    variables: dict[str, str | int | float | bool | dt.date] = spec(
        factory=dict, description="Free values prose can use as {{ variables.name }}."
    )
    checks: ChecksConfig = spec(factory=ChecksConfig)
    profile: ProfileExtension = spec(factory=ProfileExtension)
