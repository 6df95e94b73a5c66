"""What git said about each approval tag, kept so a long history is not read again on every status.

Everything `gather` learns about an annotated tag follows from the tag object alone: its id is the
hash of its content, which names the tagged commit, whose id in turn fixes its tree, parent and
files. So the evidence is keyed by the tag object's id and never goes stale; only the ref name is
taken afresh (a tag object may be listed under another name). Like the signature cache it lives in
the git folder (`agreekit/records.json`), is never committed, and `agreekit verify` ignores it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agreekit.approvals.git_cache import CacheFile
from agreekit.approvals.record import Record
from agreekit.approvals.verify import Authority, Evidence, Person

CACHE_FILE = "agreekit/records.json"
VERSION = 1


class EvidenceCache:
    def __init__(self, git_folder: Path | None) -> None:
        self._file = CacheFile(git_folder, CACHE_FILE)
        entries = self._file.stored.get("records")
        current = self._file.stored.get("version") == VERSION
        self._entries: dict[str, Any] = entries if current and isinstance(entries, dict) else {}

    def get(self, tag_object: str, ref: str) -> Evidence | None:
        """The evidence for this tag object, listed under `ref`, without its signature."""
        entry = self._entries.get(tag_object)
        try:
            return _evidence(entry, ref) if entry is not None else None
        except (AttributeError, KeyError, TypeError, ValueError):
            return None  # an entry this version cannot read: ask git again

    def put(self, tag_object: str, evidence: Evidence) -> None:
        self._entries[tag_object] = _entry(evidence)
        self._file.changed = True

    def save(self) -> None:
        self._file.save({"version": VERSION, "records": self._entries})


def _entry(evidence: Evidence) -> dict[str, Any]:
    record = evidence.record._asdict()
    del record["ref"]
    people = {key: list(person) for key, person in evidence.authority.people.items()}
    return {
        "record": record,
        "commit_content": evidence.commit_content,
        "author_email": evidence.author_email,
        "signers": evidence.authority.signers,
        "people": people,
        "signers_changed": evidence.signers_changed,
    }


def _evidence(entry: dict[str, Any], ref: str) -> Evidence:
    people = {
        key: Person(str(email), str(github), tuple(map(str, roles)))
        for key, (email, github, roles) in entry["people"].items()
    }
    signers = entry["signers"]
    content = entry["commit_content"]
    return Evidence(
        record=Record(ref=ref, **entry["record"]),
        commit_content=str(content) if content is not None else None,
        author_email=str(entry["author_email"]),
        authority=Authority(str(signers) if signers is not None else None, people),
        signers_changed=bool(entry["signers_changed"]),
        signature=None,
    )
