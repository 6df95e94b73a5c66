"""Time zone names checked against the zone database by name, never opened as a path.

`ZoneInfo("America")` opens a folder (IsADirectoryError), a 300-character name fails with
ENAMETOOLONG, and `../../etc/passwd` reads outside the database: a name is looked up in the list of
zones first. The list comes from the database's own index (`tzdata.zi`, one small file), or from
the `tzdata` package, so asking costs a millisecond, not a walk of the whole database.
"""

from __future__ import annotations

import functools
import os
import zoneinfo

LONGEST_NAME = 64  # the longest IANA name is 32 characters


@functools.cache
def known_zones() -> frozenset[str]:
    """Every zone name `ZoneInfo` can load here: from TZPATH's index and the tzdata package."""
    names: set[str] = set()
    for folder in zoneinfo.TZPATH:
        try:
            with open(os.path.join(folder, "tzdata.zi"), encoding="utf-8") as index:
                for line in index:
                    if line.startswith("Z "):
                        names.add(line.split()[1])
                    elif line.startswith("L "):
                        names.add(line.split()[2])
        except (OSError, UnicodeDecodeError, IndexError):
            continue
    try:
        from importlib import resources

        text = resources.files("tzdata").joinpath("zones").read_text("utf-8")
        names.update(line.strip() for line in text.splitlines() if line.strip())
    except (ImportError, OSError, UnicodeDecodeError):
        pass
    if not names:  # neither index: the slow way, once
        names.update(zoneinfo.available_timezones())
    return frozenset(names)


def zone_problem(name: object) -> str:
    """Why `name` is not a time zone ("" when it is one), in words for the file's author."""
    if not isinstance(name, str) or not name.strip():
        return "a time zone needs an IANA name such as Europe/London"
    if len(name) > LONGEST_NAME:
        return f"unknown time zone '{name[:40]}...' ({len(name)} characters); use an IANA name"
    if name not in known_zones():
        import difflib  # only on the error path

        close = difflib.get_close_matches(name, sorted(known_zones()), n=1, cutoff=0.6)
        regional = sorted(z for z in known_zones() if z.startswith(name.rstrip("/") + "/"))
        example = (close or regional or ["Europe/London"])[0]
        return f"unknown time zone '{name}'; use an IANA name such as {example}"
    return ""


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone named `name`; ValueError (with `zone_problem`'s words) when it is no zone."""
    problem = zone_problem(name)
    if problem:
        raise ValueError(problem)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValueError(f"time zone '{name}' cannot be read from the zone database") from error
