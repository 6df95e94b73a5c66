"""Whose key git would sign with: the public key behind `user.signingkey`, and the signers' keys."""

from __future__ import annotations

import re
from pathlib import Path

from agreekit import git

_KEY = re.compile(r"(?:^|\s)((?:ssh|ecdsa|sk)-[\w@.-]+)\s+([A-Za-z0-9+/]+={0,2})(?=\s|$)")


def public_key(text: str) -> str | None:
    """`type base64` of the first public key in a text (a .pub file, a `key::` value)."""
    match = _KEY.search(text)
    return f"{match[1]} {match[2]}" if match else None


def configured_key(repo: Path) -> tuple[str | None, str]:
    """The public key git signs tags with here, or None and what to set up."""
    setup = (
        "set up signing: `git config gpg.format ssh` and "
        "`git config user.signingkey ~/.ssh/id_ed25519.pub`"
    )
    if (git.config(repo, "gpg.format") or "openpgp") != "ssh":
        return (
            None,
            f"git signs with gpg.format={git.config(repo, 'gpg.format') or 'openpgp'}; {setup}",
        )
    value = git.config(repo, "user.signingkey")
    if not value:
        return None, f"no user.signingkey; {setup}"
    if value.startswith("key::"):
        key = public_key(value.removeprefix("key::"))
        return key, "" if key else f"user.signingkey holds no public key; {setup}"
    path = Path(value).expanduser()
    for candidate in (path, Path(f"{path}.pub")):
        try:
            key = public_key(candidate.read_text("utf-8", "replace"))
        except OSError:
            continue
        if key:
            return key, ""
    # A private key file: ssh-keygen gives its public half.
    key = public_key(git.ssh_public_key(path) or "")
    return key, "" if key else f"cannot read the public key of user.signingkey {value}; {setup}"


def keys_of(signers: str, email: str) -> set[str]:
    """The keys an allowed-signers text lets `email` sign with."""
    keys = set()
    for line in signers.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        principals = line.split()[0].lower().split(",")
        key = public_key(line[len(line.split()[0]) :])
        if key and email.lower() in principals:
            keys.add(key)
    return keys
