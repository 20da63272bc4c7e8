"""The client page's charts: a partial current month is compared like for like."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from probanker import lake
from probanker.banking.tests.factories import ContractFactory
from probanker.risk.client_view import client_charts

pytestmark = pytest.mark.django_db


def _write_movements(
    lake_dir: Path, account: int, party: int, rows: list[tuple[dt.date, int]]
) -> None:
    table = pa.Table.from_pylist(
        [
            {
                "account_id": account,
                "party_id": party,
                "booking_date": d,
                "value_date": d,
                "amount_cents": c,
                "family": "card_receipts",
                "label": "REMISE CB",
                "month": f"{d:%Y-%m}",
            }
            for d, c in rows
        ],
        lake.MOVEMENTS.schema,
    )
    lake.replace_dataset(lake_dir, lake.MOVEMENTS, table)


def test_partial_month_is_compared_with_the_same_days_a_year_earlier(tmp_path: Path) -> None:
    """On 2 June, June 2026 (two days) is set against 1-2 June 2025, not the whole of June 2025."""
    contract = ContractFactory()
    lake_dir = tmp_path / "lake"
    _write_movements(
        lake_dir,
        contract.pk,
        contract.party_id,
        [
            (dt.date(2025, 5, 20), 400_000),
            (dt.date(2025, 6, 2), 100_000),  # within the same days a year earlier
            (dt.date(2025, 6, 20), 900_000),  # after them: not comparable
            (dt.date(2026, 5, 20), 500_000),
            (dt.date(2026, 6, 1), 120_000),
        ],
    )
    charts = client_charts(contract.party, dt.date(2026, 6, 2), lake_dir=lake_dir)
    flux = next(c for c in charts if c.id == "flux")
    assert flux.columns[-1] == "juin 26 (mois en cours, au 02/06)"
    assert flux.columns[-2] == "mai 26"
    rows = dict(flux.rows)
    assert rows["Flux confiés"][-1] == Decimal(1200)
    assert rows["Même mois l'année précédente"][-1] == Decimal(1000)  # 1-2 June 2025 only
    assert rows["Flux confiés"][-2] == Decimal(5000)
    assert rows["Même mois l'année précédente"][-2] == Decimal(4000)  # a full month: all of it


def test_a_month_ending_on_its_last_day_is_not_marked_partial(tmp_path: Path) -> None:
    contract = ContractFactory()
    lake_dir = tmp_path / "lake"
    _write_movements(lake_dir, contract.pk, contract.party_id, [(dt.date(2025, 6, 20), 900_000)])
    charts = client_charts(contract.party, dt.date(2026, 6, 30), lake_dir=lake_dir)
    flux = next(c for c in charts if c.id == "flux")
    assert flux.columns[-1] == "juin 26"
    assert dict(flux.rows)["Même mois l'année précédente"][-1] == Decimal(9000)
