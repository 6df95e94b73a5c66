"""Time zone names checked against the zone database before any zone is opened.

`ZoneInfo("America")` opens a folder (IsADirectoryError), a 300-character name fails with
ENAMETOOLONG, and `../../etc/passwd` reads outside the database: a name must first have a zone
name's shape (letters, digits, `_`, `-` and `+`, in parts joined by `/`), and then name a zone
file (TZif) where `ZoneInfo` looks, in TZPATH or the `tzdata` package. That costs a few file
system calls; the list of every zone (`known_zones`) is read only to suggest a name for one that
is not there.
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
    if not _names_zone_file(name):
        import difflib  # only on the error path

        close = difflib.get_close_matches(name, sorted(known_zones()), n=1, cutoff=0.6)
        regional = sorted(z for z in known_zones() if z.startswith(name.rstrip("/") + "/"))
        example = (close or regional or ["Europe/London"])[0]
        return f"unknown time zone '{name}'; use an IANA name such as {example}"
    return ""


def _names_zone_file(name: str) -> bool:
    """Whether `name` has a zone name's shape and names a TZif file `ZoneInfo` would read."""
    if not all(_is_name_part(part) for part in name.split("/")):
        return False
    for folder in zoneinfo.TZPATH:
        if _is_tzif(os.path.join(folder, name)):
            return True
    *packages, resource = name.split("/")  # where `ZoneInfo` looks when TZPATH has no file
    try:
        from importlib import resources

        zone_file = resources.files(".".join(["tzdata.zoneinfo", *packages])).joinpath(resource)
        with zone_file.open("rb") as data:
            return data.read(4) == b"TZif"
    except (ImportError, OSError, ValueError):
        return False


def _is_name_part(part: str) -> bool:
    return (
        bool(part)
        and part.isascii()
        and part.replace("_", "a").replace("-", "a").replace("+", "a").isalnum()
    )


def _is_tzif(path: str) -> bool:
    if not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as data:
            return data.read(4) == b"TZif"
    except OSError:
        return False


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone named `name`; ValueError (with `zone_problem`'s words) when it is no zone."""
    problem = zone_problem(name)
    if problem:
        raise ValueError(problem)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValueError(f"time zone '{name}' cannot be read from the zone database") from error
