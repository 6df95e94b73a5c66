"""Whether every role owning a changed file approved a pull request's head commit: pure rules over
GitHub's reviews, the changed files and who owns them.

Stakeholders (logins and roles) count as of the pull request's base, so a pull request cannot make
its own author, or anyone else, an approver of itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agreekit.approvals.github_reviews import DECIDING
from agreekit.approvals.verify import Person
from agreekit.github import PullRequest, Review


def approving_roles(
    pull: PullRequest, reviews: Sequence[Review], people: Mapping[str, Person]
) -> dict[str, list[str]]:
    """role -> logins whose newest deciding review approves the head commit (not the author's)."""
    by_login = {p.github.lower(): p for p in people.values() if p.github}
    latest: dict[str, Review] = {}
    for review in sorted(reviews, key=lambda r: (r.submitted_at, r.id)):
        if review.state in DECIDING:
            latest[review.login.lower()] = review
    roles: dict[str, list[str]] = {}
    for login, review in sorted(latest.items()):
        person = by_login.get(login)
        fresh = review.state == "APPROVED" and review.commit == pull.head
        if person is not None and fresh and login != pull.author.lower():
            for role in person.roles:
                roles.setdefault(role, []).append(review.login)
    return roles


def missing_approvals(
    owners: Mapping[str, set[str]], approved: Mapping[str, list[str]]
) -> list[str]:
    """For each owning role without an approval of the head: which changed files need it."""
    needed: dict[str, list[str]] = {}
    for path, roles in sorted(owners.items()):
        for role in sorted(roles):
            if not approved.get(role):
                needed.setdefault(role, []).append(path)
    return [
        f"{role}: no approval of the head commit by a {role} stakeholder, needed for "
        f"{', '.join(paths[:5])}{' and more' if len(paths) > 5 else ''}"
        for role, paths in needed.items()
    ]
