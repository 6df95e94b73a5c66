"""The profile examples in docs/authoring.md are valid profiles: each is read by the real model."""

from __future__ import annotations

import re

import yaml

from agreekit.model.agreement_file import ProfileExtension
from agreekit.model.profile import builtin_profile, extend
from agreekit.model.typed import convert
from conftest import ROOT

BLOCKS = re.findall(
    r"```yaml\n(profile:\n.*?)```", (ROOT / "docs" / "authoring.md").read_text(), re.S
)


def test_the_guide_shows_p1_p3_sev1_sev5_and_named_levels() -> None:
    schemes = []
    for block in BLOCKS:
        extension, problems = convert(ProfileExtension, yaml.safe_load(block)["profile"])
        assert problems == [] and extension is not None, (block, problems)
        profile = extend(builtin_profile(), extension)
        schemes.append([(p.id, p.name) for p in profile.priorities])
    assert [("P1", ""), ("P2", ""), ("P3", "")] in schemes
    assert [(f"Sev{n}", "") for n in range(1, 6)] in schemes
    assert [("urgent", "Urgent"), ("high", "High"), ("medium", "Medium"), ("low", "Low"),
            ("project", "Project")] in schemes  # fmt: skip
