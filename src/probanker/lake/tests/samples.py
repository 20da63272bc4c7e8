"""Tiny lake contents written inline, for the lake's own tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from probanker import lake


def balance(
    account: int, party: int, day: dt.date, cents: int, limit: int = 0
) -> dict[str, object]:
    return {"account_id": account, "party_id": party, "date": day, "balance_cents": cents,
            "limit_cents": limit, "month": lake.month_of(day)}  # fmt: skip


def movement(account: int, party: int, day: dt.date, cents: int, family: str) -> dict[str, object]:
    return {"account_id": account, "party_id": party, "booking_date": day, "value_date": day,
            "amount_cents": cents, "family": family, "label": family,
            "month": lake.month_of(day)}  # fmt: skip


def write(lake_dir: Path | None, dataset: lake.Dataset, rows: list[dict[str, object]]) -> None:
    lake.replace_dataset(lake_dir, dataset, pa.Table.from_pylist(rows, schema=dataset.schema))
