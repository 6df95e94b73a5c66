"""Which reviews of a merged pull request are approvals of a stage: pure rules over GitHub's data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from agreekit.github import PullRequest, Review
from agreekit.model.agreement_file import Stakeholder

STAGE_LABEL = "stage:"
# States that change a reviewer's verdict; COMMENTED and PENDING leave it as it was.
DECIDING = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")


class Counted(NamedTuple):
    approver: Stakeholder
    review: Review


def stage_of(pull: PullRequest) -> list[str]:
    return [
        label.removeprefix(STAGE_LABEL) for label in pull.labels if label.startswith(STAGE_LABEL)
    ]


def counted_reviews(
    pull: PullRequest, reviews: Sequence[Review], role: str, people: Sequence[Stakeholder]
) -> tuple[list[Counted], list[str]]:
    """The approving reviews that count, and why each other reviewer's does not."""
    by_login = {p.github.lower(): p for p in people if p.github}
    latest: dict[str, Review] = {}
    for review in sorted(reviews, key=lambda r: (r.submitted_at, r.id)):
        if review.state in DECIDING:
            latest[review.login.lower()] = review
    counted: list[Counted] = []
    skipped: list[str] = []
    for login, review in sorted(latest.items()):
        person = by_login.get(login)
        if review.state != "APPROVED":
            skipped.append(f"@{review.login}: last review is {review.state.lower()}")
        elif login == pull.author.lower():
            skipped.append(f"@{review.login}: approved their own pull request")
        elif person is None:
            skipped.append(f"@{review.login}: not a stakeholder's github handle in agreement.yml")
        elif role not in person.roles:
            skipped.append(f"@{review.login}: {person.name} does not have the role '{role}'")
        elif review.commit != pull.head:
            skipped.append(f"@{review.login}: approved {review.commit[:12]}, not the merged head")
        else:
            counted.append(Counted(person, review))
    return counted, skipped
