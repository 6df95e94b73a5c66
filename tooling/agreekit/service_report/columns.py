"""How a service desk's export names the report's ticket columns: `--columns FILE` or a shipped name.

A mapping is a small YAML file (see mappings/): which export column holds each of the report's
columns, the export's time format and zone, and how its priority values and satisfaction scores
translate into the agreement's.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from agreekit.service_report.errors import ReportError

REQUIRED = ("id", "priority", "created", "first_response", "resolved")
OPTIONAL = ("paused_minutes", "satisfaction")
_KEYS = {
    "name",
    "source",
    "columns",
    "time_format",
    "timezone",
    "priorities",
    "satisfaction_values",
    "first_response_after_minutes",
}


class Mapping(NamedTuple):
    name: str
    columns: dict[str, str]  # the report's column -> the export's column
    time_format: str = ""  # strptime format; "" means ISO 8601 (with an offset unless timezone)
    timezone: str = ""  # the zone of times written without an offset
    priorities: dict[str, str] = {}  # export value (any case) -> agreement priority id
    satisfaction_values: dict[str, float] = {}  # export text -> score
    first_response_after_minutes: str = ""  # export column: first response N minutes after created

    def column(self, ours: str) -> str | None:
        return self.columns.get(ours)

    def wanted(self) -> dict[str, tuple[str, bool]]:
        """The export columns to read: the report's name -> (export column, required)."""
        found = {ours: (theirs, ours in REQUIRED) for ours, theirs in self.columns.items()}
        if self.first_response_after_minutes:
            found["first_response_after_minutes"] = (self.first_response_after_minutes, True)
        return found


DEFAULT = Mapping("agreekit", {column: column for column in REQUIRED + OPTIONAL})


def shipped() -> list[str]:
    folder = resources.files("agreekit.service_report").joinpath("mappings")
    return sorted(p.name.removesuffix(".yml") for p in folder.iterdir() if p.name.endswith(".yml"))


def load_mapping(spec: str) -> Mapping:
    """The mapping in file `spec`, or the shipped one of that name (`zendesk`, ...)."""
    import yaml

    path = Path(spec)
    if path.is_file():
        shown, text = str(path), _read(path)
    elif spec in shipped():
        shown = f"mapping {spec}"
        text = (
            resources.files("agreekit.service_report")
            .joinpath(f"mappings/{spec}.yml")
            .read_text("utf-8")
        )
    else:
        raise ReportError(
            f"--columns {spec}: no such file and no shipped mapping of that name; "
            f"give a YAML file or one of {', '.join(shipped())}"
        )
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ReportError(f"{shown}{line}: not YAML ({error}); fix the syntax") from error
    return mapping_from_data(data, shown)


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot read the column mapping: {error}") from error


def _strings(data: Any, key: str, shown: str) -> dict[str, str]:
    value = data.get(key) or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str | int) and isinstance(v, str | int) for k, v in value.items()
    ):
        raise ReportError(f"{shown}: '{key}' must map names to names")
    return {str(k): str(v) for k, v in value.items()}


def mapping_from_data(data: Any, shown: str) -> Mapping:
    if not isinstance(data, dict):
        raise ReportError(f"{shown}: expected a mapping with 'columns'")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ReportError(
            f"{shown}: unknown key '{unknown[0]}'; the keys are {', '.join(sorted(_KEYS))}"
        )
    columns = _strings(data, "columns", shown)
    wrong = sorted(set(columns) - set(REQUIRED + OPTIONAL))
    if wrong:
        raise ReportError(
            f"{shown}: columns.{wrong[0]} is not a report column; map "
            f"{', '.join(REQUIRED + OPTIONAL)}"
        )
    for needed in ("id", "priority", "created"):
        if needed not in columns:
            raise ReportError(
                f"{shown}: columns.{needed} missing; say which export column holds it"
            )
    after = str(data.get("first_response_after_minutes") or "")
    if after and "first_response" in columns:
        raise ReportError(
            f"{shown}: give columns.first_response or first_response_after_minutes, not both"
        )
    scores = data.get("satisfaction_values") or {}
    if not isinstance(scores, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in scores.values()
    ):
        raise ReportError(f"{shown}: satisfaction_values must map export values to numbers")
    timezone = str(data.get("timezone") or "")
    if timezone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ReportError(
                f"{shown}: unknown time zone '{timezone}'; use an IANA name"
            ) from error
    return Mapping(
        name=str(data.get("name") or shown),
        columns=columns,
        time_format=str(data.get("time_format") or ""),
        timezone=timezone,
        priorities={k.strip().lower(): v for k, v in _strings(data, "priorities", shown).items()},
        satisfaction_values={str(k).strip().lower(): float(v) for k, v in scores.items()},
        first_response_after_minutes=after,
    )
