"""What a version is and which one is current, previous or last approved: one answer everywhere.

A version is a tag `v` + one to three numbers (`v1`, `v1.2`, `v1.2.3`) and an optional suffix
(`v2.0.0-rc.1`). Versions compare as semantic versions: v1.10.0 is after v1.9.0, and a suffixed
pre-release comes before its release. Status, release, announce, the site and the PDF all ask here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from agreekit import git

VERSION_TAGS = "v*"
VERSION_PATTERN = re.compile(r"^v(?P<numbers>\d+(?:\.\d+){0,2})(?:[-.](?P<suffix>[0-9A-Za-z.]+))?$")

OrderKey = tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]


class Version(NamedTuple):
    """What is being published: a version tag on a clean HEAD is final, anything else a draft."""

    label: str  # "v1.0.0", or "draft 1a2b3c4"
    final: bool
    commit: str  # full commit id, "" outside git


def is_version(tag: str) -> bool:
    return VERSION_PATTERN.match(tag) is not None


def order_key(tag: str) -> OrderKey:
    """Semantic order: numbers as numbers, missing ones as 0, a pre-release before its release."""
    match = VERSION_PATTERN.match(tag)
    if match is None:
        raise ValueError(f"'{tag}' is not a version like v1.0.0")
    numbers = [int(part) for part in match.group("numbers").split(".")] + [0, 0]
    suffix = match.group("suffix")
    identifiers = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in (suffix or "").split(".")
        if part
    )
    return (numbers[0], numbers[1], numbers[2]), 0 if suffix else 1, identifiers


def newest(tags: Iterable[str]) -> str | None:
    """The highest version among `tags` (other tags are ignored), or None."""
    versions = [tag for tag in tags if is_version(tag)]
    return max(versions, key=order_key) if versions else None


def released_at_head(repo: Path) -> str | None:
    """The highest version tag on HEAD, if HEAD is a released version."""
    return newest(git.tags_at(repo, VERSION_TAGS))


def current_version(repo: Path, directory: str = "agreement") -> Version:
    """Final when HEAD carries a version tag and the agreement has no uncommitted change."""
    head = git.head_and_tags(repo, VERSION_TAGS)
    if head is None:
        return Version("draft (not committed)", False, "")
    commit, tags = head
    short = commit[:7]
    if git.has_changes(repo, directory):
        return Version(f"draft {short}+changes", False, commit)
    tag = newest(tags)
    if tag is not None:
        return Version(tag, True, commit)
    return Version(f"draft {short}", False, commit)


def previous_version(repo: Path) -> str | None:
    """The highest version HEAD contains other than HEAD's own: what the last release was."""
    own = set(git.tags_at(repo, VERSION_TAGS))
    return newest(tag for tag in git.tags_merged(repo, VERSION_TAGS) if tag not in own)


def newest_merged(repo: Path) -> str | None:
    """The highest version HEAD contains, its own included."""
    return newest(git.tags_merged(repo, VERSION_TAGS))


def last_approved(repo: Path, approvals: Iterable[tuple[int, str]]) -> str | None:
    """The revision to compare against: the newest approval (time, tag name), else the highest
    version HEAD contains."""
    latest = max(approvals, default=None)
    return latest[1] if latest is not None else newest_merged(repo)


class Release(NamedTuple):
    """A released version as its tag records it: when, and who signed (release writes it)."""

    tag: str
    date: str  # YYYY-MM-DD, the tag's own date
    signed_by: str  # "Amara Okafor, Mark Ellison", or "" when the tag does not say


_SIGNED_BY = re.compile(r"^Signed by (?P<names>.+?)\.?$", re.MULTILINE)


def releases(repo: Path) -> list[Release]:
    """Every version HEAD contains, oldest first, with its date and signatories."""
    tags = sorted(
        (tag for tag in git.tags_merged(repo, VERSION_TAGS) if is_version(tag)), key=order_key
    )
    objects = git.cat_objects(repo, [f"refs/tags/{tag}" for tag in tags])
    found = []
    for tag in tags:
        date, message = "", ""
        tag_object = objects.get(f"refs/tags/{tag}")
        if tag_object is not None and tag_object.kind == "tag":
            head, _, body = tag_object.data.decode("utf-8", "replace").partition("\n\n")
            message = body
            tagger = next((h for h in head.splitlines() if h.startswith("tagger ")), "")
            stamp = tagger.rsplit(" ", 2)[-2] if tagger.count(" ") >= 2 else ""
            if stamp.isdigit():
                date = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date().isoformat()
        elif tag_object is not None and tag_object.kind == "commit":  # a lightweight tag
            committer = next(
                (h for h in tag_object.data.decode("utf-8", "replace").splitlines()
                 if h.startswith("committer ")), "",
            )  # fmt: skip
            stamp = committer.rsplit(" ", 2)[-2] if committer.count(" ") >= 2 else ""
            if stamp.isdigit():
                date = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date().isoformat()
        signed = _SIGNED_BY.search(message)
        found.append(Release(tag, date, signed.group("names") if signed else ""))
    return found


class Cycle(NamedTuple):
    """Which round of the workflow the agreement is in: the first version, or an amendment of the
    last release; and the version the round will be released as."""

    kind: str  # first, released, amendment
    since: str | None  # the release it amends
    next_version: str


def next_minor(tag: str) -> str:
    """`v1.0.0` -> `v1.1.0`: an amendment keeps the major number."""
    (major, minor, _), _, _ = order_key(tag)
    return f"v{major}.{minor + 1}.0"


def cycle(repo: Path, directory: str = "agreement") -> Cycle:
    """The current cycle: after a release, any change to the text (records aside) is an amendment."""
    release = newest_merged(repo)
    if release is None:
        return Cycle("first", None, "v1.0.0")
    changed = git.changed_files(repo, release, directory) or []
    records = f"{directory}/records/"
    if any(not name.startswith(records) for name in changed):
        return Cycle("amendment", release, next_minor(release))
    return Cycle("released", release, next_minor(release))


def cycle_line(found: Cycle) -> str:
    if found.kind == "first":
        return "Cycle: the first version; it is released as v1.0.0 once approved and signed."
    if found.kind == "released":
        return (
            f"Cycle: {found.since} is released and the text is unchanged; a change starts an "
            f"amendment, released as {found.next_version}."
        )
    return (
        f"Cycle: an amendment of {found.since} (the text changed since); approvals and signatures "
        f"start again, and it is released as {found.next_version}."
    )
