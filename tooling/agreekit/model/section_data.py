"""The structured data a section may carry in its front matter: numbers live here, not in prose."""

from decimal import Decimal
from typing import Any, Literal

from agreekit.model.agreement_file import Identifier
from agreekit.model.typed import model, spec
from agreekit.model.values import ReportDue, ServiceDay, TimeOfDay, WrittenDuration

NOT_WRITTEN = WrittenDuration("")  # a duration field left out


@model
class Holidays:
    country: str = spec(description="ISO 3166 country code for public holidays, e.g. GB.")
    subdivision: str = spec("", description="Subdivision code, e.g. ENG.")


@model
class OutOfHours:
    priorities: list[str] = spec(
        description="Priority ids this route serves outside service hours."
    )
    channel: str = spec(description="How to reach it, e.g. telephone +49 30 5550 1999.")
    contact: Identifier | None = spec(None, description="Stakeholder id of who answers, if named.")


@model
class ServiceHours:
    name: str = ""
    timezone: str = spec(description="IANA time zone, e.g. Europe/London.")
    days: tuple[ServiceDay, ...] = spec(description="Days of service: mon, tue, ...")
    start: TimeOfDay = spec(pattern=r"^\d{2}:\d{2}$", hint="write the time as HH:MM")
    end: TimeOfDay = spec(
        pattern=r"^\d{2}:\d{2}$", hint="write the time as HH:MM", description="24:00: midnight."
    )
    holidays: Holidays | None = None
    out_of_hours: list[OutOfHours] = spec(
        factory=list, description="How 24x7 priorities are reported outside the service hours."
    )


@model
class Priority:
    id: str
    name: str
    description: str = ""
    response: WrittenDuration = spec(description="A duration, or `best effort`.")
    resolution: WrittenDuration = spec(description="A duration, or `best effort`.")
    clock: str | None = spec(
        None, description="`24x7` or `business` (the service hours); required."
    )
    updates: WrittenDuration | None = spec(
        None, description="How often the reporter hears of progress while it is open, e.g. 30m."
    )


@model
class Maintenance:
    window: str = ""
    notice: WrittenDuration = spec(NOT_WRITTEN)


@model
class Availability:
    target: float = spec(description="Uptime target in percent, e.g. 99.5.")
    minimum: float | None = spec(
        None,
        description="Minimum acceptable uptime in percent, below the target; credits start below it.",
    )
    window: str = spec("", description="Measurement window, e.g. calendar month.")
    window_minutes: int | None = spec(None, description="Minutes in the window, for downtime.")
    formula: str = ""
    allowed_downtime: WrittenDuration | None = None
    exclusions: list[str] = spec(factory=list)
    maintenance: Maintenance | None = None


@model
class CreditTier:
    from_: float = spec(key="from", description="Lowest uptime % of the tier (inclusive).")
    to: float = spec(description="Uptime % the tier runs up to (exclusive).")
    credit: float = spec(description="Credit in percent of the monthly charges.")


@model
class TargetCredit:
    priority: str = spec(description="The priority id whose target this credit is for.")
    after: WrittenDuration = spec(
        description="Trigger: earned when the response or resolution takes longer."
    )
    credit: float = spec(description="Credit in percent of the fees the credits apply to.")


@model
class ServiceCredits:
    tiers: list[CreditTier] = spec(
        factory=list, description="Availability credits, by uptime band."
    )
    response: list[TargetCredit] = spec(factory=list, description="Credits for late responses.")
    resolution: list[TargetCredit] = spec(factory=list, description="Credits for late resolutions.")
    cap: float | None = spec(None, description="Most credit in a month, percent of the fees.")
    fees: list[Identifier] = spec(
        factory=list,
        description="Cost line ids the percentages apply to; empty: all the periodic charges.",
    )
    claim_window: WrittenDuration = spec(NOT_WRITTEN)


KPI_TYPES_DOC = (
    "share-within-target (percent of tickets within their target)",
    "average-at-least (mean score)",
    "count-at-most (tickets)",
    "availability-at-least (percent)",
    "count (tickets, reported without a threshold)",
)
KPI_TARGET_TYPES = (
    "share-within-target",
    "average-at-least",
    "count-at-most",
    "availability-at-least",
    "count",
)


def _kpi_target_from_text(data: object) -> str:
    """AK104 for a KPI target still written as free text: say how to type it (the migration)."""
    from agreekit.model.kpi_target import typed_target_message  # only on this error path

    return typed_target_message(data)


@model
class KpiTarget:
    """What the service report judges a KPI by, e.g. `{type: share-within-target, of: response,
    value: 95}`: 95% of tickets responded to within their priority's response target."""

    type: Literal[
        "share-within-target", "average-at-least", "count-at-most", "availability-at-least", "count"
    ] = spec(description="How the KPI is judged: " + ", ".join(KPI_TYPES_DOC))
    value: float | None = spec(
        None, description="The threshold: percent, average score or count; none for `count`."
    )
    of: str = spec(
        "",
        description="share-within-target: response or resolution; average-at-least: the ticket "
        "column averaged, e.g. satisfaction.",
    )
    priorities: list[str] = spec(
        factory=list, description="Only tickets of these priorities (all when empty)."
    )
    __when_not_a_mapping__ = staticmethod(_kpi_target_from_text)


@model
class Service:
    """A service with its own availability target and credits, when the agreement has several."""

    id: Identifier
    name: str
    description: str = ""
    availability: Availability | None = None
    service_credits: ServiceCredits | None = None


@model
class Kpi:
    id: Identifier
    name: str
    target: KpiTarget
    description: str = spec("", description="The target in words, as the agreement states it.")
    measure: str = ""


@model
class Reporting:
    frequency: str = ""
    due: ReportDue = spec(ReportDue(""))
    format: str = ""
    recipients: list[Identifier] = spec(factory=list)


@model
class EscalationLevel:
    level: int
    after: WrittenDuration
    contact: Identifier = spec(description="Stakeholder id.")
    role: str = ""
    channel: str = ""


@model
class EscalationPath:
    priority: str
    levels: list[EscalationLevel]


@model
class Scope:
    in_scope: list[str] = spec(factory=list)
    out_of_scope: list[str] = spec(factory=list)


@model
class CostLine:
    id: Identifier
    description: str
    quantity: Decimal
    unit: str = ""
    unit_price: Decimal
    amount: Decimal | None = None
    currency: str | None = spec(None, description="Only where it differs from the costs' currency.")


@model
class ExtraWork:
    rate: Decimal
    unit: str = "hour"
    approval: str = ""


@model
class Costs:
    currency: str = spec(description="ISO 4217 code, e.g. GBP.")
    period: str = ""
    lines: list[CostLine] = spec(factory=list)
    total: Decimal | None = None
    extra_work: ExtraWork | None = None
    payment_terms: str = ""
    price_review: str = ""
    currencies: list[str] = spec(factory=list, description="Declared extra currencies.")


@model
class SectionFrontMatter:
    id: Identifier
    title: str
    owners: list[str] = spec(factory=list, description="Approving roles.")
    service_hours: ServiceHours | None = None
    priorities: list[Priority] | None = None
    availability: Availability | None = None
    service_credits: ServiceCredits | None = None
    services: list[Service] | None = None
    kpis: list[Kpi] | None = None
    reporting: Reporting | None = None
    escalation: list[EscalationPath] | None = None
    scope: Scope | None = None
    costs: Costs | None = None
    extra: dict[str, Any] = spec(factory=dict, description="Data of your own.")
