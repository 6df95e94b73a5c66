"""`agreekit announce`: a notice per department, as Markdown and as an email (.eml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agreekit import git
from agreekit.commands.common import (
    force_option,
    git_repository,
    in_repo,
    load_or_exit,
    repo_option,
    usable_records,
    version_label,
    write_or_refuse,
)
from agreekit.errors import DONE, FINDINGS, Failure
from agreekit.model.agreement import Agreement
from agreekit.versions import previous_version
from agreekit.workflow.notices import Changes, as_email, notices, planned


def changes_since(repo: Path, agreement: Agreement, since: str | None) -> Changes:
    if since is None:
        return Changes(None, ())
    names = git.changed_files(repo, since, f"{agreement.directory}/sections")
    if names is None:
        raise Failure(
            f"--since {since}: git does not know this revision; name a tag, branch or commit"
        )
    changed = {Path(name).name for name in names}
    titles = tuple(s.meta.title for s in agreement.sections if Path(s.path).name in changed)
    return Changes(since, titles)


@click.command()
@repo_option
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist/notices"),
    show_default=True,
    help="Folder for the notices.",
)
@click.option("--since", default=None, help="Revision to compare with (default: previous version).")
@force_option
def command(repo: Path, output: Path, since: str | None, force: bool) -> int:
    """Write each department's notice with its key terms and what changed."""
    return run(repo, output, since, force)


def run(repo: Path, output: Path, since: str | None, force: bool) -> int:
    """Write a notice per department (.md and .eml) into `output`."""
    agreement = load_or_exit(repo)
    git_repository(repo)  # none is fine (no versions to compare), but not one git refuses
    usable_records(agreement, "communication.yml")
    since = since or previous_version(repo)
    changes = changes_since(repo, agreement, since)
    folder = in_repo(repo, output)
    now = dt.datetime.now(dt.UTC)
    written = notices(agreement, version_label(repo), changes)
    files: dict[Path, str | bytes] = {}
    for notice in written:
        files[folder / f"{notice.department.id}.md"] = notice.markdown
        files[folder / f"{notice.department.id}.eml"] = bytes(as_email(notice, now))
    write_or_refuse(files, force=force, repo=repo)
    for notice in written:
        click.echo(f"wrote {folder / notice.department.id}.md and .eml")
    unsent = planned(agreement)[1]
    for left_out in unsent:
        click.echo(
            f"not written: department '{left_out.department.id}' {left_out.reason}", err=True
        )
    return FINDINGS if unsent else DONE
