"""Who signs the agreement and for which organisation: the values a signature block shows."""

from __future__ import annotations

from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Stakeholder


def signatories(agreement: Agreement) -> list[Stakeholder]:
    return [s for s in agreement.file.stakeholders if s.signatory]


def organisation(agreement: Agreement, person: Stakeholder) -> str:
    """The name of the party `person` signs for (their `party` key or id, else as written)."""
    parties = agreement.file.parties
    for key, party in (("customer", parties.customer), ("provider", parties.provider)):
        if person.party in (key, party.id):
            return party.name
    return person.party
