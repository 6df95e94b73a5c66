"""Which files agreekit may replace: the ones it wrote itself and nobody has edited since.

agreekit recognises its own files in one of two ways:
- an output folder (site/, dist/, ...) holds a manifest, `.agreekit-output`, listing each file
  agreekit wrote there with the SHA-256 of its content;
- a text file kept in git (CODEOWNERS, the JSON schema) carries its own seal (agreekit.seal), so
  a clone recognises it too.
Any other file, or one whose content no longer matches (edited since), is the user's: commands
refuse to replace it unless given --force, and then write nothing at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from agreekit.files import is_temporary, write_all_atomic, write_atomic
from agreekit.json_input import JsonProblem, read_json_file
from agreekit.seal import is_sealed

MANIFEST = ".agreekit-output"
_ABOUT = (
    "Files agreekit wrote in this folder, with the SHA-256 of each. agreekit replaces a listed "
    "file only while its content still matches; remove an entry to keep that file as your own."
)


class Refused(Exception):
    """A target that is the user's file; the message is the one line to show."""

    def __init__(self, path: Path, reason: str = "") -> None:
        self.path = path
        super().__init__(
            f"{_shown(path)}: not replaced: "
            + (
                reason
                or "agreekit did not write it, or it was edited since; "
                "pass --force to replace it, or move it away"
            )
        )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(folder: Path) -> dict[str, list[str]]:
    """The manifest's entries; an unreadable manifest lists nothing (so nothing is replaced)."""
    try:
        data = read_json_file(folder / MANIFEST)
        files = data["files"]
        # One hash, or while a write is under way, the old and the new.
        return {
            str(k): [v] if isinstance(v, str) else [str(h) for h in v] for k, v in files.items()
        }
    except (JsonProblem, TypeError, KeyError, AttributeError):  # JsonProblem: also unreadable
        return {}


def is_ours(
    path: Path,
    top: Path | None = None,
    manifests: Callable[[Path], dict[str, list[str]]] = read_manifest,
) -> bool:
    """True if agreekit wrote the file `path` and it is unchanged since: it is sealed, or listed
    in the manifest of its folder or of a folder above it up to `top`. `manifests` reads a
    folder's manifest (a caller asking about many files reads each one once)."""
    if path.is_symlink() or not path.is_file():
        return False
    data = path.read_bytes()
    hashed = digest(data)  # the manifest first: it is cheaper than decoding the text for a seal
    folder, top = path.parent, top or path.parent
    while True:
        if hashed in manifests(folder).get(path.relative_to(folder).as_posix(), []):
            return True
        if folder == top or folder == folder.parent:
            return is_sealed(data)
        folder = folder.parent


def replaceable(path: Path) -> bool:
    """True if writing `path` loses nothing of the user's."""
    if not os.path.lexists(path):
        return True
    return is_temporary(path) or is_ours(path)


def foreign_files(tree: Path) -> list[Path]:
    """Files under the folder `tree` that are the user's (so replacing the folder would lose them).
    Manifests and stale temporaries do not count."""
    if not os.path.lexists(tree):
        return []
    if tree.is_symlink() or not tree.is_dir():
        return [tree]
    foreign = []
    manifests = functools.cache(read_manifest)  # a site's 70 files share one manifest
    for folder, folders, names in os.walk(tree):
        folders[:] = [f for f in folders if not is_temporary(Path(f))]
        for name in sorted(names):
            path = Path(folder) / name
            if name != MANIFEST and not is_temporary(path) and not is_ours(path, tree, manifests):
                foreign.append(path)
        foreign += [Path(folder) / f for f in folders if (Path(folder) / f).is_symlink()]
    return foreign


def refuse_unless_replaceable(paths: Iterable[Path], force: bool) -> None:
    """Raise Refused for the first path that is the user's file, unless `force`.

    A folder where a file should go, or a file where a folder should be, is refused even with
    `force`: replacing it would delete more than one file of the user's."""
    paths = list(paths)
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            raise Refused(path, "it is a folder; move it away or write somewhere else")
        blocking = next((p for p in path.parents if os.path.lexists(p) and not p.is_dir()), None)
        if blocking is not None:
            raise Refused(blocking, "a file is where a folder must be; move it away")
    if force:
        return
    for path in paths:
        if not replaceable(path):
            raise Refused(path)


def write_outputs(files: Mapping[Path, str | bytes], *, force: bool, manifest: bool = True) -> None:
    """Write every file atomically, after checking that none replaces a file of the user's.

    With `manifest`, each folder's manifest first accepts both the old and the new content of
    each file, then the new only: whenever the process dies, every file still counts as ours.
    """
    refuse_unless_replaceable(files, force)
    data = {path: _bytes(content) for path, content in files.items()}
    by_folder: dict[Path, dict[str, str]] = {}
    for path, content in data.items():
        by_folder.setdefault(path.parent, {})[path.name] = digest(content)
    before: list[tuple[Path, str | bytes]] = []
    after: list[tuple[Path, str | bytes]] = []
    if manifest:
        for folder, written in by_folder.items():
            entries = read_manifest(folder)
            both = {n: sorted({*entries.get(n, []), h}) for n, h in written.items()}
            before.append((folder / MANIFEST, manifest_text(folder, entries | both, prune=False)))
            final = entries | {n: [h] for n, h in written.items()}
            after.append((folder / MANIFEST, manifest_text(folder, final, keep=frozenset(written))))
    # All staged before any is renamed: a full disk stops the write with every old file intact.
    write_all_atomic([*before, *data.items(), *after])


def write_manifest(folder: Path, entries: Mapping[str, list[str]], prune: bool = True) -> None:
    """The manifest of `folder`; `prune` drops the entries whose file is gone."""
    write_atomic(folder / MANIFEST, manifest_text(folder, entries, prune=prune))


def manifest_text(
    folder: Path,
    entries: Mapping[str, list[str]],
    prune: bool = True,
    keep: frozenset[str] = frozenset(),
) -> str:
    """The manifest's content; `prune` drops entries whose file is gone, but those in `keep`
    (files about to be written)."""
    kept = {
        name: hashes[0] if len(hashes) == 1 else hashes
        for name, hashes in sorted(entries.items())
        if not prune or name in keep or (folder / name).is_file()
    }
    return json.dumps({"about": _ABOUT, "files": kept}, indent=2) + "\n"


def manifest_of_tree(tree: Path) -> None:
    """Write the manifest of a folder agreekit has just filled: every file in it, at any depth."""
    entries = {
        path.relative_to(tree).as_posix(): [digest(path.read_bytes())]
        for path in sorted(tree.rglob("*"))
        if path.is_file() and path.name != MANIFEST and not is_temporary(path)
    }
    write_manifest(tree, entries)


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _shown(path: Path) -> str:
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
