"""`agreekit sign`: record a signatory's signature of the final text, like an approval.

The record is an annotated (SSH-signed, where signers are configured) tag `approvals/signature/<n>`
carrying the content id of the text signed; `release` refuses unless every signatory signed the
same content.
"""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.commands import approve
from agreekit.commands.common import repo_option


@click.command()
@repo_option
@click.option(
    "--as", "signatory_id", help="Stakeholder id of the signatory (default: by user.email)."
)
def command(repo: Path, signatory_id: str | None) -> int:
    """Record your signature of the agreement text at HEAD, after the final approval."""
    return run(repo, signatory_id)


def run(repo: Path, signatory_id: str | None) -> int:
    """An approval of the stage `signature`: see approve.run."""
    return approve.run(repo, "signature", signatory_id, "approved", "local")
