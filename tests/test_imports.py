"""The web process starts without the batch's and the documents' heavy libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("ibis", "duckdb", "pyspark", "weasyprint", "altair", "vl_convert", "pandas")

SCRIPT = f"""
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probanker.settings")
import probanker.wsgi
from django.urls import get_resolver
get_resolver().url_patterns  # every view module imported
print(",".join(sorted(set({HEAVY!r}) & set(sys.modules))))
"""


def test_web_process_imports_no_heavy_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout.strip()}"
