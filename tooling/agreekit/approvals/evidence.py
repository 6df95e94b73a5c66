"""Gather approval evidence from git in a fixed number of processes, whatever the history length.

One `for-each-ref` (the tags and their messages), one `rev-list` (the history graph), one
`cat-file --batch` (trees, commits, signers files and agreement.yml as of each approved commit and
its parent), and one `verify-tag` per signed record that has not been verified before.

A signature's verdict depends only on the tag object and the allowed-signers text, so verdicts are
kept in the repository's git folder (`signature_cache`); `agreekit verify` checks every one afresh.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from agreekit import git, versions
from agreekit.approvals.content import content_id_of_folder, content_id_of_tree
from agreekit.approvals.evidence_cache import EvidenceCache
from agreekit.approvals.record import record_from_tag
from agreekit.approvals.signature_cache import SignatureCache
from agreekit.approvals.verify import Authority, Evidence, Person, Verdict, verify_records
from agreekit.governance.paths import SIGNERS_PATH
from agreekit.model.agreement_file import Stakeholder
from agreekit.model.typed import convert


class GitEvidence(NamedTuple):
    """What status and verify need from git, as plain values."""

    head: str | None
    head_content: str | None
    worktree_content: str | None
    signing_required: bool
    verdicts: tuple[Verdict, ...]
    release: str | None = None  # the version tag (v*) on HEAD, once released


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


def _commit_fields(raw: bytes) -> tuple[str, bool]:
    """The author's email and whether the commit has a parent."""
    author, has_parent = "", False
    for line in raw.decode("utf-8", "replace").split("\n"):
        if not line:
            break
        if line.startswith("parent "):
            has_parent = True
        elif line.startswith("author "):
            author = line[line.find("<") + 1 : line.find(">")]
    return author, has_parent


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
    tags = git.approval_tags(repo, [ref.ref for ref in refs if known.get(ref.ref) is None])
    objects = git.cat_objects(repo, _questions(head, directory, {tag.commit for tag in tags}))

    def data(spec: str, kind: str) -> bytes | None:
        found = objects.get(spec)
        return found.data if found is not None and found.kind == kind else None

    head_tree = data(f"{head}:{directory}", "tree")
    head_content = content_id_of_tree(head_tree, algorithm) if head_tree is not None else None
    signing_required = data(f"{head}:{SIGNERS_PATH}", "blob") is not None
    read = {tag.ref: (tag, _read(tag, data, directory, algorithm)) for tag in tags}
    evidence = []
    for ref in refs:
        if ref.ref in read:
            tag, found = read[ref.ref]
            if tag.annotated:
                learnt.put(tag.object, found)
        else:
            cached = known.get(ref.ref)
            if cached is None:
                continue  # the tag went away while git was being asked
            found = cached
        signers = found.authority.signers
        if signing_required and found.record.annotated and found.record.signed and signers:
            signature = verdicts.get(ref.object, signers)
            if signature is None:
                signature = git.verify_tag(repo, ref.ref, signers)
                verdicts.put(ref.object, signers, signature)
            found = found._replace(signature=signature)
        evidence.append(found)
    learnt.save()
    verdicts.save()
    results = verify_records(evidence, signing_required, head_content, history())
    release = versions.released_at_head(repo)
    return GitEvidence(head, head_content, worktree, signing_required, tuple(results), release)


def _questions(head: str, directory: str, commits: set[str]) -> list[str]:
    """The objects to read: HEAD's text and signers, and for each approved commit its own and its
    parent's."""
    yml = f"{directory}/agreement.yml"
    specs = [f"{head}:{directory}", f"{head}:{SIGNERS_PATH}"]
    for commit in sorted(commits):
        specs += [commit, f"{commit}:{directory}", f"{commit}:{SIGNERS_PATH}", f"{commit}:{yml}"]
        specs += [f"{commit}^:{SIGNERS_PATH}", f"{commit}^:{yml}"]
    return specs


def _read(
    tag: git.TagRef,
    data: Callable[[str, str], bytes | None],
    directory: str,
    algorithm: str,
) -> Evidence:
    """What git says of one tag and its commit, before any signature is checked."""
    record = record_from_tag(
        tag.ref, tag.commit, tag.annotated, tag.signature, tag.tagger_time, tag.body
    )
    commit_raw = data(tag.commit, "commit")
    author, has_parent = _commit_fields(commit_raw) if commit_raw else ("", False)
    base = f"{tag.commit}^" if has_parent else tag.commit
    signers_raw = data(f"{base}:{SIGNERS_PATH}", "blob")
    signers = signers_raw.decode("utf-8", "replace") if signers_raw is not None else None
    tree = data(f"{tag.commit}:{directory}", "tree")
    return Evidence(
        record=record,
        commit_content=content_id_of_tree(tree, algorithm) if tree is not None else None,
        author_email=author,
        authority=Authority(signers, _people(data(f"{base}:{directory}/agreement.yml", "blob"))),
        signers_changed=data(f"{tag.commit}:{SIGNERS_PATH}", "blob") != signers_raw,
        signature=None,
    )
