"""A small lake written by hand, with every indicator worked out in the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from probanker import lake

AS_OF = dt.date(2026, 6, 30)


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def balance_of_troubled(day: dt.date) -> int:
    """+500 €, except −200 € from 1 to 20 May and −1,500 € from 11 June on."""
    if dt.date(2026, 5, 1) <= day <= dt.date(2026, 5, 20):
        return -20_000
    if day >= dt.date(2026, 6, 11):
        return -150_000
    return 50_000


def write_lake(lake_dir: Path, troubled: tuple[int, int], healthy: tuple[int, int]) -> None:
    """Account ``troubled`` = (account id, party id) with a 1,000 € limit; ``healthy`` the other."""
    (acc1, party1), (acc2, party2) = troubled, healthy
    period = days(dt.date(2026, 3, 1), AS_OF)
    balances = [
        {"account_id": acc1, "party_id": party1, "date": d, "balance_cents": balance_of_troubled(d),
         "limit_cents": 100_000, "month": f"{d:%Y-%m}"}
        for d in period
    ] + [
        {"account_id": acc2, "party_id": party2, "date": d, "balance_cents": 100_000,
         "limit_cents": 0, "month": f"{d:%Y-%m}"}
        for d in period
    ]  # fmt: skip
    movements = [
        (acc1, party1, dt.date(2025, 5, 15), 1_000_000, "card_receipts"),  # a year ago
        (acc1, party1, dt.date(2026, 2, 15), 800_000, "card_receipts"),  # the previous 3 months
        (acc1, party1, dt.date(2026, 5, 10), 600_000, "card_receipts"),  # the last 3 months
        (acc1, party1, dt.date(2026, 6, 5), 500_000, "loan_drawdown"),  # not turnover
        (acc1, party1, dt.date(2026, 5, 15), -8_000, "rejected_direct_debit"),
        (acc1, party1, dt.date(2026, 6, 10), -10_000, "rejected_direct_debit"),
        (acc1, party1, dt.date(2026, 6, 20), -5_000, "unpaid_cheque"),
        (acc2, party2, dt.date(2026, 6, 1), 300_000, "incoming_transfer"),
        (acc2, party2, dt.date(2025, 6, 1), 300_000, "incoming_transfer"),
    ]
    rows = [
        {"account_id": a, "party_id": p, "booking_date": d, "value_date": d, "amount_cents": c,
         "family": f, "label": f, "month": f"{d:%Y-%m}"}
        for a, p, d, c, f in movements
    ]  # fmt: skip
    lake.replace_dataset(
        lake_dir, lake.MOVEMENTS, pa.Table.from_pylist(rows, lake.MOVEMENTS.schema)
    )
    lake.replace_dataset(
        lake_dir, lake.BALANCES, pa.Table.from_pylist(balances, lake.BALANCES.schema)
    )
    instalments = [
        {"contract_id": 900, "party_id": party1, "due_date": dt.date(2026, 5, 5),
         "amount_due_cents": 85_000, "paid_date": None, "amount_paid_cents": 0},
        {"contract_id": 900, "party_id": party1, "due_date": dt.date(2026, 6, 5),
         "amount_due_cents": 85_000, "paid_date": dt.date(2026, 6, 6), "amount_paid_cents": 85_000},
        {"contract_id": 900, "party_id": party1, "due_date": dt.date(2026, 7, 5),
         "amount_due_cents": 85_000, "paid_date": None, "amount_paid_cents": 0},
    ]  # fmt: skip
    schema = lake.INSTALMENTS.file_schema
    for month in ("2026-05", "2026-06", "2026-07"):
        subset = [r for r in instalments if f"{r['due_date']:%Y-%m}" == month]
        lake.write_file(lake.INSTALMENTS.partition(month, lake_dir) / "part-0.parquet",
               pa.Table.from_pylist(subset, schema=schema))  # fmt: skip
