"""`agreekit schema`: the JSON Schema of agreement.yml, for editors that validate while typing."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import click

from agreekit.files import write_atomic
from agreekit.model.agreement_file import AgreementFile
from agreekit.model.json_schema import json_schema

SCHEMA_FILE = "agreement.schema.json"


def agreement_schema() -> str:
    schema = json_schema(AgreementFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "agreekit agreement.yml"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def packaged_schema_path() -> Path:
    return Path(str(resources.files("agreekit").joinpath("schema", SCHEMA_FILE)))


@click.command()
@click.option("--write", is_flag=True, help="Write the schema into the package.")
@click.option("--check", "check_only", is_flag=True, help="Fail if the packaged schema is stale.")
def command(write: bool, check_only: bool) -> None:
    """Print, write or verify the JSON Schema of agreement.yml."""
    schema = agreement_schema()
    target = packaged_schema_path()
    if check_only:
        current = target.read_text("utf-8") if target.is_file() else ""
        if current != schema:
            click.echo(f"{target} is out of date; run `agreekit schema --write`", err=True)
            sys.exit(1)
        return
    if write:
        write_atomic(target, schema)
        click.echo(f"wrote {target}")
        return
    click.echo(schema, nl=False)
