"""A required heading holds text: an empty heading, list or checklist is AK102 at the heading."""

from __future__ import annotations

import pytest

from conftest import SampleRepo, only

COMMUNICATION = "sections/communication.md"


def empty_under(repo: SampleRepo, relative: str, heading: str, replacement: str) -> None:
    """Replace everything under `## heading`, up to the next heading, with `replacement`."""
    text = repo.read(relative)
    start = text.index(f"## {heading}\n") + len(f"## {heading}\n")
    end = text.find("\n## ", start)
    repo.write(relative, text[:start] + replacement + (text[end:] if end >= 0 else ""))


def ak102_at(repo: SampleRepo) -> list[tuple[str, int]]:
    return [(f.location.file, f.location.line) for f in only(repo.check().findings, "AK102")]


EMPTY_BODIES = [
    "\n",
    "\n<!-- say how often the parties meet -->\n",
    "\n<!--\nwrite this later\n-->\n",
    "\n- \n- \n",
    "\n- [ ]\n- [ ] \n",
    "\n1.\n2.\n",
    "\n---\n",
]


@pytest.mark.parametrize("body", EMPTY_BODIES, ids=range(len(EMPTY_BODIES)))
def test_an_empty_required_heading_is_102_at_the_heading(sample: SampleRepo, body: str) -> None:
    empty_under(sample, COMMUNICATION, "Communication frequency", body)
    assert ak102_at(sample) == [
        (f"agreement/{COMMUNICATION}", sample.line_of(COMMUNICATION, "## Communication frequency"))
    ]
    message = only(sample.check().findings, "AK102")[0].message
    assert message == (
        "the required heading 'Communication frequency' of section 'communication' has no text "
        "under it; write what the agreement says there"
    )


@pytest.mark.parametrize(
    ("relative", "heading"),
    [
        ("sections/service-needs.md", "Overview"),
        ("sections/service-needs.md", "Security"),
        ("sections/responsibilities.md", "Customer responsibilities"),
        ("sections/responsibilities.md", "Provider responsibilities"),
        ("sections/constraints.md", "External factors"),
        ("sections/communication.md", "Communication methods"),
    ],
)
def test_every_seed_field_the_profile_requires_must_hold_text(
    sample: SampleRepo, relative: str, heading: str
) -> None:
    empty_under(sample, relative, heading, "\n")
    found = ak102_at(sample)
    assert (f"agreement/{relative}", sample.line_of(relative, f"## {heading}")) in found


def test_text_in_a_subheading_is_content(sample: SampleRepo) -> None:
    empty_under(
        sample, COMMUNICATION, "Communication frequency", "\n### Monthly\n\nA service review.\n"
    )
    assert ak102_at(sample) == []


def test_one_filled_list_item_is_content(sample: SampleRepo) -> None:
    empty_under(sample, COMMUNICATION, "Communication frequency", "\n- [x] monthly review\n")
    assert ak102_at(sample) == []


def test_an_empty_required_heading_in_the_example(example: SampleRepo) -> None:
    empty_under(example, "sections/constraints.md", "Resources", "\n<!-- to do -->\n")
    assert ak102_at(example) == [
        (
            "agreement/sections/constraints.md",
            example.line_of("sections/constraints.md", "## Resources"),
        )
    ]


def test_a_heading_the_profile_does_not_require_may_be_empty(example: SampleRepo) -> None:
    empty_under(example, "sections/legal.md", "Notices", "\n")
    assert ak102_at(example) == []
