"""The risk batch's indicator snapshots: one folder per business date, replaced whole.

``indicators/as_of=YYYY-MM-DD/`` holds ``accounts.parquet`` and
``clients.parquet`` (the engine's output, whatever its columns). A write
stages the date's folder beside it and renames it into place under the
exclusive lock; it first removes what a killed write left behind (staging
``.tmp`` and retired ``.old`` folders), which no other write can be using
since writes hold the lock. Reads hold the shared lock.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from probanker.lake.datasets import SNAPSHOT_TABLES, SNAPSHOTS, root
from probanker.lake.lock import lake_lock


def snapshot_dir(lake_dir: Path | None, as_of: dt.date) -> Path:
    """The folder of the snapshot of business date ``as_of``."""
    return root(lake_dir) / SNAPSHOTS / f"as_of={as_of.isoformat()}"


def _remove_leftovers(folder: Path) -> int:
    """Remove the staging and retired folders of interrupted writes; how many."""
    leftovers = [*folder.glob(".as_of=*.tmp"), *folder.glob(".as_of=*.old")]
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)
    return len(leftovers)


STATE = "state.parquet"  # per account, what the next date's step starts from (risk.incremental)


def write_snapshot(
    lake_dir: Path | None,
    as_of: dt.date,
    accounts: pa.Table,
    clients: pa.Table,
    state: pa.Table | None = None,
) -> Path:
    """Replace the date's snapshot atomically (a whole folder renamed into place).

    ``state`` (with its manifest in the schema's metadata) is kept beside the
    indicators when given.
    """
    target = snapshot_dir(lake_dir, as_of)
    with lake_lock(lake_dir, exclusive=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(target.parent)
        staging = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
        staging.mkdir()
        pq.write_table(accounts, staging / "accounts.parquet")
        pq.write_table(clients, staging / "clients.parquet")
        if state is not None:
            pq.write_table(state, staging / STATE)
        retired = target.parent / f".{target.name}.{uuid.uuid4().hex}.old"
        if target.exists():
            target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    return target


def remove_snapshots(lake_dir: Path | None) -> int:
    """Remove every snapshot (and leftover) of the lake, e.g. when its data is rebuilt; how many.

    The runs past due carry on from the latest earlier snapshot: one computed
    on data that is no longer the lake's must not be read again.
    """
    folder = root(lake_dir) / SNAPSHOTS
    with lake_lock(lake_dir, exclusive=True):
        found = [p for p in folder.iterdir() if p.is_dir()] if folder.exists() else []
        for path in found:
            shutil.rmtree(path)
    return len(found)


def snapshot_dates(lake_dir: Path | None, before: dt.date | None = None) -> list[dt.date]:
    """The business dates that have a snapshot, oldest first (only those before ``before``).

    Hidden folders (a write's staging or retired copy) are not snapshots.
    """
    folder = root(lake_dir) / SNAPSHOTS
    with lake_lock(lake_dir, exclusive=False):
        names = [p.name for p in folder.glob("as_of=*") if p.is_dir()] if folder.exists() else []
    dates = sorted(dt.date.fromisoformat(name.removeprefix("as_of=")) for name in names)
    return [d for d in dates if before is None or d < before]


def read_snapshot(lake_dir: Path | None, as_of: dt.date, which: str = "clients") -> pa.Table | None:
    """The date's stored snapshot (``clients`` or ``accounts``), or ``None`` when absent."""
    if which not in SNAPSHOT_TABLES:
        raise ValueError(f"instantané inconnu : {which} ({' ou '.join(SNAPSHOT_TABLES)})")
    with lake_lock(lake_dir, exclusive=False):
        path = snapshot_dir(lake_dir, as_of) / f"{which}.parquet"
        return pq.read_table(path) if path.exists() else None


def read_state(lake_dir: Path | None, as_of: dt.date) -> pa.Table | None:
    """The state kept with the date's snapshot, or ``None`` (no snapshot, or one without)."""
    with lake_lock(lake_dir, exclusive=False):
        path = snapshot_dir(lake_dir, as_of) / STATE
        return pq.read_table(path) if path.exists() else None
