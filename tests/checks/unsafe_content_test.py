"""5xx unsafe content: each defect planted in the clean sample gives one finding at its line."""

from __future__ import annotations

import pytest

from checks.planted import Defect, assert_planted
from conftest import SampleRepo, only

COMM = "sections/constraints.md"
AY = "agreement.yml"


def _after_heading(text: str) -> tuple[str, str]:
    return "## Budget\n", f"## Budget\n\n{text}\n"


DEFECTS = [
    Defect("AK501", COMM, *_after_heading("<script>alert(1)</script>"), "<script>"),
    Defect("AK501", COMM, *_after_heading('<img src="x.png" onerror="alert(1)">'), "onerror"),
    Defect(
        "AK501", COMM, *_after_heading('<iframe src="https://evil.example"></iframe>'), "<iframe"
    ),
    Defect("AK502", COMM, *_after_heading("[portal](javascript:alert(1))"), "javascript:"),
    Defect("AK502", COMM, *_after_heading("[logo](data:text/html;base64,PHNjcmlwdD4=)"), "[logo]"),
    Defect("AK502", COMM, *_after_heading("[portal](jav&#x09;ascript:alert(1))"), "jav&#x09;"),
    Defect(
        "AK503",
        AY,
        "  governing_law:",
        "  portal_password: Harbour2027!\n  governing_law:",
        "portal_password",
    ),
    Defect("AK503", COMM, *_after_heading("Token: ghp_" + "a1B2" * 9), "ghp_"),
    Defect("AK503", COMM, *_after_heading("key AKIA" + "ABCDEFGHIJKLMNOP"), "AKIA"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: f"{d.code}-{d.line_of[:16]}")
def test_planted_defect_is_found_at_its_line(sample: SampleRepo, defect: Defect) -> None:
    assert_planted(sample, defect)


def test_private_key_in_records_is_503(sample: SampleRepo) -> None:
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
    sample.write("records/notes.txt", "Deploy key:\n" + key)
    found = only(sample.check().findings, "AK503")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/records/notes.txt", 2)
    ]


def test_a_split_scheme_that_no_browser_runs_is_no_finding(sample: SampleRepo) -> None:
    # `java script:` is a relative address to a browser and the sanitiser keeps it: check and
    # build agree that nothing here is unsafe.
    sample.replace(COMM, "## Budget\n", "## Budget\n\n[portal](java script:alert(1))\n")
    assert only(sample.check().findings, "AK502") == []


def test_html_inside_code_is_not_501(sample: SampleRepo) -> None:
    sample.replace(
        COMM,
        "## Budget\n",
        "## Budget\n\nWrite `<script>` nowhere.\n\n```html\n<script>x</script>\n```\n",
    )
    assert only(sample.check().findings, "AK501") == []


def test_password_word_in_prose_is_not_503(sample: SampleRepo) -> None:
    sample.replace(
        COMM, "## Budget\n", "## Budget\n\nPassword: resets are handled by the Service Desk.\n"
    )
    assert only(sample.check().findings, "AK503") == []


def test_a_link_a_template_builds_is_judged_after_substitution(sample: SampleRepo) -> None:
    sample.replace(AY, "variables:\n", 'variables:\n  scheme: "javascript"\n')
    sample.replace(
        COMM,
        "## Budget\n",
        "## Budget\n\n[portal]({{ variables.scheme }}:alert(document.cookie))\n",
    )
    found = only(sample.check().findings, "AK502")
    assert [(f.location.file, f.location.line) for f in found] == [
        (f"agreement/{COMM}", sample.line_of(COMM, "[portal]"))
    ]
    assert "'javascript:' address in href= of <a>" in found[0].message


def test_markup_in_a_value_is_reported_at_the_value_and_where_it_is_used(
    sample: SampleRepo,
) -> None:
    sample.replace(
        AY, "variables:\n", "variables:\n  banner: \"<b onmouseover='alert(1)'>hi</b>\"\n"
    )
    sample.replace(COMM, "## Budget\n", "## Budget\n\nNote: {{ variables.banner }}\n")
    found = only(sample.check().findings, "AK501")
    assert sorted((f.location.file, f.location.line) for f in found) == sorted(
        [
            ("agreement/agreement.yml", sample.line_of(AY, "banner:")),
            (f"agreement/{COMM}", sample.line_of(COMM, "Note: {{")),
        ]
    )
    assert all("'onmouseover' on <b>" in f.message for f in found)


def test_character_references_are_decoded_before_judging(sample: SampleRepo) -> None:
    sample.replace(
        COMM, "## Budget\n", '## Budget\n\n<p>x</p>\n\n<b &#111;nclick="alert(1)">y</b>\n'
    )
    # No browser decodes a reference in an attribute's name: it is an unknown attribute, which
    # the sanitiser drops like any other, and check says exactly that.
    [odd] = only(sample.check().findings, "AK501")
    assert "attribute '&#111;nclick' on <b>" in odd.message
    sample.replace(
        COMM, '<b &#111;nclick="alert(1)">y</b>', '<a href="&#x6a;avascript&#58;x">y</a>'
    )
    assert len(only(sample.check().findings, "AK502")) == 1
