"""The structured data a section may carry in its front matter: numbers live here, not in prose."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from agreekit.model.agreement_file import Identifier, Strict

# Durations stay as written ("15m", "2 business days", "best effort"); checks parse them.
DurationText = str | int


class Holidays(Strict):
    country: str = Field(description="ISO 3166 country code for public holidays, e.g. GB.")
    subdivision: str = Field("", description="Subdivision code, e.g. ENG.")


class ServiceHours(Strict):
    name: str = ""
    timezone: str = Field(description="IANA time zone, e.g. Europe/London.")
    days: list[str] = Field(description="Days of service: mon, tue, ...")
    start: str = Field(pattern=r"^\d{2}:\d{2}$")
    end: str = Field(pattern=r"^\d{2}:\d{2}$")
    holidays: Holidays | None = None


class Priority(Strict):
    id: str
    name: str
    description: str = ""
    response: DurationText
    resolution: DurationText
    clock: str = Field("business", description="`24x7` or `business` (the service hours).")


class Maintenance(Strict):
    window: str = ""
    notice: DurationText = ""


class Availability(Strict):
    target: float = Field(description="Uptime target in percent, e.g. 99.5.")
    window: str = Field("", description="Measurement window, e.g. calendar month.")
    window_minutes: int | None = Field(None, description="Minutes in the window, for downtime.")
    formula: str = ""
    allowed_downtime: DurationText | None = None
    exclusions: list[str] = Field(default_factory=list)
    maintenance: Maintenance | None = None


class CreditTier(Strict):
    from_: float = Field(alias="from", description="Lowest uptime % of the tier (inclusive).")
    to: float = Field(description="Uptime % the tier runs up to (exclusive).")
    credit: float = Field(description="Credit in percent of the monthly charges.")


class ServiceCredits(Strict):
    tiers: list[CreditTier]
    cap: float | None = Field(None, description="Most credit in a month, percent of charges.")
    claim_window: DurationText = ""


class Kpi(Strict):
    id: Identifier
    name: str
    target: str
    measure: str = ""


class Reporting(Strict):
    frequency: str = ""
    due: str = ""
    format: str = ""
    recipients: list[Identifier] = Field(default_factory=list)


class EscalationLevel(Strict):
    level: int
    after: DurationText
    contact: Identifier = Field(description="Stakeholder id.")
    role: str = ""
    channel: str = ""


class EscalationPath(Strict):
    priority: str
    levels: list[EscalationLevel]


class Scope(Strict):
    in_scope: list[str] = Field(default_factory=list)
    out_of_scope: list[str] = Field(default_factory=list)


class CostLine(Strict):
    id: Identifier
    description: str
    quantity: Decimal
    unit: str = ""
    unit_price: Decimal
    amount: Decimal | None = None
    currency: str | None = Field(
        None, description="Only where it differs from the costs' currency."
    )


class ExtraWork(Strict):
    rate: Decimal
    unit: str = "hour"
    approval: str = ""


class Costs(Strict):
    currency: str = Field(description="ISO 4217 code, e.g. GBP.")
    period: str = ""
    lines: list[CostLine] = Field(default_factory=list)
    total: Decimal | None = None
    extra_work: ExtraWork | None = None
    payment_terms: str = ""
    price_review: str = ""
    currencies: list[str] = Field(default_factory=list, description="Declared extra currencies.")


class SectionFrontMatter(Strict):
    id: Identifier
    title: str
    owners: list[str] = Field(default_factory=list, description="Approving roles.")
    service_hours: ServiceHours | None = None
    priorities: list[Priority] | None = None
    availability: Availability | None = None
    service_credits: ServiceCredits | None = None
    kpis: list[Kpi] | None = None
    reporting: Reporting | None = None
    escalation: list[EscalationPath] | None = None
    scope: Scope | None = None
    costs: Costs | None = None
    extra: dict[str, Any] = Field(default_factory=dict, description="Data of your own.")
