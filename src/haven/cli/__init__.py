"""The `haven` command: a thin layer over the Python API."""

from haven.cli.app import app, main

__all__ = ["app", "main"]
