"""`agreekit approve STAGE`: record an approval of HEAD's agreement text as an annotated git tag."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit import git
from agreekit.approvals.evidence import GitEvidence, gather
from agreekit.approvals.readiness import Approver, refusals
from agreekit.approvals.record import DECISIONS
from agreekit.approvals.recording import write_record
from agreekit.approvals.signing_key import configured_key
from agreekit.approvals.stages import APPROVABLE, BY_ID, Stage
from agreekit.commands.common import (
    approval_history_usable,
    git_repository,
    load_or_exit,
    repo_option,
)
from agreekit.errors import DONE, Failure, refused
from agreekit.model.agreement import Agreement
from agreekit.model.agreement_file import Stakeholder

# Content steps that must be clean before initial and legal; final and signature need `check` clean.
CLEAN_STEPS = tuple(range(1, 10))


def approver_of(agreement: Agreement, repo: Path, given: str | None) -> Stakeholder:
    if given:
        person = agreement.stakeholder(given)
        if person is None:
            raise Failure(f"--as {given}: not a stakeholder id in agreement/agreement.yml")
        return person
    email = (git.config(repo, "user.email") or "").lower()
    person = next((s for s in agreement.file.stakeholders if s.email.lower() == email), None)
    if person is None:
        raise Failure(
            f"git's user.email ({email or 'unset'}) is no stakeholder's email in agreement.yml; "
            "pass --as STAKEHOLDER_ID or set user.email"
        )
    return person


@click.command()
@repo_option
@click.argument("stage_id", metavar="STAGE", type=click.Choice([s.id for s in APPROVABLE]))
@click.option(
    "--as", "approver_id", help="Stakeholder id of the approver (default: by user.email)."
)
@click.option("--decision", type=click.Choice(DECISIONS), default="approved", show_default=True)
@click.option(
    "--source",
    default="local",
    show_default=True,
    help="Where it was given (a note: it never lifts a rule).",
)
def command(repo: Path, stage_id: str, approver_id: str | None, decision: str, source: str) -> int:
    """Record STAGE's approval of the agreement text at HEAD (signed if signers are configured)."""
    return run(repo, stage_id, approver_id, decision, source)


def _text_problems(repo: Path, stage: Stage, decision: str) -> list[str]:
    """Findings that the stage may not approve over (a rejection may always be recorded)."""
    from agreekit.checks.run import check_repository
    from agreekit.workflow.steps import DONE as STEP_DONE
    from agreekit.workflow.steps import step_states

    if decision != "approved" or stage.step == 0:
        return []
    result = check_repository(repo)
    if result.agreement is None:
        return ["the agreement does not load; run `agreekit check`"]
    if stage.id in ("final", "signature"):
        if result.findings:
            return [f"`agreekit check` reports {len(result.findings)} findings; fix them first"]
        return []
    status = step_states(
        result.agreement, result.findings, GitEvidence(None, None, None, False, ())
    )
    return [
        f"step {s.number} ({s.title}) is not done: {s.evidence}; step {stage.step} needs steps "
        "1-9 clean (`agreekit check`)"
        for s in status.steps
        if s.number in CLEAN_STEPS and s.state != STEP_DONE
    ]


def run(
    repo: Path, stage_id: str, approver_id: str | None, decision: str, source: str, **extra: str
) -> int:
    """Check that the approver may write the record now (as verify will judge it), then write it."""
    stage = BY_ID[stage_id]
    if not source.isprintable() or len(source) > 500:  # it becomes a line of the record
        raise Failure(f"--source {source[:60]!r}: write one line of text, such as the PR's URL")
    agreement = load_or_exit(repo)
    git_repository(repo, required="approvals are git tags: run `git init` and commit first")
    approval_history_usable(repo, agreement.directory)
    approver = approver_of(agreement, repo, approver_id)
    if stage.role and not approver.has_role(stage.role):
        raise refused(
            f"{approver.name} does not have the role '{stage.role}' that stage '{stage.id}' needs"
        )
    evidence = gather(repo, agreement.directory)
    if evidence.head is None or evidence.head_content is None:
        raise refused("nothing committed yet: commit the agreement, then approve it")
    if evidence.worktree_content != evidence.head_content:
        raise refused(
            "agreement/ has uncommitted changes: an approval covers committed text; commit first"
        )
    key, key_problem = configured_key(repo) if evidence.signing_required else (None, "")
    who = Approver(approver.id, approver.name, approver.email)
    problems = refusals(stage, who, evidence, key, key_problem)
    problems += _text_problems(repo, stage, decision)
    if problems:
        raise refused("; ".join([f"not recorded: {problems[0]}", *problems[1:]]))
    if stage.id == "revoke":
        extra = {"role": "management" if approver.has_role("management") else "", **extra}
    taken = [v.record.name for v in evidence.verdicts]
    try:
        name = write_record(
            repo, stage, approver.id, decision, evidence.head, evidence.head_content, source,
            sign=evidence.signing_required, taken=taken, **extra,
        )  # fmt: skip
    except ValueError as error:
        raise Failure(f"--source {source!r}: {error}") from error
    except git.GitError as error:
        raise Failure(f"git could not create the approval tag: {error}") from error
    signed = "signed " if evidence.signing_required else ""
    did = (
        "signed the agreement text"
        if stage.id == "signature" and decision == "approved"
        else f"{decision} '{stage.title}'"
    )
    click.echo(
        f"Recorded {signed}tag {name}: {approver.name} {did} for content "
        f"{evidence.head_content[:12]}."
    )
    return DONE
