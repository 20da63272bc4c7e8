from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def var_dir(settings: Any, tmp_path: Path) -> Path:
    """Staged uploads go to a temporary folder."""
    settings.VAR_DIR = tmp_path
    return tmp_path
