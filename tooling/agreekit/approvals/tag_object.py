"""A raw git tag object parsed the way git parses it: headers, message, and the signature block.

git's tag object is `object <id>`, `type <kind>`, `tag <name>`, an optional `tagger <ident>` and
other headers, a blank line, then the message. A signature is appended to the message; git takes
the last line that begins a signature block (`-----BEGIN SSH SIGNATURE-----` or a PGP/X.509 one) as
its start (`parse_signed_buffer`). Nothing here depends on text elsewhere, so no message can make
a boundary between two records.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SIGNATURE_STARTS = (
    b"-----BEGIN PGP SIGNATURE-----",
    b"-----BEGIN PGP MESSAGE-----",
    b"-----BEGIN SIGNED MESSAGE-----",
    b"-----BEGIN SSH SIGNATURE-----",
)
_IDENT = re.compile(rb"^(?P<name>[^<>\n]*)<(?P<email>[^<>\n]*)> (?P<time>\d+)(?: [+-]\d{4})?$")


class TagObject(NamedTuple):
    target: str  # the tagged object's id
    target_type: str  # commit, tree, blob or tag
    name: str  # the name the tag was created with (`approvals/initial/1`)
    tagger_email: str
    tagger_time: int
    message: str  # the payload message, without the signature
    signature: str
    problem: str  # why the object is not a well-formed tag, or ""


def _broken(problem: str) -> TagObject:
    return TagObject("", "", "", "", 0, "", "", problem)


def _signature_start(body: bytes) -> int:
    start, position = len(body), 0
    while position < len(body):
        if body.startswith(SIGNATURE_STARTS, position):
            start = position
        newline = body.find(b"\n", position)
        position = len(body) if newline < 0 else newline + 1
    return start


def parse_tag(raw: bytes) -> TagObject:
    """The fields of one tag object (as `git cat-file tag <id>` prints it)."""
    header_end = raw.find(b"\n\n")
    head, body = (raw, b"") if header_end < 0 else (raw[:header_end], raw[header_end + 2 :])
    headers: dict[bytes, bytes] = {}
    for line in head.split(b"\n"):
        key, _, value = line.partition(b" ")
        if key in headers:
            return _broken(f"the tag object has two '{key.decode('ascii', 'replace')}' headers")
        headers[key] = value
    try:
        target, kind, name = (headers[k].decode("ascii") for k in (b"object", b"type", b"tag"))
    except (KeyError, UnicodeDecodeError):
        return _broken("not a tag object git would write (object, type and tag headers)")
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", target):
        return _broken(f"the tag object names '{target[:70]}', not an object id")
    email, when = "", 0
    tagger = _IDENT.match(headers.get(b"tagger", b""))
    if tagger:
        email, when = tagger["email"].decode("utf-8", "replace"), int(tagger["time"])
    split = _signature_start(body)
    try:
        message = body[:split].decode("utf-8")
        signature = body[split:].decode("utf-8")
    except UnicodeDecodeError:
        return _broken("the tag message is not UTF-8")
    return TagObject(target, kind, name, email, when, message, signature, "")
