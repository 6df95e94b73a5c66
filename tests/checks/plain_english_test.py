"""The plain-English table's fast test never skips a text its pattern would match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreekit.checks.plain_english import STARTS, TABLE, find_phrases


@given(st.data())
def test_every_match_contains_a_literal_start(data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(TABLE) - 1))
    regex, _ = TABLE[index]
    text = data.draw(st.from_regex(re.compile(regex), fullmatch=True))
    assert any(start in text for start in STARTS[index]), (regex, text)


def test_each_phrase_is_still_found() -> None:
    text = "The Provider shall act forthwith, prior to the review, two (2) times, aforementioned."
    found = [phrase.text for phrase in find_phrases(text)]
    assert found == ["forthwith", "prior to", "two (2)", "aforementioned"]
