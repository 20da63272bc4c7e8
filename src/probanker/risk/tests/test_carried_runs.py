"""Current runs longer than the 90-day window, carried from one snapshot to the next.

Day masks see 90 days; a default needs more than 90 consecutive days past
due (CRR art. 178). The snapshot of each date carries the runs on, so
successive runs count them over the whole history.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import ibis
import pyarrow as pa

from probanker import lake
from probanker.risk import engine

END = dt.date(2026, 6, 30)
FIRST = END - dt.timedelta(days=299)  # 300 days of history


def plain_run(history: dict[dt.date, tuple[int, int]], day: dt.date, beyond: bool) -> int:
    """The run ending on ``day``, counted back day by day over the whole history."""
    run, probe = 0, day
    while probe in history:
        balance, limit = history[probe]
        if not (balance < -limit if beyond else balance < 0):
            break
        run, probe = run + 1, probe - dt.timedelta(days=1)
    return run


def long_histories(seed: int = 3) -> dict[int, dict[dt.date, tuple[int, int]]]:
    """Accounts over 300 days: beyond the limit for 250 days, broken runs, random walks."""
    rng = random.Random(seed)
    days = [FIRST + dt.timedelta(days=n) for n in range(300)]
    start = END - dt.timedelta(days=249)
    shapes = [
        {d: (-300_000 if d >= start else 10_000, 100_000) for d in days},  # 250 days beyond
        {d: (-300_000 if d != END - dt.timedelta(days=20) else 0, 100_000) for d in days},
        {d: (-300_000, 100_000) for d in days if d != END - dt.timedelta(days=150)},  # a gap
        dict.fromkeys(days, (5_000, 0)),
    ]
    for _ in range(40):
        balance, limit, history = rng.randint(-400_000, 0), rng.choice([0, 100_000]), {}
        for d in days:
            balance += rng.randint(-30_000, 29_000)
            history[d] = (balance, limit)
        shapes.append(history)
    return {n + 1: h for n, h in enumerate(shapes)}


def _snapshot(lake_dir: Path, as_of: dt.date, previous: engine.PreviousRuns | None) -> pa.Table:
    con = ibis.duckdb.connect()
    balances, movements, _ = engine.read_lake(con, lake_dir)
    return engine.account_snapshot(con, balances, movements, engine.Windows(as_of), previous)


def _write(lake_dir: Path, accounts: dict[int, dict[dt.date, tuple[int, int]]]) -> None:
    rows = [
        {"account_id": a, "party_id": 100 + a, "date": d, "balance_cents": b,
         "limit_cents": limit, "month": f"{d:%Y-%m}"}
        for a, history in accounts.items()
        for d, (b, limit) in history.items()
    ]  # fmt: skip
    lake.replace_dataset(lake_dir, lake.BALANCES, pa.Table.from_pylist(rows, lake.BALANCES.schema))


def test_successive_snapshots_count_runs_over_the_whole_history(tmp_path: Path) -> None:
    """Snapshots every 1 to 89 days from the history's first day give the day-by-day runs."""
    accounts = long_histories()
    _write(tmp_path, accounts)
    previous: engine.PreviousRuns | None = None
    day = FIRST
    steps = iter([1, 30, 89, 7, 3, 1, 60, 45, 89] * 3)
    while day < END:
        day = min(day + dt.timedelta(days=next(steps)), END)
        previous = engine.PreviousRuns(day, _snapshot(tmp_path, day, previous))
    assert previous is not None
    found = {row["account_id"]: row for row in previous.accounts.to_pylist()}
    for account, history in accounts.items():
        assert found[account]["current_beyond_limit_run"] == plain_run(history, END, True), account
        assert found[account]["current_debit_run"] == plain_run(history, END, False), account
    assert found[1]["current_beyond_limit_run"] == 250
    assert found[2]["current_beyond_limit_run"] == 20  # the day in credit reset it
    assert found[3]["current_beyond_limit_run"] == 150  # the missing day broke it


def test_without_a_recent_snapshot_the_window_is_what_counts(tmp_path: Path) -> None:
    """No earlier snapshot, or one 90 days old or more: the run is the window's 90 days."""
    accounts = long_histories()
    _write(tmp_path, accounts)
    alone = {r["account_id"]: r for r in _snapshot(tmp_path, END, None).to_pylist()}
    assert alone[1]["current_beyond_limit_run"] == 90
    old_day = END - dt.timedelta(days=90)
    old = engine.PreviousRuns(old_day, _snapshot(tmp_path, old_day, None))
    too_old = {r["account_id"]: r for r in _snapshot(tmp_path, END, old).to_pylist()}
    assert too_old[1]["current_beyond_limit_run"] == 90
    recent_day = END - dt.timedelta(days=89)
    recent = engine.PreviousRuns(recent_day, _snapshot(tmp_path, recent_day, None))
    carried = {r["account_id"]: r for r in _snapshot(tmp_path, END, recent).to_pylist()}
    assert carried[1]["current_beyond_limit_run"] == 90 + 89


def test_an_account_new_since_the_earlier_snapshot_keeps_its_window_run(tmp_path: Path) -> None:
    """An account absent from the earlier snapshot (opened since) is not carried."""
    accounts = long_histories()
    _write(tmp_path, accounts)
    earlier = engine.PreviousRuns(END - dt.timedelta(days=10), pa.table({"account_id": [999]}))
    found = {r["account_id"]: r for r in _snapshot(tmp_path, END, earlier).to_pylist()}
    assert found[1]["current_beyond_limit_run"] == 90
