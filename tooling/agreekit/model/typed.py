"""Typed values from plain YAML data: immutable records, checked field by field.

A small validator in place of a framework, because `agreekit check` runs on every commit and must
start fast. It reports every problem it finds, each with the path of the value, in words a
contributor understands ("expected a date (YYYY-MM-DD), got the text 'soon'").

Records are immutable all the way down: a list in YAML becomes a tuple (`list[X]` and
`tuple[X, ...]` both read a YAML list). A field type the converter cannot read fails when the
class is defined, not when some file first uses it; fields of a base model are fields of its
subclasses; NaN and infinity are not numbers; and a key that is not text (`1:`) is read as text
only where that does not merge it with a written text key (`"1":`).
"""

import datetime as dt
import functools
import math
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, TypeVar

from agreekit.model.frozen import frozen

Path = tuple[str | int, ...]
Model = TypeVar("Model")
_INVALID: Any = object()


@frozen
class Rules:
    """Constraints on a value, written next to its type: `Annotated[str, Rules(pattern=...)]`."""

    description: str = ""
    pattern: str = ""
    hint: str = ""  # what a value matching `pattern` looks like, for the error message
    gt: float | None = None
    le: float | None = None
    min_length: int | None = None
    check: Callable[[Any], str] | None = None  # a test by name (a zone...): "" or the problem


@frozen
class Problem:
    """A value that does not fit its model: missing, an unknown key, or invalid, and why."""

    kind: Literal["missing", "unknown", "invalid"]
    path: Path
    message: str


@frozen
class Field:
    """One attribute of a model: its YAML key, its default and its rules."""

    name: str
    key: str
    default: Any
    factory: Callable[[], Any] | None
    rules: Rules

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.factory is None

    def default_value(self) -> Any:
        return self.factory() if self.factory is not None else self.default


_MISSING: Any = object()  # no default: the key is required
_NO_RULES = Rules()


@typing.dataclass_transform(frozen_default=True, kw_only_default=True)
def model(cls: type[Model]) -> type[Model]:
    """Make `cls` an immutable record with keyword arguments, that `convert` fills from YAML.

    Like a frozen dataclass, but built without generating code, because `check` creates some
    forty of these at every start.
    """
    inherited = [
        f for base in reversed(cls.__mro__[1:]) for f in base.__dict__.get("__model_fields__", ())
    ]
    own = cls.__dict__.get("__annotations__", {})
    fields = [f for f in dict({f.name: f for f in inherited}).values() if f.name not in own]
    for name in own:
        value = cls.__dict__.get(name, _MISSING)
        if isinstance(value, _Spec):
            fields.append(Field(name, value.key or name, value.default, value.factory, value.rules))
            delattr(cls, name)
        else:
            fields.append(Field(name, name, value, None, _NO_RULES))
    methods = {
        "__model_fields__": tuple(fields),
        "__init__": _init,
        "__setattr__": _frozen,
        "__delattr__": _frozen,
        "__eq__": _equal,
        "__hash__": _hash,
        "__repr__": _repr,
    }
    for name, method in methods.items():
        setattr(cls, name, method)
    _check_supported(cls)
    return cls


def _check_supported(cls: Any) -> None:
    """Refuse, when the class is defined, a field type `convert` could not read."""
    resolved = _annotations(cls)
    try:
        problems = [(field.name, _unsupported(resolved[field.name])) for field in fields_of(cls)]
    except _WrittenAsText:  # a forward reference: typing resolves it, or says it cannot
        try:
            resolved = typing.get_type_hints(cls, include_extras=True)
        except NameError as error:
            raise TypeError(
                f"{cls.__name__}: {error}; define a field's type before the model that uses it"
            ) from None
        problems = [(field.name, _unsupported(resolved[field.name])) for field in fields_of(cls)]
    for name, problem in problems:
        if problem:
            raise TypeError(f"{cls.__name__}.{name}: {problem}")
    cls.__model_hints__ = resolved


def _annotations(cls: Any) -> dict[str, Any]:
    """The class's annotations and its bases', as `typing.get_type_hints` gives them where none
    is written as text: what the module evaluated, `None` as `NoneType`."""
    merged: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        for name, kind in base.__dict__.get("__annotations__", {}).items():
            merged[name] = type(None) if kind is None else kind
    return merged


class _WrittenAsText(TypeError):
    """A field type, or a part of one, is a string (a forward reference) still to resolve."""


def _unsupported(kind: Any) -> str:
    """Why `convert` cannot read `kind`, or "" where it can."""
    if isinstance(kind, str | typing.ForwardRef):
        raise _WrittenAsText(f"the field type {kind!r} is not resolved")
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Annotated:
        return _unsupported(arguments[0])
    if kind is Any or origin is Literal or is_model(kind) or kind in _SCALARS or _is_read(kind):
        return ""
    if origin in (typing.Union, types.UnionType):
        return next((p for p in map(_unsupported, arguments) if p), "")
    if kind is type(None):
        return ""
    if origin is list and len(arguments) == 1:
        return _unsupported(arguments[0])
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return _unsupported(arguments[0])
    if origin is dict and arguments and arguments[0] is str:
        return _unsupported(arguments[1])
    return f"agreekit cannot read values of type {kind!r} from YAML; use text, numbers, dates, lists, tuple[X, ...], dict[str, X] or a model"


def spec(
    default: Any = _MISSING,
    *,
    factory: Callable[[], Any] | None = None,
    description: str = "",
    key: str = "",
    **constraints: Any,
) -> Any:
    """A field with a description, and optionally another key in YAML or constraints (`Rules`)."""
    return _Spec(key, default, factory, Rules(description=description, **constraints))


class _Spec:
    """What `spec()` leaves in a class body; `model` makes it the field of that name."""

    __slots__ = ("key", "default", "factory", "rules")

    def __init__(
        self, key: str, default: Any, factory: Callable[[], Any] | None, rules: Rules
    ) -> None:
        self.key = key
        self.default = default
        self.factory = factory
        self.rules = rules


def fields_of(cls: Any) -> tuple[Field, ...]:
    return cls.__model_fields__  # type: ignore[no-any-return]


def is_model(kind: Any) -> bool:
    return isinstance(kind, type) and "__model_fields__" in kind.__dict__


def _is_read(kind: Any) -> bool:
    """Whether `kind` reads itself from YAML (`model.values`): `__from_yaml__(data, where)`."""
    return isinstance(kind, type) and hasattr(kind, "__from_yaml__")


def plain(value: Any) -> Any:
    """A model as plain data (dicts, lists, scalars), keyed by attribute name; a value read from
    YAML (a duration, a time) as it was written."""
    if hasattr(value, "__plain__"):
        return value.__plain__()
    if is_model(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in fields_of(type(value))}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def _init(self: Any, **values: Any) -> None:
    fields = fields_of(type(self))
    unknown = set(values) - {f.name for f in fields}
    if unknown:
        raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
    for field in fields:
        if field.name in values:
            value = values[field.name]
        elif field.required:
            raise TypeError(f"{type(self).__name__} needs {field.name}")
        else:
            value = field.default_value()
        object.__setattr__(self, field.name, tuple(value) if isinstance(value, list) else value)


def _frozen(self: Any, name: str, value: Any = None) -> None:
    from dataclasses import FrozenInstanceError  # only on the error path

    raise FrozenInstanceError(f"cannot change {name}: {type(self).__name__} is frozen")


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in fields_of(type(self)))


def _equal(self: Any, other: Any) -> bool:
    return type(other) is type(self) and _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash((type(self), _values(self)))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields_of(type(self)))
    return f"{type(self).__name__}({shown})"


Locate = Callable[[Path], Any]


def _nowhere(path: Path) -> None:
    return None


def convert(
    cls: type[Model], data: Any, locate: Locate = _nowhere
) -> tuple[Model | None, list[Problem]]:
    """`data` as an instance of `cls`, or None and every problem found on the way.

    `locate(path)` says where a value was written; values that read themselves keep it.
    """
    problems: list[Problem] = []
    value = _reader(cls)(data, (), problems, locate)
    return (None if value is _INVALID else value), problems


def hints(cls: type) -> dict[str, Any]:
    """The field types of a model, resolved once when the class was defined."""
    resolved: dict[str, Any] = cls.__dict__["__model_hints__"]
    return resolved


# Reads one value: (data, path, problems, locate) -> the value, or _INVALID with its problems
# appended. What a field type needs is worked out once, not again at every value of the type.
Reader = Callable[[Any, Path, list[Problem], Locate], Any]


def _reader(kind: Any) -> Reader:
    """The reader of values of `kind` (a type `_check_supported` accepted)."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(kind)
        rules = tuple(extra for extra in extras if isinstance(extra, Rules) and _restricts(extra))
        return functools.partial(_annotated, _reader(base), rules) if rules else _reader(base)
    if kind is Any:
        return _any
    if origin is Literal:
        return functools.partial(_literal, typing.get_args(kind))
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        candidates = tuple(
            (option, _reader(option)) for option in options if option is not type(None)
        )
        return functools.partial(_union, type(None) in options, candidates)
    if origin is list or origin is tuple:
        return functools.partial(_list, _reader(typing.get_args(kind)[0]))
    if origin is dict:
        return functools.partial(_mapping, _reader(typing.get_args(kind)[1]))
    if is_model(kind):
        return functools.partial(_object, kind)
    if _is_read(kind):
        return functools.partial(_read_itself, kind)
    return functools.partial(_scalar, kind)


def _restricts(rules: Rules) -> bool:
    """Whether `_apply` can refuse a value under these rules (a description alone cannot)."""
    return (
        bool(rules.pattern)
        or rules.check is not None
        or (rules.gt, rules.le, rules.min_length) != (None, None, None)
    )


def _any(data: Any, path: Path, problems: list[Problem], locate: Locate) -> Any:
    return data


def _annotated(
    base: Reader,
    rules: tuple[Rules, ...],
    data: Any,
    path: Path,
    problems: list[Problem],
    locate: Locate,
) -> Any:
    value = base(data, path, problems, locate)
    for rule in rules:
        if value is not _INVALID:
            value = _apply(rule, value, path, problems)
    return value


def _read_itself(kind: Any, data: Any, path: Path, problems: list[Problem], locate: Locate) -> Any:
    value = kind.__from_yaml__(data, locate(path))
    if value is None:
        problems.append(_expected(path, kind.__yaml_name__, data))
        return _INVALID
    return value


def _scalar(kind: Any, data: Any, path: Path, problems: list[Problem], locate: Locate) -> Any:
    value = _SCALARS[kind](data)
    if value is _INVALID:
        problems.append(_expected(path, name_of(kind), data))
    elif kind is dt.date and not FIRST_YEAR <= value.year <= LAST_YEAR:
        # A day later than 9999-12-31 exists in no calendar: dates near either end break every
        # sum (a term's end, an invitation's end) that calendars and .ics files need.
        problems.append(
            Problem(
                "invalid",
                path,
                f"{value} is outside the years {FIRST_YEAR} to {LAST_YEAR}; check the year",
            )  # fmt: skip
        )
        return _INVALID
    return value


FIRST_YEAR, LAST_YEAR = 1900, 9000  # the dates an agreement can hold


# How a model reads a mapping: its fields by YAML key, and for each, in order, the key, the field,
# its value's reader and whether its rules can refuse a value.
_Plan = tuple[dict[str, Field], tuple[tuple[str, Field, Reader, bool], ...]]


def _plan(cls: Any) -> _Plan:
    """The model's plan, made when it first reads a value (a run reads only some models)."""
    plan: _Plan | None = cls.__dict__.get("__model_plan__")
    if plan is None:
        by_key = {field.key: field for field in fields_of(cls)}
        kinds = hints(cls)
        steps = tuple(
            (key, field, _reader(kinds[field.name]), _restricts(field.rules))
            for key, field in by_key.items()
        )
        plan = (by_key, steps)
        cls.__model_plan__ = plan
    return plan


def _object(cls: Any, data: Any, path: Path, problems: list[Problem], locate: Locate) -> Any:
    if not isinstance(data, dict):
        # A model may say what an old plain value should become (a migration message).
        explain = getattr(cls, "__when_not_a_mapping__", None)
        if explain is not None and data is not None:
            problems.append(Problem("invalid", path, explain(data)))
        else:
            problems.append(_expected(path, "a mapping of keys to values", data))
        return _INVALID
    by_key, steps = _plan(cls)
    found = len(problems)
    for key in data:
        if key not in by_key:
            problems.append(Problem("unknown", (*path, key), _unknown(key, list(by_key))))
    values: dict[str, Any] = {}
    for key, field, read, restricts in steps:
        if key in data:
            at = (*path, key)
            value = read(data[key], at, problems, locate)
            if value is not _INVALID:
                if restricts:
                    value = _apply(field.rules, value, at, problems)
            elif field.rules.pattern:
                _explain_unquoted_time(data[key], field.rules.pattern, at, problems)
            values[field.name] = value
        elif field.required:
            where = f" under '{dotted(path)}'" if path else ""
            problems.append(
                Problem("missing", (*path, key), f"required key '{key}' missing{where}")
            )
    if len(problems) > found:
        return _INVALID
    return cls(**values)


def _list(item: Reader, data: Any, path: Path, problems: list[Problem], locate: Locate) -> Any:
    if not isinstance(data, list):
        problems.append(_expected(path, "a list", data))
        return _INVALID
    values = tuple(
        item(element, (*path, index), problems, locate) for index, element in enumerate(data)
    )
    return _INVALID if any(value is _INVALID for value in values) else values


def _mapping(item: Reader, data: Any, path: Path, problems: list[Problem], locate: Locate) -> Any:
    if not isinstance(data, dict):
        problems.append(_expected(path, "a mapping of keys to values", data))
        return _INVALID
    written = {key for key in data if isinstance(key, str)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str) and str(key) in written:
            message = (
                f"key {describe(key)} is the same as the key '{key}' once read as text; "
                "keep one of the two"
            )
            problems.append(Problem("invalid", (*path, key), message))
            values[str(key)] = _INVALID
            continue
        values[str(key)] = item(value, (*path, key), problems, locate)
    return _INVALID if any(value is _INVALID for value in values.values()) else values


def _literal(
    choices: tuple[Any, ...], data: Any, path: Path, problems: list[Problem], locate: Locate
) -> Any:
    if any(data == choice and type(data) is type(choice) for choice in choices):
        return data
    listed = ", ".join(str(choice) for choice in choices)
    problems.append(Problem("invalid", path, f"must be one of {listed}; got {describe(data)}"))
    return _INVALID


def _union(
    optional: bool,
    candidates: tuple[tuple[Any, Reader], ...],
    data: Any,
    path: Path,
    problems: list[Problem],
    locate: Locate,
) -> Any:
    if data is None and optional:
        return None
    attempts: list[list[Problem]] = []
    for _, read in candidates:
        attempt: list[Problem] = []
        value = read(data, path, attempt, locate)
        if value is not _INVALID:
            return value
        attempts.append(attempt)
    if len(candidates) == 1:
        problems.extend(attempts[0])
    else:
        names = " or ".join(dict.fromkeys(name_of(option) for option, _ in candidates))
        problems.append(_expected(path, names, data))
    return _INVALID


def _apply(rules: Rules, value: Any, path: Path, problems: list[Problem]) -> Any:
    broken = ""
    written = value.__plain__() if hasattr(value, "__plain__") else value
    if rules.pattern and isinstance(written, str) and not re.search(rules.pattern, written):
        broken = f"'{written}' is not valid here: {rules.hint or 'see the schema'}"
    elif rules.gt is not None and value <= rules.gt:
        broken = f"must be more than {rules.gt:g}; got {value}"
    elif rules.le is not None and value > rules.le:
        broken = f"must be at most {rules.le:g}; got {value}"
    elif rules.min_length is not None and len(value) < rules.min_length:
        broken = f"needs at least {rules.min_length} item(s)"
    elif rules.check is not None:
        broken = rules.check(value)
    if not broken:
        return value
    problems.append(Problem("invalid", path, broken))
    return _INVALID


def _explain_unquoted_time(data: Any, pattern: str, path: Path, problems: list[Problem]) -> None:
    """YAML 1.1 reads an unquoted `18:00` as the number 1080 (base 60): say so, and how to write it."""
    if isinstance(data, bool) or not isinstance(data, int) or not 0 <= data < 100 * 60:
        return
    time = f"{data // 60:02d}:{data % 60:02d}"
    if problems and problems[-1].path == path and re.search(pattern, time):
        problems[-1] = Problem(
            "invalid", path, f"YAML read the unquoted time {time} as the number {data}; "
            f'write it in quotes: "{time}"',
        )  # fmt: skip


def _expected(path: Path, expected: str, data: Any) -> Problem:
    return Problem("invalid", path, f"expected {expected}, got {describe(data)}")


def _unknown(key: Any, known: list[str]) -> str:
    import difflib  # only on the error path

    close = difflib.get_close_matches(str(key), known, n=1)
    guess = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown key '{key}'{guess}"


def describe(data: Any) -> str:
    """A value as a contributor would recognise it in their YAML."""
    if data is None:
        return "an empty value"
    if isinstance(data, bool):
        return f"{'true' if data else 'false'}"
    if isinstance(data, int | float | Decimal):
        return f"the number {data}"
    if isinstance(data, str):
        shown = data if len(data) <= 40 else data[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(data, dt.date):
        return f"the date {data.isoformat()}"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, dict):
        return "a mapping"
    return type(data).__name__


def dotted(path: Path) -> str:
    return ".".join(str(part) for part in path)


def name_of(kind: Any) -> str:
    if typing.get_origin(kind) is typing.Annotated:
        return name_of(typing.get_args(kind)[0])
    if typing.get_origin(kind) is Literal:
        return "one of " + ", ".join(str(choice) for choice in typing.get_args(kind))
    if typing.get_origin(kind) in (list, tuple):
        return "a list"
    if typing.get_origin(kind) is dict or is_model(kind):
        return "a mapping of keys to values"
    if _is_read(kind):
        return str(kind.__yaml_name__)
    return _NAMES.get(kind, getattr(kind, "__name__", str(kind)))


def _text(data: Any) -> Any:
    return data if isinstance(data, str) else _INVALID


def _whole(data: Any) -> Any:
    return data if isinstance(data, int) and not isinstance(data, bool) else _INVALID


def _number(data: Any) -> Any:
    """A finite number: YAML's .nan and .inf are no value a target or a price can have."""
    if isinstance(data, bool) or not isinstance(data, int | float):
        return _INVALID
    try:
        number = float(data)
    except OverflowError:  # a whole number too large for a float
        return _INVALID
    return number if math.isfinite(number) else _INVALID


def _flag(data: Any) -> Any:
    return data if isinstance(data, bool) else _INVALID


def _date(data: Any) -> Any:
    if isinstance(data, dt.date) and not isinstance(data, dt.datetime):
        return data
    if isinstance(data, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data):
        try:
            return dt.date.fromisoformat(data)
        except ValueError:
            return _INVALID
    return _INVALID


def _amount(data: Any) -> Any:
    if isinstance(data, bool) or not isinstance(data, int | float | str):
        return _INVALID
    try:
        value = Decimal(str(data).strip())
    except InvalidOperation:
        return _INVALID
    return value if value.is_finite() else _INVALID


_SCALARS: dict[Any, Callable[[Any], Any]] = {
    str: _text,
    int: _whole,
    float: _number,
    bool: _flag,
    dt.date: _date,
    Decimal: _amount,
}
_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dt.date: "a date (YYYY-MM-DD)",
    Decimal: "an amount such as 1250.00",
    type(None): "an empty value",
}
