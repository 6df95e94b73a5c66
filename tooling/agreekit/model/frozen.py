"""Immutable value classes built without generating code: `@frozen` in place of
`@dataclass(frozen=True)`.

A frozen dataclass writes the source of six methods and compiles it, about three million
instructions a class; `check` defines its value classes at every start, so those methods are
shared functions here that read the class's field list. Like a frozen dataclass, a class gets
`__init__` (positional or keyword arguments, in field order), `__eq__` and `__hash__` over its
compared fields, `__repr__`, `__match_args__`, and assignment raises `FrozenInstanceError`.
Fields are the class's own annotations; a default is written as the class attribute, a default
made per instance with `field(default_factory=...)`.
"""

import typing
from collections.abc import Callable
from typing import Any, TypeVar

Class = TypeVar("Class", bound=type)
T = TypeVar("T")

_NO_DEFAULT: Any = object()


class _Field:
    __slots__ = ("name", "default", "factory", "compare")

    def __init__(
        self, name: str, default: Any, factory: Callable[[], Any] | None, compare: bool
    ) -> None:
        self.name = name
        self.default = default  # _NO_DEFAULT when the argument is required
        self.factory = factory
        self.compare = compare


class _FieldSpec:
    """What `field()` puts in the class body, replaced by the field when the class is made."""

    __slots__ = ("factory", "compare")

    def __init__(self, factory: Callable[[], Any], compare: bool) -> None:
        self.factory = factory
        self.compare = compare


def field(*, default_factory: Callable[[], T], compare: bool = True) -> T:
    """A default made anew for each instance (`dict`, `list`); `compare=False` leaves the field
    out of equality and hashing (a cache)."""
    return _FieldSpec(default_factory, compare)  # type: ignore[return-value]


@typing.dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: Class) -> Class:
    """Make `cls` an immutable value class of the fields it annotates."""
    fields: list[_Field] = []
    defaulted = False
    for name in cls.__dict__.get("__annotations__", {}):
        value = cls.__dict__.get(name, _NO_DEFAULT)
        if isinstance(value, _FieldSpec):
            fields.append(_Field(name, _NO_DEFAULT, value.factory, value.compare))
            delattr(cls, name)
        else:
            fields.append(_Field(name, value, None, True))
        if value is not _NO_DEFAULT:
            defaulted = True
        elif defaulted:
            raise TypeError(f"non-default argument '{name}' follows default argument")
    attributes = {
        "__frozen_fields__": tuple(fields),
        "__frozen_compared__": tuple(f.name for f in fields if f.compare),
        "__match_args__": tuple(f.name for f in fields),
        "__init__": _init,
        "__setattr__": _frozen,
        "__delattr__": _frozen,
        "__eq__": _equal,
        "__hash__": _hash,
        "__repr__": _repr,
    }
    for name, attribute in attributes.items():
        setattr(cls, name, attribute)
    return cls


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    fields: tuple[_Field, ...] = type(self).__frozen_fields__
    if len(args) > len(fields):
        raise TypeError(
            f"{type(self).__qualname__}() takes {len(fields)} positional arguments "
            f"but {len(args)} were given"
        )
    assign = object.__setattr__
    for field_, value in zip(fields, args, strict=False):  # the rest: by keyword or default
        if field_.name in kwargs:
            raise TypeError(
                f"{type(self).__qualname__}() got multiple values for argument '{field_.name}'"
            )
        assign(self, field_.name, value)
    for field_ in fields[len(args) :]:
        if field_.name in kwargs:
            value = kwargs.pop(field_.name)
        elif field_.factory is not None:
            value = field_.factory()
        elif field_.default is not _NO_DEFAULT:
            value = field_.default
        else:
            raise TypeError(
                f"{type(self).__qualname__}() missing required argument: '{field_.name}'"
            )
        assign(self, field_.name, value)
    if kwargs:
        raise TypeError(
            f"{type(self).__qualname__}() got an unexpected keyword argument '{next(iter(kwargs))}'"
        )


def _frozen(self: Any, name: str, value: Any = None) -> None:
    from dataclasses import FrozenInstanceError  # only on the error path

    raise FrozenInstanceError(f"cannot assign to field '{name}'")


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple([getattr(self, name) for name in type(self).__frozen_compared__])


def _equal(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in type(self).__frozen_fields__)
    return f"{type(self).__qualname__}({shown})"
