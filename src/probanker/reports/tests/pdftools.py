"""Reading a PDF in tests with poppler (``pdftotext``, ``pdfinfo``): its text, its tags."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _poppler(tool: str, pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        args = [tool, str(path)] + (["-"] if tool == "pdftotext" else [])
        out = subprocess.run(args, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text by poppler's pdftotext (layout dropped, spaces collapsed)."""
    return re.sub(r"\s+", " ", _poppler("pdftotext", pdf))


def is_tagged(pdf: bytes) -> bool:
    """pdfinfo's « Tagged: yes » (a structure tree: PDF/UA)."""
    return re.search(r"^Tagged:\s+yes", _poppler("pdfinfo", pdf), re.MULTILINE) is not None


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler absent")
