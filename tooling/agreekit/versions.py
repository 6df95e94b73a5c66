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
from agreekit.version_names import is_version, newest, order_key

VERSION_TAGS = "v*"


class Version(NamedTuple):
    """What is being published: a version tag on a clean HEAD is final, anything else a draft."""

    label: str  # "v1.0.0", or "draft 1a2b3c4"
    final: bool
    commit: str  # full commit id, "" outside git


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
    what: str = ""  # "An amendment of v1.0.0", "A renewal of v1.1.0", "The first version", or ""


_SIGNED_BY = re.compile(r"^Signed by (?P<names>.+?)\.?$", re.MULTILINE)
_WHAT = re.compile(
    r"^(?P<what>The first version|(?:An amendment|A renewal) of v\S*[^\s.:])[.:]", re.M
)


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
        signed, what = _SIGNED_BY.search(message), _WHAT.search(message)
        found.append(
            Release(
                tag, date, signed.group("names") if signed else "", what["what"] if what else ""
            )
        )
    return found


class Cycle(NamedTuple):
    """Which round of the workflow the agreement is in: the first version, the last release as it
    stands, an amendment of it or a renewal of its term; and the version the round is released as."""

    kind: str  # first, released, amendment, renewal
    since: str | None  # the release it amends or renews
    next_version: str


NEW_CYCLES = frozenset({"amendment", "renewal"})
RECORDS = "records"


def next_minor(tag: str) -> str:
    """`v1.0.0` -> `v1.1.0`: an amendment keeps the major number."""
    (major, minor, _), _, _ = order_key(tag)
    return f"v{major}.{minor + 1}.0"


def next_major(tag: str) -> str:
    """`v1.4.0` -> `v2.0.0`: a renewal (a new term) starts the next major number."""
    (major, _, _), _, _ = order_key(tag)
    return f"v{major + 1}.0.0"


def record_folders(repo: Path, directory: str = "agreement") -> list[str]:
    """The version-named folders in records/ (one per cycle after the first), oldest first."""
    try:
        names = [p.name for p in (repo / directory / RECORDS).iterdir() if p.is_dir()]
    except OSError:
        return []
    return sorted((name for name in names if is_version(name)), key=order_key)


def started_after(repo: Path, release: str, directory: str = "agreement") -> str | None:
    """The newest records folder for a version after `release`: the cycle started since."""
    later = [v for v in record_folders(repo, directory) if order_key(v) > order_key(release)]
    return later[-1] if later else None


def records_of(version: str | None, directory: str = "agreement") -> str:
    """Where a cycle's records are: records/ for the first version, records/VERSION after it."""
    base = f"{directory}/{RECORDS}"
    return f"{base}/{version}" if version is not None else base


def _term_end(data: bytes | None) -> dt.date | None:
    """term.end_date of an agreement.yml, read plainly (None where it does not say)."""
    import yaml  # only when a release exists

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        found = yaml.load(data.decode("utf-8"), Loader=loader) if data else None
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    term = found.get("term") if isinstance(found, dict) else None
    end = term.get("end_date") if isinstance(term, dict) else None
    return end if isinstance(end, dt.date) else None


def term_renewed(repo: Path, release: str, directory: str = "agreement") -> bool:
    """Whether the term ends later in the working tree than in `release`: the term was renewed."""
    spec = f"refs/tags/{release}^{{commit}}:{directory}/agreement.yml"
    released = git.cat_objects(repo, [spec]).get(spec)
    before = _term_end(released.data if released is not None else None)
    try:
        now = _term_end((repo / directory / "agreement.yml").read_bytes())
    except OSError:
        return False
    return before is not None and now is not None and now > before


def cycle(repo: Path, directory: str = "agreement") -> Cycle:
    """The current cycle. After a release, a records folder for a later version, or any change to
    the text (records aside), starts the next cycle: a renewal when the term now ends later (or
    the folder's major number is higher), an amendment otherwise. A started cycle is released as
    its records folder's version; else as the next minor (amendment) or major (renewal)."""
    release = newest_merged(repo)
    if release is None:
        return Cycle("first", None, "v1.0.0")
    started = started_after(repo, release, directory)
    if started is not None and order_key(started)[0][0] > order_key(release)[0][0]:
        return Cycle("renewal", release, started)
    if term_renewed(repo, release, directory):
        return Cycle("renewal", release, next_major(release))
    if started is not None:
        return Cycle("amendment", release, started)
    changed = git.changed_files(repo, release, directory) or []
    records = f"{directory}/{RECORDS}/"
    if any(not name.startswith(records) for name in changed):
        return Cycle("amendment", release, next_minor(release))
    return Cycle("released", release, next_minor(release))


def cycle_line(found: Cycle) -> str:
    if found.kind == "first":
        return "Cycle: the first version; it is released as v1.0.0 once approved and signed."
    if found.kind == "released":
        return (
            f"Cycle: {found.since} is released and the text is unchanged; `agreekit amend` (or a "
            f"change to the text) starts an amendment, released as {found.next_version}, and "
            "`agreekit renew` a renewal of the term."
        )
    what = "an amendment" if found.kind == "amendment" else "a renewal of the term"
    return (
        f"Cycle: {what} of {found.since}; approvals and signatures start again, its records go "
        f"in {records_of(found.next_version)}/, and it is released as {found.next_version}."
    )
