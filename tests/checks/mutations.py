"""Realistic defects and valid drafting for the mutation suite, each planted into the sample.

A `Plant` inserts a paragraph after a heading (or a line into agreement.yml, or a new file); a
defect names the code `agreekit check` must report at the line holding its `marker`. Valid
plants are good drafting: nothing may be reported on their lines.
"""

from __future__ import annotations

from typing import NamedTuple


class Plant(NamedTuple):
    file: str  # relative to agreement/
    after: str  # the line to insert after ("" writes a new file)
    text: str
    code: str = ""  # the finding expected; "" for valid drafting
    marker: str = ""  # text on the line the finding must point at (default: the first line)


LEGAL = "sections/legal.md"
BUDGET = "sections/constraints.md"
COMMS = "sections/communication.md"
RESP = "sections/responsibilities.md"
LEVELS = "sections/service-levels.md"
TERMS = "sections/terms.md"
DEFS = "sections/definitions.md"
YML = "agreement.yml"


def _p(file: str, heading: str, code: str, text: str, marker: str = "") -> Plant:
    return Plant(file, heading, text, code, marker)


def _variable(code: str, line: str) -> Plant:
    return Plant(YML, "variables:", "  " + line, code)


def _definition(code: str, text: str) -> Plant:
    return Plant(DEFS, "parties agree in writing to add to this Agreement.", text, code)


UNDEFINED_TERMS = [
    _p(
        LEGAL,
        "## Other terms",
        "AK309",
        "The Provider must tell the Head of IT of any Major Incident at once.",
        "Major Incident",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "AK309",
        "The Provider must keep a Disaster Recovery Plan for the servers.",
    ),
    _p(LEGAL, "## Other terms", "AK309", "A Root Cause Analysis follows every P1 Incident."),
    _p(
        LEGAL,
        "## Other terms",
        "AK309",
        "Changes are frozen during any Change Freeze the Customer sets.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "AK309",
        "Known issues go into the Known\nError Database the Provider keeps.",
        "Known",
    ),
    _p(
        BUDGET,
        "## Budget",
        "AK309",
        "The Provider must keep the Minimum Staffing Level at each site.",
    ),
    _p(
        BUDGET, "## Budget", "AK309", "During the Transition Period the old provider stays on call."
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "AK309",
        "Complaints go to the Escalation Manager named by the Provider.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "AK309",
        "The Provider sends a Monthly Service Report by email.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "AK309",
        "A Remote Support Session needs the user's consent.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK309",
        "The parties keep a joint Business Continuity Plan.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK309",
        "Backups are kept for the Backup Retention Period.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK309",
        "The Provider must notify any Data Breach within a day.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK309",
        "The Provider must fix any Critical Service Outage first.",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "AK309",
        "The report lists every Service Level Failure in the month.",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "AK309",
        "The Provider must run the Acceptance Tests before go-live.",
    ),
    _p(LEVELS, "## Reporting", "AK309", "The Service Desk Manager signs each report."),
    _p(TERMS, "## Pricing", "AK309", "Any Volume Discount is applied to the next invoice."),
    _p(
        TERMS,
        "## Pricing",
        "AK309",
        "The Provider charges the Onboarding Fee once, in the first month.",
    ),
    _p(TERMS, "## Pricing", "AK309", "Work outside scope needs a signed Change Request Form."),
    _p(
        TERMS,
        "## Duration",
        "AK309",
        "The Customer may extend the term for an Extension\n  Period of six months.",
        "Extension",
    ),
    _p(TERMS, "## Duration", "AK309", "At the end, the parties follow the Exit Management Plan."),
]

CLAUSE_NUMBERS = [
    _p(
        LEGAL,
        "## Other terms",
        "AK310",
        "The availability target in clause 6.3 applies to each site.",
    ),
    _p(LEGAL, "## Other terms", "AK310", "Service Credits are earned under clause 6.4 only."),
    _p(LEGAL, "## Other terms", "AK310", "Either party may terminate under clause 11.5."),
    _p(BUDGET, "## Budget", "AK310", "The Charges in clause 8.4 include travel."),
    _p(BUDGET, "## Budget", "AK310", "Disputes go through Section 10 first."),
    _p(COMMS, "## Service desk contact", "AK310", "Escalate as set out in paragraph 10.1."),
    _p(
        COMMS,
        "## Service desk contact",
        "AK310",
        "Clause 6.2 (Priority levels) says how urgent each ticket is.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK310",
        "The responsibilities in clauses 5.1 and 5.2 are shared out here.",
    ),
]

WRONG_CLAUSES = [
    _p(LEGAL, "## Other terms", "AK311", "The limits in clause 6.9 apply."),
    _p(LEGAL, "## Other terms", "AK311", "Nothing in clause 14 limits this."),
    _p(BUDGET, "## Budget", "AK311", "See section 13.2 for the budget review."),
    _p(BUDGET, "## Budget", "AK311", "The Customer may claim under clause 6.4 (Termination)."),
    _p(
        COMMS,
        "## Service desk contact",
        "AK311",
        "The Customer may terminate this Agreement under clause 11.4.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "AK311",
        "Insurance must meet the insurance requirements of clause 11.2.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK311",
        "Each party must keep to the confidentiality duties in clause 11.3.",
    ),
    _p(RESP, "## Shared responsibilities", "AK311", "Paragraph 99 does not apply."),
]

PLAIN_LANGUAGE = [
    _p(LEGAL, "## Other terms", "AK307", "The Provider hereby agrees to keep the servers patched."),
    _p(LEGAL, "## Other terms", "AK307", "All tickets heretofore logged stay open."),
    _p(LEGAL, "## Other terms", "AK307", "The Customer may hereupon end the review."),
    _p(
        LEGAL,
        "## Other terms",
        "AK307",
        "The Provider restores the data, thereby ending the incident.",
    ),
    _p(LEGAL, "## Other terms", "AK307", "The Customer pays and thereupon the work starts."),
    _p(LEGAL, "## Other terms", "AK307", "A process whereby tickets are logged applies."),
    _p(LEGAL, "## Other terms", "AK307", "The site wherein the server sits is locked."),
    _p(LEGAL, "## Other terms", "AK307", "The parties, in witness whereof, have signed."),
    _p(
        LEGAL,
        "## Other terms",
        "AK307",
        "Three sites, to wit, Bristol, Bath and Clifton, are covered.",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "AK307",
        "IN WITNESS WHEREOF the parties have signed this Agreement.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "AK307",
        "Notwithstanding anything to the contrary, the budget is fixed.",
    ),
    _p(BUDGET, "## Budget", "AK307", "The Provider must repair any and all faulty devices."),
    _p(BUDGET, "## Budget", "AK307", "No work starts unless and until the Head of IT approves it."),
    _p(BUDGET, "## Budget", "AK307", "Devices, including but not limited to laptops, are covered."),
    _p(BUDGET, "## Budget", "AK307", "Logs are kept for the purpose of audits."),
    _p(BUDGET, "## Budget", "AK307", "The work stopped due to the fact that access was refused."),
    _p(BUDGET, "## Budget", "AK307", "The Provider must give eighteen (18) days' notice."),
    _p(BUDGET, "## Budget", "AK307", "The Customer has forty-five (45) days to object."),
    _p(BUDGET, "## Budget", "AK307", "Up to one thousand (1,000) tickets a month are covered."),
    _p(
        COMMS,
        "## Service desk contact",
        "AK307",
        "Whereas the Customer needs support, the parties agree this.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "AK307",
        "In the event that the phone line fails, use email.",
    ),
    _p(COMMS, "## Service desk contact", "AK307", "Tickets are logged pursuant to the procedure."),
    _p(COMMS, "## Service desk contact", "AK307", "Any such change is null and void."),
    _p(
        COMMS, "## Service desk contact", "AK307", "Contact the Service Desk by phone and/or email."
    ),
    _p(COMMS, "## Service desk contact", "AK307", "Each and every ticket gets a reference."),
    _p(RESP, "## Shared responsibilities", "AK307", "The parties meet with regard to the budget."),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK307",
        "Spending in excess of the budget needs approval.",
    ),
    _p(RESP, "## Shared responsibilities", "AK307", "The parties meet on a monthly basis."),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK307",
        "The Customer is required to keep the site open.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK307",
        "The contract runs for twelve (12) months at first.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK307",
        "Tell the Service Desk prior\n  to any office move.",
        "prior",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK307",
        "The Provider must act forthwith on a P1 Incident.",
    ),
]

PLACEHOLDERS = [
    _p(LEGAL, "## Other terms", "AK105", "The insurer is [●]."),
    _p(LEGAL, "## Other terms", "AK105", "The excess is £[•] per claim."),
    _p(LEGAL, "## Other terms", "AK105", "Other exclusions: [...]."),
    _p(LEGAL, "## Other terms", "AK105", "Out of hours, call 0117 496 XXXX."),
    _p(BUDGET, "## Budget", "AK105", "The budget holder is tbc."),
    _p(BUDGET, "## Budget", "AK105", "The contingency is TBC until April."),
    _p(BUDGET, "## Budget", "AK105", "The review date is tbd."),
    _p(BUDGET, "## Budget", "AK105", "Training venue: tba."),
    _p(BUDGET, "## Budget", "AK105", "The hardware budget is to be confirmed."),
    _p(BUDGET, "## Budget", "AK105", "The cap on travel is to be determined."),
    _p(COMMS, "## Service desk contact", "AK105", "The out-of-hours number is to be agreed."),
    _p(COMMS, "## Service desk contact", "AK105", "Escalations go to [name of Provider contact]."),
    _p(COMMS, "## Service desk contact", "AK105", "The portal launches on [DATE]."),
    _p(COMMS, "## Service desk contact", "AK105", "Post goes to [Customer address]."),
    _p(COMMS, "## Service desk contact", "AK105", "The first review is on [insert date]."),
    _p(
        COMMS,
        "## Service desk contact",
        "AK105",
        "The Provider's signatory is <<Provider signatory>>.",
    ),
    _p(RESP, "## Shared responsibilities", "AK105", "Letters are addressed to {PROVIDER NAME}."),
    _p(RESP, "## Shared responsibilities", "AK105", "The set-up fee is £X,XXX."),
    _p(RESP, "## Shared responsibilities", "AK105", "The site survey date is T.B.C."),
    _p(RESP, "## Shared responsibilities", "AK105", "The number of sites is ???."),
    _p(RESP, "## Shared responsibilities", "AK105", "TODO: list the spare parts kept on site."),
    _p(RESP, "## Shared responsibilities", "AK105", "The Customer's VAT number is GB XXX XXXX XX."),
    _variable("AK105", 'backup_contact: "[●]"'),
    _variable("AK105", "escalation_phone: tbc"),
    _variable("AK105", 'go_live: "[DATE]"'),
]

_GHP = "ghp_" + "wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"
SECRETS = [
    _p(LEGAL, "## Other terms", "AK503", "The backup bucket key is AKIAIOSFODNN7EXAMPLE."),
    _p(
        LEGAL,
        "## Other terms",
        "AK503",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "AK503",
        "Storage: DefaultEndpointsProtocol=https;AccountName=hhabackup;AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQ==;EndpointSuffix=core.windows.net",
    ),
    _p(LEGAL, "## Other terms", "AK503", f"The deploy token is {_GHP}."),
    _p(
        LEGAL,
        "## Other terms",
        "AK503",
        "Use github_pat_11ABCDEFG0123456789abcdefghijklmnopqrstuvwxyz for the mirror.",
    ),
    _p(BUDGET, "## Budget", "AK503", "The runner registers with glpat-x2Yq8ZrT4mVb7NcKd3Lp."),
    _p(
        BUDGET,
        "## Budget",
        "AK503",
        "Alerts post with xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "AK503",
        "Alerts go to https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx",
    ),
    _p(
        BUDGET,
        "## Budget",
        "AK503",
        "Alerts go to https://harbourside.webhook.office.com/webhookb2/7f1c2b3a-1111-2222-3333-444455556666@aaaa/IncomingWebhook/abc123/def456",
    ),
    _p(BUDGET, "## Budget", "AK503", "Card payments use sk_live_4eC39HqLyjWDarjtT1zdp7dc."),
    _p(
        COMMS,
        "## Service desk contact",
        "AK503",
        "SMS alerts use account AC0123456789abcdef0123456789abcdef.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "AK503",
        "The portal session was eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ),
    _p(COMMS, "## Service desk contact", "AK503", "-----BEGIN RSA PRIVATE KEY-----"),
    _p(
        COMMS,
        "## Service desk contact",
        "AK503",
        "The NAS is at https://admin:Harb0ur!x@nas.harbourside.example/share",
    ),
    _p(COMMS, "## Service desk contact", "AK503", "Set DB_PASSWORD=Tq8#vLm2pZ on the server."),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK503",
        "The monitoring api_key: 9f8e7d6c5b4a39281706 is shared.",
    ),
    _p(RESP, "## Shared responsibilities", "AK503", "The guest Wi-Fi password is Harbour2027!"),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK503",
        "The firewall admin password: Qz7... (kept in the safe).",
    ),
    _p(RESP, "## Shared responsibilities", "AK503", "The PIN for the key safe is 4821."),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK503",
        "Mail relays use 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",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK503",
        "Builds read npm_abcdefghijklmnopqrstuvwxyz0123456789 from the registry.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK503",
        "Maps use AIzaSyA1234567890abcdefghijklmnopqrstuv.",
    ),
    _variable("AK503", "monitoring_client_secret: Zx9!kQ2wLp4v"),
    _variable(
        "AK503", "teams_hook: https://outlook.office.com/webhook/abc-123/IncomingWebhook/def/ghi"
    ),
    Plant("records/notes.md", "", "Vault unlock passphrase: Bl4ck-Sw4n-Quay\n", "AK503"),
]

FIGURES = [
    _p(LEVELS, "## Reporting", "AK312", "Each covered service is available 99.9% of the month."),
    _p(
        LEVELS,
        "## Reporting",
        "AK312",
        "Availability of 99.5%, at most 43.8 minutes a month, is promised.",
        "43.8",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "AK312",
        "The Provider must respond to P1 Incidents within 30 minutes.",
    ),
    _p(LEVELS, "## Reporting", "AK312", "The Provider must resolve a P1 Incident within 6 hours."),
    _p(LEVELS, "## Reporting", "AK312", "For P2 the Provider must respond within 1 hour."),
    _p(LEVELS, "## Reporting", "AK312", "P3 tickets must be resolved within 5 business days."),
    _p(LEVELS, "## Reporting", "AK312", "P4 requests get a response within 2 business days."),
    _p(LEVELS, "## Reporting", "AK312", "Planned Maintenance needs 3 business days' notice."),
    _p(LEVELS, "## Reporting", "AK312", "The Customer must claim a Service Credit within 60 days."),
    _p(
        LEVELS, "## Reporting", "AK312", "Service Credits are capped at 25% of the monthly Charges."
    ),
    _p(
        LEVELS,
        "## Reporting",
        "AK312",
        "If availability falls below 95%, the Service Credit is 35%.",
        "35%",
    ),
    _p(TERMS, "## Pricing", "AK312", "The Charges are £9,500 a month."),
    _p(TERMS, "## Pricing", "AK312", "Extra work costs £90 an hour."),
    _p(TERMS, "## Pricing", "AK312", "Support costs £30 per user each month."),
    _p(TERMS, "## Pricing", "AK312", "Security monitoring costs £7.50 per device."),
    _p(TERMS, "## Duration", "AK312", "Either party may stop renewal by giving 60 days' notice."),
    _p(TERMS, "## Duration", "AK312", "The Agreement renews for a further 24 months each time."),
    _p(TERMS, "## Invoicing and payment", "AK312", "Each invoice is payable within 45 days."),
    _p(
        TERMS,
        "## Invoicing and payment",
        "AK312",
        "The monthly Charges of GBP 9,675.00 are invoiced in advance.",
    ),
]

DEFINED_TERMS = [
    _definition("AK303", "- **Business day** means a day on which banks in London are open."),
    _definition("AK303", "- **SERVICE CREDIT** means a credit against the Charges."),
    _definition("AK303", "- **Service  Hours** means the hours in the table."),
    _definition("AK302", "- **Exit Plan** means the plan for handing the Services back."),
    _definition("AK302", "- **Go-Live Date** means the day the Services start at every site."),
    _definition("AK302", "- **Change Board** means the group that approves changes."),
    _definition("AK306", "- **Transition Plan** means the plan for taking over the Services."),
    _p(LEGAL, "## Other terms", "", "The Provider must follow the Transition Plan."),
    _definition("AK306", "- **Site Survey** means the Provider's first visit to each site."),
    _p(BUDGET, "## Budget", "", "The Site Survey is free."),
    _p(LEGAL, "## Other terms", "AK301", "The Provider must meet the **Uptime Commitment**."),
    _p(BUDGET, "## Budget", "AK301", "Each **Support Window** is four hours."),
    _p(
        COMMS,
        "## Service desk contact",
        "AK304",
        'Escalate under {{ ref("escalation#escalation-steps") }}.',
    ),
    _p(COMMS, "## Service desk contact", "AK304", 'See {{ ref("exit-plan") }} for the handover.'),
    _p(
        COMMS,
        "## Service desk contact",
        "AK304",
        "Read the [service catalogue](catalogue.md) first.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "AK308",
        "The Provider answers within {{ data.priorites[0].response }}.",
    ),
    _p(RESP, "## Shared responsibilities", "AK501", '<img src="x.png" onerror="alert(1)">'),
    _p(RESP, "## Shared responsibilities", "AK502", "[Service portal](javascript:alert(1))"),
]

MORE = [
    _p(LEGAL, "## Variation", "AK309", "Change Requests must be raised through the portal."),
    _p(LEGAL, "## Variation", "AK105", "Signed for the Provider: ____________"),
    _p(LEGAL, "## Variation", "AK105", "The launch date is DD/MM/YYYY."),
    _p(LEGAL, "## Variation", "AK105", "The out-of-hours line is 0117 496 0XXX."),
    _p(LEGAL, "## Variation", "AK503", "The shared passwords are: Harbour2027!"),
    _p(LEGAL, "## Variation", "AK503", "Server=sql01;Database=hha;User Id=svc;Password=Qw3rty!9;"),
    _p(
        LEGAL,
        "## Variation",
        "AK312",
        "Priority 1 incidents must be responded to within 30 minutes.",
    ),
    _p(LEGAL, "## Variation", "AK312", "The Agreement renews for successive 24-month periods."),
    _p(
        LEGAL,
        "## Variation",
        "AK307",
        "The Provider shall pay two hundred and fifty pounds (£250).",
    ),
    _p(LEGAL, "## Variation", "AK307", "The parties agree, hereinafter, to meet yearly."),
    _definition("AK303", "- **Service Credits** means the credits in the table."),
    _p(LEGAL, "## Variation", "AK105", "The first service review is on (insert date)."),
    _p(LEGAL, "## Variation", "AK105", "Escalate to <name of Provider contact> first."),
]

DEFECTS = (
    UNDEFINED_TERMS
    + CLAUSE_NUMBERS
    + WRONG_CLAUSES
    + PLAIN_LANGUAGE
    + PLACEHOLDERS
    + SECRETS
    + FIGURES
    + DEFINED_TERMS
    + MORE
)

VALID = [
    _p(
        LEGAL,
        "## Other terms",
        "",
        "The Provider is liable for its staff, whereas the Customer is liable for its tenants.",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "The Customer keeps its own backups,\nwhereas the Provider keeps the server images.",
    ),
    _definition("", "- **Party** means the Customer or the Provider."),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "The Parties may agree changes, and each of the Parties' contacts is named in the table.",
    ),
    _definition(
        "",
        "- **Change Request** means a request to change the Services, made through the Service Desk.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "",
        "The Provider answers each Change\n  Request within a week, and a Change Request the Head of IT approves is extra work.",
    ),
    _p(BUDGET, "## Budget", "", "The Service Desk's opening hours are the Service Hours."),
    _p(
        BUDGET,
        "## Budget",
        "",
        "The Provider must comply with the Computer Misuse Act 1990 and the Equality Act 2010.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "",
        "Requests under the Freedom of Information Act 2000 go to the Customer.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "",
        "The Network and Information Systems Regulations 2018 do not apply to the Customer.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "",
        "Breaches are reported to the Information Commissioner's Office within 72 hours.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "",
        "Company details are checked at Companies House and with HM Revenue and Customs.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "",
        "The Provider supports Microsoft Teams, Microsoft 365, Google Workspace and Active Directory.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "",
        "Servers run Windows Server 2022 behind Cisco Meraki firewalls.",
    ),
    _p(
        COMMS,
        "## Service desk contact",
        "",
        "The Head of People and the Chief Executive receive the annual summary.",
    ),
    _p(
        COMMS, "## Service desk contact", "", "Grace Lindqvist, Finance Manager, approves invoices."
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        "The Service Desk is closed on Christmas Day, Boxing Day and Good Friday.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        "The Provider must meet a Recovery Time Objective (RTO) of four hours for the file server.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        'The parties will agree an exit plan (the "Exit Plan"), and the Provider must follow the Exit Plan.',
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        "Report faults through the [service portal](https://support.brightwater-it.example).[^1]",
    ),
    _p(RESP, "## Shared responsibilities", "", "[^1]: The portal is available at all times."),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        "The previous supplier's notes [2] are kept on file.",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        "- [ ] Customer confirms the site list\n- [x] Provider sends the onboarding pack",
    ),
    _p(
        RESP,
        "## Shared responsibilities",
        "",
        "See the [portal][desk] for status.\n\n[desk]: https://support.brightwater-it.example",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "The Provider may rely on section 3 of the Data Protection Act 2018.",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "Clause 4 of the Customer's procurement framework does not apply.",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "The initial term is two years (24 months), and invoices are due within 30 days (see the table).",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "Passwords must be at least 12 characters long and are changed every 90 days.",
    ),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "The admin password is kept in the Customer's password manager, never in this Agreement.",
    ),
    _p(LEGAL, "## Other terms", "", "Password resets are handled by the Service Desk."),
    _p(
        LEGAL,
        "## Other terms",
        "",
        "API keys are rotated every 90 days, and access tokens expire after 60 minutes.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "",
        "Any change to the budget is to be agreed in writing by both parties.",
    ),
    _p(
        BUDGET,
        "## Budget",
        "",
        "A dispute about the amount is to be determined by an independent expert.",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "",
        "Each covered service is available at least 99.5% of the month, at most 3.6 hours of unplanned downtime.",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "",
        "The Provider must respond to P1 Incidents within 15 minutes and resolve them within 4 hours.",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "",
        "For P2 the Provider must respond within 30 minutes; updates follow every 2 hours.",
    ),
    _p(
        LEVELS,
        "## Reporting",
        "",
        "Planned Maintenance needs 5 business days' notice, and Service Credits are capped at 30% of the monthly Charges.",
    ),
    _p(LEVELS, "## Reporting", "", "If availability falls below 95%, the Service Credit is 30%."),
    _p(
        TERMS, "## Pricing", "", "The Charges are £9,575 a month, and extra work costs £95 an hour."
    ),
    _p(
        TERMS,
        "## Pricing",
        "",
        "Support costs £32 per user, and security monitoring £6.50 per device.",
    ),
    _p(
        TERMS,
        "## Duration",
        "",
        "Either party may stop renewal by giving at least 90 days' notice; each renewal lasts 12 months.",
    ),
    _p(TERMS, "## Invoicing and payment", "", "Each invoice is payable within 30 days."),
    _p(
        TERMS,
        "## Scope of services",
        "",
        "Outside Business Hours, the on-call engineer answers P1 calls.",
    ),
    _p(
        TERMS,
        "## Scope of services",
        "",
        "- Restore Customer Data from the latest good backup.\n- Escalate Service Requests that wait longer than a week.",
    ),
    _p(
        TERMS,
        "## Scope of services",
        "",
        "The Provider shall keep the servers patched in line with Good Industry Practice.",
    ),
    _p(
        TERMS,
        "## Scope of services",
        "",
        "Claims arising out of or in connection with the Services are limited as the law allows.",
    ),
    _p(
        TERMS,
        "## Scope of services",
        "",
        "The parties meet in the week of 1 March, 2 June and 1 September.",
    ),
    _p(
        TERMS,
        "## Scope of services",
        "",
        "| Site | Contact |\n| --- | --- |\n| Head Office | Front Desk |",
    ),
    _p(TERMS, "## Duration", "", "It renews for successive 12-month periods."),
    _p(
        TERMS,
        "## Duration",
        "",
        "Read clause 6.3(a) of the Customer's procurement rules before ordering.",
    ),
    _p(TERMS, "## Duration", "", "HTTP 5xx errors on the portal count as unplanned downtime."),
    _p(TERMS, "## Duration", "", "Priority 1 incidents must be responded to within 15 minutes."),
    _p(
        TERMS,
        "## Duration",
        "",
        "The Provider must keep a written access log, to be agreed between the parties.",
    ),
    _p(TERMS, "## Duration", "", "Tax is paid to His Majesty's Revenue and Customs."),
    _p(TERMS, "## Duration", "", "The Provider follows its Supplier Code of Conduct."),
    _p(TERMS, "## Duration", "", "The Customer's Data Protection Officer is told within a day."),
    _p(TERMS, "## Duration", "", "Staff are paid at least the Real Living Wage."),
    _p(TERMS, "## Duration", "", "The Provider must (in addition) keep records for six years."),
    _p(TERMS, "## Duration", "", "P2 Incidents are resolved within 8 business hours of logging."),
    _p(TERMS, "## Duration", "", "Security monitoring costs £6.50 per device, as the table shows."),
]
