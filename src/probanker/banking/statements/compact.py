"""Compaction of the lake: a month's statement files merged into one file.

The importer writes one small file per statement and month (see ``store``):
a month of daily statements of 100,000 accounts would be two million files,
and a reader's time grows with the count of files, not only with the rows.
``compact`` merges, in each month of ``movements`` and ``balances``, the files
of the statements in the registry and the month's earlier merged files into
one ``part-<uuid>.parquet``, streamed row group by row group (memory bounded
by a row group, not by the month).

Crash safety. Before the merged file gets its name, a journal beside it
(``.compaction-<uuid>.json``) lists the file it will be and the files it
replaces; the replaced files are removed after, then the journal. A crash
before the rename leaves the old files and a journal whose file does not
exist: it is dropped. A crash after leaves both: the next compaction, first
thing, finishes the removals. Files of statements that are not in the
registry (an import that crashed before its commit) are left alone:
importing the statement again rewrites them.

Readers and compaction do not overlap: compaction holds the lake lock
exclusively, every reader of ``probanker.lake`` holds it shared while it reads.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from probanker import lake
from probanker.banking.models import ImportedStatement

PREFIX = lake.STATEMENT_PREFIX
MERGED = lake.MERGED_PREFIX
ROW_GROUP = 1 << 20  # rows per row group of a merged file


@dataclass
class CompactionSummary:
    """What one compaction did, for the command's report."""

    months: int = 0  # month partitions rewritten
    merged: int = 0  # files merged into them
    recovered: int = 0  # files left by an interrupted compaction, removed


def _key(path: Path) -> str:
    return path.stem.removeprefix(PREFIX)


def _partitions(lake_dir: Path) -> list[Path]:
    return sorted(
        p for dataset in (lake.MOVEMENTS, lake.BALANCES) for p in lake.partitions(dataset, lake_dir)
    )


def _recover(partition: Path) -> int:
    """Finish or drop the interrupted compactions of a partition; files removed."""
    removed = 0
    for journal in sorted(partition.glob(".compaction-*.json")):
        entry = json.loads(journal.read_text())
        if (partition / entry["new"]).exists():  # renamed: finish the removals
            for name in entry["old"]:
                if (partition / name).exists():
                    (partition / name).unlink()
                    removed += 1
        else:  # never named: drop its temporary file
            for temporary in partition.glob(f".{entry['new']}.*.tmp"):
                temporary.unlink()
        journal.unlink()
    return removed


def _registered(files: list[Path]) -> set[str]:
    """Keys of these statement files that are in the registry (committed imports)."""
    keys = sorted({_key(f) for f in files})
    found: set[str] = set()
    for start in range(0, len(keys), 1000):
        chunk = keys[start : start + 1000]
        found.update(ImportedStatement.objects.filter(key__in=chunk).values_list("key", flat=True))
    return found


def _merge(partition: Path, sources: list[Path]) -> None:
    """Write ``sources`` as one new file of ``partition`` and remove them, journal first."""
    name = f"{MERGED}{uuid.uuid4().hex}.parquet"
    journal = partition / f".compaction-{uuid.uuid4().hex}.json"
    staging = journal.with_name(f"{journal.name}.tmp")
    staging.write_text(json.dumps({"new": name, "old": [s.name for s in sources]}))
    os.replace(staging, journal)
    temporary = partition / f".{name}.{uuid.uuid4().hex}.tmp"
    schema = pq.read_schema(sources[0])
    with pq.ParquetWriter(temporary, schema) as writer:
        # Small files are gathered into row groups of ROW_GROUP rows: a row group per
        # statement would keep the cost of many small pieces inside one file.
        pending: list[pa.RecordBatch] = []
        rows = 0
        for source in sources:
            for batch in pq.ParquetFile(source).iter_batches(batch_size=ROW_GROUP):
                pending.append(batch.cast(schema))
                rows += batch.num_rows
                if rows >= ROW_GROUP:
                    writer.write_table(pa.Table.from_batches(pending, schema))
                    pending, rows = [], 0
        if pending:
            writer.write_table(pa.Table.from_batches(pending, schema))
    os.replace(temporary, partition / name)
    for source in sources:
        source.unlink()
    journal.unlink()


def compact(lake_dir: Path) -> CompactionSummary:
    """Merge each month's registered statement files and earlier merged files into one."""
    summary = CompactionSummary()
    lake_dir = Path(lake_dir)
    if not lake_dir.exists():
        return summary
    with lake.lake_lock(lake_dir, exclusive=True):
        partitions = _partitions(lake_dir)
        for partition in partitions:
            summary.recovered += _recover(partition)
        statement_files = [f for p in partitions for f in p.glob(f"{PREFIX}*.parquet")]
        registered = _registered(statement_files)
        for partition in partitions:
            sources = sorted(partition.glob(f"{MERGED}*.parquet")) + sorted(
                f for f in partition.glob(f"{PREFIX}*.parquet") if _key(f) in registered
            )
            if len(sources) < 2:
                continue  # nothing to gain
            _merge(partition, sources)
            summary.months += 1
            summary.merged += len(sources)
    return summary
