"""git as plain subprocess calls: one process per question, bulk answers, never one per commit."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

APPROVAL_PREFIX = "refs/tags/approvals/"
Answer = TypeVar("Answer")


class GitError(Exception):
    """git failed; the message is git's own explanation."""


def _spawn(
    repo: Path, args: Sequence[str], stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The one place agreekit starts a git process (a test holds every other module to it)."""
    try:
        return subprocess.run(
            ["git", *args], cwd=repo, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise GitError("git is not installed or not on PATH") from error


def run(repo: Path, *args: str, stdin: bytes | None = None, check: bool = True) -> bytes:
    """git's output for `args`; GitError with git's reason if it fails (and `check`)."""
    result = _spawn(repo, args, stdin)
    if check and result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def text(repo: Path, *args: str) -> str:
    return run(repo, *args).decode("utf-8", "replace").strip()


def answer(repo: Path, *args: str) -> str | None:
    """Git's stripped output, or None where git fails or is missing (e.g. outside a repository)."""
    try:
        out = run(repo, *args)
    except GitError:
        return None
    return out.decode("utf-8", "replace").strip()


def init(folder: Path) -> None:
    """Make `folder` a new git repository."""
    run(folder, "init", "-q")


def is_repository(repo: Path) -> bool:
    try:
        return text(repo, "rev-parse", "--is-inside-work-tree") == "true"
    except GitError:
        return False


def head(repo: Path) -> str | None:
    """The commit HEAD points at, or None in a repository without commits."""
    out = run(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    return out.decode().strip() or None


def tags_at(repo: Path, pattern: str, revision: str = "HEAD") -> list[str]:
    """The tags matching `pattern` that point at `revision`, in no particular order."""
    out = run(repo, "tag", "--points-at", revision, "--list", pattern, check=False)
    return out.decode("utf-8", "replace").split()


def tags_merged(repo: Path, pattern: str, revision: str = "HEAD") -> list[str]:
    """The tags matching `pattern` whose commits `revision` contains, in no particular order."""
    out = run(repo, "tag", "--list", pattern, "--merged", revision, check=False)
    return out.decode("utf-8", "replace").split()


def head_and_tags(repo: Path, pattern: str) -> tuple[str, list[str]] | None:
    """HEAD's commit and its tags under refs/tags/`pattern`, in one process; None without commits."""
    decorated = answer(
        repo, "log", "-1", "--format=%H%x00%D", f"--decorate-refs=refs/tags/{pattern}"
    )
    if not decorated:
        return None
    commit, _, decorations = decorated.partition("\0")
    tags = [d.removeprefix("tag: ") for d in decorations.split(", ") if d.startswith("tag: ")]
    return commit, tags


def has_changes(repo: Path, path: str) -> bool:
    """Whether `path` has uncommitted changes (or untracked files) in the working tree."""
    return bool(answer(repo, "status", "--porcelain", "--", path))


def commit_of(repo: Path, revision: str) -> str | None:
    """The commit a revision someone typed names, or None. A revision is never an option to git
    (`--output=../x` would make `git diff` or `git archive` write a file): one that starts with
    `-` is refused, and git is told that options have ended."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        return None
    return answer(
        repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )


def changed_files(repo: Path, since: str, path: str) -> list[str] | None:
    """Files under `path` that differ between `since` and the working tree; None: unknown revision."""
    commit = commit_of(repo, since)
    names = None if commit is None else answer(repo, "diff", "--name-only", commit, "--", path)
    return None if names is None else names.splitlines()


def tag_commit(repo: Path, name: str) -> str | None:
    """The commit tag `name` marks, or None if there is no such tag."""
    out = run(repo, "rev-parse", "--verify", "--quiet", f"refs/tags/{name}^{{commit}}", check=False)
    return out.decode().strip() or None


def archive(repo: Path, revision: str, path: str) -> bytes:
    """`path` at `revision` as a tar archive; GitError with git's last line if it cannot."""
    commit = commit_of(repo, revision)
    if commit is None:
        raise GitError(f"no commit '{revision}' (a tag, branch or commit)")
    try:
        return run(repo, "archive", "--format=tar", f"{commit}:", path)
    except GitError as error:
        lines = str(error).splitlines()
        raise GitError(lines[-1] if lines else "git archive failed") from None


def config(repo: Path, key: str) -> str | None:
    out = run(repo, "config", "--get", key, check=False).decode().strip()
    return out or None


class TagRef(NamedTuple):
    """One ref under refs/tags/approvals/ with its message, as for-each-ref reports it."""

    ref: str
    annotated: bool
    commit: str
    tagger_email: str
    tagger_time: int
    body: str
    signature: str
    object: str = ""  # the tag object's id (annotated tags), which a signature covers


_TAG_FORMAT = "%1f".join(
    [
        "%(refname)",
        "%(objecttype)",
        "%(objectname)",
        "%(*objectname)",
        "%(taggeremail)",
        "%(taggerdate:unix)",
        "%(contents:body)",
        "%(contents:signature)",
    ]
)


class RefName(NamedTuple):
    ref: str
    object: str  # the tag object for an annotated tag, else the commit
    annotated: bool


def approval_refs(repo: Path, prefix: str = APPROVAL_PREFIX) -> list[RefName]:
    """Every approval tag's name and object, without reading the objects: a cheap listing."""
    out = run(repo, "for-each-ref", "--format=%(refname) %(objecttype) %(objectname)", prefix)
    refs = []
    for line in out.decode("utf-8", "replace").splitlines():
        ref, kind, name = line.rsplit(" ", 2)
        refs.append(RefName(ref, name, kind == "tag"))
    return refs


def approval_tags(repo: Path, prefix: str | Sequence[str] = APPROVAL_PREFIX) -> list[TagRef]:
    """Approval tags (all under `prefix`, or the refs named) with message and signature, in one
    git process."""
    patterns = [prefix] if isinstance(prefix, str) else list(prefix)
    if not patterns:
        return []
    out = run(repo, "for-each-ref", f"--format={_TAG_FORMAT}%1e", *patterns)
    tags = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) != 8:
            continue
        ref, kind, name, peeled, email, when, body, signature = fields
        annotated = kind == "tag"
        tags.append(
            TagRef(
                ref=ref,
                annotated=annotated,
                commit=peeled if annotated else name,
                tagger_email=email.strip("<>"),
                tagger_time=int(when) if when.isdigit() else 0,
                body=body,
                signature=signature,
                object=name if annotated else "",
            )
        )
    return tags


def git_folder(repo: Path) -> Path | None:
    """The repository's git folder (shared by its worktrees), where agreekit keeps its caches."""
    dot_git = repo / ".git"
    if dot_git.is_dir():
        return dot_git
    folder = answer(repo, "rev-parse", "--path-format=absolute", "--git-common-dir")
    return Path(folder) if folder else None


def in_background(work: Callable[[], Answer]) -> Callable[[], Answer]:
    """Start `work` (a git question) on a thread; the returned function waits for its answer.

    git runs as its own process, so two questions asked this way are answered at the same time.
    """
    answer: list[Answer] = []
    failure: list[BaseException] = []

    def run_work() -> None:
        try:
            answer.append(work())
        except BaseException as error:  # handed to the caller, who asked the question
            failure.append(error)

    thread = threading.Thread(target=run_work, daemon=True)
    thread.start()

    def wait() -> Answer:
        thread.join()
        if failure:
            raise failure[0]
        return answer[0]

    return wait


class GitObject(NamedTuple):
    kind: str
    data: bytes


def cat_objects(repo: Path, specs: Sequence[str]) -> dict[str, GitObject | None]:
    """Many objects (`rev:path`, commits, trees) in one `git cat-file --batch` process."""
    if not specs:
        return {}
    out = run(repo, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode())
    found: dict[str, GitObject | None] = {}
    position = 0
    for spec in specs:
        end = out.index(b"\n", position)
        header = out[position:end].decode()
        position = end + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            found[spec] = None
            continue
        _, kind, size = header.rsplit(" ", 2)
        found[spec] = GitObject(kind, out[position : position + int(size)])
        position += int(size) + 1
    return found


def history(repo: Path, tip: str | None = None) -> dict[str, tuple[str, ...]]:
    """Every commit reachable from `tip` (HEAD) with its parents, from one `git rev-list`.

    In topological order, children before their parents."""
    tip = tip or head(repo)
    if tip is None:
        return {}
    graph: dict[str, tuple[str, ...]] = {}
    for line in text(repo, "rev-list", "--parents", "--topo-order", tip).splitlines():
        commit, *parents = line.split()
        graph[commit] = tuple(parents)
    return graph


def create_tag(repo: Path, name: str, message: str, commit: str, sign: bool) -> None:
    run(repo, "tag", "-s" if sign else "-a", "-F", "-", name, commit, stdin=message.encode())


class Signature(NamedTuple):
    good: bool
    principal: str
    detail: str


_GOOD = re.compile(r'Good "git" signature for (\S+) with')


def verify_tag(repo: Path, ref: str, allowed_signers: str) -> Signature:
    """Check a tag's SSH signature against the given allowed-signers text (not the config's)."""
    handle, path = tempfile.mkstemp(prefix="agreekit-signers-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(allowed_signers)
        result = _spawn(
            repo,
            ["-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={path}", "verify-tag", ref],
        )
    finally:
        os.unlink(path)
    stderr = result.stderr.decode("utf-8", "replace")
    match = _GOOD.search(stderr)
    if result.returncode == 0 and match:
        return Signature(True, match.group(1), "")
    detail = stderr.strip().splitlines()
    return Signature(False, "", detail[-1] if detail else "signature does not verify")
