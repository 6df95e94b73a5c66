"""The allowlist: what a contract's HTML needs survives untouched; what can run or fetch does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreekit.text.markup import published_html, to_html
from agreekit.text.sanitise import removals, safe_text, sanitise

KEPT = [
    '<table><thead><tr><th style="text-align: center;">a</th></tr></thead>'
    '<tbody><tr><td style="text-align: right;">1</td></tr></tbody></table>',
    '<h2 id="priority-levels">2.1 Priority levels<a class="headerlink" href="#priority-levels" '
    'title="Permanent link">¶</a></h2>',
    '<div class="agreekit-signatures"><div class="agreekit-signatory"><p class="agreekit-line">'
    "<span>Signature</span></p></div></div>",
    '<p><a class="md-button" href="agreement.pdf">Download the PDF</a></p>',
    "<p><ins>new</ins> <del>old</del></p>",
    '<p><a href="mailto:desk@example.org">mail</a> <a href="tel:+441174960800">call</a> '
    '<a href="https://example.org/x?y=1#z">web</a> <a href="terms.md#pricing">clause</a></p>',
    '<p><img src="logo.png" alt="Logo" width="40"></p>',
    '<ol start="3"><li>three</li></ol><blockquote><p>quote</p></blockquote><pre><code>x</code></pre>',
]


@pytest.mark.parametrize("html", KEPT)
def test_what_a_contract_needs_survives_and_nothing_is_reported(html: str) -> None:
    assert removals(html) == []
    kept = sanitise(html)
    for word in ("text-align", "headerlink", "agreekit-signatory", "md-button", "<ins>", "mailto:",
                 "tel:", "terms.md#pricing", 'src="logo.png"', 'start="3"'):  # fmt: skip
        if word in html:
            assert word in kept


@pytest.mark.parametrize(
    "html, gone",
    [
        ("<script>alert(1)</script>", "alert"),
        ("<svg/onload=alert(1)>", "onload"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "ascript"),
        ('<img src="https://tracker.example/p.png">', "tracker"),
        ('<img src="//tracker.example/p.png">', "tracker"),
        ('<p style="background:url(https://tracker.example/)">x</p>', "tracker"),
        ("<style>*{background:url(https://tracker.example/)}</style>", "tracker"),
        ('<a href="file:///etc/passwd">x</a>', "passwd"),
        ('<a rel="attachment" href="notes.txt">x</a>', "attachment"),
        ('<p id="__palette_0">x</p>', "__palette"),
        ("<!-- hidden --><p>x</p>", "hidden"),
    ],
)
def test_what_can_run_or_fetch_is_removed_and_reported(html: str, gone: str) -> None:
    assert gone not in sanitise(html)
    assert removals(html) or gone == "hidden"  # a comment is removed but is no danger


def test_safe_text_is_plain_escaped_text_for_the_theme() -> None:
    assert safe_text('A <svg/onload=alert(1)> & "B"') == "A  &amp; &quot;B&quot;"
    assert safe_text("T &lt;b&gt;") == "T &lt;b&gt;"


@given(st.text(alphabet="<>\"'=/&#;:ajvscriptonlad(1) \t\n{}", max_size=80))
def test_check_and_build_agree_on_any_text(text: str) -> None:
    # One definition of unsafe: nothing is reported exactly when the sanitiser changes nothing
    # that matters (it may still re-serialise the same elements and attributes).
    html = to_html(text)
    if not removals(html):
        assert _elements(sanitise(html)) >= _elements(html) - {("a", "rel")}


def _elements(html: str) -> set[tuple[str, str]]:
    from html.parser import HTMLParser

    found: set[tuple[str, str]] = set()

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.add((tag, ""))
            found.update((tag, name) for name, _ in attrs if name != "style")

    Parser().feed(sanitise(to_html("")) + html)
    return found


def test_published_html_of_markdown_is_sanitised() -> None:
    html = published_html('[x](javascript:alert(1))\n\nPara\n{: onclick="alert(1)" }')
    assert "javascript" not in html and "onclick" not in html and "Para" in html
