"""The bad-input corpus for every command: each run plants one defect and runs one command.

A run names what the command must do: its exit code (README, "Exit codes": 1 findings or refused
by a rule, 2 usage error or unreadable input), a text its message must show (the file, the
variable, the git state...), and the outputs it may write (nothing else may change). Wording is
otherwise free to change.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from bad_input.cases import alias_bomb, both, directory, fifo, replace, write
from conftest import SAMPLE

Plant = Callable[[Path], None]

AGREEMENT = "agreement/agreement.yml"
SERVICE_LEVELS = "agreement/sections/service-levels.md"
NEGOTIATION = "agreement/records/negotiation.yml"
LEGAL_REVIEW = "agreement/records/legal-review.yml"
INTERNAL_REVIEW = "agreement/records/internal-review.yml"
SIGNING = "agreement/records/signing.yml"
COMMUNICATION = "agreement/records/communication.yml"
RECORDS = "agreement/records"
SLUG = "harbourside-housing/itsa"


def nothing(root: Path) -> None:
    """No defect: the run's input (an argument, a variable) is the bad part."""


class Run(NamedTuple):
    name: str
    args: tuple[str, ...]
    exit: int
    shows: str | tuple[str, ...]  # what the output must contain: the file (and line), the
    # variable or the git state, and maybe what is wrong
    plant: Plant = nothing
    fixture: str = "git"  # git: the sample committed with mkdocs.yml; plain: no git
    env: dict[str, str] = {}
    outputs: tuple[str, ...] = ()  # paths (prefixes) the run may write
    api: dict[str, list[Any]] | None = None  # GitHub routes served while it runs
    unprivileged: bool = False  # needs file modes to bind (root's override dropped)


def remove(relative: str) -> Plant:
    """Delete the file or folder at `relative`."""

    def plant(root: Path) -> None:
        import shutil

        path = root / relative
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()

    return plant


def git(*args: str) -> Plant:
    def plant(root: Path) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)

    return plant


def chmod(relative: str, mode: int) -> Plant:
    def plant(root: Path) -> None:
        os.chmod(root / relative, mode)

    return plant


def fill(relative: str, data: bytes) -> Plant:
    """Write `data` at `relative` (any folder made first)."""
    return write(relative, data)


def make_folder(relative: str) -> Plant:
    def plant(root: Path) -> None:
        (root / relative).mkdir(parents=True, exist_ok=True)

    return plant


def link(relative: str, target: str) -> Plant:
    """A symbolic link at `relative` to `target` (absolute, or relative to the root's parent)."""

    def plant(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if target.startswith("/"):
            path.symlink_to(target)
            return
        outside = root.parent / target
        if "." not in target:  # a folder beside the repository, for the link to lead into
            outside.mkdir(exist_ok=True)
        path.symlink_to(outside)

    return plant


def shallow(root: Path) -> None:
    """Replace the repository with a shallow clone of itself, one commit deep."""
    import shutil

    full = root.parent / "full"
    root.rename(full)
    git("commit", "-q", "--allow-empty", "-m", "second")(full)
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{full}", str(root)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    shutil.rmtree(full)


def approved(root: Path) -> None:
    """An (unsigned) approval tag of the sample's initial stage on HEAD."""
    message = "initial approved\n\nAgreekit-Stage: initial\n"
    git("tag", "-a", "-m", message, "approvals/initial/1")(root)


def corrupt_ref(root: Path) -> None:
    """An approval ref whose file holds no object id."""
    path = root / ".git" / "refs" / "tags" / "approvals" / "initial" / "1"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is not an object id\n")


def dangling_ref(root: Path) -> None:
    """An approval ref pointing at an object that does not exist."""
    path = root / ".git" / "refs" / "tags" / "approvals" / "initial" / "1"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("1234567890123456789012345678901234567890\n")


def owned_by_another_user(root: Path) -> None:
    """The repository belongs to `nobody`: git sees dubious ownership."""
    for folder, directories, names in os.walk(root):
        for name in [*directories, *names]:
            os.lchown(Path(folder) / name, 65534, 65534)
    os.lchown(root, 65534, 65534)


def no_commits(root: Path) -> None:
    import shutil

    shutil.rmtree(root / ".git")
    git("init", "-q", "-b", "main")(root)


def not_git(root: Path) -> None:
    import shutil

    shutil.rmtree(root / ".git")


def submodule(root: Path) -> None:
    """agreement/vendor is a git submodule (another repository) committed in the agreement."""
    inner = root.parent / "inner"
    inner.mkdir()
    git("init", "-q", "-b", "main")(inner)
    (inner / "notes.md").write_text("notes\n")
    git("add", "-A")(inner)
    git("commit", "-q", "-m", "inner")(inner)
    git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner),
        "agreement/vendor")(root)  # fmt: skip
    git("commit", "-q", "-m", "vendor notes")(root)


def nested(depth: int, opening: str = "[", closing: str = "]") -> bytes:
    return (opening * depth + closing * depth).encode()


def comments(data: Any) -> bytes:
    return json.dumps(data).encode()


def review_comment(**overrides: Any) -> dict[str, Any]:
    """A pull request review comment as GitHub's REST API documents it (the fields that matter)."""
    comment: dict[str, Any] = {
        "id": 2001,
        "user": {"login": "amara-okafor", "id": 1, "type": "User"},
        "body": "Please shorten the P2 target.",
        "path": "agreement/sections/service-levels.md",
        "line": 12,
        "html_url": f"https://github.com/{SLUG}/pull/7#discussion_r2001",
        "created_at": "2026-11-20T09:00:00Z",
    }
    comment.update(overrides)
    return comment


def pull_payload(**overrides: Any) -> dict[str, Any]:
    pull: dict[str, Any] = {
        "number": 7,
        "html_url": f"https://github.com/{SLUG}/pull/7",
        "user": {"login": "mellison-bw"},
        "merged": True,
        "merge_commit_sha": "0" * 40,
        "head": {"sha": "0" * 40},
        "labels": [{"name": "stage:initial"}],
    }
    pull.update(overrides)
    return pull


def api(pull: Any = None, reviews: Any = None, *, raw_pull: str | None = None,
        raw_reviews: str | None = None, status: int = 200) -> dict[str, list[Any]]:  # fmt: skip
    base = f"/repos/{SLUG}/pulls/7"
    pull_body = (
        raw_pull if raw_pull is not None else json.dumps(pull_payload() if pull is None else pull)
    )
    review_body = (
        raw_reviews if raw_reviews is not None else json.dumps([] if reviews is None else reviews)
    )
    return {base: [status, pull_body], f"{base}/reviews": [status, review_body]}


IMPORT = ("approvals", "import-github", "--pr", "7", "--slug", SLUG)
COMMENTS = "pr-comments.json"
FEEDBACK_COMMENTS = ("feedback", "--comments", COMMENTS)
SIGNING_DATE = "date: 2027-01-20"
SIGNING_TIME = 'time: "10:00"'
LONDON = "timezone: Europe/London"


def line_of(file: str, text: str) -> int:
    """The line of the sample's `file` (as `agreement/...`) holding `text`: cases follow edits."""
    lines = (SAMPLE.parent / file).read_text("utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def timezone_in(file: str, zone: str) -> Plant:
    return replace(file, LONDON, f"timezone: {zone}")


BAD_ZONES = {
    "a folder of zones": "America",
    "Europe": "Europe",
    "300 characters": "x" * 300,
    "a path": "../../../../etc/passwd",
    "an absolute path": "/etc/passwd",
    "a number": "5",
    "a misspelling": "Europe/Lodnon",
}
# The signing meeting's zone, for each command that reads it: (command, exit code).
ZONE_READERS = (("check",), 1), (("meeting",), 2), (("status",), 2)

TICKET_HEADER = b"id,priority,created,first_response,resolved\n"

RUNS: list[Run] = [
    *(
        Run(
            f"{args[0]}: signing time zone is {what}",
            args,
            code,
            f"{SIGNING}:{line_of(SIGNING, LONDON)}",
            timezone_in(SIGNING, zone),
        )
        for args, code in ZONE_READERS
        for what, zone in BAD_ZONES.items()
    ),
    # --- check: records broken, missing, misspelled; zones; dates; today; NUL ---
    Run(
        "check: a misspelled record file",
        ("check",),
        1,
        "agreement/records/negotiations.yml",
        fill("agreement/records/negotiations.yml", b"items: []\n"),
    ),
    Run(
        "check: feedback.yml is no record",
        ("check",),
        1,
        "agreement/records/feedback.yml",
        fill("agreement/records/feedback.yml", b"items: []\n"),
    ),
    Run(
        "check: records/ links to /",
        ("check",),
        2,
        RECORDS,
        both(remove(RECORDS), link(RECORDS, "/")),
    ),
    Run(
        "check: records/ is a file",
        ("check",),
        2,
        RECORDS,
        both(remove(RECORDS), fill(RECORDS, b"not a folder\n")),
    ),
    Run(
        "check: records/ cannot be read",
        ("check",),
        2,
        RECORDS,
        chmod(RECORDS, 0),
        unprivileged=True,
    ),
    Run(
        "check: a record cannot be read",
        ("check",),
        2,
        NEGOTIATION,
        chmod(NEGOTIATION, 0),
        unprivileged=True,
    ),
    Run(
        "check: an empty record is not written yet",
        ("check",),
        0,
        "no findings",
        fill(NEGOTIATION, b"# to come\n"),
    ),
    Run(
        "check: a record that is an alias bomb",
        ("check",),
        2,
        NEGOTIATION,
        fill(NEGOTIATION, alias_bomb().encode()),
    ),
    Run(
        "check: service hours time zone America",
        ("check",),
        1,
        f"{SERVICE_LEVELS}:{line_of(SERVICE_LEVELS, LONDON)}",
        timezone_in(SERVICE_LEVELS, "America"),
    ),
    Run(
        "check: service hours time zone of 300 characters",
        ("check",),
        1,
        f"{SERVICE_LEVELS}:{line_of(SERVICE_LEVELS, LONDON)}",
        timezone_in(SERVICE_LEVELS, "Europe/" + "x" * 300),
    ),
    Run(
        "check: service hours time zone /etc/passwd",
        ("check",),
        1,
        f"{SERVICE_LEVELS}:{line_of(SERVICE_LEVELS, LONDON)}",
        timezone_in(SERVICE_LEVELS, "/etc/passwd"),
    ),
    Run(
        "check: AGREEKIT_TODAY out of range",
        ("check",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "2027-13-45"},
    ),
    Run(
        "check: AGREEKIT_TODAY in US order",
        ("check",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "01/15/2027"},
    ),
    Run(
        "check: AGREEKIT_TODAY is a word",
        ("check",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "tomorrow"},
    ),
    Run(
        "check: a NUL byte in a section",
        ("check",),
        2,
        SERVICE_LEVELS,
        replace(
            SERVICE_LEVELS,
            "## ",
            "## \x00",
        ),
    ),
    Run(
        "check: signing meeting at the end of time",
        ("check",),
        1,
        SIGNING,
        both(
            replace(SIGNING, SIGNING_DATE, "date: 9999-12-31"),
            replace(SIGNING, SIGNING_TIME, 'time: "23:30"'),
        ),
    ),
    Run("check: --format unknown", ("check", "--format", "xml"), 2, "--format"),
    Run("check: --repo is a file", ("check", "--repo", "mkdocs.yml"), 2, "mkdocs.yml"),
    # --- status ---
    Run(
        "status: a malformed negotiation item",
        ("status",),
        2,
        NEGOTIATION,
        replace(NEGOTIATION, "    status: agreed", "    status: maybe"),
    ),
    Run(
        "status: negotiation is an alias bomb",
        ("status",),
        2,
        NEGOTIATION,
        fill(NEGOTIATION, alias_bomb().encode()),
    ),
    Run(
        "status: signing.yml is not YAML",
        ("status",),
        2,
        SIGNING,
        fill(SIGNING, b"meeting: [unclosed\n"),
    ),
    Run(
        "status: communication plan cannot be read",
        ("status",),
        2,
        COMMUNICATION,
        chmod(COMMUNICATION, 0),
        unprivileged=True,
    ),
    Run(
        "status: records/ cannot be read",
        ("status",),
        2,
        RECORDS,
        chmod(RECORDS, 0),
        unprivileged=True,
    ),
    Run(
        "status: records/ links to /",
        ("status",),
        2,
        RECORDS,
        both(remove(RECORDS), link(RECORDS, "/")),
    ),
    Run(
        "status: agreement.yml does not load",
        ("status",),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"title: [unclosed\n"),
    ),
    Run(
        "status: agreement.yml is missing",
        ("status",),
        2,
        AGREEMENT,
        remove("agreement/agreement.yml"),
    ),
    Run(
        "status: service hours zone of 300 characters",
        ("status",),
        0,
        "",
        timezone_in(SERVICE_LEVELS, "Z" * 300),
    ),
    Run(
        "status: AGREEKIT_TODAY invalid",
        ("status",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "2027-02-30"},
    ),
    Run("status: owned by another user", ("status",), 2, "safe.directory", owned_by_another_user),
    Run(
        "status: GIT_DIR points nowhere",
        ("status",),
        2,
        "GIT_DIR",
        env={"GIT_DIR": "/nonexistent/.git"},
    ),
    Run(
        "status: a shallow clone", ("status",), 2, "git fetch --unshallow", both(shallow, approved)
    ),
    Run("status: no commits yet", ("status",), 0, "", no_commits),
    Run("status: not a git repository", ("status",), 0, "", not_git),
    # --- feedback ---
    Run("feedback: --comments /dev/zero", ("feedback", "--comments", "/dev/zero"), 2, "/dev/zero"),
    Run("feedback: --comments is a FIFO", FEEDBACK_COMMENTS, 2, COMMENTS, fifo(COMMENTS)),
    Run(
        "feedback: 200,000-deep JSON list",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, nested(200_000)),
    ),
    Run(
        "feedback: 200,000-deep JSON object",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, b'{"a":' * 200_000 + b"1" + b"}" * 200_000),
    ),
    Run(
        "feedback: a list of numbers", FEEDBACK_COMMENTS, 2, COMMENTS, fill(COMMENTS, b"[1, 2, 3]")
    ),
    Run(
        "feedback: a list of strings", FEEDBACK_COMMENTS, 2, COMMENTS, fill(COMMENTS, b'["a", "b"]')
    ),
    Run(
        "feedback: a null user (a deleted account)",
        FEEDBACK_COMMENTS,
        0,
        "feedback.md",
        fill(COMMENTS, comments([review_comment(user=None)])),
        outputs=("dist",),
    ),
    Run(
        "feedback: a user that is a string",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, comments([review_comment(user="amara")])),
    ),
    Run(
        "feedback: a body that is a number",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, comments([review_comment(body=12)])),
    ),
    Run(
        "feedback: an id that is a list",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, comments([review_comment(id=[1])])),
    ),
    Run(
        "feedback: a path that is null",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, comments([review_comment(path=None)])),
    ),
    Run(
        "feedback: an object, not a list",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, comments(review_comment())),
    ),
    Run("feedback: JSON null", FEEDBACK_COMMENTS, 2, COMMENTS, fill(COMMENTS, b"null")),
    Run("feedback: not JSON", FEEDBACK_COMMENTS, 2, f"{COMMENTS}:1", fill(COMMENTS, b"{oops")),
    Run("feedback: empty file", FEEDBACK_COMMENTS, 2, COMMENTS, fill(COMMENTS, b"")),
    Run(
        "feedback: not UTF-8",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, b'[{"body": "\xff\xfe"}]'),
    ),
    Run("feedback: NaN in JSON", FEEDBACK_COMMENTS, 2, COMMENTS, fill(COMMENTS, b'[{"id": NaN}]')),
    Run(
        "feedback: a 60 MB file",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        fill(COMMENTS, b"[" + b'"padding padding padding",' * 2_500_000 + b"1]"),
    ),
    Run(
        "feedback: --comments does not exist",
        ("feedback", "--comments", "missing.json"),
        2,
        "missing.json",
    ),
    Run(
        "feedback: --comments is a folder", ("feedback", "--comments", "agreement"), 2, "agreement"
    ),
    Run(
        "feedback: --comments cannot be read",
        FEEDBACK_COMMENTS,
        2,
        COMMENTS,
        both(fill(COMMENTS, b"[]"), chmod(COMMENTS, 0)),
        unprivileged=True,
    ),
    Run(
        "feedback --check: a malformed negotiation item",
        ("feedback", "--check"),
        2,
        NEGOTIATION,
        replace(NEGOTIATION, "    status: agreed", "    status: 5"),
    ),
    Run(
        "feedback --check: negotiation is an alias bomb",
        ("feedback", "--check"),
        2,
        NEGOTIATION,
        fill(NEGOTIATION, alias_bomb().encode()),
    ),
    Run(
        "feedback --check: negotiation cannot be read",
        ("feedback", "--check"),
        2,
        NEGOTIATION,
        chmod(NEGOTIATION, 0),
        unprivileged=True,
    ),
    Run(
        "feedback --check: legal review is a list",
        ("feedback", "--check"),
        2,
        LEGAL_REVIEW,
        fill(LEGAL_REVIEW, b"- one\n- two\n"),
    ),
    Run(
        "feedback --check: internal review is a FIFO",
        ("feedback", "--check"),
        2,
        INTERNAL_REVIEW,
        both(remove(INTERNAL_REVIEW), fifo(INTERNAL_REVIEW)),
    ),
    Run(
        "feedback: records/ cannot be read",
        ("feedback",),
        2,
        RECORDS,
        chmod(RECORDS, 0),
        unprivileged=True,
    ),
    Run(
        "feedback: records/ links to /",
        ("feedback", "--check"),
        2,
        RECORDS,
        both(remove(RECORDS), link(RECORDS, "/")),
    ),
    Run("feedback: dist is a file", ("feedback",), 2, "dist", fill("dist", b"a file\n")),
    Run(
        "feedback: dist cannot be written",
        ("feedback",),
        2,
        "dist",
        both(make_folder("dist"), chmod("dist", 0o555)),
        unprivileged=True,
    ),
    Run("feedback: output outside the repository", ("feedback", "--output", "/proc"), 2, "/proc"),
    # --- announce ---
    Run(
        "announce: communication plan malformed",
        ("announce",),
        2,
        COMMUNICATION,
        replace(COMMUNICATION, "departments:", "departments: 5\nrest:"),
    ),
    Run(
        "announce: communication plan is an alias bomb",
        ("announce",),
        2,
        COMMUNICATION,
        fill(COMMUNICATION, alias_bomb().encode()),
    ),
    Run(
        "announce: communication plan cannot be read",
        ("announce",),
        2,
        COMMUNICATION,
        chmod(COMMUNICATION, 0),
        unprivileged=True,
    ),
    Run(
        "announce: no communication plan",
        ("announce",),
        0,
        "dist/notices",
        remove(COMMUNICATION),
        outputs=("dist",),
    ),
    Run("announce: --since names no revision", ("announce", "--since", "v9.9.9"), 2, "v9.9.9"),
    Run(
        "announce: --since is an option",
        ("announce", "--since", "--output=/tmp/x"),
        2,
        "--output=/tmp/x",
    ),
    Run(
        "announce: dist/notices links out of the repository",
        ("announce",),
        2,
        "dist/notices",
        link("dist/notices", "outside-notices"),
    ),
    Run(
        "announce: dist/notices is a file",
        ("announce",),
        2,
        "dist/notices",
        fill("dist/notices", b"file\n"),
    ),
    Run(
        "announce: dist cannot be written",
        ("announce",),
        2,
        "dist",
        both(make_folder("dist"), chmod("dist", 0o555)),
        unprivileged=True,
    ),
    Run(
        "announce: AGREEKIT_TODAY invalid",
        ("announce",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "2027-1-5"},
    ),
    # --- meeting ---
    Run(
        "meeting: on 9999-12-31 at 23:30",
        ("meeting",),
        2,
        SIGNING,
        both(
            replace(SIGNING, SIGNING_DATE, "date: 9999-12-31"),
            replace(SIGNING, SIGNING_TIME, 'time: "23:30"'),
        ),
    ),
    Run(
        "meeting: on 0001-01-01 at 00:00 east of Greenwich",
        ("meeting",),
        2,
        SIGNING,
        both(
            replace(SIGNING, SIGNING_DATE, "date: 0001-01-01"),
            replace(SIGNING, SIGNING_TIME, 'time: "00:00"'),
            timezone_in(SIGNING, "Asia/Tokyo"),
        ),
    ),
    Run(
        "meeting: at 25:61",
        ("meeting",),
        2,
        f"{SIGNING}:{line_of(SIGNING, SIGNING_TIME)}",
        replace(SIGNING, SIGNING_TIME, 'time: "25:61"'),
    ),
    Run(
        "meeting: on 2027-02-30",
        ("meeting",),
        2,
        f"{SIGNING}:{line_of(SIGNING, SIGNING_DATE)}",
        replace(SIGNING, SIGNING_DATE, "date: 2027-02-30"),
    ),
    Run(
        "meeting: signing.yml not YAML",
        ("meeting",),
        2,
        SIGNING,
        fill(SIGNING, b"meeting: {date: [\n"),
    ),
    Run(
        "meeting: signing.yml an alias bomb",
        ("meeting",),
        2,
        SIGNING,
        fill(SIGNING, alias_bomb().encode()),
    ),
    Run(
        "meeting: signing.yml a folder",
        ("meeting",),
        2,
        SIGNING,
        both(remove(SIGNING), directory(SIGNING)),
    ),
    Run(
        "meeting: signing.yml cannot be read",
        ("meeting",),
        2,
        SIGNING,
        chmod(SIGNING, 0),
        unprivileged=True,
    ),
    Run("meeting: no signing.yml", ("meeting",), 1, SIGNING, remove(SIGNING)),
    Run(
        "meeting: an unknown attendee",
        ("meeting",),
        1,
        "nobody-at-all",
        replace(SIGNING, "- rachel-osei", "- nobody-at-all"),
    ),
    Run("meeting: output is a folder", ("meeting", "--output", "agreement"), 2, "agreement"),
    Run(
        "meeting: output links out of the repository",
        ("meeting",),
        2,
        "dist/signing-meeting.ics",
        link("dist/signing-meeting.ics", "outside.ics"),
    ),
    Run(
        "meeting: dist cannot be written",
        ("meeting",),
        2,
        "dist",
        both(make_folder("dist"), chmod("dist", 0o555)),
        unprivileged=True,
    ),
    # --- build ---
    Run(
        "build: docs_dir at a system folder",
        ("build", "--no-pdf"),
        2,
        "docs_dir",
        replace("mkdocs.yml", "docs_dir: agreement/sections", "docs_dir: /etc"),
    ),
    Run(
        "build: docs_dir at /",
        ("build", "--no-pdf"),
        2,
        "docs_dir",
        replace("mkdocs.yml", "docs_dir: agreement/sections", "docs_dir: /"),
    ),
    Run(
        "build: site_dir outside the repository",
        ("build", "--no-pdf"),
        2,
        "site_dir",
        replace("mkdocs.yml", "site_dir: site", "site_dir: /tmp"),
    ),
    Run(
        "build: mkdocs.yml not YAML",
        ("build", "--no-pdf"),
        2,
        "mkdocs.yml",
        fill("mkdocs.yml", b"site_name: [unclosed\n"),
    ),
    Run(
        "build: mkdocs.yml is a list",
        ("build", "--no-pdf"),
        2,
        "mkdocs.yml",
        fill("mkdocs.yml", b"- one\n"),
    ),
    Run(
        "build: mkdocs.yml is a FIFO",
        ("build", "--no-pdf"),
        2,
        "mkdocs.yml",
        both(remove("mkdocs.yml"), fifo("mkdocs.yml")),
    ),
    Run("build: mkdocs.yml missing", ("build", "--no-pdf"), 2, "mkdocs.yml", remove("mkdocs.yml")),
    Run(
        "build: site links out of the repository",
        ("build", "--no-pdf"),
        2,
        "site",
        link("site", "outside-site"),
    ),
    Run(
        "build: a repository that cannot be written",
        ("build", "--no-pdf"),
        2,
        "site",
        chmod(".", 0o555),
        unprivileged=True,
    ),
    Run(
        "build: a broken record",
        ("build", "--no-pdf"),
        1,
        NEGOTIATION,
        fill(NEGOTIATION, b"items: [unclosed\n"),
    ),
    Run(
        "build: a NUL byte in a section",
        ("build", "--no-pdf"),
        1,
        SERVICE_LEVELS,
        replace(SERVICE_LEVELS, "## ", "## \x00"),
    ),
    Run(
        "build: AGREEKIT_TODAY invalid",
        ("build", "--no-pdf"),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "20270115"},
    ),
    # --- diff ---
    Run("diff: an unknown revision", ("diff", "v0.0.1", "HEAD"), 2, "v0.0.1"),
    Run(
        "diff: a revision that is an option",
        ("diff", "--", "--output=/tmp/x", "HEAD"),
        2,
        "--output=/tmp/x",
    ),
    Run("diff: a blob, not a commit", ("diff", "HEAD:mkdocs.yml", "HEAD"), 2, "HEAD:mkdocs.yml"),
    Run("diff: not a git repository", ("diff", "HEAD~1", "HEAD"), 2, "git", not_git),
    Run("diff: no commits yet", ("diff", "HEAD", "HEAD"), 2, "HEAD", no_commits),
    Run(
        "diff: owned by another user",
        ("diff", "HEAD", "HEAD"),
        2,
        "safe.directory",
        owned_by_another_user,
    ),
    Run(
        "diff: output folder is a file",
        ("diff", "HEAD", "HEAD", "--output-dir", "mkdocs.yml"),
        2,
        "mkdocs.yml",
    ),
    # --- verify ---
    Run(
        "verify: a shallow clone", ("verify",), 2, "git fetch --unshallow", both(shallow, approved)
    ),
    Run("verify: owned by another user", ("verify",), 2, "safe.directory", owned_by_another_user),
    Run(
        "verify: GIT_DIR points nowhere",
        ("verify",),
        2,
        "GIT_DIR",
        env={"GIT_DIR": "/nonexistent/.git"},
    ),
    Run("verify: GIT_DIR is a file", ("verify",), 2, "GIT_DIR", env={"GIT_DIR": "mkdocs.yml"}),
    Run(
        "verify: a corrupt approval ref",
        ("verify",),
        2,
        "refs/tags/approvals/initial/1",
        corrupt_ref,
    ),
    Run(
        "verify: an approval ref to a missing object",
        ("verify",),
        2,
        "refs/tags/approvals/initial/1",
        dangling_ref,
    ),
    Run("verify: not a git repository", ("verify",), 2, "not a git repository", not_git),
    Run("verify: no commits yet", ("verify",), 0, "", no_commits),
    # --- approve and sign ---
    Run(
        "approve: a submodule under agreement/",
        ("approve", "initial", "--as", "amara-okafor"),
        2,
        "agreement/vendor",
        submodule,
    ),
    Run("approve: an unknown approver", ("approve", "initial", "--as", "nobody"), 2, "nobody"),
    Run("approve: an unknown stage", ("approve", "final-final"), 2, "final-final"),
    Run(
        "approve: not a git repository",
        ("approve", "initial", "--as", "amara-okafor"),
        2,
        "git init",
        not_git,
    ),
    Run(
        "approve: no commits yet",
        ("approve", "initial", "--as", "amara-okafor"),
        1,
        "commit",
        no_commits,
    ),
    Run(
        "approve: owned by another user",
        ("approve", "initial", "--as", "amara-okafor"),
        2,
        "safe.directory",
        owned_by_another_user,
    ),
    Run(
        "approve: a shallow clone",
        ("approve", "initial", "--as", "amara-okafor"),
        2,
        "git fetch --unshallow",
        both(shallow, approved),
    ),
    Run(
        "approve: a corrupt approval ref",
        ("approve", "initial", "--as", "amara-okafor"),
        2,
        "refs/tags/approvals/initial/1",
        corrupt_ref,
    ),
    Run(
        "approve: uncommitted changes",
        ("approve", "initial", "--as", "amara-okafor"),
        1,
        "uncommitted",
        replace(SERVICE_LEVELS, "## ", "## Changed "),
    ),
    Run(
        "approve: agreement.yml broken",
        ("approve", "initial", "--as", "amara-okafor"),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"title: [\n"),
    ),
    Run("sign: an unknown signatory", ("sign", "--as", "nobody"), 2, "nobody"),
    Run("sign: not a git repository", ("sign", "--as", "amara-okafor"), 2, "git init", not_git),
    Run(
        "sign: GIT_DIR points nowhere",
        ("sign", "--as", "amara-okafor"),
        2,
        "GIT_DIR",
        env={"GIT_DIR": "/nonexistent/.git"},
    ),
    Run(
        "sign: a submodule under agreement/",
        ("sign", "--as", "amara-okafor"),
        2,
        "agreement/vendor",
        submodule,
    ),
    # --- amend, renew: the cycles after a release ---
    Run("amend: nothing released yet", ("amend",), 1, "nothing is released yet"),
    Run("amend: not a git repository", ("amend",), 2, "git", not_git),
    Run("amend: agreement.yml broken", ("amend",), 2, AGREEMENT, fill(AGREEMENT, b"title: [\n")),
    Run(
        "amend: the new cycle's folder is a file",
        ("amend",),
        2,
        "agreement/records/v1.1.0",
        both(git("tag", "-a", "-m", "released", "v1.0.0"), fill(f"{RECORDS}/v1.1.0", b"x\n")),
    ),
    Run("renew: nothing released yet", ("renew",), 1, "nothing is released yet"),
    Run("renew: not a git repository", ("renew",), 2, "git", not_git),
    Run(
        "renew: a renewal period that is no length of time",
        ("renew",),
        1,
        (f"{AGREEMENT}:{line_of(AGREEMENT, 'period: 12 months')}", "12 months"),
        both(
            git("tag", "-a", "-m", "released", "v1.0.0"),
            replace(AGREEMENT, "period: 12 months", "period: until further notice"),
        ),
    ),
    Run(
        "renew: owned by another user",
        ("renew",),
        2,
        "safe.directory",
        owned_by_another_user,
    ),
    Run(
        "release: a version not after the last",
        ("release", "v0.9.0"),
        1,
        "v1.0.0",
        both(
            git("tag", "-a", "-m", "released", "v1.0.0"),
            replace("agreement/sections/constraints.md", "## Budget", "## Budget\n\nFixed."),
        ),
        outputs=(),
    ),  # fmt: skip
    # --- release ---
    Run("release: not a version", ("release", "1.0"), 2, "1.0"),
    Run("release: a version with a slash", ("release", "v1.0/../../x"), 2, "v1.0/../../x"),
    Run(
        "release: the bundle exists",
        ("release", "v1.0.0"),
        2,
        "dist/v1.0.0",
        make_folder("dist/v1.0.0"),
    ),
    Run("release: not a git repository", ("release", "v1.0.0"), 2, "git", not_git),
    Run(
        "release: a broken record",
        ("release", "v1.0.0"),
        2,
        NEGOTIATION,
        fill(NEGOTIATION, b"items: [\n"),
    ),
    Run(
        "release: agreement.yml broken",
        ("release", "v1.0.0"),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"title: [\n"),
    ),
    Run(
        "release: owned by another user",
        ("release", "v1.0.0"),
        2,
        "safe.directory",
        owned_by_another_user,
    ),
    Run(
        "release: output folder is a file",
        ("release", "v1.0.0", "--output", "mkdocs.yml"),
        2,
        "mkdocs.yml",
    ),
    # --- init ---
    Run("init: the target is a file", ("init", "mkdocs.yml"), 2, "mkdocs.yml"),
    Run("init: the target is not empty", ("init", "agreement"), 2, "agreement"),
    Run(
        "init: the target's parent cannot be written",
        ("init", "locked/new"),
        2,
        "locked",
        both(make_folder("locked"), chmod("locked", 0o555)),
        unprivileged=True,
    ),
    Run("init: a name that is too long", ("init", "x" * 300), 2, "x" * 40),
    Run("init: the target is a device", ("init", "/dev/null"), 2, "/dev/null"),
    Run("init: the target is a FIFO", ("init", "pipe"), 2, "pipe", fifo("pipe")),
    Run(
        "init: AGREEKIT_TODAY invalid",
        ("init", "new"),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "31-12-2026"},
    ),
    # --- codeowners ---
    Run(
        "codeowners: agreement.yml broken",
        ("codeowners",),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"stakeholders: {\n"),
    ),
    Run(
        "codeowners: CODEOWNERS is a folder",
        ("codeowners", "--check"),
        2,
        ".github/CODEOWNERS",
        make_folder(".github/CODEOWNERS"),
    ),
    Run(
        "codeowners: CODEOWNERS is a FIFO",
        ("codeowners", "--check"),
        2,
        ".github/CODEOWNERS",
        both(make_folder(".github"), fifo(".github/CODEOWNERS")),
    ),
    Run(
        "codeowners: CODEOWNERS not UTF-8",
        ("codeowners", "--check"),
        2,
        ".github/CODEOWNERS",
        fill(".github/CODEOWNERS", b"\xff\xfe* @x\n"),
    ),
    Run(
        "codeowners: CODEOWNERS written by hand",
        ("codeowners", "--write"),
        2,
        ".github/CODEOWNERS",
        fill(".github/CODEOWNERS", b"* @someone\n"),
    ),
    Run(
        "codeowners: CODEOWNERS cannot be read",
        ("codeowners", "--check"),
        2,
        ".github/CODEOWNERS",
        both(fill(".github/CODEOWNERS", b"* @x\n"), chmod(".github/CODEOWNERS", 0)),
        unprivileged=True,
    ),
    Run(
        "codeowners: CODEOWNERS links out of the repository",
        ("codeowners", "--write"),
        2,
        ".github/CODEOWNERS",
        link(".github/CODEOWNERS", "outside-codeowners"),
    ),
    # --- schema and explain ---
    Run("schema: an unknown option", ("schema", "--out", "x"), 2, "--out"),
    Run(
        "schema: AGREEKIT_TODAY invalid",
        ("schema",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "soon"},
    ),
    Run("explain: an unknown code", ("explain", "AK999"), 2, "AK999"),
    Run("explain: a code of 10,000 characters", ("explain", "9" * 10_000), 2, "999999"),
    Run("explain: an empty code", ("explain", ""), 2, "''"),
    Run("explain: a code with a newline", ("explain", "AK101\nAK102"), 2, "AK101"),
    # --- approvals import-github: GitHub's answers in every wrong shape ---
    Run(
        "import-github: reviews are an object",
        IMPORT,
        2,
        "reviews",
        api=api(reviews={"message": "a review"}),
    ),
    Run("import-github: reviews are numbers", IMPORT, 2, "reviews", api=api(reviews=[1, 2])),
    Run(
        "import-github: a review with a null user",
        IMPORT,
        1,
        "ghost",
        api=api(reviews=[{"id": 1, "user": None, "state": "APPROVED"}]),
    ),
    Run(
        "import-github: a review id that is text",
        IMPORT,
        2,
        "id",
        api=api(reviews=[{"id": "one", "user": {"login": "x"}, "state": "APPROVED"}]),
    ),
    Run(
        "import-github: the pull request is a list", IMPORT, 2, "pull request", api=api(pull=[1, 2])
    ),
    Run(
        "import-github: the pull request has a null user",
        IMPORT,
        1,
        "no review",
        api=api(pull=pull_payload(user=None)),
    ),
    Run(
        "import-github: labels are a string",
        IMPORT,
        2,
        "labels",
        api=api(pull=pull_payload(labels="stage:initial")),
    ),
    Run("import-github: head is null", IMPORT, 2, "head", api=api(pull=pull_payload(head=None))),
    Run(
        "import-github: 200,000-deep reviews",
        IMPORT,
        2,
        "reviews",
        api=api(raw_reviews=nested(200_000).decode()),
    ),
    Run(
        "import-github: 200,000-deep pull request",
        IMPORT,
        2,
        "pull",
        api=api(raw_pull='{"a":' * 200_000 + "1" + "}" * 200_000),
    ),
    Run("import-github: not JSON", IMPORT, 2, "JSON", api=api(raw_pull="<html>oops</html>")),
    Run(
        "import-github: a 40 MB answer",
        IMPORT,
        2,
        "MB",
        api=api(raw_reviews="[" + '"padding padding padding",' * 1_600_000 + "1]"),
    ),
    Run("import-github: HTTP 500", IMPORT, 2, "HTTP 500", api=api(status=500)),
    Run(
        "import-github: no repository named",
        ("approvals", "import-github", "--pr", "7"),
        2,
        "--slug",
        env={"GITHUB_REPOSITORY": ""},
    ),
    Run(
        "import-github: a slug with a path",
        ("approvals", "import-github", "--pr", "7", "--slug", "../../x"),
        2,
        "../../x",
        api=api(),
    ),
    Run(
        "import-github: --pr is not a number",
        ("approvals", "import-github", "--pr", "seven", "--slug", SLUG),
        2,
        "seven",
    ),
    Run(
        "import-github: not merged",
        IMPORT,
        1,
        "not merged",
        api=api(pull=pull_payload(merged=False)),
    ),
    Run(
        "import-github: no stage label", IMPORT, 1, "stage:", api=api(pull=pull_payload(labels=[]))
    ),
    # --- arguments that are no good, for every command that takes them ---
    *(
        Run(f"{name}: --repo names no folder", (name, *rest, "--repo", "nope"), 2, "nope")
        for name, rest in (
            ("check", ()),
            ("status", ()),
            ("verify", ()),
            ("announce", ()),
            ("feedback", ()),
            ("meeting", ()),
            ("codeowners", ()),
            ("release", ("v1.0.0",)),
            ("approve", ("initial",)),
            ("sign", ()),
            ("diff", ("HEAD", "HEAD")),
            ("build", ("--no-pdf",)),
        )
    ),  # fmt: skip
    Run(
        "approve: --source with a line break",
        ("approve", "initial", "--as", "amara-okafor", "--source", "x\nAgreekit-Content: forged"),
        2,
        "--source",
    ),  # fmt: skip
    Run(
        "approve: --as with a line break",
        ("approve", "initial", "--as", "amara\nokafor"),
        2,
        "--as",
    ),
    Run(
        "import-github: a review URL with a line break",
        IMPORT,
        2,
        "html_url",
        api=api(
            reviews=[
                {
                    "id": 1,
                    "user": {"login": "amara-okafor"},
                    "state": "APPROVED",
                    "html_url": "https://x\nAgreekit-Content: forged",
                }
            ]
        ),
    ),  # fmt: skip
    Run("feedback: --output is a device", ("feedback", "--output", "/dev/null"), 2, "/dev/null"),
    Run("meeting: --output is a device", ("meeting", "--output", "/dev/null"), 2, "/dev/null"),
    Run("announce: --output is a device", ("announce", "--output", "/dev/full"), 2, "/dev/full"),
    Run(
        "diff: --output-dir in /proc",
        ("diff", "HEAD", "HEAD", "--output-dir", "/proc/self"),
        2,
        "/proc/self",
    ),
    Run("init: an empty name", ("init", ""), 2, "not empty"),
    # --- dates at the ends of the calendar, for every command that computes with them ---
    *(
        Run(
            f"{' '.join(args)}: {what}",
            args,
            code,
            f"{AGREEMENT}:{line_of(AGREEMENT, old)}",
            replace(AGREEMENT, old, new),
        )
        for what, old, new in (
            ("a term ending 9999-12-31", "end_date: 2030-01-31", "end_date: 9999-12-31"),
            (
                "a term starting 0001-01-01",
                "effective_date: 2027-02-01",
                "effective_date: 0001-01-01",
            ),
            ("a review on 0001-01-01", "- 2027-07-31", "- 0001-01-01"),
        )
        for args, code in (
            (("check",), 2),
            (("status",), 2),
            (("dates",), 2),
            (("dates", "--ics", "dist/dates.ics"), 2),
            (("build", "--no-pdf"), 1),
            (("announce",), 2),
            (("meeting",), 2),
        )
    ),  # fmt: skip
    Run(
        "check: a term of 7,000 years",
        ("check",),
        0,
        "no findings",
        replace(AGREEMENT, "end_date: 2030-01-31", "end_date: 9000-12-31"),
    ),
    Run(
        "dates: a term of 7,000 years",
        ("dates", "--ics", "dist/dates.ics"),
        0,
        "dates.ics",
        replace(AGREEMENT, "end_date: 2030-01-31", "end_date: 9000-12-31"),
        outputs=("dist",),
    ),
    Run(
        "dates: --ics links out of the repository",
        ("dates", "--ics", "out/dates.ics"),
        2,
        "out",
        link("out", "outside-dates"),
    ),
    Run("dates: --ics is a folder", ("dates", "--ics", "agreement"), 2, "agreement"),
    Run("dates: agreement.yml broken", ("dates",), 2, AGREEMENT, fill(AGREEMENT, b"term: [\n")),
    Run(
        "dates: AGREEKIT_TODAY invalid",
        ("dates",),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "2027-02-29"},
    ),
    Run(
        "dates: a signing meeting that is broken",
        ("dates",),
        2,
        SIGNING,
        replace(SIGNING, SIGNING_DATE, "date: 2027-02-30"),
    ),
    Run(
        "import-github: GITHUB_API_URL is a file URL",
        IMPORT,
        2,
        "GITHUB_API_URL",
        env={"GITHUB_API_URL": "file:///etc"},
    ),
    Run(
        "import-github: GITHUB_API_URL is plain http to a remote host",
        IMPORT,
        2,
        "GITHUB_API_URL",
        env={"GITHUB_API_URL": "http://api.github.com.example"},
    ),
    Run(
        "import-github: a slug with a line break",
        ("approvals", "import-github", "--pr", "7", "--slug", "owner/name\nx"),
        2,
        "--slug",
    ),  # fmt: skip
    Run(
        "import-github: --pr is negative",
        ("approvals", "import-github", "--pr", "-7", "--slug", SLUG),
        2,
        "pull request #-7",
        api=api(),
    ),  # fmt: skip
    # --- agreement.yml that is there but no file: never "no agreement.yml here" ---
    *(
        Run(f"{name}: agreement.yml is {what}", (name, *rest), 2, (AGREEMENT, said), plant)
        for what, plant, said in (
            ("a FIFO", both(remove(AGREEMENT), fifo(AGREEMENT)), "not a regular file"),
            ("a folder", both(remove(AGREEMENT), make_folder(AGREEMENT)), "not a regular file"),
            ("a link to nowhere", both(remove(AGREEMENT), link(AGREEMENT, "gone.yml")), "links to"),
        )
        for name, rest in (
            ("check", ()),
            ("status", ()),
            ("feedback", ("--check",)),
            ("meeting", ()),
            ("dates", ()),
        )
    ),  # fmt: skip
    # --- reminders: GitHub's issues in the wrong shape, settings that are no good ---
    *(
        Run(
            f"reminders: {what}",
            ("reminders", "--repository", SLUG),
            2,
            shows,
            api={f"/repos/{SLUG}/issues": [200, body]},
        )
        for what, body, shows in (
            ("issues are an object", '{"message": "x"}', "list"),
            ("an issue number that is text", '[{"number": "one"}]', "number"),
            ("200,000-deep issues", "[" * 200_000 + "]" * 200_000, "nested"),
            ("issues that are not JSON", "<html>", "JSON"),
        )
    ),  # fmt: skip
    Run(
        "reminders: no repository named",
        ("reminders",),
        2,
        "--repository",
        env={"GITHUB_REPOSITORY": ""},
    ),
    Run(
        "reminders: GITHUB_API_URL is a file URL",
        ("reminders", "--repository", SLUG),
        2,
        "GITHUB_API_URL",
        env={"GITHUB_API_URL": "file:///etc"},
    ),
    Run("reminders: --window out of range", ("reminders", "--window", "9999"), 2, "--window"),
    Run(
        "reminders: agreement.yml broken",
        ("reminders", "--repository", SLUG),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"term: [\n"),
    ),
    Run(
        "revoke: no record of that name",
        ("revoke", "approvals/initial/9", "--reason", "wrong key", "--as", "daniel-reeve"),
        2,
        "approvals/initial/9",
    ),
    Run(
        "revoke: an empty reason",
        ("revoke", "approvals/initial/1", "--reason=", "--as", "daniel-reeve"),
        2,
        "--reason",
    ),
    Run(
        "revoke: agreement.yml broken",
        ("revoke", "approvals/initial/1", "--reason", "x", "--as", "daniel-reeve"),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"term: [\n"),
    ),
    Run(
        "ruleset: the ruleset file is not JSON",
        ("ruleset", "--check"),
        1,
        ".github/ruleset.json",
        fill(".github/ruleset.json", b"{\n"),
    ),
    Run(
        "ruleset: a folder where the ruleset goes",
        ("ruleset", "--write"),
        2,
        ".github/ruleset.json",
        make_folder(".github/ruleset.json"),
    ),
    Run(
        "ruleset: agreement.yml broken",
        ("ruleset", "--check"),
        2,
        AGREEMENT,
        fill(AGREEMENT, b"teams: [\n"),
    ),  # fmt: skip
    Run(
        "reminders: AGREEKIT_TODAY invalid",
        ("reminders", "--repository", SLUG),
        2,
        "AGREEKIT_TODAY",
        env={"AGREEKIT_TODAY": "2027-02-29"},
    ),
    # --- the service report: exports and logs that cannot be used, one line naming file and line ---
    Run(
        "report: the ticket export lacks a column",
        ("report", "--tickets", "tickets.csv", "--period", "2027-03"),
        2,
        ("tickets.csv:1", "first_response"),
        fill("tickets.csv", b"id,priority,created,resolved\n"),
    ),
    Run(
        "report: the ticket export is not UTF-8",
        ("report", "--tickets", "tickets.csv", "--period", "2027-03"),
        2,
        ("tickets.csv", "UTF-8"),
        fill("tickets.csv", TICKET_HEADER + b"T1,P1,2027-03-01T10:00:00Z,,\xff\xfe\n"),
    ),
    Run(
        "report: the ticket export is empty",
        ("report", "--tickets", "tickets.csv", "--period", "2027-03"),
        2,
        ("tickets.csv:1", "empty"),
        fill("tickets.csv", b""),
    ),
    Run(
        "report: the ticket export is missing",
        ("report", "--tickets", "missing.csv", "--period", "2027-03"),
        2,
        "missing.csv",
    ),
    Run(
        "report: --strict stops at a row with an unknown priority",
        ("report", "--tickets", "tickets.csv", "--period", "2027-03", "--strict"),
        2,
        ("tickets.csv:2", "priority", "P9"),
        fill("tickets.csv", TICKET_HEADER + b"T1,P9,2027-03-01T10:00:00Z,,\n"),
    ),
    Run(
        "report: --period is no period",
        ("report", "--tickets", "tickets.csv", "--period", "2027-13"),
        2,
        "--period",
        fill("tickets.csv", TICKET_HEADER),
    ),
    Run(
        "report: the column mapping is not YAML",
        ("report", "--tickets", "tickets.csv", "--period", "2027-03", "--columns", "desk.yml"),
        2,
        "desk.yml",
        fill("desk.yml", b"columns: [\n"),
    ),
    Run(
        "report: a JSON line nested 200,000 deep",
        ("report", "--tickets", "tickets.jsonl", "--period", "2027-03", "--strict"),
        2,
        ("tickets.jsonl:1", "nested too deep"),
        fill("tickets.jsonl", nested(200_000, '{"a":', "}")),
    ),
    Run(
        "report: the outage log lacks its end column",
        ("report", "--tickets", "tickets.csv", "--period", "2027-03", "--outages", "outages.csv"),
        2,
        ("outages.csv:1", "end"),
        both(fill("tickets.csv", TICKET_HEADER), fill("outages.csv", b"start,planned\n")),
    ),
    Run(
        "report: --format pdf into a folder",
        (
            "report",
            "--tickets",
            "tickets.csv",
            "--period",
            "2027-03",
            "--format",
            "html",
            "--output",
            "agreement",
        ),
        2,
        "agreement",
        fill("tickets.csv", TICKET_HEADER),
    ),  # fmt: skip
]
