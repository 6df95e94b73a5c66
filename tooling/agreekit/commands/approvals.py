"""`agreekit approvals import-github` turns a merged stage PR's approving reviews into records;
`agreekit approvals check-reviews` checks that every role owning a changed file approved the head."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import click

from agreekit import git
from agreekit.approvals.content import content_id_of_tree
from agreekit.approvals.evidence import gather, legal_files_at, people_at
from agreekit.approvals.github_reviews import counted_reviews, stage_of
from agreekit.approvals.recording import missing_stages, write_record
from agreekit.approvals.review_check import approving_roles, missing_approvals
from agreekit.approvals.signing_key import configured_key
from agreekit.approvals.stages import BY_ID
from agreekit.commands.common import (
    approval_history_usable,
    git_repository,
    load_or_exit,
    repo_option,
)
from agreekit.errors import DONE, FINDINGS, Failure, refused
from agreekit.github import Client, GitHubError
from agreekit.text.ownership import ownership, roles_owning

SLUG = re.compile(r"[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")


def pull_request_options(function: Callable[..., int]) -> Callable[..., int]:
    """--repo, --pr and --slug, as every command about one pull request takes them."""
    for option in reversed(
        (
            repo_option,
            click.option("--pr", "number", type=int, required=True, help="Pull request number."),
            click.option(
                "--slug",
                default=lambda: os.environ.get("GITHUB_REPOSITORY", ""),
                help="owner/name on GitHub (default: $GITHUB_REPOSITORY).",
            ),
        )
    ):
        function = option(function)
    return function


def checked_slug(slug: str) -> None:
    """Stop (exit 2) unless `slug` names a GitHub repository as owner/name."""
    if not slug:
        raise Failure("which repository? pass --slug owner/name or set GITHUB_REPOSITORY")
    if not SLUG.fullmatch(slug):
        raise Failure(f"--slug {slug[:80]!r}: not a GitHub repository name; write owner/name")


@click.group()
def command() -> None:
    """Approval records and reviews on GitHub: import them, or check them on a pull request."""


def _merged_content(repo: Path, merged: str, head: str, directory: str, number: int) -> str:
    """The content id the merge put on the branch, refusing when it is not the text reviewed:
    another change that landed before the merge was never approved in this pull request."""
    specs = [f"{merged}:{directory}", f"{head}:{directory}"]
    trees = git.cat_objects(repo, specs)
    merged_tree, head_tree = trees.get(specs[0]), trees.get(specs[1])
    if merged_tree is None:
        raise Failure(f"merge commit {merged[:12]} is not in this clone; fetch it first")
    if head_tree is None:
        raise Failure(
            f"the reviewed head {head[:12]} of #{number} is not in this clone; "
            f"`git fetch origin pull/{number}/head` first"
        )
    algorithm = "sha256" if len(merged) == 64 else "sha1"
    content = content_id_of_tree(merged_tree.data, algorithm)
    reviewed = content_id_of_tree(head_tree.data, algorithm)
    if content != reviewed:
        raise refused(
            f"the merge of #{number} ({merged[:12]}) holds other agreement text ({content[:12]}) "
            f"than the reviewed head {head[:12]} ({reviewed[:12]}): a change landed in between. "
            "Not recorded; require branches to be up to date before merging, and approve again"
        )
    return content


@command.command("import-github")
@pull_request_options
def import_github(repo: Path, number: int, slug: str) -> int:
    """Record a merged pull request labelled stage:<id> as approval tags, one per counted review."""
    return run(repo, number, slug)


def run(repo: Path, number: int, slug: str) -> int:
    """Import pull request `number` of `slug`'s counted reviews as approval records."""
    checked_slug(slug)
    agreement = load_or_exit(repo)
    try:
        client = Client.from_environment()
        pull = client.pull_request(slug, number)
        reviews = client.reviews(slug, number)
    except (GitHubError, KeyError, TypeError, ValueError) as error:
        raise Failure(f"could not read pull request #{number} of {slug}: {error}") from error
    if not pull.merged:
        raise refused(f"pull request #{number} is not merged; only merged changes are approved")
    stages = stage_of(pull)
    if len(stages) != 1 or stages[0] not in BY_ID:
        raise refused(
            f"pull request #{number} needs exactly one label stage:<id> with id in {', '.join(BY_ID)}"
        )
    stage = BY_ID[stages[0]]
    counted, skipped = counted_reviews(pull, reviews, stage.role, agreement.file.stakeholders)
    for reason in skipped:
        click.echo(f"not counted: {reason}")
    if not counted:
        raise refused(
            f"no review of #{number} counts as a {stage.role} approval of stage '{stage.id}'"
        )
    git_repository(repo, required="approvals are git tags: run it in a clone of the repository")
    approval_history_usable(repo, agreement.directory)
    content = _merged_content(repo, pull.merge_commit, pull.head, agreement.directory, number)
    evidence = gather(repo, agreement.directory)
    missing = missing_stages(stage, evidence.verdicts)
    if missing:
        raise refused(
            f"stage '{stage.id}' comes after {', '.join(missing)}, which has no valid approval yet"
        )
    taken = [v.record.name for v in evidence.verdicts]
    existing = {(v.record.stage, v.record.approver, v.record.source) for v in evidence.verdicts}
    sign = evidence.signing_required
    if sign:
        _, setup = configured_key(repo)
        if setup:
            raise refused(
                "records must be signed here (an allowed-signers file is in force), but the "
                f"recorder cannot sign: {setup}; add the recorder's key (AGREEKIT_RECORDER_KEY)"
            )
    # Authority is read as of the merge's first parent, as verify reads it.
    before = people_at(repo, f"{pull.merge_commit}^", agreement.directory) or {}
    for item in counted:
        source = item.review.url or pull.url
        if (stage.id, item.approver.id, source) in existing:
            click.echo(f"already recorded: {item.approver.name} ({source})")
            continue
        person = before.get(item.approver.id)
        if person is None or stage.role not in person.roles:
            click.echo(
                f"not recorded: {item.approver.name} is not a {stage.role} stakeholder before the "
                "merge: merge the stakeholder change first, then approve in a later pull request"
            )
            continue
        try:
            name = write_record(
                repo, stage, item.approver.id, "approved", pull.merge_commit, content, source,
                sign=sign, taken=taken,
            )  # fmt: skip
        except git.GitError as error:
            raise Failure(f"git could not create the approval tag: {error}") from error
        taken.append(name)
        click.echo(f"Recorded {name}: {item.approver.name} approved '{stage.title}' in #{number}.")
    return DONE


@command.command("check-reviews")
@pull_request_options
def check_reviews(repo: Path, number: int, slug: str) -> int:
    """Exit 1 unless every role owning a changed file approved the pull request's head commit."""
    return run_check_reviews(repo, number, slug)


def run_check_reviews(repo: Path, number: int, slug: str) -> int:
    """Read the pull request's reviews and changed files; 1 if an owning role has not approved."""
    checked_slug(slug)
    agreement = load_or_exit(repo)
    client = Client.from_environment()
    try:
        pull = client.pull_request(slug, number)
        reviews = client.reviews(slug, number)
        files = client.changed_files(slug, number)
    except (GitHubError, KeyError, TypeError, ValueError) as error:
        raise Failure(f"could not read pull request #{number} of {slug}: {error}") from error
    people = people_at(repo, pull.base, agreement.directory) if pull.base else None
    if people is None:
        raise Failure(
            f"the base {pull.base[:12] or '(unknown)'} of #{number} is not in this clone; check "
            "out with fetch-depth: 0"
        )
    table = ownership(agreement)
    legal_before = {
        f"{agreement.directory}/sections/{name}"
        for name in legal_files_at(repo, pull.base, agreement.directory)
    }  # a pull request cannot drop legal from a section's owners to skip legal's review
    owners = {
        path: roles_owning(table, path) | ({"legal"} if path in legal_before else set())
        for path in files
    }
    owners = {path: roles for path, roles in owners.items() if roles}
    approved = approving_roles(pull, reviews, people)
    for role, logins in sorted(approved.items()):
        click.echo(f"{role}: approved {pull.head[:12]} by {', '.join('@' + x for x in logins)}")
    missing = missing_approvals(owners, approved)
    for line in missing:
        click.echo(f"missing: {line}")
    if missing:
        return FINDINGS
    click.echo(f"Every role owning a changed file of #{number} approved its head {pull.head[:12]}.")
    return DONE
