"""Run the CLI as `python -m agreekit`."""

from agreekit.cli import run

run()
