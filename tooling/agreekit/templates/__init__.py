"""Files agreekit writes into repositories: GitHub workflows, PR template, pre-commit config."""

from __future__ import annotations

import re
import shlex
from importlib import resources

from agreekit import __version__

# Where agreekit's releases are published: the default install source of a new repository's
# workflows is this repository at the tag of the agreekit that ran `init` (no registry needed).
SOURCE_REPOSITORY = "https://github.com/agreekit/agreekit"
DEFAULT_INSTALL_SOURCE = f"agreekit @ git+{SOURCE_REPOSITORY}@v{__version__}"
# How this repository (the toolkit and template) installs agreekit in its own workflows.
INSTALL_FROM_SOURCE = "."
# The check workflow runs the contributors' hooks, so it installs pre-commit beside agreekit.
PRE_COMMIT = "pre-commit>=4,<5"

# token in a workflow template -> (extras of agreekit, other tools) its install step installs
INSTALL_TOKENS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "__AGREEKIT_INSTALL_CHECK__": (("publish",), (PRE_COMMIT,)),
    "__AGREEKIT_INSTALL_PUBLISH__": (("publish",), ()),
    "__AGREEKIT_INSTALL_CORE__": ((), ()),
}

GITHUB_FILES: tuple[str, ...] = (
    "workflows/check.yml",
    "workflows/publish.yml",
    "workflows/record-approval.yml",
    "workflows/release.yml",
    "workflows/reminders.yml",
    "pull_request_template.md",
)

_NAMED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?(?P<rest>.*)$")


class InstallSourceError(ValueError):
    """An install source that pip cannot be given as one requirement, with what to write instead."""


def check_install_source(source: str) -> str:
    """The install source as given, or InstallSourceError naming what is wrong with it."""
    if not source.strip() or "\n" in source or "\r" in source:
        raise InstallSourceError(
            "the install source must be one line, e.g. "
            f"'{DEFAULT_INSTALL_SOURCE}', 'agreekit=={__version__}' or '.'"
        )
    source = source.strip()
    if source.startswith("-"):
        raise InstallSourceError(
            f"'{source}': give a requirement or a path, not pip options "
            "(e.g. 'agreekit @ git+https://github.com/OWNER/agreekit@vX.Y.Z')"
        )
    if re.match(r"^(git\+|hg\+|svn\+|bzr\+|https?://|file:)", source):
        raise InstallSourceError(
            f"'{source}': name the package before a URL, as 'agreekit @ {source}', so the "
            "workflows can ask for the extras they need"
        )
    if "'" in source or any(c.isspace() for c in source.replace(" @ ", "@")):
        raise InstallSourceError(f"'{source}': one requirement, without quotes or spaces around it")
    return source


def with_extras(source: str, extras: tuple[str, ...]) -> str:
    """`source` (a PEP 508 requirement naming agreekit, or a path) asking for `extras` too."""
    if not extras:
        return source
    wanted = ",".join(extras)
    named = _NAMED.match(source)
    is_path = source.startswith((".", "/", "~")) or source.endswith((".whl", ".tar.gz", ".zip"))
    if named and not is_path and named.group("name").lower() == "agreekit":
        present = [e.strip() for e in (named.group("extras") or "[]")[1:-1].split(",") if e.strip()]
        merged = ",".join(dict.fromkeys([*present, *extras]))
        return f"{named.group('name')}[{merged}]{named.group('rest')}"
    return f"{source}[{wanted}]"


def install_command(source: str, extras: tuple[str, ...], tools: tuple[str, ...]) -> str:
    """The shell command of a workflow's install step: agreekit (with extras) and other tools."""
    arguments = [with_extras(source, extras), *tools]
    return "python -m pip install " + " ".join(shlex.quote(a) for a in arguments)


def template(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text("utf-8")


def render_workflow(text: str, source: str) -> str:
    """A workflow template with each install step's command for `source` filled in."""
    for token, (extras, tools) in INSTALL_TOKENS.items():
        text = text.replace(token, install_command(source, extras, tools))
    return text


def github_files(source: str) -> dict[str, str]:
    """`.github/...` path -> text, with the install source of the repository filled in."""
    return {
        f".github/{name}": render_workflow(template(f"github/{name}"), source)
        for name in GITHUB_FILES
    }
