"""Where the governance files live in a repository."""

from __future__ import annotations

CODEOWNERS_PATH = ".github/CODEOWNERS"
SIGNERS_PATH = ".github/allowed_signers"
WORKFLOWS_DIR = ".github/workflows"
# The files that decide who approves: whoever may change them may change the rules.
RULE_FILES: tuple[str, ...] = (CODEOWNERS_PATH, SIGNERS_PATH, f"{WORKFLOWS_DIR}/")
RULESET_PATH = ".github/ruleset.json"  # agreekit ruleset --write
