"""`agreekit schema`: the JSON Schemas of agreement.yml, section front matter and the records."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from agreekit.commands.common import force_option, write_or_refuse
from agreekit.errors import DONE, FINDINGS
from agreekit.model.schemas import AGREEMENT_SCHEMA, schema_texts

SCHEMA_FILE = AGREEMENT_SCHEMA


def agreement_schema() -> str:
    return schema_texts()[AGREEMENT_SCHEMA]


def packaged_schema_folder() -> Path:
    return Path(str(resources.files("agreekit").joinpath("schema")))


def packaged_schema_path() -> Path:
    return packaged_schema_folder() / SCHEMA_FILE


@click.command()
@click.option("--write", is_flag=True, help="Write every schema into the package.")
@click.option("--check", "check_only", is_flag=True, help="Fail if a packaged schema is stale.")
@force_option
def command(write: bool, check_only: bool, force: bool) -> int:
    """Print the schema of agreement.yml; write or verify every packaged schema."""
    return run(write, check_only, force)


def run(write: bool, check_only: bool, force: bool) -> int:
    """Print agreement.yml's schema, write every schema into the package, or compare them."""
    schemas = schema_texts()
    folder = packaged_schema_folder()
    if check_only:
        stale = [
            name
            for name, text in schemas.items()
            if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
        ]
        for name in stale:
            click.echo(f"{folder / name} is out of date; run `agreekit schema --write`", err=True)
        return FINDINGS if stale else DONE
    if write:
        files = {folder / name: text for name, text in schemas.items()}
        write_or_refuse(files, force=force, manifest=False)  # each carries a seal
        click.echo(f"wrote {len(files)} schemas to {folder}")
        return DONE
    click.echo(schemas[AGREEMENT_SCHEMA], nl=False)
    return DONE
