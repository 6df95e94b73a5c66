"""Which optional parts of agreekit are installed: `pip install agreekit` is the core, and
`agreekit[publish]` adds the libraries that build the site, the PDF and redlines.

A command that needs an extra asks `missing_extra` before it imports anything heavy, so a core
install answers with one line naming what to install instead of an ImportError.
"""

from __future__ import annotations

import importlib.util

# extra -> (distribution names for the message, import names that prove it is installed)
EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "publish": (
        "MkDocs, mkdocs-material, WeasyPrint and python-docx",
        ("mkdocs", "material", "weasyprint", "docx"),
    ),
    "report": ("numpy and pyarrow", ("numpy", "pyarrow")),
}


def absent_modules(extra: str) -> list[str]:
    """The import names of `extra` that cannot be found (nothing is imported to find out)."""
    _, modules = EXTRAS[extra]
    return [name for name in modules if importlib.util.find_spec(name) is None]


def missing_extra(extra: str, command: str) -> str | None:
    """The one-line message for `agreekit COMMAND` when `extra` is not installed, or None."""
    absent = absent_modules(extra)
    if not absent:
        return None
    libraries, _ = EXTRAS[extra]
    return (
        f"agreekit {command} needs the {extra} extra ({libraries}); not installed: "
        f"{', '.join(absent)}; install it with: python -m pip install 'agreekit[{extra}]'"
    )
