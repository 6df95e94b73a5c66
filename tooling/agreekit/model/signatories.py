"""Who signs the agreement, for which organisation, and their verified signatures: the values
the signature block and the signature record of the PDF and Word copy show."""

import datetime as dt
from typing import NamedTuple

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


class Signed(NamedTuple):
    """One signatory's verified signature of the released text."""

    signatory: str
    name: str
    title: str
    organisation: str
    when: dt.datetime
    record: str
    content: str
    ssh_signed: bool
