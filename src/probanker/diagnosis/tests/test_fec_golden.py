"""Every FEC the tests read, every real file, and large generated ones report as before.

The reference documents were produced by the reader of commit 338e632 (see
:mod:`probanker.diagnosis.tests.fec_golden`); every engine of today's reader
must give them back byte for byte: same codes, lines, messages and figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from probanker.core.testing import shared_data
from probanker.diagnosis.tests.fec_golden import case_bytes, document, load

CASES = load()
# The generated files are the ones large enough for the vectorised readers.
LARGE = [c for c in CASES if c["kind"] != "recorded"]


def _path(case: dict[str, Any], tmp_path: Path) -> Path:
    data = case_bytes(case)
    if data is None:
        return shared_data("fec", case["name"])
    path = tmp_path / case["name"]
    path.write_bytes(data)
    return path


def _id(case: dict[str, Any]) -> str:
    return f"{case['kind']}-{case['name']}"


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{_id(c)}" for i, c in enumerate(CASES)])
def test_the_reader_reports_as_before(case: dict[str, Any], tmp_path: Path) -> None:
    """The default reader (DuckDB for large UTF-8 files) gives the golden documents."""
    assert document(_path(case, tmp_path)) == case["expected"]


@pytest.mark.parametrize("engine", ["duckdb", "arrow", "python"])
@pytest.mark.parametrize("case", LARGE, ids=[_id(c) for c in LARGE])
def test_every_engine_reports_as_before(case: dict[str, Any], engine: str, tmp_path: Path) -> None:
    """Forced to one reader (then line by line on any anomaly), the documents are the same."""
    assert document(_path(case, tmp_path), engine=engine) == case["expected"]


def test_the_golden_cases_cover_what_matters() -> None:
    """Real files, the inline cases of the tests, large clean files and anomalies at known lines."""
    kinds = {c["kind"] for c in CASES}
    assert kinds == {"real", "recorded", "generated"}
    assert sum(c["kind"] == "recorded" for c in CASES) >= 100
    several = next(c for c in CASES if c["name"] == "several-anomalies.txt")["expected"]
    lines = {(a["code"], a["line"]) for a in several["check"]["anomalies"]}
    assert {("FEC-DATE", 15_000), ("FEC-MONTANT", 17_000), ("FEC-COMPTE", 18_001)} <= lines
    assert ("FEC-JOURNAL", 18_500) in lines


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("clean-tab.txt", "clean"),
        ("clean-pipe-trailing.txt", "clean"),
        ("clean-crlf.txt", "clean"),
        ("clean-bom.txt", "clean"),
        ("constant-number.txt", "clean"),
        ("labels-differ.txt", "clean"),
        ("blank-lines.txt", "clean"),
        ("dates-with-dashes.txt", "clean"),
        ("123456789FEC20241231.txt", "clean"),
        ("unbalanced.txt", "irregular"),
        ("several-anomalies.txt", "irregular"),
        ("debit-and-credit.txt", "irregular"),
        ("bad-valid-date.txt", "irregular"),
        ("thirty-first-of-february.txt", "irregular"),
        ("padded-numbers.txt", "unsupported"),
        ("short-line.txt", "unsupported"),
    ],
)
def test_duckdb_decides_clean_files_alone(name: str, outcome: str, tmp_path: Path) -> None:
    """Clean UTF-8 files are read by DuckDB itself; anomalies and odd forms are handed on."""
    from probanker.finance.fec import FecReport, _parse_header
    from probanker.finance.fec_engine import read_with_engine

    case = next(c for c in LARGE if c["name"] == name)
    path = _path(case, tmp_path)
    header = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].rstrip("\r")
    columns = _parse_header(FecReport(source=name), header, 1)
    results: list[dict[str, Any]] = []
    assert read_with_engine(path, columns, 1, results.append) == outcome
    assert len(results) == (outcome == "clean")
