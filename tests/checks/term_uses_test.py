"""Counting defined terms without a leading \\b finds exactly what \\b + pattern would."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agreekit.checks.legal_text import _terms_pattern, _uses

TERMS = ("Business Day", "Day", "Service", "Service Credit", "Agreement")


@given(
    st.lists(st.sampled_from([*TERMS, "X", "s", "es", " ", "-", "_", "é", "\n", "1"]), max_size=30)
)
def test_uses_match_the_word_boundary_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = _terms_pattern(TERMS)
    reference = re.compile(r"\b" + pattern.pattern)
    assert list(_uses(pattern, text)) == [m.group(0) for m in reference.finditer(text)]
