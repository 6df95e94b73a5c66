"""`agreekit approvals import-github`: turn a merged stage PR's approving reviews into records."""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreekit import git
from agreekit.approvals.content import content_id_of_tree
from agreekit.approvals.evidence import gather
from agreekit.approvals.github_reviews import counted_reviews, stage_of
from agreekit.approvals.recording import missing_stages, write_record
from agreekit.approvals.stages import BY_ID
from agreekit.commands.common import load_or_exit, repo_option
from agreekit.errors import DONE, Failure, refused
from agreekit.github import Client, GitHubError


@click.group()
def command() -> None:
    """Approval records: import them from GitHub."""


@command.command("import-github")
@repo_option
@click.option("--pr", "number", type=int, required=True, help="Pull request number.")
@click.option(
    "--slug",
    default=lambda: os.environ.get("GITHUB_REPOSITORY", ""),
    help="owner/name on GitHub (default: $GITHUB_REPOSITORY).",
)
def import_github(repo: Path, number: int, slug: str) -> int:
    """Record a merged pull request labelled stage:<id> as approval tags, one per counted review."""
    return run(repo, number, slug)


def run(repo: Path, number: int, slug: str) -> int:
    """Import pull request `number` of `slug`'s counted reviews as approval records."""
    if not slug:
        raise Failure("which repository? pass --slug owner/name or set GITHUB_REPOSITORY")
    agreement = load_or_exit(repo)
    client = Client.from_environment()
    try:
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
    tree_spec = f"{pull.merge_commit}:{agreement.directory}"
    tree = git.cat_objects(repo, [tree_spec]).get(tree_spec)
    if tree is None:
        raise Failure(f"merge commit {pull.merge_commit[:12]} is not in this clone; fetch it first")
    content = content_id_of_tree(tree.data, "sha256" if len(pull.merge_commit) == 64 else "sha1")
    evidence = gather(repo, agreement.directory)
    missing = missing_stages(stage, evidence.verdicts)
    if missing:
        raise refused(
            f"stage '{stage.id}' comes after {', '.join(missing)}, which has no valid approval yet"
        )
    taken = [v.record.name for v in evidence.verdicts]
    existing = {(v.record.stage, v.record.approver, v.record.source) for v in evidence.verdicts}
    sign = git.config(repo, "user.signingkey") is not None
    for item in counted:
        source = item.review.url or pull.url
        if (stage.id, item.approver.id, source) in existing:
            click.echo(f"already recorded: {item.approver.name} ({source})")
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
