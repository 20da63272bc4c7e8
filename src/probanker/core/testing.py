"""Helpers shared by the test suites of every app."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_data(*parts: str) -> Path:
    """A file of ``../shared/data`` beside the checkout; the test skips if absent."""
    base = Path(os.environ.get("PROBANKER_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data")
    path = base.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-world sample {path} absent")
    return path


def api_as(user: Any) -> Any:
    """A test client calling the API with a fresh personal token of ``user``."""
    from django.test import Client

    from probanker.core import services

    secret = services.create_api_token(user=user, name="test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})
