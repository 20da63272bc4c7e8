"""Helpers shared by the test suites of every app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_data(*parts: str) -> Path:
    """A file of ``../shared/data`` beside the checkout; the test skips if absent."""
    base = Path(os.environ.get("PROBANKER_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data")
    path = base.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-world sample {path} absent")
    return path
