"""Signature verdicts already reached, kept in the git folder so status stays fast on long histories.

An SSH signature on a tag verifies or not according to two inputs only: the tag object (its id is
the hash of its content, signature included) and the allowed-signers text it is checked against.
The cache is keyed by both, so any change to either means a fresh `git verify-tag`. It lives in
`<git dir>/agreekit/signatures.json`, outside the work tree and never committed; a clone starts
without it. `agreekit verify`, the audit, ignores it and verifies everything afresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from agreekit import git
from agreekit.approvals.git_cache import CacheFile

CACHE_FILE = "agreekit/signatures.json"


class SignatureCache:
    def __init__(self, git_folder: Path | None) -> None:
        self._file = CacheFile(git_folder, CACHE_FILE)
        self._verdicts = {
            key: value
            for key, value in self._file.stored.items()
            if isinstance(value, list)
            and len(value) == 3
            and all(isinstance(v, str) for v in value)
        }

    def get(self, tag_object: str, signers: str) -> git.Signature | None:
        """The verdict reached before for this tag object and signers text, if any."""
        known = self._verdicts.get(_key(tag_object, signers)) if tag_object else None
        if known is None:
            return None
        good, principal, detail = known
        return git.Signature(good == "good", principal, detail)

    def put(self, tag_object: str, signers: str, signature: git.Signature) -> None:
        if tag_object:
            verdict = ["good" if signature.good else "bad", signature.principal, signature.detail]
            self._verdicts[_key(tag_object, signers)] = verdict
            self._file.changed = True

    def save(self) -> None:
        self._file.save(self._verdicts)


def _key(tag_object: str, signers: str) -> str:
    return f"{tag_object} {hashlib.sha256(signers.encode('utf-8')).hexdigest()}"
