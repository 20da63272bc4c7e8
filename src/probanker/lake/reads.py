"""Reads of the lake, each under the shared lock: whole datasets and one client's rows.

Every function here takes the shared lock itself (see ``lock``), so a caller
never reads files that compaction is merging. Per-client reads filter on
``party_id`` (Parquet statistics skip the other clients' row groups) and on
the month partitions of the date range, half-open ``[start, end)``; a bound
left out is open. An absent lake or dataset reads as no rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads

from probanker.lake.datasets import (
    BALANCES,
    MONTH,
    MOVEMENTS,
    PARTITIONING,
    Dataset,
    month_of,
)
from probanker.lake.lock import lake_lock


@dataclass(frozen=True)
class DailyBalance:
    """A client's end-of-day position: balances and authorised limits of all its accounts."""

    date: dt.date
    balance_cents: int
    limit_cents: int


def _open(dataset: Dataset, lake_dir: Path | None) -> pads.Dataset | None:
    folder = dataset.path(lake_dir)
    if not folder.exists():
        return None
    return pads.dataset(
        str(folder), format="parquet", partitioning=PARTITIONING, schema=dataset.schema
    )


def _range(
    dataset: Dataset, day_column: str, start: dt.date | None, end: dt.date | None
) -> pads.Expression | None:
    """The filter of ``[start, end)`` on ``day_column``, months pruned by the partition."""
    condition: pads.Expression | None = None
    parts: list[pads.Expression] = []
    if start is not None:
        parts += [pads.field(MONTH) >= month_of(start), pads.field(day_column) >= start]
    if end is not None:
        last = end - dt.timedelta(days=1)
        parts += [pads.field(MONTH) <= month_of(last), pads.field(day_column) < end]
    for part in parts:
        condition = part if condition is None else condition & part
    return condition


def _read(
    dataset: Dataset,
    lake_dir: Path | None,
    columns: Sequence[str],
    condition: pads.Expression | None,
) -> pa.Table:
    with lake_lock(lake_dir, exclusive=False):
        source = _open(dataset, lake_dir)
        if source is None:
            return dataset.columns(columns).empty_table()
        return source.to_table(columns=list(columns), filter=condition)


def read_dataset(lake_dir: Path | None, dataset: Dataset) -> pa.Table:
    """The whole dataset as an Arrow table, the ``month`` partition column included."""
    return _read(dataset, lake_dir, dataset.schema.names, None)


def client_daily_balances(
    party_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    lake_dir: Path | None = None,
) -> list[DailyBalance]:
    """The client's end-of-day position per day of ``[start, end)``, summed over its accounts.

    Sorted by date; a day appears when at least one account has a balance that day.
    """
    condition = pads.field("party_id") == party_id
    dates = _range(BALANCES, "date", start, end)
    if dates is not None:
        condition = condition & dates
    table = _read(BALANCES, lake_dir, ("date", "balance_cents", "limit_cents"), condition)
    daily = table.group_by("date").aggregate([("balance_cents", "sum"), ("limit_cents", "sum")])
    daily = daily.sort_by("date")
    return [
        DailyBalance(day, balance, limit)
        for day, balance, limit in zip(
            daily["date"].to_pylist(),
            daily["balance_cents_sum"].to_pylist(),
            daily["limit_cents_sum"].to_pylist(),
            strict=True,
        )
    ]


MOVEMENT_COLUMNS = ("account_id", "booking_date", "value_date", "amount_cents", "family", "label")


def client_movements(
    party_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    credits_only: bool = False,
    exclude_families: Sequence[str] = (),
    lake_dir: Path | None = None,
) -> pa.Table:
    """The client's movements booked in ``[start, end)``, oldest first.

    Columns :data:`MOVEMENT_COLUMNS`. ``credits_only`` keeps the amounts above
    zero; ``exclude_families`` drops the movements of those families.
    """
    condition = pads.field("party_id") == party_id
    dates = _range(MOVEMENTS, "booking_date", start, end)
    if dates is not None:
        condition = condition & dates
    if credits_only:
        condition = condition & (pads.field("amount_cents") > 0)
    if exclude_families:
        condition = condition & ~pads.field("family").isin(list(exclude_families))
    table = _read(MOVEMENTS, lake_dir, MOVEMENT_COLUMNS, condition)
    return table.sort_by("booking_date")


def dataset_between(
    dataset: Dataset,
    columns: Sequence[str],
    day_column: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    lake_dir: Path | None = None,
) -> pa.Table:
    """Every client's rows of ``dataset`` whose ``day_column`` is in ``[start, end)``.

    Only ``columns`` are read and only the months of the range are opened; for
    batch steps that aggregate the whole portfolio in one read.
    """
    return _read(dataset, lake_dir, columns, _range(dataset, day_column, start, end))
