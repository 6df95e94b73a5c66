"""Checks: pure functions from the agreement model to findings, listed in `registry`."""
