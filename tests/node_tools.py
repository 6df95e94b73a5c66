"""npm packages the tests read HTML and calendars with (ical.js, axe-core), installed once per machine.

They come from the npm registry into a cache folder outside the repository, pinned, so a test run
needs no network after the first and never writes into the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PINNED = {"ical.js": "2.2.1", "axe-core": "4.14.1"}
CACHE = Path(
    os.environ.get("AGREEKIT_TEST_NODE", Path.home() / ".cache" / "agreekit-tests" / "node")
)


def node_module(name: str) -> Path:
    """The installed package folder of `name`, installing every pinned package on first use."""
    folder = CACHE / "node_modules" / name
    if folder.is_dir():
        return folder
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.fail("node and npm are needed for this test; run ./setup")
    CACHE.mkdir(parents=True, exist_ok=True)
    specs = [f"{package}@{version}" for package, version in PINNED.items()]
    subprocess.run(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent", *specs],
        cwd=CACHE,
        check=True,
        timeout=300,
    )
    return folder


def run_node(script: str, *args: str) -> str:
    """Run an ES module script with the cache's node_modules resolvable; its stdout."""
    node_module("ical.js")
    path = CACHE / "agreekit-test-script.mjs"
    path.write_text(script, "utf-8")
    done = subprocess.run(
        ["node", str(path), *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
