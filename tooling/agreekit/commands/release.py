"""`agreekit release VERSION`: tag the signed text and bundle the final PDF, checksums and manifest.

It refuses unless `check` is clean, every approval verifies, feedback is closed and every signatory
signed the text at HEAD. The bundle goes to dist/VERSION/: the PDF (no DRAFT mark, signatures
listed), signatures.json and SHA256SUMS (`sha256sum -c SHA256SUMS` verifies it). A bundle is never
replaced: the folder is written beside dist/VERSION and renamed into place once complete.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreekit import git, versions
from agreekit.approvals.evidence import gather
from agreekit.checks.run import check_repository
from agreekit.commands.common import (
    approval_history_usable,
    git_repository,
    in_repo,
    need_extra,
    repo_option,
    usable_records,
    within,
)
from agreekit.errors import DONE, FINDINGS, Failure, refused
from agreekit.files import replaced_folder, write_atomic
from agreekit.report import as_text
from agreekit.versions import Version, is_version
from agreekit.workflow.release import (
    checksums,
    cycle_name,
    cycle_problems,
    manifest,
    release_problems,
    signed_by,
)


def _tag(repo: Path, version: str, head: str, message: str, sign: bool) -> None:
    """Create the version tag on HEAD, or accept it if it already marks HEAD."""
    existing = git.tag_commit(repo, version)
    if existing is not None:
        if existing != head:
            raise refused(f"tag {version} already marks another commit; choose a new version")
        return
    try:
        git.create_tag(repo, version, message, head, sign)
    except git.GitError as error:
        raise Failure(f"git could not create tag {version}: {error}") from error


@click.command()
@repo_option
@click.argument("version", required=False)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the release bundle (a subfolder per version).",
)
def command(repo: Path, version: str | None, output: Path) -> int:
    """Release the signed agreement as VERSION (default: the cycle's next version, v1.0.0 first)."""
    return run(repo, version, output)


def _version(repo: Path, asked: str | None) -> tuple[str, versions.Cycle]:
    """The version to release: the one asked for, or the cycle's next; never one at or below the
    last release, unless it is the tag HEAD already carries (its bundle written again)."""
    git_repository(repo, required="signatures and versions are git tags: run `git init` first")
    current = versions.cycle(repo) if git.head(repo) else versions.Cycle("first", None, "v1.0.0")
    last = current.since
    on_head = versions.released_at_head(repo) if current.kind == "released" else None
    if on_head is not None and asked in (None, on_head):
        return on_head, current
    version = asked or current.next_version
    if current.kind == "released":
        raise refused(
            f"the text is {last}'s, unchanged: there is nothing new to release; `agreekit amend` "
            "starts an amendment and `agreekit renew` a renewal"
        )
    if last is not None and versions.order_key(version) <= versions.order_key(last):
        raise refused(
            f"{version} is not after the last release, {last}: this {current.kind} is released "
            f"as {current.next_version}; run `agreekit release` without a version, or name a "
            "higher one"
        )
    return version, current


def run(repo: Path, version: str | None, output: Path) -> int:
    """Tag HEAD as `version` and write its bundle to output/VERSION, or list what refuses it."""
    if version is not None and not is_version(version):
        raise Failure(f"'{version}' is not a version like v1.0.0")
    need_extra("publish", "release")  # before the tag: the bundle's PDF needs WeasyPrint
    version, current = _version(repo, version)
    folder = in_repo(repo, output) / version
    if os.path.lexists(folder):
        raise Failure(
            f"{folder}: a release bundle is never replaced; move it away to release {version} again"
        )
    result = check_repository(repo)
    agreement = result.agreement
    if agreement is None:
        raise Failure(as_text(result.findings, "agreement/") + "\nThe agreement does not load.")
    # The bundle's file names come from agreement.yml: they must stay inside the bundle.
    base = f"{agreement.file.reference or 'agreement'}-{version}"
    within(folder, f"{base}.pdf", "the reference in agreement.yml makes the file name")
    usable_records(agreement)
    approval_history_usable(repo, agreement.directory)
    evidence = gather(repo, agreement.directory)
    problems = release_problems(agreement, result.findings, evidence)
    problems += cycle_problems(agreement, current, version)
    if problems:
        click.echo(f"Not released: {len(problems)} problem{'s' if len(problems) > 1 else ''}.")
        for problem in problems:
            click.echo(f"- {problem}")
        return FINDINGS
    assert evidence.head is not None and evidence.head_content is not None
    signed = signed_by(agreement, evidence.cycle_verdicts)
    names = ", ".join(s.name for s in signed)
    _tag(repo, version, evidence.head,
         f"{agreement.file.title} {version}\n\n{cycle_name(current)}\nSigned by {names}.\n"
         f"Content: {evidence.head_content}\n",
         evidence.signing_required)  # fmt: skip

    from agreekit.publish.document import document, xmp_description
    from agreekit.publish.pdf import contained_pdf
    from agreekit.text.render import RenderError

    click.echo(f"Writing the final PDF of {version}...", err=True)
    final = Version(version, True, evidence.head)
    html = document(agreement, final, evidence.head_content, signed)
    xmp = xmp_description(agreement, final, evidence.head_content)
    sections = repo / agreement.directory / "sections"
    try:
        pdf = contained_pdf(html, sections, agreement, archival=True, xmp=xmp)
    except RenderError as error:
        raise Failure(f"the PDF was not written: {error}") from None
    files = {f"{base}.pdf": pdf}
    from agreekit.publish.offline import offline_site
    from agreekit.publish.word import agreement_docx

    files[f"{base}.docx"] = agreement_docx(agreement, final, evidence.head_content, signed)
    if (repo / "mkdocs.yml").is_file():  # the site as a copy that works opened from disk
        files[f"{base}-site.zip"] = offline_site(repo, agreement, f"{base}-site")
    else:
        click.echo("No mkdocs.yml: the bundle carries no copy of the site.", err=True)
    files["signatures.json"] = manifest(agreement, version, evidence, signed, files).encode()
    with replaced_folder(folder) as staging:
        for name, data in files.items():
            write_atomic(staging / name, data)
        write_atomic(staging / "SHA256SUMS", checksums(files))
        if os.path.lexists(folder):  # appeared while the PDF was written: keep it
            raise Failure(f"{folder} appeared meanwhile; it is left as it is")
    click.echo(f"{cycle_name(current)}")
    click.echo(f"Released {version} to {folder}: {', '.join(files)} and SHA256SUMS.")
    return DONE
