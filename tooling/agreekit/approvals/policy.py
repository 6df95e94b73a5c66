"""The signing rules in force at each commit: which allowed-signers file counts, decided along history.

Rules (pure; the caller answers whether a governance approval exists):
- the repository's first root commit (the root of HEAD's first-parent history, or the commit
  pinned with `git config agreekit.root`) vouches for itself: its signers file, or none, is in
  force;
- any other root commit (an orphan branch merged in) vouches for nothing: records whose authority
  comes from it are rejected;
- a commit keeps the signers in force in a parent when its file is the same; a first signers file
  where none was in force takes effect at once (it only adds a requirement);
- changing or dropping a signers file that was in force is a governance change: it takes effect
  only with management's signed `governance` approval of that commit, checked against the signers
  in force before it. Without one, the earlier signers stay in force, so signing cannot be switched
  off quietly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from agreekit.governance.paths import SIGNERS_PATH


class InForce(NamedTuple):
    signers: str | None  # blob id of the allowed-signers file in force; None: signing not required
    trusted: bool  # False: the commit descends only from a root that is not the first one
    note: str = ""  # an unapproved change that is not in force


UNTRUSTED = InForce(None, False)


def first_root(graph: Mapping[str, Sequence[str]], head: str) -> str:
    commit = head
    while graph.get(commit):
        commit = graph[commit][0]
    return commit


def signers_in_force(
    graph: Mapping[str, Sequence[str]],
    head: str,
    blob_of: Mapping[str, str | None],
    approved_change: Callable[[str, InForce], bool],
    root: str | None = None,
) -> dict[str, InForce]:
    """The signing rules in force at every commit of `graph` (children listed before parents);
    `root` pins the first root (else the root of HEAD's first-parent history)."""
    root = root or first_root(graph, head)
    result: dict[str, InForce] = {}
    for commit in reversed(list(graph)):
        parents = [result.get(p, UNTRUSTED) for p in graph[commit]]
        own = blob_of.get(commit)
        if not parents:
            result[commit] = InForce(own, True) if commit == root else UNTRUSTED
            continue
        trusted = [p for p in parents if p.trusted]
        if not trusted:
            result[commit] = UNTRUSTED
            continue
        signed = [p for p in trusted if p.signers is not None]
        if (
            any(p.signers == own for p in trusted)
            or not signed
            or approved_change(commit, signed[0])
        ):
            result[commit] = InForce(own, True)
        else:
            before = signed[0]
            note = before.note or (
                f"{commit[:12]} {'dropped' if own is None else 'changed'} {SIGNERS_PATH} without "
                "management's signed governance approval (`agreekit approve governance`), so the "
                "signers before it still apply"
            )
            result[commit] = InForce(before.signers, True, note)
    return result
