"""The signature block: one panel per signatory, with name, title, organisation, date and lines."""

from __future__ import annotations

from html import escape

from agreekit.model.agreement import Agreement
from agreekit.model.signatories import organisation, signatories


def signature_block(agreement: Agreement, form: str) -> str:
    """`html` for the site and the PDF (one block, no blank lines), `text` for redlines."""
    people = signatories(agreement)
    if form == "text":
        return "\n".join(
            f"- Signed for {organisation(agreement, p)} by {p.name}, {p.title}" for p in people
        )
    panels = []
    for person in people:
        org = escape(organisation(agreement, person))
        panels.append(
            '<div class="agreekit-signatory">'
            f'<p class="agreekit-signed-for">Signed for and on behalf of {org}</p>'
            '<p class="agreekit-line"><span>Signature</span></p>'
            f'<p class="agreekit-field"><span>Name</span> {escape(person.name)}</p>'
            f'<p class="agreekit-field"><span>Title</span> {escape(person.title)}</p>'
            f'<p class="agreekit-field"><span>Organisation</span> {org}</p>'
            '<p class="agreekit-line"><span>Date</span></p>'
            "</div>"
        )
    return f'<div class="agreekit-signatures">{"".join(panels)}</div>'
