"""Writes of the lake, each atomic: a reader sees the old data or the new, never half.

A file is written under a temporary name and renamed (``write_file``); a whole
dataset is written to a sibling temporary folder and swapped in with a
rename under the exclusive lock (``replace_dataset``); a month of instalments
is read, merged and rewritten under the exclusive lock (``upsert_month``).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from probanker.lake.datasets import MERGED_PREFIX, PARTITIONING, Dataset, root
from probanker.lake.lock import create_lock, lake_lock


def write_file(path: Path, table: pa.Table) -> None:
    """Write a Parquet file atomically (a hidden temporary name, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def replace_dataset(lake_dir: Path | None, dataset: Dataset, table: pa.Table) -> Path:
    """Write ``table`` (with its ``month`` column) as the whole dataset, replacing the last.

    The files are written outside the lock (readers go on meanwhile); only the
    two renames of the swap hold it exclusively.
    """
    lake = root(lake_dir)
    create_lock(lake)
    target = dataset.path(lake)
    staging = lake / f".{dataset.name}.{uuid.uuid4().hex}.tmp"
    pads.write_dataset(
        table.cast(dataset.schema),
        base_dir=str(staging),
        format="parquet",
        partitioning=PARTITIONING,
        existing_data_behavior="error",
        basename_template=f"{MERGED_PREFIX}{{i}}.parquet",
    )
    retired = lake / f".{dataset.name}.{uuid.uuid4().hex}.old"
    with lake_lock(lake, exclusive=True):  # no reader lists the files mid-swap
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return target


MONTH_FILE = f"{MERGED_PREFIX}0.parquet"  # a month of a dataset kept in one file


def upsert_month(
    lake_dir: Path | None,
    dataset: Dataset,
    month: str,
    rows: Sequence[dict[str, Any]],
    key: Sequence[str],
) -> int:
    """Merge ``rows`` into the month's file: a row replaces the stored row of the same key.

    Rows are dictionaries of the dataset's file columns (no ``month``). The
    read, merge and rename hold the exclusive lock, so two imports of the same
    month cannot lose each other's rows. Returns the month's row count.
    """
    lake = root(lake_dir)
    path = dataset.partition(month, lake) / MONTH_FILE
    new = {tuple(row[k] for k in key) for row in rows}
    with lake_lock(lake, exclusive=True):
        kept = []
        if path.exists():
            kept = [
                row
                for row in pq.read_table(path).to_pylist()
                if tuple(row[k] for k in key) not in new
            ]
        table = pa.Table.from_pylist([*kept, *rows], schema=dataset.file_schema)
        write_file(path, table)
    return table.num_rows
