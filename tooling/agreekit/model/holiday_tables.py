"""One country's public-holiday table from `holidays`, loading that country's module alone.

`holidays.country_holidays` imports the `holidays.countries` package, whose `__init__` imports
all 250 country modules (about 75 ms) before it returns one table. Here the one module is loaded
from its file (about 3 ms, after the 15-30 ms of `import holidays` itself) and its class for the
alpha-2 code is the one `country_holidays` would have used. Anything unexpected in the package's
layout (a module or class not where its registry says) falls back to `country_holidays`.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

from agreekit.model.service_calendar import holidays_folder, holidays_registry


def country_table(country: str, subdivision: str | None, year: int) -> Any:
    """The holidays of `country` (and `subdivision`) in `year`: a date -> name mapping."""
    import holidays  # the package's base (calendars, HolidayBase), not its countries

    codes, modules = holidays_registry()
    alpha2 = codes.get(country, country)
    module = _country_module(modules.get(alpha2))
    entity = getattr(module, alpha2, None) if module is not None else None
    if not isinstance(entity, type) or not issubclass(entity, holidays.HolidayBase):
        return holidays.country_holidays(country, subdiv=subdivision, years=year)
    return entity(subdiv=subdivision, years=year)


def _country_module(name: str | None) -> ModuleType | None:
    """`holidays.countries.<name>`, without running the package's `__init__` if not yet run."""
    if name is None or not name.isidentifier():
        return None
    full = f"holidays.countries.{name}"
    if full in sys.modules or "holidays.countries" in sys.modules:
        return importlib.import_module(full)  # already paid for: the ordinary way
    folder = holidays_folder()
    path = folder / "countries" / f"{name}.py" if folder is not None else None
    if path is None or not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(full, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module  # as an import would: the package's `__init__` reuses it later
    try:
        spec.loader.exec_module(module)
    except Exception:
        del sys.modules[full]
        return None
    return module
