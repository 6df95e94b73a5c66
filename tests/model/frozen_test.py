"""`@frozen` value classes behave as frozen dataclasses do: arguments in field order or by name,
defaults and per-instance factories, equality and hashing over compared fields, no assignment."""

import dataclasses

import pytest

from agreekit.model.frozen import field, frozen


@frozen
class Point:
    x: int
    y: int = 0
    cache: dict[str, int] = field(default_factory=dict, compare=False)


def test_arguments_by_position_or_name_with_defaults_and_factories() -> None:
    point = Point(1, y=2)
    assert (point.x, point.y, point.cache) == (1, 2, {})
    assert Point(x=3).y == 0
    assert Point(1).cache is not Point(1).cache  # a new dict each time
    assert Point.__match_args__ == ("x", "y", "cache")


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required argument: 'x'"),
        ((1, 2, {}, 5), {}, "takes 3 positional arguments but 4 were given"),
        ((1,), {"x": 2}, "got multiple values for argument 'x'"),
        ((1,), {"z": 2}, "got an unexpected keyword argument 'z'"),
    ],
)
def test_wrong_arguments_are_refused(args: tuple, kwargs: dict, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_equality_hash_and_repr_over_the_compared_fields() -> None:
    one, other = Point(1, 2, cache={"a": 1}), Point(1, 2)
    assert one == other and hash(one) == hash(other)
    assert one != Point(1, 3) and one != (1, 2)
    assert repr(other) == "Point(x=1, y=2, cache={})"


def test_assignment_is_refused() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x  # type: ignore[misc]


def test_a_required_field_after_a_default_is_refused_when_defined() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @frozen
        class Bad:
            a: int = 0
            b: int
