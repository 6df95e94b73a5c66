"""`agreekit feedback`: compile all feedback, open items first; `--check` fails while any is open."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import click

from agreekit.commands.common import (
    force_option,
    in_repo,
    load_or_exit,
    repo_option,
    usable_records,
    write_or_refuse,
)
from agreekit.errors import DONE, FINDINGS, Failure
from agreekit.github import PagesError, items_of_pages
from agreekit.json_input import JsonProblem, read_bounded
from agreekit.workflow.feedback import (
    FeedbackInputError,
    as_html,
    as_markdown,
    compile_feedback,
    review_comments,
)


def _comment_files(path: Path) -> list[Path]:
    """A saved response file, or every *.json page in a folder, in name order."""
    if not path.is_dir():
        return [path]
    pages = sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
    if not pages:
        raise Failure(f"{path}: no *.json pages in this folder; save each page as a .json file")
    return pages


def read_comments(paths: tuple[Path, ...]) -> list[dict[str, Any]]:
    """Review comments from files or folders of pages, as `gh api` (--paginate, --slurp) saves
    them: each file read within limits (a regular file, 20 MB), each comment's shape checked."""
    comments: list[dict[str, Any]] = []
    for given in paths:
        for path in _comment_files(given):
            try:
                text = read_bounded(path).decode("utf-8")
                items = items_of_pages(text)
            except JsonProblem as error:
                raise Failure(
                    f"{error}; save GitHub's review comments response as it is"
                ) from error
            except UnicodeDecodeError as error:
                raise Failure(f"{path}: not UTF-8 text; save it as GitHub returned it") from error
            except PagesError as error:
                raise Failure(
                    f"{path}:{error}; save GitHub's review comments response as `gh api` writes it"
                ) from error
            try:
                comments += review_comments(items, str(path))
            except FeedbackInputError as error:
                raise Failure(str(error)) from error
    return comments


@click.command()
@repo_option
@click.option(
    "--comments",
    "comment_files",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A pull request's review comments as GitHub's REST API returns them: a file saved by "
    "`gh api` (with or without --paginate, --slurp), or a folder of such pages. Repeatable.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for feedback.md and feedback.html.",
)
@click.option("--check", "check_only", is_flag=True, help="Exit 1 while any item is open.")
@force_option
def command(
    repo: Path, comment_files: tuple[Path, ...], output: Path, check_only: bool, force: bool
) -> int:
    """Compile feedback from the records and imported review comments."""
    return run(repo, comment_files, output, check_only, force)


def run(
    repo: Path, comment_files: tuple[Path, ...], output: Path, check_only: bool, force: bool
) -> int:
    """Write dist/feedback.md and .html, or with `check_only` list the open items (1 if any)."""
    agreement = load_or_exit(repo)
    usable_records(agreement, "negotiation.yml", "legal-review.yml", "internal-review.yml")
    try:
        entries = compile_feedback(agreement, read_comments(comment_files))
    except FeedbackInputError as error:
        raise Failure(str(error)) from error
    open_entries = [e for e in entries if e.open]
    if check_only:
        for entry in open_entries:
            click.echo(f"open: {entry.section}: {entry.item_id} ({entry.origin}) {entry.text}")
        click.echo(f"{len(open_entries)} of {len(entries)} feedback items open.")
        return FINDINGS if open_entries else DONE
    markdown = as_markdown(agreement, entries)
    folder = in_repo(repo, output)
    page = as_html(markdown, html.escape(agreement.file.title))
    write_or_refuse(
        {folder / "feedback.md": markdown, folder / "feedback.html": page}, force=force, repo=repo
    )
    click.echo(f"wrote {folder / 'feedback.md'} and feedback.html: {len(open_entries)} open")
    return DONE
