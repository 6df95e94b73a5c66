"""Capitalised words and phrases that are names, not defined terms: what AK309 leaves alone.

The lists are words separated by spaces (phrases by "|"), read once when the module loads.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()).casefold() for p in text.split("|") if p.strip())


# Bodies and places: a phrase holding one of these words is a name, not a term.
NAME_WORDS = _words(
    """
    Centre Center Council Authority Commission Commissioner Association Agency Ministry
    Department Chamber Bank Court Tribunal Institute Institution Society Office Foundation Trust
    University College School Hospital Limited Ltd Plc LLP Inc Corporation Company Group Union
    Organisation Organization Board Police Parliament Government Ombudsman Regulator Index
    Street Road Avenue Lane Square Walk Way Close House Building Estate Park Place Gate Quay
    Kingdom Republic States County Borough City Town Village Island Islands
    """
)
# Vendors and products: a phrase starting with one of these names a product.
VENDORS = _words(
    """
    Microsoft Google Apple Amazon Azure Windows Cisco Dell Lenovo Adobe Oracle Salesforce Zoom
    Slack Atlassian Jira Confluence VMware Citrix Fortinet FortiGate Sophos Veeam Okta Intune
    Entra Meraki Ubiquiti Synology Sage Xero Mimecast Barracuda Datto Kaseya ConnectWise
    SentinelOne CrowdStrike Palo Juniper Aruba Netgear Samsung Android Linux Ubuntu Red GitHub
    GitLab Dropbox Exchange SharePoint OneDrive Teams Outlook Office365 Mac MacBook iPhone iPad
    Chrome Firefox Safari Edge Acronis Kaspersky Bitdefender ESET Webroot Norton McAfee Mozilla
    ServiceNow Zendesk Freshdesk HubSpot Workday SAP Cloudflare Akamai Docker Kubernetes
    Hyper-V Proxmox Nutanix Autodesk Sharp Canon Epson Brother Ricoh Kyocera Xerox Konica
    Toshiba Panasonic Philips Logitech Jabra Poly Avaya Mitel Gamma BT Vodafone Openreach
    Virgin Three EE O2
    """
)
# Well-known names (casefolded): days, places, public offices, products, standards.
WELL_KNOWN = _phrases(
    """
    United Kingdom | United States | European Union | European Economic Area |
    Secretary of State | Bank Holiday | Bank Holidays | Good Friday | Easter Monday |
    Christmas Day | Christmas Eve | Boxing Day | New Year's Day | New Year’s Day |
    New Year's Eve | Early May | Spring Bank Holiday | Summer Bank Holiday |
    British Summer Time | Greenwich Mean Time | Coordinated Universal Time |
    Central European Time | Active Directory | Exchange Online | Northern Ireland |
    Great Britain | Crown Copyright | High Court | Data Protection | Cyber Essentials |
    Cyber Essentials Plus | Privacy Notice | Standard Contractual Clauses |
    Data Protection Officer | Disclosure and Barring Service | Information Commissioner | Her Majesty's | His Majesty's |
    Crown Commercial Service | Real Living Wage | London Living Wage | National Living Wage |
    National Minimum Wage | Greenwich Mean Time | Universal Time | World Wide Web |
    """
)
# Words that open a sentence without being part of a name after them.
OPENERS = _words(
    """
    The A An This That These Those Each Every Any All No None Some Such Other Another Either
    Neither Both Its Their Our Your His Her If When Where Whereas While Whilst Unless Until
    After Before Once Since Because Although Though As So Then Also Only Even In On At By To
    From With Without Within For Of Under Over Into Onto Upon Through During Between Among
    Against About Above Below Despite Except Following Including Subject Save Unlike Like Per
    Via Where Whether How What Which Who Whom Whose Why It They We You He She There Here Any
    Most Many More Less Few Several Upon Instead Otherwise However Therefore Thus Nor Or And
    But Yet Please Note See Monthly Weekly Daily Annual Annually Quarterly Each Every First
    Second Third Last Next New Current Existing Further Additional All Not Do Does Must May
    Shall Should Will Would Can Could Is Are Was Were Be Been Has Have Had Give Send Make Keep
    Use Report Contact Call Email Ask Tell Notify Log Raise Agree Pay Provide Ensure Check
    Review Update
    """
)
