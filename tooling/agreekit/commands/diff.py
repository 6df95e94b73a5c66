"""`agreekit diff OLD NEW`: a word-level redline of the agreement text between two revisions."""

from __future__ import annotations

import re
from pathlib import Path

import click

from agreekit.commands.common import (
    force_option,
    git_repository,
    in_repo,
    need_extra,
    repo_option,
    write_or_refuse,
)
from agreekit.errors import DONE, USAGE, Failure


def _name(revision: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", revision).strip("-") or "revision"


@click.command()
@click.argument("old")
@click.argument("new")
@repo_option
@click.option(
    "--output-dir",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site/redline"),
    show_default=True,
    help="Where to write OLD..NEW.html and OLD..NEW.md.",
)
@force_option
def command(old: str, new: str, repo: Path, output_dir: Path, force: bool) -> int:
    """Redline from OLD to NEW (tags, branches or commits): HTML with <ins>/<del>, and Markdown
    with CriticMarkup {++inserted++} and {--deleted--}."""
    return run(old, new, repo, output_dir, force)


def run(old: str, new: str, repo: Path, output_dir: Path, force: bool) -> int:
    """Write the word-level redline OLD..NEW as HTML and Markdown into `output_dir`."""
    need_extra("publish", "diff")
    from agreekit.publish.redline import (
        as_critic_markup,
        as_html_markup,
        html_page,
        redline,
        summary,
    )
    from agreekit.publish.revision import RevisionError, text_at
    from agreekit.text.limits import LimitError
    from agreekit.text.markup import published_html

    git_repository(repo, required="a redline compares two revisions in git")
    try:
        pieces = redline(text_at(repo, old), text_at(repo, new))
    except RevisionError as error:
        raise Failure(str(error), USAGE) from error
    folder = in_repo(repo, output_dir)
    stem = f"{_name(old)}..{_name(new)}"
    title = f"Changes from {old} to {new}"
    markdown_path, html_path = folder / f"{stem}.md", folder / f"{stem}.html"
    markdown = f"<!-- {title}: {summary(pieces)} -->\n\n{as_critic_markup(pieces)}"
    try:
        page = html_page(title, published_html(as_html_markup(pieces)))
    except LimitError as error:
        raise Failure(f"the redline {error}", USAGE) from None
    write_or_refuse({markdown_path: markdown, html_path: page}, force=force, repo=repo)
    click.echo(f"{title}: {summary(pieces)}")
    click.echo(f"  {html_path}\n  {markdown_path}")
    return DONE
