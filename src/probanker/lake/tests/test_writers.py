"""Atomic writers: a dataset replaced whole, a file named when complete, a month merged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from probanker import lake
from probanker.lake.tests.samples import balance, write

D = dt.date


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.name != ".lock")


def test_replacing_a_dataset_swaps_the_whole_of_it(tmp_path: Path) -> None:
    """The new rows replace the old, months that are gone included; no staging is left."""
    write(
        tmp_path,
        lake.BALANCES,
        [balance(1, 10, D(2026, 4, 1), 1), balance(1, 10, D(2026, 5, 1), 2)],
    )
    write(tmp_path, lake.BALANCES, [balance(1, 10, D(2026, 6, 1), 3)])
    assert lake.read_dataset(tmp_path, lake.BALANCES).to_pylist() == [
        balance(1, 10, D(2026, 6, 1), 3)
    ]
    assert [p.name for p in lake.partitions(lake.BALANCES, tmp_path)] == ["month=2026-06"]
    assert hidden(tmp_path) == []
    assert (tmp_path / ".lock").exists()


def test_files_hold_no_month_column(tmp_path: Path) -> None:
    """The month is the partition folder, not a column inside the files."""
    write(tmp_path, lake.BALANCES, [balance(1, 10, D(2026, 5, 1), 2)])
    (only,) = lake.files(lake.BALANCES, tmp_path)
    assert pq.read_schema(only).names == lake.BALANCES.file_schema.names


def test_a_file_is_named_only_when_complete(tmp_path: Path) -> None:
    """``write_file`` leaves the file under its name and no temporary beside it."""
    path = lake.statement_file(lake.MOVEMENTS, "2026-05", "abc", tmp_path)
    table = pa.table({"x": [1, 2]})
    lake.write_file(path, table)
    assert path == tmp_path / "movements" / "month=2026-05" / "stmt-abc.parquet"
    assert pq.read_table(path).equals(table)
    assert hidden(tmp_path) == []


def test_a_month_is_merged_by_key(tmp_path: Path) -> None:
    """A row replaces the stored row of the same key; the other stored rows stay."""

    def instalment(contract: int, due: dt.date, paid: int) -> dict[str, object]:
        return {"contract_id": contract, "party_id": 10, "due_date": due, "amount_due_cents": 500,
                "paid_date": due if paid else None, "amount_paid_cents": paid}  # fmt: skip

    key = ("contract_id", "due_date")
    first = [instalment(1, D(2026, 5, 5), 0), instalment(2, D(2026, 5, 5), 0)]
    assert lake.upsert_month(tmp_path, lake.INSTALMENTS, "2026-05", first, key) == 2
    again = [instalment(1, D(2026, 5, 5), 500), instalment(3, D(2026, 5, 9), 0)]
    assert lake.upsert_month(tmp_path, lake.INSTALMENTS, "2026-05", again, key) == 3
    stored = lake.read_dataset(tmp_path, lake.INSTALMENTS).to_pylist()
    assert sorted((r["contract_id"], r["amount_paid_cents"], r["month"]) for r in stored) == [
        (1, 500, "2026-05"), (2, 0, "2026-05"), (3, 0, "2026-05"),
    ]  # fmt: skip
