"""A GitHub repository ruleset for the default branch, in GitHub's REST / import format.

CODEOWNERS names owners per file, but any one owner on a line satisfies GitHub, so it cannot make
both management and legal approve a legal section. A ruleset's `pull_request` rule can: each entry
of `required_reviewers` is a team that must approve changes to its file patterns (fnmatch syntax).
The ruleset also requires the `check` status on an up-to-date branch, dismisses stale reviews,
requires the last push to be approved by someone else, and lets nobody bypass it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from agreekit.model.agreement import Agreement
from agreekit.text.codeowners import OWNING_ROLES
from agreekit.text.ownership import ownership, patterns_of

STATUS_CHECK = "check"


def ruleset(agreement: Agreement, team_ids: Mapping[str, int]) -> dict[str, Any]:
    """The ruleset as GitHub's "Create a repository ruleset" endpoint takes it."""
    table = ownership(agreement)
    reviewers = [
        {
            "file_patterns": patterns_of(table, role),
            "minimum_approvals": 1,
            "reviewer": {"id": team_ids[role], "type": "Team"},
        }
        for role in OWNING_ROLES
        if patterns_of(table, role)
    ]
    return {
        "name": f"agreekit: {agreement.file.reference or agreement.file.title} approvals",
        "target": "branch",
        "enforcement": "active",
        "bypass_actors": [],
        "conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
        "rules": [
            {"type": "deletion"},
            {"type": "non_fast_forward"},
            {
                "type": "pull_request",
                "parameters": {
                    "allowed_merge_methods": ["merge", "squash", "rebase"],
                    "dismiss_stale_reviews_on_push": True,
                    "require_code_owner_review": True,
                    "require_last_push_approval": True,
                    "required_approving_review_count": 1,
                    "required_review_thread_resolution": True,
                    "required_reviewers": reviewers,
                },
            },
            {
                "type": "required_status_checks",
                "parameters": {
                    "do_not_enforce_on_create": False,
                    "strict_required_status_checks_policy": True,
                    "required_status_checks": [{"context": STATUS_CHECK}],
                },
            },
        ],
    }


def ruleset_text(agreement: Agreement, team_ids: Mapping[str, int]) -> str:
    return json.dumps(ruleset(agreement, team_ids), indent=2) + "\n"
