"""The one allowlist of what agreekit publishes, and exactly what it removes from a piece of HTML.

Every page and fragment agreekit writes passes `sanitise` (nh3, the binding of Rust's ammonia):
only the elements, attributes and link schemes a contract needs survive. `removals` answers what
`sanitise` takes out of the same HTML, so `agreekit check` (AK501/AK502) reports exactly what the
build would drop: it parses the HTML with the same engine twice, once keeping everything and once
with the allowlist, and compares what is left.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

import nh3

# Elements a contract's text needs: prose, lists, tables, headings, figures, change marks.
TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup"),
        *("dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark"),
        *("ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub"),
        *("summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u"),
        *("ul", "var", "wbr"),
    }
)
# Removed with everything inside them, not just their tags: their content is code, not text.
REMOVED_WITH_CONTENT = frozenset({"script", "style"})
_CELL = {"colspan", "rowspan", "align", "style", "headers"}
# What assistive technology reads: labels and roles run nothing.
_ACCESSIBLE = {"role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir", *_ACCESSIBLE},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": _CELL,
    "th": _CELL | {"scope"},
    "ol": {"start", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # and fragment and relative links
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables align their columns with it
# Attributes whose value is an address: a removed one is a link problem (AK502).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite",
     "data", "srcset", "ping", "codebase", "lowsrc", "dynsrc", "longdesc", "manifest", "icon"}
)  # fmt: skip

_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Images come from the agreement's own files, never another site (a reader-tracking pixel);
    ids that start with `__` belong to the theme (its drawer, search and palette switches)."""
    if tag == "img" and attribute == "src" and (_SCHEME.match(value) or value.startswith("//")):
        return None
    if attribute == "id" and value.startswith("__"):
        return None
    return value


def sanitise(fragment: str) -> str:
    """`fragment` with everything outside the allowlist removed."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
    )


def safe_text(text: str) -> str:
    """Plain text (a title, a label) for a place that takes HTML or a quoted attribute: no tags,
    every `<`, `&` and quote escaped."""
    return html.escape(html.unescape(nh3.clean(text, tags=set())), quote=True)


class Removal(NamedTuple):
    """One thing `sanitise` removes: an element, an attribute, or an address in an attribute."""

    kind: str  # "element", "attribute" or "link"
    tag: str
    name: str  # the attribute ("" for an element)
    value: str  # the attribute's value, entities decoded

    @property
    def code(self) -> str:
        return "AK502" if self.kind == "link" else "AK501"

    @property
    def scheme(self) -> str:
        match = _SCHEME.match(re.sub(r"[\x00-\x20]+", "", self.value))
        return match.group(1).lower() if match else ""

    @property
    def needle(self) -> str:
        """What to look for in a source line (entities decoded, spaces and controls removed,
        lower case) to find where the removed thing was written."""
        if self.kind == "element":
            return f"<{self.tag}"
        if self.kind == "link" and self.scheme:
            return f"{self.scheme}:"
        if self.name in ("id", "class") and self.value:
            return normalised(self.value.split()[0])  # written as {: #id } or {: .class }
        return f"{self.name}="

    def message(self) -> str:
        if self.kind == "element":
            content = " with its content" if self.tag in REMOVED_WITH_CONTENT else ""
            return (
                f"<{self.tag}> is removed from the published agreement{content}: "
                f"{_ELEMENT_ADVICE.get(self.tag, 'write it as Markdown instead')}"
            )
        if self.kind == "link":
            shown = f"'{self.scheme}:' address" if self.scheme else "address"
            if self.tag == "img":
                return (
                    f"{shown} in src= of <img> is removed (images are published only from the "
                    "agreement's own files): put the image file beside the section and write "
                    "![description](file.png)"
                )
            return (
                f"{shown} in {self.name}= of <{self.tag}> is removed (only http, https, mailto, "
                "tel and relative links are published): link to an https: address or a file in "
                "the repository"
            )
        if self.name == "id":
            return (
                f"id '{self.value}' on <{self.tag}> is removed (ids starting with __ belong to "
                "the site's theme): choose an id that starts with a letter"
            )
        if self.name.startswith("on"):
            return (
                f"event handler '{self.name}' on <{self.tag}> is removed (it runs script): "
                "remove it; a published agreement runs no script"
            )
        if self.name == "style":
            return (
                f"'style' on <{self.tag}> is removed (only text-align survives): "
                "let the site's stylesheet style it, or give it a class with {: .name }"
            )
        return (
            f"attribute '{self.name}' on <{self.tag}> is removed: remove it; "
            "the published text keeps only id, class, title, lang, dir, role and aria labels, "
            "links and images"
        )


_ELEMENT_ADVICE = {
    "body": "remove it; the page has its own body",
    "html": "remove it; the page is already a document",
    "head": "remove it; the site writes the page's head",
    "script": "remove it; a published agreement runs no script",
    "style": "remove it; the site's own stylesheet styles the agreement",
    "svg": "save the drawing as an image file beside the section: ![description](drawing.svg)",
    "math": "write the formula in words or as an image file",
    "iframe": "link to the page instead: [title](https://...)",
    "frame": "link to the page instead: [title](https://...)",
    "object": "link to the file instead: [title](file.pdf)",
    "embed": "link to the file instead: [title](file.pdf)",
    "form": "describe the step in words and link to the form: [form](https://...)",
    "input": "describe the step in words and link to the form: [form](https://...)",
    "button": "describe the step in words, or link to the page: [title](https://...)",
    "link": "remove it; the site loads only its own styles",
    "meta": "remove it; the site sets its own page headers",
    "base": "remove it; links are relative to the page they are on",
}

# Schemes a browser or renderer knows; any other word before a colon in the HTML is added too.
_KNOWN_SCHEMES = frozenset(
    {"javascript", "vbscript", "livescript", "data", "file", "ftp", "blob", "filesystem", "jar",
     "view-source", "about", "ws", "wss", "intent", "ms-its", "mhtml", "res", "chrome", "smb",
     "sms", "callto", "skype", "ssh", "news", "nntp", "irc", "gopher", "cid", "mid"}
)  # fmt: skip
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][^\s/>\x00]*)")  # as the HTML parser reads a name
_WORD_COLON = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)\s*:")


def _keep_everything(fragment: str) -> str:
    """`fragment` parsed and written out by the same engine, removing nothing that `sanitise`
    could: every element named in it, every attribute, every scheme, comments."""
    names = {name for name in _TAG_NAME.findall(fragment)}
    decoded = re.sub(r"[\t\n\r]", "", html.unescape(fragment))
    schemes = {word.lower() for word in _WORD_COLON.findall(decoded)}
    return nh3.clean(
        fragment,
        tags=set(TAGS) | REMOVED_WITH_CONTENT | names | {n.lower() for n in names},
        clean_content_tags=set(),
        generic_attribute_prefixes={""},
        url_schemes=set(URL_SCHEMES) | _KNOWN_SCHEMES | schemes,
        link_rel=None,
    )


class _Elements(HTMLParser):
    """The elements of engine-written HTML, each as its tag and (name, value) attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple((n, _canonical(n, v or "")) for n, v in attrs)))


def _canonical(name: str, value: str) -> str:
    """A style as its declarations, so that the engine's rewriting of a kept one is no removal."""
    if name != "style":
        return value
    declarations = (d.partition(":") for d in value.split(";") if d.strip())
    return ";".join(sorted(f"{p.strip().lower()}:{v.strip()}" for p, _, v in declarations))


def _elements(written: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Elements()
    parser.feed(written)
    parser.close()
    return parser.elements


def removals(fragment: str) -> list[Removal]:
    """What `sanitise(fragment)` removes, each time it occurs, in the order it appears."""
    everything, kept = _elements(_keep_everything(fragment)), _elements(sanitise(fragment))
    tags_left = Counter(tag for tag, _ in kept)
    attributes_left = Counter((tag, attribute) for tag, attrs in kept for attribute in attrs)
    found: list[Removal] = []
    for tag, attrs in everything:
        if tags_left[tag] > 0:
            tags_left[tag] -= 1
        elif tag not in TAGS:
            found.append(Removal("element", tag, "", ""))
            continue
        for name, value in attrs:
            if attributes_left[(tag, (name, value))] > 0:
                attributes_left[(tag, (name, value))] -= 1
                continue
            allowed = name in ATTRIBUTES.get(tag, ()) or name in ATTRIBUTES["*"]
            link = name in URL_ATTRIBUTES and (allowed or _SCHEME.match(value))
            found.append(Removal("link" if link else "attribute", tag, name, value))
    # The parser itself drops these inside a fragment; a browser would not (it adds a stray
    # <body>'s attributes, onload= too, to the page's own body).
    found += [Removal("element", name, "", "") for name in _dropped_by_parser(fragment)]
    return found


_DOCUMENT_TAGS = re.compile(r"<\s*(html|head|body|frameset)\b", re.IGNORECASE)


def _dropped_by_parser(fragment: str) -> list[str]:
    return (
        [m.group(1).lower() for m in _DOCUMENT_TAGS.finditer(fragment)] if "<" in fragment else []
    )


def normalised(line: str) -> str:
    """A source line as a browser would read an address in it: entities decoded, spaces and
    control characters gone, lower case (to find a Removal's needle)."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(line)).lower()
