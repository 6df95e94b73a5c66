"""The messy agreement: `agreekit check` finds exactly the planted defects, nothing more or less."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

MESSY = ROOT / "tests" / "fixtures" / "messy"


def test_check_finds_exactly_the_planted_defects() -> None:
    manifest = json.loads((MESSY / "expected.json").read_text("utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "check", "--format", "json", "--repo", str(MESSY)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "AGREEKIT_TODAY": manifest["today"]},
    )
    found = json.loads(result.stdout)["findings"]
    assert sorted((f["code"], f["file"], f["line"]) for f in found) == sorted(
        (e["code"], e["file"], e["line"]) for e in manifest["findings"]
    )
    assert result.returncode == 1
    assert all(f["fix"] for f in found)


def test_the_manifest_spans_every_family() -> None:
    manifest = json.loads((MESSY / "expected.json").read_text("utf-8"))
    codes = {e["code"] for e in manifest["findings"]}
    assert len(manifest["findings"]) >= 25
    assert {code[:3] for code in codes} == {"AK1", "AK2", "AK3", "AK5"}
