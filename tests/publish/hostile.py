"""Hostile content: payloads from the OWASP XSS filter-evasion cheat sheet and html5sec, each
planted where a contributor could write it, with the finding `check` must give at its line.

Every script payload calls alert(), which a browser test sees as a dialog, so it can tell whether
any ran.
`BEACON` stands for a loopback server's address: nothing may fetch from it during a build.
"""

from __future__ import annotations

from typing import NamedTuple

from conftest import SampleRepo

PWN = "alert(1)"
B64_PAGE = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>


class Payload(NamedTuple):
    name: str
    text: str  # written on its own paragraph in the hostile section
    # One of these at the payload's line: its first, or the one with an attr_list or a reference
    # definition.
    codes: frozenset[str]


def _p(name: str, text: str, *codes: str) -> Payload:
    return Payload(name, text, frozenset(codes or ("AK501",)))


PROSE = [
    # raw HTML
    _p("script", f"<script>{PWN}</script>"),
    _p("img onerror", f"<img src=x onerror={PWN}>"),
    _p("svg slash onload", f"<svg/onload={PWN}>"),
    _p("img slash src onerror", f"<img/src/onerror={PWN}>"),
    _p("body onload", f"<body onload={PWN}></body>"),
    _p("iframe javascript", '<iframe src="javascript:top.alert(1)"></iframe>'),
    _p("iframe srcdoc", '<iframe srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe>'),
    _p("object data", f'<object data="javascript:{PWN}"></object>'),
    _p("embed src", f'<embed src="javascript:{PWN}">'),
    _p("details ontoggle", f"<details open ontoggle={PWN}><summary>s</summary></details>"),
    _p("input autofocus", f"<input autofocus onfocus={PWN}>"),
    _p(
        "style animation",
        f'<style>@keyframes ak{{}}</style><p style="animation-name:ak" onanimationstart="{PWN}">a</p>',
    ),
    _p("form action", f'<form action="javascript:{PWN}"><button>Send</button></form>'),
    _p("svg xlink", f'<svg><a xlink:href="javascript:{PWN}"><text x="9" y="9">x</text></a></svg>'),
    _p("svg animate onbegin", f"<svg><animate onbegin={PWN} attributeName=x dur=1s></svg>"),
    _p("video source onerror", f'<video><source onerror="{PWN}"></video>'),
    _p("base href", '<base href="javascript:/a/-alert(1)///////">'),
    _p("meta refresh", f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">'),
    _p("style url", f'<div style="background:url(javascript:{PWN})">styled</div>'),
    _p("split script tag", f"<scr<script>ipt>{PWN}</script>"),
    _p("mixed case", f"<IMG SRC=JaVaScRiPt:{PWN}>", "AK501", "AK502"),
    _p("marquee onstart", f"<marquee onstart={PWN}>m</marquee>"),
    _p("span in md div", f'<div markdown="1">**bold** <span onclick="{PWN}">x</span></div>'),
    _p("loopback stylesheet", '<link rel="stylesheet" href="BEACON/site.css">'),
    _p("loopback style import", "<style>@import 'BEACON/import.css';</style>"),
    # links and encodings
    _p("a javascript", f'<a href="javascript:{PWN}">a1</a>', "AK502"),
    _p("a decimal entity", f'<a href="&#106;avascript:{PWN}">a2</a>', "AK502"),
    _p("a tab entity", f'<a href="jav&#x09;ascript:{PWN}">a3</a>', "AK502"),
    _p(
        "a hex entities",
        f'<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;{PWN}">a4</a>',
        "AK502",
    ),
    _p("a leading control", f'<a href=" &#14; javascript:{PWN}">a5</a>', "AK502"),
    _p("a data html", f'<a href="data:text/html;base64,{B64_PAGE}">a6</a>', "AK502"),
    _p("a vbscript", '<a href="vbscript:msgbox(1)">a7</a>', "AK502"),
    _p("md link javascript", f"[m1](javascript:{PWN})", "AK502"),
    _p("md link entity", f"[m2](&#106;avascript:{PWN})", "AK502"),
    _p("md reference", f"[m3][evil]\n\n[evil]: javascript:{PWN}", "AK502"),
    _p("md autolink", f"<javascript:{PWN}>", "AK501", "AK502"),
    _p("md image javascript", f"![i1](javascript:{PWN})", "AK502"),
    _p("md image loopback", "![i2](BEACON/pixel.png)", "AK502"),
    _p("img loopback", '<img src="BEACON/img.png" alt="i3">', "AK502"),
    # attr_list
    _p("attr_list paragraph", f'Paragraph one.\n{{: onclick="{PWN}" }}'),
    _p("attr_list link", f'[m4](https://example.org){{onclick="{PWN}"}}'),
    # On a heading agreekit adds its own {#id}, so Markdown shows these as text: nothing to report.
    Payload("attr_list heading", f'### Hostile heading {{: onmouseover="{PWN}" }}', frozenset()),
    Payload("attr_list style", '### Styled heading {: style="position:fixed;top:0" }', frozenset()),
    _p("attr_list in md div", f'<div markdown="1">\nInside.\n{{: onmouseover="{PWN}" }}\n</div>'),
    _p("attr_list theme id", "Clobber.\n{: #__search }"),
    # text that is safe on the page but reaches the search index as raw characters
    Payload("code span for search", "Write `<img src=x onerror=alert(1)>` nowhere.", frozenset()),
    # templates and variables
    _p("jinja literal", '{{ "<img src=x onerror=alert(1)>" }}'),
    _p("variable html", "{{ variables.banner }}"),
    _p("variable scheme", "[m5]({{ variables.scheme }}:alert(1))", "AK502"),
    # last: an HTML parser puts everything after it inside the <math> (and the sanitiser drops it)
    _p("mxss math style", f"<math><mtext><table><mglyph><style><img src=x onerror={PWN}>"),
]


class DataPayload(NamedTuple):
    name: str
    file: str  # under agreement/
    old: str
    new: str  # the line with the payload, as written
    codes: frozenset[str]


DATA = [
    DataPayload("agreement title", "agreement.yml", "title: IT Support Agreement\n",
                f'title: "IT Support Agreement <img src=x onerror=\'{PWN}\'>"\n', frozenset({"AK501"})),
    DataPayload("customer name", "agreement.yml", "    name: Harbourside Housing Association\n",
                f'    name: "Harbourside Housing Association <svg/onload={PWN}>"\n',
                frozenset({"AK501"})),
    DataPayload("stakeholder title", "agreement.yml", "    title: Chief Executive\n",
                f'    title: "Chief Executive <details open ontoggle=\'{PWN}\'>"\n',
                frozenset({"AK501"})),
    DataPayload("variable banner", "agreement.yml", "variables:\n",
                f'variables:\n  banner: "<img src=x onerror=\'{PWN}\'>"\n', frozenset({"AK501"})),
    DataPayload("variable scheme", "agreement.yml", "variables:\n",
                'variables:\n  scheme: "javascript"\n', frozenset()),
    DataPayload("section title", "sections/constraints.md", "title: Support constraints\n",
                f'title: "Support constraints <svg/onload={PWN}>"\n', frozenset({"AK501"})),
    DataPayload("front matter role", "sections/escalation.md",
                "        role: Service Desk Team Lead\n",
                f'        role: "Service Desk Team Lead <img src=x onerror=\'{PWN}\'>"\n',
                frozenset({"AK501"})),
]  # fmt: skip

HOSTILE_HEADING = "## Resources\n"


def plant(sample: SampleRepo, beacon: str) -> dict[str, tuple[str, int]]:
    """Write every payload into the sample; answer each payload's (file, line) for `check`."""
    at: dict[str, tuple[str, int]] = {}
    for data in DATA:
        sample.replace(data.file, data.old, data.new)
    for data in DATA:
        needle = data.new.strip().split("\n")[-1]
        at[data.name] = (f"agreement/{data.file}", sample.line_of(data.file, needle))
    blocks = [p.text.replace("BEACON", beacon) for p in PROSE]
    sample.replace(
        "sections/constraints.md", HOSTILE_HEADING, "\n\n".join(blocks) + "\n\n" + HOSTILE_HEADING
    )
    start = sample.line_of("sections/constraints.md", "## Budget")
    for payload, block in zip(PROSE, blocks, strict=True):
        lines = block.split("\n")
        line = sample.line_of("sections/constraints.md", lines[0], start)
        line += next((i for i, text in enumerate(lines) if "{:" in text or "]: " in text), 0)
        at[payload.name] = ("agreement/sections/constraints.md", line)
    return at


def expected_codes(name: str) -> frozenset[str]:
    for payload in PROSE:
        if payload.name == name:
            return payload.codes
    return next(d.codes for d in DATA if d.name == name)
