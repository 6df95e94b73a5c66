"""Files agreekit writes into repositories: GitHub workflows, PR template, pre-commit config."""

from __future__ import annotations

from importlib import resources

INSTALL_TOKEN = "__AGREEKIT_INSTALL__"
# How this repository (the toolkit and template) installs agreekit in its own workflows.
INSTALL_FROM_SOURCE = "python -m pip install -e ."

GITHUB_FILES: tuple[str, ...] = (
    "workflows/check.yml",
    "workflows/publish.yml",
    "workflows/record-approval.yml",
    "workflows/release.yml",
    "pull_request_template.md",
)


def template(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text("utf-8")


def github_files(install: str) -> dict[str, str]:
    """`.github/...` path -> text, with the install command for the repository filled in."""
    return {
        f".github/{name}": template(f"github/{name}").replace(INSTALL_TOKEN, install)
        for name in GITHUB_FILES
    }
