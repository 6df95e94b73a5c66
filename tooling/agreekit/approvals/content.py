"""The content id of the agreement text: the git tree id of `agreement/` without `records/`.

An approval covers this id. `records/` is left out because workflow records (negotiation, reviews,
signing) change during the workflow without changing the text being approved. The id is exactly the
tree id git would give `agreement/` with `records` removed, so it can be computed from a committed
tree (`git cat-file`) or from the files in the working tree, and both agree.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

EXCLUDED = b"records"


def _digest(kind: bytes, body: bytes, algorithm: str) -> bytes:
    return hashlib.new(algorithm, kind + b" %d\0" % len(body) + body).digest()


def tree_entries(raw: bytes, digest_size: int) -> list[tuple[bytes, bytes, bytes]]:
    """(mode, name, id) of each entry of a raw git tree object."""
    entries = []
    position = 0
    while position < len(raw):
        space = raw.index(b" ", position)
        nul = raw.index(b"\0", space)
        object_id = raw[nul + 1 : nul + 1 + digest_size]
        entries.append((raw[position:space], raw[space + 1 : nul], object_id))
        position = nul + 1 + digest_size
    return entries


def _serialise(entries: list[tuple[bytes, bytes, bytes]]) -> bytes:
    return b"".join(mode + b" " + name + b"\0" + object_id for mode, name, object_id in entries)


def content_id_of_tree(raw_tree: bytes, algorithm: str = "sha1") -> str:
    """The content id from the raw tree object of a commit's `agreement/`."""
    size = hashlib.new(algorithm).digest_size
    kept = [entry for entry in tree_entries(raw_tree, size) if entry[1] != EXCLUDED]
    return _digest(b"tree", _serialise(kept), algorithm).hex()


def _sort_key(entry: tuple[bytes, bytes, bytes]) -> bytes:
    mode, name, _ = entry
    return name + b"/" if mode == b"40000" else name  # git sorts trees as if named "name/"


def _tree_of_folder(folder: Path, algorithm: str, top: bool) -> bytes | None:
    entries: list[tuple[bytes, bytes, bytes]] = []
    for item in os.scandir(folder):
        name = item.name.encode()
        if top and name == EXCLUDED:
            continue
        if item.is_symlink():
            target = os.readlink(item.path).encode()
            entries.append((b"120000", name, _digest(b"blob", target, algorithm)))
        elif item.is_dir():
            subtree = _tree_of_folder(Path(item.path), algorithm, top=False)
            if subtree is not None:  # git does not store empty folders
                entries.append((b"40000", name, subtree))
        elif item.is_file():
            mode = b"100755" if os.access(item.path, os.X_OK) else b"100644"
            data = Path(item.path).read_bytes()
            entries.append((mode, name, _digest(b"blob", data, algorithm)))
    if not entries and not top:
        return None
    return _digest(b"tree", _serialise(sorted(entries, key=_sort_key)), algorithm)


def content_id_of_folder(folder: Path, algorithm: str = "sha1") -> str | None:
    """The content id of the agreement as it is on disk (ignored files count too)."""
    if not folder.is_dir():
        return None
    tree = _tree_of_folder(folder, algorithm, top=True)
    return tree.hex() if tree is not None else None
