"""The lake's datasets, described once: names, Arrow schemas, folders, months.

Each dataset is a folder under the lake (``settings.LAKE_DIR`` by default),
Hive-partitioned by month (``month=YYYY-MM``): the ``month`` column of a
schema is the partition, never stored inside the files. Amounts are integer
cents (``int64``); no float ever holds an amount. The risk batch's indicator
snapshots live under ``indicators/as_of=YYYY-MM-DD/`` (see ``snapshots``);
their columns are the engine's output, so no schema is fixed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads

MONTH = "month"
# The month partition, read as a string (``2026-05``) whatever pyarrow would infer.
PARTITIONING = pads.partitioning(pa.schema([pa.field(MONTH, pa.string())]), flavor="hive")
STATEMENT_PREFIX = "stmt-"  # one file per imported statement and month (banking's store)
MERGED_PREFIX = "part-"  # files written whole: a dataset replaced, or a month compacted
LOCK_NAME = ".lock"


@dataclass(frozen=True)
class Dataset:
    """One dataset of the lake: its folder name and its Arrow schema (``month`` included)."""

    name: str
    schema: pa.Schema

    @property
    def file_schema(self) -> pa.Schema:
        """The schema of the files themselves: the month lives in the folder's name."""
        return self.schema.remove(self.schema.get_field_index(MONTH))

    def columns(self, names: Sequence[str]) -> pa.Schema:
        """The sub-schema of ``names``, in that order (a reader's projection)."""
        return pa.schema([self.schema.field(name) for name in names])

    def path(self, lake_dir: Path | None = None) -> Path:
        """The dataset's folder under the lake."""
        return root(lake_dir) / self.name

    def partition(self, month: str, lake_dir: Path | None = None) -> Path:
        """The folder of one month (``YYYY-MM``) of the dataset."""
        return self.path(lake_dir) / f"{MONTH}={month}"


MOVEMENTS = Dataset(
    "movements",
    pa.schema(
        [
            pa.field("account_id", pa.int64(), nullable=False),
            pa.field("party_id", pa.int64(), nullable=False),
            pa.field("booking_date", pa.date32(), nullable=False),
            pa.field("value_date", pa.date32(), nullable=False),
            pa.field("amount_cents", pa.int64(), nullable=False),
            pa.field("family", pa.string(), nullable=False),  # banking.statements.families
            pa.field("label", pa.string(), nullable=False),
            pa.field(MONTH, pa.string(), nullable=False),  # of the booking date
        ]
    ),
)

BALANCES = Dataset(
    "balances",
    pa.schema(
        [
            pa.field("account_id", pa.int64(), nullable=False),
            pa.field("party_id", pa.int64(), nullable=False),
            pa.field("date", pa.date32(), nullable=False),
            pa.field("balance_cents", pa.int64(), nullable=False),  # end of day, signed
            pa.field("limit_cents", pa.int64(), nullable=False),  # authorised overdraft
            pa.field(MONTH, pa.string(), nullable=False),
        ]
    ),
)

INSTALMENTS = Dataset(
    "instalments",
    pa.schema(
        [
            pa.field("contract_id", pa.int64(), nullable=False),
            pa.field("party_id", pa.int64(), nullable=False),
            pa.field("due_date", pa.date32(), nullable=False),
            pa.field("amount_due_cents", pa.int64(), nullable=False),
            pa.field("paid_date", pa.date32(), nullable=True),  # null while unpaid
            pa.field("amount_paid_cents", pa.int64(), nullable=False),
            pa.field(MONTH, pa.string(), nullable=False),  # of the due date
        ]
    ),
)

DATASETS = (MOVEMENTS, BALANCES, INSTALMENTS)

SNAPSHOTS = "indicators"  # the risk batch's snapshots, one folder per business date
SNAPSHOT_TABLES = ("accounts", "clients")


def root(lake_dir: Path | None = None) -> Path:
    """The lake's folder: ``lake_dir``, or ``settings.LAKE_DIR`` when not given."""
    if lake_dir is not None:
        return Path(lake_dir)
    # Read late: the benchmarks import the lake without configuring Django.
    from django.conf import settings

    return Path(settings.LAKE_DIR)


def month_of(day: dt.date) -> str:
    """The month partition of a day (``YYYY-MM``)."""
    return f"{day:%Y-%m}"


def partitions(dataset: Dataset, lake_dir: Path | None = None) -> list[Path]:
    """The dataset's month folders, in month order (none when the dataset is absent)."""
    folder = dataset.path(lake_dir)
    if not folder.exists():
        return []
    return sorted(p for p in folder.glob(f"{MONTH}=*") if p.is_dir())


def files(dataset: Dataset, lake_dir: Path | None = None) -> list[Path]:
    """The dataset's Parquet files, temporary and hidden files left out."""
    return [f for p in partitions(dataset, lake_dir) for f in sorted(p.glob("[!._]*.parquet"))]


def statement_file(dataset: Dataset, month: str, key: str, lake_dir: Path | None = None) -> Path:
    """Where the statement of ``key`` keeps its rows of ``month`` (named by the key)."""
    return dataset.partition(month, lake_dir) / f"{STATEMENT_PREFIX}{key}.parquet"
