"""One country's public-holiday table from `holidays`, loading only that country's module.

`import holidays` runs the package's `__init__` (its version look-up reads every installed
distribution's metadata), the first country it builds imports `holidays.countries`, which imports
all 250 countries, and `holidays.groups` imports every calendar: about 180 ms. The country's own
module and the few helpers it uses take about 15 ms. So, while `holidays` is not imported yet, its
module is loaded under stand-in packages that skip those `__init__` files; the stand-ins are
removed at once, and a later `import holidays` is the ordinary package, reusing the modules already
loaded. Anything unexpected (another layout of the package) falls back to
`holidays.country_holidays`; a test compares both for several countries. The service calendar
(checks, key dates, the build) and the service report both read holidays here.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
import types
from pathlib import Path
from typing import Any

from agreekit.model.service_calendar import holidays_folder, holidays_registry

_LOCK = threading.Lock()


_IMPORTED = re.compile(r"^from ([\w.]+) import (\([^)]*\)|[^\n]*)", re.MULTILINE)
# Packages whose __init__ is skipped; `groups` and `calendars` import every calendar there is
# (one builds a lunar table: 70 ms), so names asked of them are found in their submodule alone.
_SKIPPED = ("holidays", "holidays.countries", "holidays.groups", "holidays.calendars")


def _stand_in(name: str, folder: Path) -> types.ModuleType:
    """A package without its `__init__`: a name asked of it is imported from the submodule
    that its `__init__` imports it from."""
    package = types.ModuleType(name)
    package.__path__ = [str(folder)]
    try:
        text = (folder / "__init__.py").read_text("utf-8")
    except OSError:
        text = ""
    origins = {
        word.strip(): source
        for source, names in _IMPORTED.findall(text)
        for word in names.strip("()").split(",")
        if word.strip() and source.startswith(name + ".")
    }

    def lookup(attribute: str) -> object:
        if attribute not in origins:
            raise AttributeError(attribute)
        return getattr(importlib.import_module(origins[attribute]), attribute)

    package.__getattr__ = lookup  # type: ignore[method-assign]
    return package


def _load_alone(folder: Path, module: str) -> types.ModuleType:
    """`holidays.countries.<module>` without running the `__init__` of the packages above it."""
    stand_ins = [name for name in _SKIPPED if name not in sys.modules]
    for name in stand_ins:
        sys.modules[name] = _stand_in(name, folder.joinpath(*name.split(".")[1:]))
    try:
        return importlib.import_module(f"holidays.countries.{module}")
    finally:
        for name in stand_ins:
            sys.modules.pop(name, None)


def _fast(country: str, subdivision: str, year: int) -> Any | None:
    folder = holidays_folder()
    codes, modules = holidays_registry()
    alpha2 = codes.get(country.upper())
    module = modules.get(alpha2) if alpha2 else None
    if folder is None or module is None:
        return None
    with _LOCK:
        entity = getattr(_load_alone(folder, module), alpha2 or "", None)
    if not isinstance(entity, type):
        return None
    return entity(years=year, subdiv=subdivision or None)


def country_table(country: str, subdivision: str | None, year: int) -> Any:
    """The holidays of `country` (and `subdivision`) in `year`: a `holidays.HolidayBase`."""
    subdivision = subdivision or ""
    try:
        found = None if "holidays.countries" in sys.modules else _fast(country, subdivision, year)
    except Exception:  # any other layout of the package: the ordinary, slower way below
        found = None
    if found is not None:
        return found
    import holidays

    return holidays.country_holidays(country, subdiv=subdivision or None, years=year)
