"""Plant one defect in a copy of the sample and assert the one finding it causes: code, file, line."""

from __future__ import annotations

from typing import NamedTuple

from conftest import SampleRepo, only


class Defect(NamedTuple):
    code: str
    file: str  # relative to agreement/
    old: str
    new: str
    line_of: str  # text on the line the finding must point at, after the change


def assert_planted(sample: SampleRepo, defect: Defect) -> None:
    sample.replace(defect.file, defect.old, defect.new)
    found = only(sample.check().findings, defect.code)
    where = [(f.location.file, f.location.line) for f in found]
    expected = (f"agreement/{defect.file}", sample.line_of(defect.file, defect.line_of))
    assert where == [expected], [f.message for f in found]
    assert found[0].hint
