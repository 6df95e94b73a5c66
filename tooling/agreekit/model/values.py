"""Values as written and as read: a duration, a time of day, a service day, a report's due date.

Each is parsed once, when the model is loaded, by the one grammar of its kind, and keeps what was
written (for messages and the source map) and where (the source map's position). A value that
does not parse is still loaded, with no reading (`value`/`minute`/`weekday` None), so one check
reports it at its line and every other reader skips it; the section it is in stays usable.

`typed.convert` reads these classes like its built-in scalars: `__from_yaml__` makes one from the
YAML value (None when the YAML type is wrong: an AK104 "expected ..."), `__yaml_name__` names the
expected input in that message and `__json_schema__` is what editors validate against.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from agreekit.finding import Location
from agreekit.model.duration import Duration, parse_duration

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
END_OF_DAY = 24 * 60


class Written:
    """What every value read from YAML keeps: the data as written and where it was written.

    Equal when written the same; the location is not part of the value. Falsy when nothing (an
    empty text) was written, as the plain text was.
    """

    __slots__ = ("data", "where")
    __yaml_name__: ClassVar[str] = "text"
    __yaml_types__: ClassVar[tuple[type, ...]] = (str,)
    __json_schema__: ClassVar[dict[str, Any]] = {"type": "string"}

    data: str | int
    where: Location | None

    def __init__(self, data: str | int, where: Location | None = None) -> None:
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "where", where)

    @classmethod
    def __from_yaml__(cls, data: object, where: Location | None) -> Written | None:
        if isinstance(data, bool) or not isinstance(data, cls.__yaml_types__):
            return None
        return cls(data, where)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        """The value as written: what messages quote."""
        return str(self.data)

    def __plain__(self) -> str | int:
        return self.data

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.data)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot change {name}: {type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.data == self.data  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self.data))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.data!r})"

    def __reduce__(self) -> tuple[type[Written], tuple[str | int, Location | None]]:
        """Copied and pickled (findings cross processes) by reading the text again."""
        return type(self), (self.data, self.where)


class WrittenDuration(Written):
    """A duration as written (`15m`, `2 business days`, `best effort`, or a number of minutes)
    and what it states: `value` is None when the text is no duration."""

    __slots__ = ("value",)
    __yaml_name__: ClassVar[str] = "text or a whole number"
    __yaml_types__: ClassVar[tuple[type, ...]] = (str, int)
    __json_schema__: ClassVar[dict[str, Any]] = {"anyOf": [{"type": "string"}, {"type": "integer"}]}

    value: Duration | None

    def __init__(self, data: str | int, where: Location | None = None) -> None:
        super().__init__(data, where)
        object.__setattr__(self, "value", parse_duration(data))


class TermDuration(WrittenDuration):
    """A length of agreement.yml's term (`12 months`, `90 days`): written as text only."""

    __yaml_name__: ClassVar[str] = "text"
    __yaml_types__: ClassVar[tuple[type, ...]] = (str,)
    __json_schema__: ClassVar[dict[str, Any]] = {"type": "string"}


# `10 business days after the end of each month`: the lag is the duration before `after`.
_DUE_AFTER = re.compile(r"^\s*(?P<lag>\d+\s+(?:\w+\s+)?(?:days?|weeks?))\s+after\b", re.IGNORECASE)


class ReportDue(Written):
    """When a report falls due, as written (`10 business days after the end of each month`), and
    the lag it states, read by the duration grammar: `lag` is None unless the text opens with
    whole days or weeks and `after`."""

    __slots__ = ("lag",)

    data: str
    lag: Duration | None

    def __init__(self, data: str, where: Location | None = None) -> None:
        super().__init__(data, where)
        found = _DUE_AFTER.match(data)
        object.__setattr__(self, "lag", parse_duration(found["lag"]) if found else None)


def minute_of_day(text: str) -> int | None:
    """Minutes since midnight of `HH:MM`; `24:00` is the end of the day (a 24x7 day ends there)."""
    if text == "24:00":
        return END_OF_DAY
    try:
        time = dt.time.fromisoformat(text)
    except ValueError:
        return None
    return time.hour * 60 + time.minute


class TimeOfDay(Written):
    """A time of day as written (`08:00`, `24:00` for the end of the day) and its minute since
    midnight: `minute` is None when the text is no time of day (`25:00`)."""

    __slots__ = ("minute",)

    data: str
    minute: int | None

    def __init__(self, data: str, where: Location | None = None) -> None:
        super().__init__(data, where)
        object.__setattr__(self, "minute", minute_of_day(data))

    def clock(self) -> dt.time | None:
        """The time on a clock (`datetime.time`); None for no time of day, and for 24:00, which
        is the end of a day rather than a time in it."""
        if self.minute is None or self.minute >= END_OF_DAY:
            return None
        return dt.time(self.minute // 60, self.minute % 60)


class ServiceDay(Written):
    """A day of service as written (`mon`, `Tue`) and its weekday, Monday 0: `weekday` is None
    when the text names no day."""

    __slots__ = ("weekday",)

    data: str
    weekday: int | None

    def __init__(self, data: str, where: Location | None = None) -> None:
        super().__init__(data, where)
        code = data.lower()
        object.__setattr__(self, "weekday", DAYS.index(code) if code in DAYS else None)

    @property
    def code(self) -> str:
        """`mon`...`sun` as the calendar names it, or the text in lower case when it is no day."""
        return self.text.lower()
