"""`agreekit sign`: record a signatory's signature of the final text, like an approval.

The record is an annotated (SSH-signed, where signers are configured) tag `approvals/signature/<n>`
carrying the content id of the text signed; `release` refuses unless every signatory signed the
same content.
"""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.commands.approve import record_approval
from agreekit.commands.common import repo_option


@click.command()
@repo_option
@click.option(
    "--as", "signatory_id", help="Stakeholder id of the signatory (default: by user.email)."
)
def command(repo: Path, signatory_id: str | None) -> None:
    """Record your signature of the agreement text at HEAD, after the final approval."""
    record_approval(repo, "signature", signatory_id, "approved", "local")
