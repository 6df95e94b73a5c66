"""Gather approval evidence from git in a fixed number of processes, whatever the history length.

One `for-each-ref` (the tag names and object ids, NUL-separated), one `cat-file --batch` of the tag
objects by id (each parsed on its own, as git does), one `rev-list` (the history graph), one
`cat-file --batch` (trees, commits and agreement.yml as of each approved commit and its parent),
one `cat-file --batch-check` (the signers file's blob id at every commit, from which the signing
rules in force follow: `policy.py`), and one `verify-tag` per signed record not verified before.

A signature's verdict depends only on the tag object and the allowed-signers text, so verdicts are
kept in the repository's git folder (`signature_cache`); `agreekit verify` checks every one afresh.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from agreekit import git, versions
from agreekit.approvals.content import content_id_of_folder, content_id_of_tree, tree_entries
from agreekit.approvals.coverage import Text
from agreekit.approvals.evidence_cache import EvidenceCache
from agreekit.approvals.policy import UNTRUSTED, InForce, first_root, signers_in_force
from agreekit.approvals.record import Record, record_from_commit_ref, record_from_tag
from agreekit.approvals.signature_cache import SignatureCache
from agreekit.approvals.signers_blob_cache import signers_blobs
from agreekit.approvals.stages import GOVERNANCE
from agreekit.approvals.tag_object import parse_tag
from agreekit.approvals.verify import (
    Authority,
    Evidence,
    Person,
    Verdict,
    record_problems,
    verify_records,
)
from agreekit.governance.paths import SIGNERS_PATH
from agreekit.model.agreement_file import Stakeholder
from agreekit.model.typed import convert


class GitEvidence(NamedTuple):
    """What status and verify need from git, as plain values."""

    head: str | None
    head_content: str | None
    worktree_content: str | None
    signing_required: bool  # a record on HEAD must be signed (the rules in force at its parent)
    verdicts: tuple[Verdict, ...]
    release: str | None = None  # the version tag (v*) on HEAD, once released
    # commit -> {file name: blob id} of agreement/sections/, for HEAD and every approved commit
    sections: Mapping[str, Mapping[str, str]] = {}
    signers: str | None = None  # the allowed-signers text in force for a record on HEAD
    legal_files: tuple[str, ...] = ()  # section files whose committed front matter names legal
    signatories: tuple[str, ...] = ()  # stakeholder ids, as committed at HEAD
    # For a record on HEAD: the stakeholders whose word counts (as of HEAD's parent, or HEAD if it
    # is the first root), HEAD's author, and why HEAD's parent gives no authority ("" if it does).
    people: Mapping[str, Person] = {}
    head_author: str = ""
    untrusted: str = ""
    cycle: versions.Cycle | None = None  # the workflow's round (None before the first commit)
    # In an amendment or a renewal: the commits the last release contains. Records given there
    # belong to the released cycle and count for nothing in this one.
    released_commits: frozenset[str] = frozenset()

    @property
    def cycle_verdicts(self) -> tuple[Verdict, ...]:
        """The records of the current cycle: approvals and signatures start again after a
        release, so those given at or before it do not count for an amendment or a renewal."""
        if not self.released_commits:
            return self.verdicts
        return tuple(v for v in self.verdicts if v.record.commit not in self.released_commits)

    @property
    def text(self) -> Text:
        """HEAD's text as the coverage rules read it."""
        return Text(self.head_content, self.head, self.sections, self.legal_files, self.signatories)


def _algorithm(commit: str | None) -> str:
    return "sha256" if commit and len(commit) == 64 else "sha1"


@functools.lru_cache(maxsize=64)
def _people(raw: bytes | None) -> dict[str, Person]:
    """The stakeholders in an agreement.yml as committed; many records share the same file."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data: Any = yaml.load(raw.decode("utf-8"), Loader=loader) if raw else None
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    people: dict[str, Person] = {}
    entries = data.get("stakeholders") if isinstance(data, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        person, _ = convert(Stakeholder, entry)  # the model's reading; an invalid entry is no one
        if person is not None:
            roles = (*person.roles, "signatory") if person.signatory else person.roles
            people[person.id] = Person(person.email, person.github, roles)
    return people


def _commit_fields(raw: bytes) -> tuple[str, str | None]:
    """The author's email and the first parent (None for a root commit)."""
    author, parent = "", None
    for line in raw.decode("utf-8", "replace").split("\n"):
        if not line:
            break
        if line.startswith("parent ") and parent is None:
            parent = line.removeprefix("parent ").strip()
        elif line.startswith("author "):
            author = line[line.find("<") + 1 : line.find(">")]
    return author, parent


def gather(repo: Path, directory: str = "agreement", fresh: bool = False) -> GitEvidence:
    """The evidence for every approval record.

    What was learnt of a tag before comes from the caches in the git folder, so only new tags
    are read; `fresh` (the audit) reads and verifies everything again."""
    head = git.head(repo)
    worktree = content_id_of_folder(repo / directory, _algorithm(head))
    if head is None:
        return GitEvidence(None, None, worktree, (repo / SIGNERS_PATH).is_file(), ())
    algorithm = _algorithm(head)
    # The history walk is the longest question: git answers it while the others are asked.
    history = git.in_background(lambda: git.history(repo, head))
    refs = git.approval_refs(repo)
    folder = git.git_folder(repo) if refs and not fresh else None
    learnt, verdicts = EvidenceCache(folder), SignatureCache(folder)
    known = {ref.ref: learnt.get(ref.object, ref.ref) for ref in refs if ref.annotated}
    records = _records(repo, [ref for ref in refs if known.get(ref.ref) is None])
    commits = {r.commit for r in records.values() if r.target_type == "commit" and r.commit}
    objects = git.cat_objects(repo, _questions(head, directory, commits))

    def data(spec: str, kind: str) -> bytes | None:
        found = objects.get(spec)
        return found.data if found is not None and found.kind == kind else None

    head_tree = data(f"{head}:{directory}", "tree")
    head_people = _people(data(f"{head}:{directory}/agreement.yml", "blob"))
    head_author, head_parent = _commit_fields(data(head, "commit") or b"")
    base_people = (
        _people(data(f"{head}^:{directory}/agreement.yml", "blob")) if head_parent else head_people
    )
    signatories = tuple(key for key, person in head_people.items() if "signatory" in person.roles)
    head_content = content_id_of_tree(head_tree, algorithm) if head_tree is not None else None
    sections = {head: _sections(data(f"{head}:{directory}/sections", "tree"), algorithm)}
    read: list[tuple[Evidence, str | None, dict[str, str]]] = []
    for ref in refs:
        if ref.ref in records:
            found = _read(records[ref.ref], data, directory, algorithm)
            if ref.annotated:
                learnt.put(ref.object, *found)
        else:
            cached = known.get(ref.ref)
            if cached is None:
                continue  # the tag went away while git was being asked
            found = cached
        read.append(found)
    learnt.save()
    graph = history()

    def ask(commits: Sequence[str]) -> dict[str, str | None]:
        found = git.object_ids(repo, [f"{commit}:{SIGNERS_PATH}" for commit in commits])
        return {commit: found.get(f"{commit}:{SIGNERS_PATH}") for commit in commits}

    blob_of = signers_blobs(folder, graph, ask)
    texts = _BlobTexts(repo)

    def signature(evidence: Evidence) -> git.Signature | None:
        record, signers = evidence.record, evidence.authority.signers
        if not (evidence.required and record.signed and signers and record.tag_object):
            return None
        known_verdict = verdicts.get(record.tag_object, signers)
        if known_verdict is None:
            known_verdict = git.verify_tag(repo, record.tag_object, signers)
            verdicts.put(record.tag_object, signers, known_verdict)
        return known_verdict

    governance: dict[str, list[Evidence]] = {}
    for evidence, _, _ in read:
        if evidence.record.stage == GOVERNANCE.id and evidence.record.decision == "approved":
            governance.setdefault(evidence.record.commit, []).append(evidence)

    def approved_change(commit: str, before: InForce) -> bool:
        for evidence in governance.get(commit, ()):
            trial = evidence._replace(
                required=True,
                authority=evidence.authority._replace(signers=texts.get(before.signers)),
            )
            if not record_problems(trial._replace(signature=signature(trial))):
                return True
        return False

    root = _pinned_root(repo) or first_root(graph, head)
    in_force = signers_in_force(graph, head, blob_of, approved_change, root)
    evidence_list = []
    for evidence, base, commit_sections in read:
        policy = in_force.get(base, UNTRUSTED) if base else UNTRUSTED
        if policy.trusted:
            untrusted = ""
        elif base is None or base not in in_force:
            untrusted = "its commit is not in the history of HEAD, so nothing there vouches for it"
        else:
            untrusted = (
                f"its authority comes from {base[:12]}, which descends only from a root commit "
                f"other than the repository's first ({root[:12]}, the root of the default "
                "branch's first-parent history): an orphan history vouches for nothing"
            )
        ruled = evidence._replace(
            authority=evidence.authority._replace(signers=texts.get(policy.signers)),
            required=policy.signers is not None or not policy.trusted,
            untrusted=untrusted,
            policy_note=policy.note,
            signers_changed=blob_of.get(evidence.record.commit) != policy.signers,
        )
        evidence_list.append(ruled._replace(signature=signature(ruled)))
        sections[evidence.record.commit] = commit_sections
    verdicts.save()
    results = verify_records(evidence_list, head_content, graph)
    # Legal-owned as released, and as owned when legal approved: dropping `legal` from a section's
    # owners does not let its text change without legal.
    legal_commits = {v.record.commit for v in results if v.counts and v.record.stage == "legal"}
    legal_files = _legal_files(repo, [sections.get(c, {}) for c in {head, *legal_commits}])
    at_head = in_force.get(head_parent or head, UNTRUSTED)
    head_untrusted = (
        ""
        if at_head.trusted
        else f"HEAD {head[:12]} descends only from a root commit other than the repository's first"
    )
    current = versions.cycle(repo, directory)
    return GitEvidence(
        head, head_content, worktree, at_head.signers is not None, tuple(results),
        versions.released_at_head(repo), sections, texts.get(at_head.signers), legal_files, signatories,
        base_people, head_author, head_untrusted, current, _released_commits(repo, current, graph),
    )  # fmt: skip


def _released_commits(
    repo: Path, current: versions.Cycle, graph: Mapping[str, tuple[str, ...]]
) -> frozenset[str]:
    """The commits the release a new cycle follows contains (empty outside a new cycle)."""
    if current.kind not in versions.NEW_CYCLES or current.since is None:
        return frozenset()
    tip = git.tag_commit(repo, current.since)
    seen: set[str] = set()
    todo = [tip] if tip else []
    while todo:
        commit = todo.pop()
        if commit not in seen:
            seen.add(commit)
            todo += graph.get(commit, ())
    return frozenset(seen)


def _pinned_root(repo: Path) -> str | None:
    """The first root pinned in git's (local, never committed) config: `agreekit.root`."""
    pinned = git.config(repo, "agreekit.root")
    return (git.commit_id(repo, pinned) or pinned) if pinned else None


class _BlobTexts:
    """Signers files by blob id, read from git when first asked for."""

    def __init__(self, repo: Path) -> None:
        self._repo = repo
        self._texts: dict[str, str] = {}

    def get(self, blob: str | None) -> str | None:
        if blob is None:
            return None
        if blob not in self._texts:
            found = git.cat_objects(self._repo, [blob]).get(blob)
            self._texts[blob] = found.data.decode("utf-8", "replace") if found else ""
        return self._texts[blob]


def _records(repo: Path, refs: list[git.RefName]) -> dict[str, Record]:
    """The records the refs name: tag objects read by id and parsed one by one."""
    objects = git.cat_objects(repo, sorted({ref.object for ref in refs if ref.annotated}))
    records = {}
    for ref in refs:
        if not ref.annotated:
            records[ref.ref] = record_from_commit_ref(ref.ref, ref.object)
            continue
        raw = objects.get(ref.object)
        tag = parse_tag(raw.data) if raw is not None and raw.kind == "tag" else None
        if tag is None:
            tag = parse_tag(b"")
        records[ref.ref] = record_from_tag(ref.ref, ref.object, tag)
    return records


def people_at(repo: Path, commit: str, directory: str) -> dict[str, Person] | None:
    """The stakeholders in agreement.yml as committed at `commit` (None if git lacks it)."""
    spec = f"{commit}:{directory}/agreement.yml"
    found = git.cat_objects(repo, [spec]).get(spec)
    return _people(found.data) if found is not None and found.kind == "blob" else None


def legal_files_at(repo: Path, commit: str, directory: str) -> tuple[str, ...]:
    """The section files whose front matter names legal, as committed at `commit`."""
    spec = f"{commit}:{directory}/sections"
    tree = git.cat_objects(repo, [spec]).get(spec)
    if tree is None or tree.kind != "tree":
        return ()
    return _legal_files(repo, [_sections(tree.data, _algorithm(commit))])


def _legal_files(repo: Path, trees: Sequence[Mapping[str, str]]) -> tuple[str, ...]:
    """The section files whose front matter names legal among their `owners` in any of the given
    sections trees (file name -> blob id); each distinct blob is read once, all in one process."""
    blobs = sorted({blob for tree in trees for name, blob in tree.items() if name.endswith(".md")})
    found = git.cat_objects(repo, blobs)
    legal = {blob for blob in blobs if (raw := found.get(blob)) and "legal" in _owners(raw.data)}
    return tuple(sorted({name for tree in trees for name, blob in tree.items() if blob in legal}))


def _owners(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", "replace")
    if not text.startswith("---"):
        return []
    end = text.find("\n---", 3)
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data: Any = yaml.load(text[3:end] if end > 0 else "", Loader=loader)
    except yaml.YAMLError:
        return []
    owners = data.get("owners") if isinstance(data, dict) else None
    return [str(owner) for owner in owners] if isinstance(owners, list) else []


def _sections(raw: bytes | None, algorithm: str) -> dict[str, str]:
    if raw is None:
        return {}
    size = hashlib.new(algorithm).digest_size
    return {name.decode("utf-8", "replace"): oid.hex() for _, name, oid in tree_entries(raw, size)}


def _questions(head: str, directory: str, commits: set[str]) -> list[str]:
    """The objects to read: HEAD's text, and for each approved commit its own text, sections and
    parent's stakeholders."""
    yml = f"{directory}/agreement.yml"
    specs = [head, f"{head}:{directory}", f"{head}:{directory}/sections", f"{head}:{yml}"]
    specs.append(f"{head}^:{yml}")
    for commit in sorted(commits):
        specs += [commit, f"{commit}:{directory}", f"{commit}:{directory}/sections"]
        specs += [f"{commit}:{yml}", f"{commit}^:{yml}"]
    return specs


def _read(
    record: Record,
    data: Callable[[str, str], bytes | None],
    directory: str,
    algorithm: str,
) -> tuple[Evidence, str | None, dict[str, str]]:
    """What git says of one record's commit, before the signing rules and signature are known;
    with the commit whose authority counts (its first parent, or itself if the first root) and
    its sections' blob ids."""
    commit_raw = data(record.commit, "commit") if record.commit else None
    author, parent = _commit_fields(commit_raw) if commit_raw else ("", None)
    base = parent if parent else (record.commit if commit_raw else None)
    tree = data(f"{record.commit}:{directory}", "tree")
    yml = f"{record.commit}{'^' if parent else ''}:{directory}/agreement.yml"
    people = _people(data(yml, "blob"))
    evidence = Evidence(
        record=record,
        commit_content=content_id_of_tree(tree, algorithm) if tree is not None else None,
        author_email=author,
        authority=Authority(None, people),
        signers_changed=False,
        signature=None,
    )
    return (
        evidence,
        base,
        _sections(data(f"{record.commit}:{directory}/sections", "tree"), algorithm),
    )
