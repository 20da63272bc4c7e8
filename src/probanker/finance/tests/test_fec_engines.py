"""The Arrow path and the line-by-line path read every file identically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from probanker.core.testing import shared_data
from probanker.finance.fec import FecReport, read_fec
from probanker.finance.tests.test_fec import HEADER, LINES, write

REAL = [
    "quadra_123456789FEC20190731.txt",
    "odicom_123456789FEC20200331.txt",
    "bordeaux_sciences_agro_istea_123456789FEC20201231.txt",
    "sage_coala_2020.txt",
    "0000000001FEC20220831.txt",
    "111111111FEC20221231.TXT",
]


def fingerprint(report: FecReport) -> tuple[Any, ...]:
    return (
        report.lines, report.entries, report.entries_rebuilt, report.debit_cents, report.credit_cents,
        report.first_date, report.last_date, report.journals,
        {k: (v.label, v.debit_cents, v.credit_cents) for k, v in report.accounts.items()},
        {k: (v.label, v.debit_cents, v.credit_cents) for k, v in report.auxiliary.items()},
        dict(report.counts), [(a.code, a.line) for a in report.anomalies],
    )  # fmt: skip


@pytest.mark.parametrize("name", REAL)
def test_real_files_read_the_same_both_ways(name: str) -> None:
    path = shared_data("fec", name)
    assert fingerprint(read_fec(path, engine="arrow")) == fingerprint(
        read_fec(path, engine="python")
    )


@pytest.mark.parametrize(
    "lines",
    [
        LINES,
        [line.replace("1200,00", "1 200,00") for line in LINES],  # anomaly: falls back
        ["|".join(f if i != 2 else "0" for i, f in enumerate(line.split("|"))) for line in LINES],
        [line.replace("|0,00|", "||") for line in LINES],  # empty amounts
        [LINES[0].replace("1200,00", "1199,00"), *LINES[1:]],  # unbalanced entry
    ],
)
def test_inline_cases_read_the_same_both_ways(tmp_path: Path, lines: list[str]) -> None:
    path = write(tmp_path, "\n".join([HEADER, *lines]) + "\n")
    assert fingerprint(read_fec(path, engine="arrow")) == fingerprint(
        read_fec(path, engine="python")
    )
