"""Security headers, no inline script, production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from probanker.core.testing import REPO_ROOT
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.I)


def test_pages_carry_a_strict_csp_and_no_inline_code(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    for url in [
        "/",
        "/clients/",
        f"/clients/{party.pk}/",
        "/clients/nouveau/",
        "/comptes/",
        "/profil/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert not STYLE_ATTR.search(html), url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "probanker.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secrets(tmp_path: Path) -> None:
    result = _run({"PROBANKER_ENV": "production", "PROBANKER_VAR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    env = {
        "PROBANKER_ENV": "production",
        "PROBANKER_VAR": str(tmp_path),
        "SECRET_KEY": "x" * 60 + "-a-long-random-production-secret-for-the-test",
        "ALLOWED_HOSTS": "probanker.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
