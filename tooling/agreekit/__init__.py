"""agreekit: write, approve and publish an IT support agreement as code."""

__version__ = "0.1.0"
