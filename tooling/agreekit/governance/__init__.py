"""Who owns what: CODEOWNERS parsing, matching and generation, and the repository files they govern."""
