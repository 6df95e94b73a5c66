"""Which version is being published, from git: a `v*` tag on a clean HEAD is final, else a draft.

One git process per question, as plain subprocess calls. Issue 4's approval tags plug in at
`last_approved`; issue 6's signatures will tighten `current_version`'s notion of final.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path
from typing import NamedTuple

VERSION_TAGS = "v*"


class Version(NamedTuple):
    label: str  # "v1.0.0", or "draft 1a2b3c4"
    final: bool
    commit: str  # full commit id, "" outside git


def _git(repo: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=False, timeout=60
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def current_version(repo: Path, directory: str = "agreement") -> Version:
    """Final when HEAD carries a `v*` tag and the agreement has no uncommitted change."""
    commit = _git(repo, "rev-parse", "--verify", "HEAD")
    if not commit:
        return Version("draft (not committed)", False, "")
    short = commit[:7]
    dirty = _git(repo, "status", "--porcelain", "--", directory)
    if dirty:
        return Version(f"draft {short}+changes", False, commit)
    tag = _git(repo, "describe", "--tags", "--exact-match", "--match", VERSION_TAGS, "HEAD")
    if tag:
        return Version(tag, True, commit)
    return Version(f"draft {short}", False, commit)


def last_approved(repo: Path) -> str | None:
    """The revision the site's Changes page compares against: for now the newest `v*` tag."""
    tags = _git(repo, "tag", "--list", VERSION_TAGS, "--sort=-v:refname", "--merged", "HEAD")
    return tags.splitlines()[0] if tags else None


def _tree_id(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """The id git gives this folder's tree (`git rev-parse HEAD:folder` when committed)."""
    entries = []
    for child in folder.iterdir():
        if child.name in skip or child.name == ".git":
            continue
        if child.is_symlink():
            mode, oid = "120000", _blob_id(os.readlink(child).encode())
        elif child.is_dir():
            if not any(child.iterdir()):
                continue  # git does not track empty folders
            mode, oid = "40000", _tree_id(child)
        else:
            executable = os.access(child, os.X_OK)
            mode, oid = ("100755" if executable else "100644"), _blob_id(child.read_bytes())
        sort_key = child.name + "/" if mode == "40000" else child.name
        entries.append(
            (sort_key.encode(), f"{mode} {child.name}".encode() + b"\0" + bytes.fromhex(oid))
        )
    body = b"".join(entry for _, entry in sorted(entries))
    return hashlib.sha1(b"tree %d\0" % len(body) + body).hexdigest()


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def content_id(repo: Path, directory: str = "agreement") -> str:
    """The git tree id of the agreement text: `agreement/` without `records/`, as on disk.

    With no records folder this equals `git rev-parse HEAD:agreement` for a clean checkout; records
    change during the workflow without changing the text, so they are left out.
    """
    return _tree_id(repo / directory, skip=frozenset({"records"}))
