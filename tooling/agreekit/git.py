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


def commit_id(repo: Path, revision: str) -> str | None:
    """The commit a revision names, or None."""
    out = run(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    return out.decode().strip() or None


def ssh_public_key(private_key: Path) -> str | None:
    """The public half of the SSH key git's `user.signingkey` names as a private key file, as
    `ssh-keygen -y` gives it (never prompting: no passphrase, no input), or None."""
    try:
        result = subprocess.run(
            ["ssh-keygen", "-y", "-P", "", "-f", str(private_key)],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


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


class RefName(NamedTuple):
    ref: str
    object: str  # the tag object for an annotated tag, else the commit
    annotated: bool


def approval_refs(repo: Path, prefix: str = APPROVAL_PREFIX) -> list[RefName]:
    """Every approval tag's name and object id, without reading the objects.

    Fields are NUL-separated and a ref name can hold neither NUL nor a newline (git refuses control
    characters in ref names), so no text inside a tag can make a field or record boundary: the
    tag objects themselves are read by id (`cat_objects`) and parsed one by one."""
    out = run(repo, "for-each-ref", "--format=%(refname)%00%(objecttype)%00%(objectname)", prefix)
    refs = []
    for line in out.split(b"\n"):
        fields = line.split(b"\0")
        if len(fields) == 3:
            ref, kind, name = (field.decode("utf-8", "replace") for field in fields)
            refs.append(RefName(ref, name, kind == "tag"))
    return refs


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


def object_ids(repo: Path, specs: Sequence[str]) -> dict[str, str | None]:
    """The object id each `rev:path` names (None where missing), from one `cat-file --batch-check`:
    cheap enough to ask of every commit in a long history."""
    if not specs:
        return {}
    out = run(
        repo,
        "cat-file",
        "--batch-check=%(objectname)",
        stdin="".join(f"{s}\n" for s in specs).encode(),
    )
    lines = out.decode("utf-8", "replace").split("\n")
    found: dict[str, str | None] = {}
    for spec, line in zip(specs, lines, strict=False):
        found[spec] = None if line.endswith((" missing", " ambiguous")) or " " in line else line
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


def verify_tag(repo: Path, tag_object: str, allowed_signers: str) -> Signature:
    """Check a tag object's SSH signature against the given allowed-signers text (not the
    config's). By object id, not ref name: a ref moved meanwhile cannot swap what is checked."""
    handle, path = tempfile.mkstemp(prefix="agreekit-signers-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(allowed_signers)
        result = _spawn(
            repo,
            [
                "-c",
                "gpg.format=ssh",
                "-c",
                f"gpg.ssh.allowedSignersFile={path}",
                "verify-tag",
                tag_object,
            ],
        )
    finally:
        os.unlink(path)
    stderr = result.stderr.decode("utf-8", "replace")
    match = _GOOD.search(stderr)
    if result.returncode == 0 and match:
        return Signature(True, match.group(1), "")
    detail = stderr.strip().splitlines()
    return Signature(False, "", detail[-1] if detail else "signature does not verify")


class RepositoryProblem(NamedTuple):
    """Why git cannot work in a folder: `missing` (no repository there) or `unusable`."""

    kind: str
    message: str  # names the folder or variable, what is wrong and the fix


def repository_problem(repo: Path) -> RepositoryProblem | None:
    """None inside a git working tree; otherwise the state named, with what to do about it."""
    where = os.path.abspath(repo)
    if not os.path.isdir(repo):
        return RepositoryProblem("unusable", f"{where}: no such folder; pass --repo the repository")
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=repo,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return RepositoryProblem("unusable", "git is not installed or not on PATH; install git")
    except OSError as error:
        return RepositoryProblem("unusable", f"{where}: cannot run git here: {error.strerror}")
    said = result.stderr.decode("utf-8", "replace")
    if result.returncode == 0:
        if result.stdout.strip() == b"true":
            return None
        return RepositoryProblem(
            "unusable", f"{where}: inside a git folder, not a working tree; run from the clone"
        )
    if "dubious ownership" in said:
        return RepositoryProblem(
            "unusable",
            f"{where}: git refuses a repository another user owns (dubious ownership); if you "
            f"trust it, run: git config --global --add safe.directory {where}",
        )
    git_dir = os.environ.get("GIT_DIR")
    if git_dir:
        return RepositoryProblem(
            "unusable",
            f"GIT_DIR={git_dir}: git finds no repository there; unset GIT_DIR or point it at "
            "the repository's .git folder",
        )
    if "not a git repository" in said:
        return RepositoryProblem("missing", f"{where}: not a git repository")
    first = said.strip().splitlines()[0] if said.strip() else "git rev-parse failed"
    return RepositoryProblem("unusable", f"{where}: git cannot read the repository: {first}")


def is_shallow(repo: Path) -> bool:
    """True in a shallow clone, whose history stops short of the first commit."""
    return answer(repo, "rev-parse", "--is-shallow-repository") == "true"


_BROKEN_REF = re.compile(r"(?:ignoring broken ref|missing object \S+ for) (\S+)")


def broken_refs(repo: Path, prefix: str = APPROVAL_PREFIX) -> list[str]:
    """Refs under `prefix` git cannot read: a corrupt ref file, or one naming a missing object."""
    result = subprocess.run(
        ["git", "for-each-ref", "--format=%(refname) %(objecttype)", prefix],
        cwd=repo, capture_output=True, check=False,
    )  # fmt: skip
    said = result.stderr.decode("utf-8", "replace")
    return sorted(set(_BROKEN_REF.findall(said)))


def submodules(repo: Path, directory: str) -> list[str]:
    """Paths of git submodules (gitlinks) committed or staged under `directory`."""
    out = run(repo, "ls-files", "--stage", "-z", "--", directory, check=False)
    found = []
    for entry in out.split(b"\0"):
        if entry.startswith(b"160000 "):
            found.append(entry.split(b"\t", 1)[1].decode("utf-8", "replace"))
    return found
