"""The plain-English lists: every entry is found, across line wraps, and each suggests a plain form."""

from __future__ import annotations

import pytest

from agreekit.checks.plain_english import ENTRIES, find_phrases


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: " ".join(e.words))
def test_every_entry_is_found_in_a_sentence_and_wrapped(entry: object) -> None:
    words = entry.words  # type: ignore[attr-defined]
    phrase = " ".join(words)
    for text in (f"Then {phrase} the rest.", f"Then {phrase.replace(' ', chr(10) + '  ', 1)} x."):
        found = [p for p in find_phrases(text) if p.start == 5]
        assert found, (phrase, text)
        assert found[0].advice


def test_each_phrase_is_still_found() -> None:
    text = "The Provider shall act forthwith, prior to the review, two (2) times, aforementioned."
    found = [phrase.text for phrase in find_phrases(text)]
    assert found == ["forthwith", "prior to", "two (2)", "aforementioned"]


@pytest.mark.parametrize(
    "doubled",
    [
        "eighteen (18)",
        "forty-five (45)",
        "one thousand (1,000)",
        "30 (thirty)",
        "ten per cent (10%)",
        "Twenty-One (21)",
        "five hundred pounds (£500)",
    ],
)
def test_doubled_numbers(doubled: str) -> None:
    assert [p.text for p in find_phrases(f"Pay within {doubled} days.")] == [doubled]


@pytest.mark.parametrize(
    "text",
    [
        "The Provider is liable, whereas the Customer is not.",
        "The Provider is liable,\nwhereas the Customer is not.",
        "within 30 days (see the table)",
        "clause (2) applies",
        "a term of two years (24 months)",
    ],
)
def test_plain_uses_are_left_alone(text: str) -> None:
    assert list(find_phrases(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Whereas the Customer needs support.",
        "WHEREAS the Customer needs support;",
        "- whereas the Customer needs support;",
        "Background.\n\nwhereas the Customer",
    ],
)
def test_whereas_opening_a_recital_or_sentence(text: str) -> None:
    assert [p.text.lower() for p in find_phrases(text)] == ["whereas"]
