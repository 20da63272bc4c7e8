"""What the lake held when a snapshot was computed, and the earliest day changed since.

A daily step of the risk batch (``risk.incremental``) moves the state of an
earlier date on by reading only the new days: it is exact only if the data of
the days up to that date is still what the earlier run read. The manifest
recorded with the state lists every Parquet file of ``balances`` and
``movements`` with its size, modification time and earliest day (read from
the file's Parquet statistics once, when the file is first seen). Against
the lake of today, a file added, rewritten or removed since touches the
days from its earliest one on: :func:`earliest_change` gives the first day
that any of them touches, so that a statement imported late (for a day
before the earlier date) is seen by itself. A compaction, which moves
statement rows into a merged file, counts as a change of the month it
merged: sound, at the price of a step from earlier in the month.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from probanker.lake.datasets import BALANCES, MOVEMENTS, Dataset, files, root

DAY_COLUMN = {BALANCES.name: "date", MOVEMENTS.name: "booking_date"}
Entry = tuple[int, int, str | None]  # size, modification time (ns), earliest day (ISO) or None
Manifest = dict[str, Entry]


def earliest_day(path: Path, column: str) -> dt.date | None:
    """The file's earliest day: from the row groups' statistics, else read; ``None`` when empty."""
    meta = pq.ParquetFile(path).metadata
    index = meta.schema.to_arrow_schema().get_field_index(column)
    lows = []
    for group in range(meta.num_row_groups):
        chunk = meta.row_group(group)
        if chunk.num_rows == 0:
            continue
        stats = chunk.column(index).statistics
        if stats is None or not stats.has_min_max:
            low = pc.min(pq.read_table(path, columns=[column])[column]).as_py()
            return low if isinstance(low, dt.date) else None
        lows.append(stats.min)
    return min(lows) if lows else None


def manifest(lake_dir: Path | None, known: Manifest | None = None) -> Manifest:
    """Every file of balances and movements (path under the lake → size, mtime, earliest day).

    An unchanged file of ``known`` keeps its recorded earliest day: only new
    or rewritten files are opened.
    """
    base = root(lake_dir)
    known = known or {}
    out: Manifest = {}
    datasets: tuple[Dataset, ...] = (BALANCES, MOVEMENTS)
    for dataset in datasets:
        for path in files(dataset, base):
            stat = path.stat()
            name = path.relative_to(base).as_posix()
            before = known.get(name)
            if before is not None and tuple(before[:2]) == (stat.st_size, stat.st_mtime_ns):
                out[name] = (stat.st_size, stat.st_mtime_ns, before[2])
                continue
            day = earliest_day(path, DAY_COLUMN[dataset.name])
            out[name] = (stat.st_size, stat.st_mtime_ns, day.isoformat() if day else None)
    return out


def earliest_change(before: Manifest, now: Manifest) -> dt.date | None:
    """The first day a file added, rewritten or removed between the two manifests touches.

    ``None`` when nothing changed (or only empty files did).
    """
    days = []
    for name in before.keys() | now.keys():
        old, new = before.get(name), now.get(name)
        if old is not None and new is not None and tuple(old[:2]) == tuple(new[:2]):
            continue
        days += [entry[2] for entry in (old, new) if entry is not None and entry[2] is not None]
    return dt.date.fromisoformat(min(days)) if days else None


def dumps(m: Manifest) -> bytes:
    """The manifest as JSON bytes (kept in the state file's metadata)."""
    return json.dumps(m, sort_keys=True, separators=(",", ":")).encode()


def loads(raw: bytes | None) -> Manifest | None:
    """A manifest read back (``None`` when absent)."""
    if not raw:
        return None
    return {k: (v[0], v[1], v[2]) for k, v in json.loads(raw).items()}
