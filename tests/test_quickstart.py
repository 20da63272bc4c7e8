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
#: What the nested run runs beside the demo (see the test).
NESTED_PATHS = ("src/probanker/core", "src/probanker/workspace", "tests/test_docs.py")


def readme_commands() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_quick_start_from_a_fresh_clone(tmp_path: Path) -> None:
    """Clone, then `uv run probanker demo --no-serve`, then the README's test command.

    The README's test command runs there, beside the demo just built (its database and
    lake in ``var/``), as a user who followed the quick start runs it: it collects the
    whole suite, then runs the pages a demo could disturb — the workspace and core
    (access sweep, role × action, API contract, formatting) — and the documentation's
    checks. The rest of the suite is the outer run's, itself on a fresh clone in CI:
    running it twice took a quarter of CI's time.
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

    def run(args: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
        """One command of the quick start in the clone, its output kept for the assertions."""
        return subprocess.run(
            args, cwd=clone, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )

    demo = run([*first.split(), "--no-serve"], 900)
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "Agence de démonstration prête" in demo.stderr
    assert (clone / "var" / "probanker.sqlite3").exists()
    assert any((clone / "var" / "lake" / "movements").iterdir())
    collected = run([*second.split(), "-q", "--collect-only", "-p", "no:cacheprovider"], 600)
    assert collected.returncode == 0, collected.stdout[-4000:] + collected.stderr[-2000:]
    assert int(collected.stdout.split(" tests collected")[0].split()[-1]) > 2000
    nested = ["-q", "-x", "-p", "no:cacheprovider", "-m", "not browser and not slow"]
    tests = run([*second.split(), *nested, *NESTED_PATHS], 1500)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout
