"""Mutation suite: planted defects are found at their lines, valid drafting raises nothing.

Each group of plants goes into one copy of the sample, and the real `agreekit check --format json`
runs once per copy; a defect is detected when a finding of its code is on its file and line. The
test prints detected X/Y and false alarms Z/W and fails below 95% detected or above 1 false alarm.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from mutations import (
    CLAUSE_NUMBERS,
    DEFECTS,
    DEFINED_TERMS,
    FIGURES,
    MORE,
    PLACEHOLDERS,
    PLAIN_LANGUAGE,
    SECRETS,
    UNDEFINED_TERMS,
    VALID,
    WRONG_CLAUSES,
    Plant,
)

from conftest import SAMPLE

Where = tuple[str, int]  # (file relative to the repository, line)


def _plant(root: Path, plants: Iterable[Plant]) -> dict[Plant, list[Where]]:
    """Write every plant into a copy of the sample; the lines each one occupies."""
    shutil.copytree(SAMPLE, root / "agreement")
    plants = list(plants)
    for plant in plants:
        path = root / "agreement" / plant.file
        if not plant.after:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(plant.text, "utf-8")
            continue
        text = path.read_text("utf-8")
        assert plant.after in text, (plant.file, plant.after)
        path.write_text(text.replace(plant.after, f"{plant.after}\n\n{plant.text}", 1), "utf-8")
    placed: dict[Plant, list[Where]] = {}
    for plant in plants:
        text = (root / "agreement" / plant.file).read_text("utf-8")
        assert text.count(plant.text) == 1, plant.text
        first = text[: text.index(plant.text)].count("\n") + 1
        lines = range(first, first + plant.text.count("\n") + 1)
        placed[plant] = [(f"agreement/{plant.file}", line) for line in lines]
    return placed


def _expected_line(plant: Plant, lines: list[Where]) -> Where:
    offset = plant.text[: plant.text.index(plant.marker)].count("\n") if plant.marker else 0
    return lines[offset]


def _check(root: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "check", "--format", "json", "--repo", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "AGREEKIT_TODAY": "2027-01-10"},
    )
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return found


def _found(findings: list[dict[str, object]]) -> set[tuple[str, str, int]]:
    return {(str(f["code"]), str(f["file"]), int(str(f["line"]))) for f in findings}


def test_planted_defects_are_found_and_valid_drafting_is_not(tmp_path: Path) -> None:
    groups = [
        UNDEFINED_TERMS + CLAUSE_NUMBERS + WRONG_CLAUSES + DEFINED_TERMS,
        PLAIN_LANGUAGE + PLACEHOLDERS,
        SECRETS + FIGURES + MORE,
    ]
    assert sum(len(g) for g in groups) == len(DEFECTS)
    missed: list[str] = []
    detected = total = 0
    for index, group in enumerate(groups):
        placed = _plant(tmp_path / f"defects{index}", group)
        found = _found(_check(tmp_path / f"defects{index}"))
        for plant in group:
            if not plant.code:
                continue  # a use that a planted definition needs
            total += 1
            file, line = _expected_line(plant, placed[plant])
            if (plant.code, file, line) in found:
                detected += 1
            else:
                missed.append(f"{plant.code} {file}:{line} {plant.text!r}")

    placed = _plant(tmp_path / "valid", VALID)
    findings = _check(tmp_path / "valid")
    valid_lines = {where: plant for plant, lines in placed.items() for where in lines}
    alarmed: dict[object, list[str]] = {}
    for f in findings:
        where = (str(f["file"]), int(str(f["line"])))
        owner = valid_lines.get(where, where)  # a finding off the plants' lines is one too
        alarmed.setdefault(owner, []).append(f"{f['code']} {where[0]}:{where[1]} {f['message']}")
    variations = len([p for p in VALID if p.text])

    print(
        f"\nmutation suite: detected {detected}/{total}, false alarms {len(alarmed)}/{variations}"
    )
    for line in missed:
        print("  missed:", line)
    for messages in alarmed.values():
        print("  false alarm:", "; ".join(messages))
    assert total >= 150 and variations >= 40
    assert detected >= 0.95 * total, missed
    assert len(alarmed) <= 1, alarmed
