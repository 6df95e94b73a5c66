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
Found = tuple[Evidence, str | None, dict[str, str]]
VERSION = 2


class EvidenceCache:
    def __init__(self, git_folder: Path | None) -> None:
        self._file = CacheFile(git_folder, CACHE_FILE)
        entries = self._file.stored.get("records")
        current = self._file.stored.get("version") == VERSION
        self._entries: dict[str, Any] = entries if current and isinstance(entries, dict) else {}

    def get(self, tag_object: str, ref: str) -> Found | None:
        """The evidence for this tag object, listed under `ref`, without its signature and the
        signing rules (which follow from the whole history, not the tag), with the commit whose
        authority counts and the approved commit's section blob ids."""
        entry = self._entries.get(tag_object)
        try:
            return _evidence(entry, ref) if entry is not None else None
        except (AttributeError, KeyError, TypeError, ValueError):
            return None  # an entry this version cannot read: ask git again

    def put(
        self, tag_object: str, evidence: Evidence, base: str | None, sections: dict[str, str]
    ) -> None:
        self._entries[tag_object] = {**_entry(evidence), "base": base, "sections": sections}
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
        "people": people,
    }


def _evidence(entry: dict[str, Any], ref: str) -> Found:
    people = {
        key: Person(str(email), str(github), tuple(map(str, roles)))
        for key, (email, github, roles) in entry["people"].items()
    }
    content, base = entry["commit_content"], entry["base"]
    evidence = Evidence(
        record=Record(ref=ref, **entry["record"]),
        commit_content=str(content) if content is not None else None,
        author_email=str(entry["author_email"]),
        authority=Authority(None, people),
        signers_changed=False,
        signature=None,
    )
    sections = {str(name): str(blob) for name, blob in entry["sections"].items()}
    return evidence, str(base) if base is not None else None, sections
