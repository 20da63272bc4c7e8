"""Per-client reads: one client's rows, over a half-open date range, months pruned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from probanker import lake
from probanker.lake.tests.samples import balance, movement, write

D = dt.date


def test_daily_balances_of_one_client_summed_over_its_accounts(tmp_path: Path) -> None:
    """Accounts of the client add up per day; another client's rows never come in."""
    write(tmp_path, lake.BALANCES, [
        balance(1, 10, D(2026, 4, 30), -1_000, limit=5_000),
        balance(2, 10, D(2026, 4, 30), 300, limit=1_000),
        balance(1, 10, D(2026, 5, 1), -2_000, limit=5_000),
        balance(3, 11, D(2026, 5, 1), 999_999),
    ])  # fmt: skip
    assert lake.client_daily_balances(10, lake_dir=tmp_path) == [
        lake.DailyBalance(D(2026, 4, 30), -700, 6_000),
        lake.DailyBalance(D(2026, 5, 1), -2_000, 5_000),
    ]
    assert lake.client_daily_balances(12, lake_dir=tmp_path) == []


def test_the_date_range_is_half_open_across_months(tmp_path: Path) -> None:
    """``[start, end)``: the start day is in, the end day is out, whatever the month."""
    days = [D(2026, 4, 29), D(2026, 4, 30), D(2026, 5, 1), D(2026, 5, 2)]
    write(tmp_path, lake.BALANCES, [balance(1, 10, d, n) for n, d in enumerate(days)])
    read = lake.client_daily_balances(10, D(2026, 4, 30), D(2026, 5, 2), lake_dir=tmp_path)
    assert [d.date for d in read] == [D(2026, 4, 30), D(2026, 5, 1)]
    assert [
        d.date for d in lake.client_daily_balances(10, end=D(2026, 4, 30), lake_dir=tmp_path)
    ] == [D(2026, 4, 29)]


def test_months_outside_the_range_are_not_opened(tmp_path: Path) -> None:
    """The month partition prunes the read: a damaged file of another month is not touched."""
    write(tmp_path, lake.BALANCES, [balance(1, 10, D(2026, 5, 1), 42)])
    damaged = lake.BALANCES.partition("2025-01", tmp_path) / "part-9.parquet"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"not parquet")
    read = lake.client_daily_balances(10, D(2026, 5, 1), D(2026, 6, 1), lake_dir=tmp_path)
    assert read == [lake.DailyBalance(D(2026, 5, 1), 42, 0)]


def test_movements_of_one_client_filtered_and_in_date_order(tmp_path: Path) -> None:
    """Credits only and without the excluded families, booked in the range, oldest first."""
    write(tmp_path, lake.MOVEMENTS, [
        movement(1, 10, D(2026, 5, 20), 5_000, "card_receipts"),
        movement(1, 10, D(2026, 5, 3), 7_000, "incoming_transfer"),
        movement(1, 10, D(2026, 5, 4), -300, "fees"),
        movement(1, 10, D(2026, 5, 5), 90_000, "loan_drawdown"),
        movement(1, 10, D(2026, 6, 1), 1_000, "card_receipts"),  # the end day: out
        movement(2, 11, D(2026, 5, 6), 8_000, "card_receipts"),  # another client
    ])  # fmt: skip
    table = lake.client_movements(
        10, D(2026, 5, 1), D(2026, 6, 1), credits_only=True,
        exclude_families=("loan_drawdown",), lake_dir=tmp_path,
    )  # fmt: skip
    assert table.column_names == list(lake.MOVEMENT_COLUMNS)
    rows = [(r["booking_date"], r["amount_cents"]) for r in table.to_pylist()]
    assert rows == [(D(2026, 5, 3), 7_000), (D(2026, 5, 20), 5_000)]
    everything = lake.client_movements(10, lake_dir=tmp_path)
    assert everything.num_rows == 5


def test_an_absent_lake_reads_as_no_rows(tmp_path: Path) -> None:
    """Nothing written yet: no balance, no movement (the columns are there), nothing created."""
    assert lake.client_daily_balances(10, lake_dir=tmp_path / "lake") == []
    movements = lake.client_movements(10, lake_dir=tmp_path / "lake")
    assert (movements.num_rows, movements.column_names) == (0, list(lake.MOVEMENT_COLUMNS))
    assert lake.read_dataset(tmp_path / "lake", lake.BALANCES).schema == lake.BALANCES.schema
    assert not (tmp_path / "lake").exists()


def test_the_lake_is_the_settings_folder_by_default(tmp_path: Path, settings: Any) -> None:
    """Without ``lake_dir``, reads and writes go to ``settings.LAKE_DIR``."""
    settings.LAKE_DIR = tmp_path / "configured"
    write(None, lake.BALANCES, [balance(1, 10, D(2026, 5, 1), 5)])
    assert (tmp_path / "configured" / "balances" / "month=2026-05").is_dir()
    assert lake.client_daily_balances(10) == [lake.DailyBalance(D(2026, 5, 1), 5, 0)]
