"""What sales contributes to the workspace (filled in as its pages come)."""

from __future__ import annotations


def register() -> None:
    """Called from ``SalesConfig.ready()``."""
