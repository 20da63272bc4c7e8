"""The README's quick start, followed from a fresh clone, so that it cannot rot."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from probanker.core.testing import REPO_ROOT

pytestmark = pytest.mark.slow

NESTED = "PROBANKER_QUICKSTART_NESTED"


def readme_commands() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_quick_start_from_a_fresh_clone(tmp_path: Path) -> None:
    """Clone, then `uv run probanker demo --no-serve`, then the README's test command.

    The nested test run leaves out this test itself and the browser tests (the
    outer run has them) to stay within minutes.
    """
    if os.environ.get(NESTED):
        pytest.skip("already inside the quick-start test")
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "probanker"
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], check=True, timeout=120)
    first, second = readme_commands()
    assert first == "uv run probanker demo"
    assert second.startswith("uv run pytest")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PROBANKER_", "DJANGO_", "DATABASE_URL", "VIRTUAL_ENV", "PYTEST"))
    }
    env.update({"UV_PYTHON_DOWNLOADS": "never", NESTED: "1"})
    demo = subprocess.run(
        [*first.split(), "--no-serve"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "Agence de démonstration prête" in demo.stderr
    assert (clone / "var" / "probanker.sqlite3").exists()
    assert any((clone / "var" / "lake" / "movements").iterdir())
    tests = subprocess.run(
        [*second.split(), "-q", "-x", "-p", "no:cacheprovider", "-m", "not browser and not slow"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout
