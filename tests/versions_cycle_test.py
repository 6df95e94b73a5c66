"""The workflow's cycle: the first version, a release, then an amendment with its next version."""

from __future__ import annotations

import json

from agreekit.versions import cycle, next_minor
from conftest import SampleRepo, git


def test_first_released_then_an_amendment(publishable: SampleRepo) -> None:
    repo = publishable
    assert cycle(repo.root).kind == "first"
    git(repo.root, "tag", "-a", "v1.0.0", "-m", "released")
    assert cycle(repo.root) == ("released", "v1.0.0", "v1.1.0")
    repo.replace("sections/constraints.md", "The Charges are fixed", "The Charges are agreed")
    git(repo.root, "commit", "-qam", "Amend the budget")
    assert cycle(repo.root) == ("amendment", "v1.0.0", "v1.1.0")
    result = repo.cli("status", "--json")
    assert json.loads(result.stdout)["cycle"] == {
        "kind": "amendment", "since": "v1.0.0", "next_version": "v1.1.0",
    }  # fmt: skip
    text = repo.cli("status").stdout
    assert text.startswith("Cycle: an amendment of v1.0.0; approvals and signatures start again")


def test_a_records_change_is_no_amendment(publishable: SampleRepo) -> None:
    repo = publishable
    git(repo.root, "tag", "-a", "v1.9.0", "-m", "released")
    repo.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    git(repo.root, "commit", "-qam", "The meeting was held")
    assert cycle(repo.root) == ("released", "v1.9.0", "v1.10.0")
    assert next_minor("v2.3.4") == "v2.4.0" and next_minor("v1") == "v1.1.0"
