"""How the risk batch computes a date: a daily step from a recent snapshot, or in full.

:func:`compute_snapshot` gives a date's account and client indicators and
the state kept with them. With ``daily_step`` (the DuckDB batch) it moves on
the state of a recent snapshot (``risk.incremental``) when the lake's data
up to that snapshot's date has not changed since it was computed
(``lake.manifest``): a statement imported late makes it start from a
snapshot before the first day the statement touches, by itself. Otherwise,
and for backfills and Spark, it recomputes over the whole window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from probanker.risk import engine


def previous_runs(lake_dir: Path, as_of: dt.date) -> engine.PreviousRuns | None:
    """The latest snapshot before ``as_of``, whose runs this date's carry on (or ``None``).

    Never the date's own snapshot: a rerun of the date reads the same
    earlier one as the first run did, so it gives the same runs.
    """
    from probanker import lake
    from probanker.risk import engine

    earlier = lake.snapshot_dates(lake_dir, before=as_of)
    if not earlier:
        return None
    accounts = lake.read_snapshot(lake_dir, earlier[-1], "accounts")
    return None if accounts is None else engine.PreviousRuns(earlier[-1], accounts)


@dataclass(frozen=True)
class Computed:
    """A date's account and client indicators, the state kept with them, and how they came."""

    accounts: pa.Table
    clients: pa.Table
    state: pa.Table
    since: dt.date | None  # the snapshot the daily step started from; None: full recompute


def step_base(
    lake_dir: Path, as_of: dt.date, now: Any
) -> tuple[dt.date, pa.Table, pa.Table] | None:
    """The snapshot a daily step to ``as_of`` can start from: (its date, state, accounts).

    The latest earlier snapshot with a state, at most ``MAX_STEP`` days back,
    whose data is still the lake's: a file added, rewritten or removed since
    it was computed (a statement imported late, a compaction) touches days
    from its earliest one on (``lake.manifest.earliest_change``); when that
    day is not after the snapshot's date, an earlier snapshot is tried, one
    before that day. ``None``: recompute in full.
    """
    from probanker import lake
    from probanker.lake import manifest
    from probanker.risk import incremental

    touched: dt.date | None = None
    for since in reversed(lake.snapshot_dates(lake_dir, before=as_of)):
        if (as_of - since).days > incremental.MAX_STEP:
            return None
        if touched is not None and since >= touched:
            continue
        state = lake.read_state(lake_dir, as_of=since)
        accounts = lake.read_snapshot(lake_dir, since, "accounts")
        meta = (state.schema.metadata or {}) if state is not None else {}
        seen = manifest.loads(meta.get(MANIFEST_KEY))
        if state is None or accounts is None or seen is None:
            return None  # a snapshot from before the states: recompute
        changed = manifest.earliest_change(seen, now)
        if changed is None or changed > since:
            return since, state.replace_schema_metadata(None), accounts
        touched = changed if touched is None else min(touched, changed)
    return None


MANIFEST_KEY = b"probanker.manifest"


def _latest_manifest(lake_dir: Path, as_of: dt.date) -> dict[str, Any] | None:
    """The manifest kept with the latest snapshot before ``as_of`` (its metadata only)."""
    import pyarrow.parquet as pq

    from probanker import lake
    from probanker.lake import manifest

    for since in reversed(lake.snapshot_dates(lake_dir, before=as_of)):
        path = lake.snapshot_dir(lake_dir, since) / lake.STATE_FILE
        if path.exists():
            meta = pq.read_schema(path).metadata or {}
            return manifest.loads(meta.get(MANIFEST_KEY))  # type: ignore[return-value]
    return None


def compute_snapshot(
    con: Any, lake_dir: Path, as_of: dt.date, signals: pa.Table, *, daily_step: bool
) -> Computed:
    """The date's indicators and state: by a daily step when ``daily_step`` and possible.

    The step (``risk.incremental``) starts from :func:`step_base`; without one
    (first run, a gap of more than ``MAX_STEP`` days, data changed before
    every recent snapshot) the indicators are recomputed over the whole
    window. Either way the runs carry on from the snapshot they start from
    (the latest earlier one for a full recompute). The state is saved with
    the manifest of the files it was computed from. Run under the lake's
    shared lock.
    """
    # Imported here: Ibis is for the batch, not for every web process.
    import ibis

    from probanker.lake import manifest
    from probanker.risk import engine, incremental

    windows = engine.Windows(as_of)
    # Listed before the read (the read sees at least these files); the files already
    # in the latest manifest keep their earliest day without being opened again.
    now = manifest.manifest(lake_dir, _latest_manifest(lake_dir, as_of))
    base = step_base(lake_dir, as_of, now) if daily_step else None
    if base is not None:
        since, state, before = base
        previous = engine.PreviousRuns(since, before)
        accounts, state = incremental.step_snapshot(con, lake_dir, state, since, windows, previous)
    else:
        balances, movements, _ = engine.read_lake(con, lake_dir)
        accounts, state = engine.full_state_snapshot(
            con, balances, movements, windows, previous_runs(lake_dir, as_of)
        )
    _, _, instalments = engine.read_lake(con, lake_dir)
    loans = engine.loan_indicators(instalments, windows)
    clients = engine.client_indicators(
        ibis.memtable(accounts), loans, ibis.memtable(signals), windows
    )
    state = state.replace_schema_metadata({MANIFEST_KEY: manifest.dumps(now)})
    return Computed(accounts, con.to_pyarrow(clients), state, base[0] if base else None)
