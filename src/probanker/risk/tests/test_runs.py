"""Day counts and runs from the day masks, against a plain day-by-day count.

The engine reads counts and runs from bit masks (two 45-day words); this
checks it on random balance histories with gaps, runs across the words'
boundary (day 44/45 of the window), accounts overdrawn all 90 days and
accounts whose last balance is before the business date.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import ibis
import numpy as np
import pyarrow as pa

from probanker import lake
from probanker.risk import engine

AS_OF = dt.date(2026, 6, 30)
FIRST = AS_OF - dt.timedelta(days=89)  # day 0 of the 90-day window


def histories(seed: int = 11) -> dict[int, dict[dt.date, tuple[int, int]]]:
    """Account → {day: (balance, limit)} over 120 days, with edge cases first."""
    rng = random.Random(seed)
    days = [AS_OF - dt.timedelta(days=n) for n in range(120)]
    shapes: list[dict[dt.date, tuple[int, int]]] = [
        dict.fromkeys(days, (-5000, 0)),  # overdrawn every day: runs of 90
        {d: (-5_000 if 30 <= (d - FIRST).days <= 60 else 100, 1_000) for d in days},  # across 44/45
        {d: (-5_000, 1_000) for d in days if d != FIRST + dt.timedelta(days=45)},  # one gap
        {d: (-5_000, 10_000) for d in days if d < AS_OF - dt.timedelta(days=3)},  # stops early
        dict.fromkeys(days, (100, 0)),  # never overdrawn
    ]
    for _ in range(150):
        limit = rng.choice([0, 50_000, 200_000])
        balance, history = rng.randint(-300_000, 300_000), {}
        for d in reversed(days):
            balance += rng.randint(-60_000, 60_000)
            if rng.random() < 0.93:  # some days without a balance
                history[d] = (balance, limit)
        shapes.append(history)
    return {n + 1: history for n, history in enumerate(shapes)}


def plain(history: dict[dt.date, tuple[int, int]]) -> dict[str, int]:
    """The indicators counted day by day, the way a person would."""
    window = [FIRST + dt.timedelta(days=n) for n in range(90)]
    debit = [d in history and history[d][0] < 0 for d in window]
    beyond = [d in history and history[d][0] < -history[d][1] for d in window]

    def runs(flags: list[bool]) -> list[int]:
        lengths, run = [], 0
        for flag in flags:
            run = run + 1 if flag else 0
            lengths.append(run)
        return lengths

    return {
        "overdraft_days_30": sum(debit[60:]),
        "overdraft_days_90": sum(debit),
        "beyond_limit_days_30": sum(beyond[60:]),
        "beyond_limit_days_90": sum(beyond),
        "longest_debit_run_90": max(runs(debit)),
        "current_debit_run": runs(debit)[-1],
        "current_beyond_limit_run": runs(beyond)[-1],
        "balance_cents": history[max(d for d in history if d <= AS_OF)][0],
    }


def write(lake_dir: Path, accounts: dict[int, dict[dt.date, tuple[int, int]]]) -> None:
    rows = [
        {"account_id": a, "party_id": 100 + a, "date": d, "balance_cents": b,
         "limit_cents": limit, "month": f"{d:%Y-%m}"}
        for a, history in accounts.items()
        for d, (b, limit) in history.items()
    ]  # fmt: skip
    lake.replace_dataset(lake_dir, lake.BALANCES, pa.Table.from_pylist(rows, lake.BALANCES.schema))


def snapshot(con: object, lake_dir: Path) -> dict[int, dict[str, int]]:
    balances, movements, _ = engine.read_lake(con, lake_dir)
    table = engine.account_snapshot(con, balances, movements, engine.Windows(AS_OF))
    return {row["account_id"]: row for row in table.to_pylist()}


def test_counts_and_runs_match_a_day_by_day_count(tmp_path: Path) -> None:
    accounts = histories()
    write(tmp_path, accounts)
    found = snapshot(ibis.duckdb.connect(), tmp_path)
    assert set(found) == set(accounts)
    for account, history in accounts.items():
        expected = plain(history)
        assert {k: found[account][k] for k in expected} == expected, account
    assert found[1]["longest_debit_run_90"] == 90
    assert found[2]["longest_debit_run_90"] == 31  # days 30 to 60, across both words
    assert found[3]["longest_debit_run_90"] == 45  # days 0-44: the gap on day 45 breaks the run
    assert found[3]["current_debit_run"] == 44  # days 46-89
    assert found[4]["current_debit_run"] == 0  # no balance on the business date


def test_runs_of_a_flag_matrix() -> None:
    flags = np.array(
        [[False] * 90, [True] * 90, [True, False] * 45, [False] * 80 + [True] * 10], dtype=bool
    )
    assert engine.longest_run(flags).tolist() == [0, 90, 1, 10]
    assert engine.current_run(flags).tolist() == [0, 90, 0, 10]
    assert engine.longest_run(flags[:0]).tolist() == []


def test_a_day_stored_twice_counts_once(tmp_path: Path) -> None:
    """Overlapping statements give a day two balances: flagged once, when either is overdrawn."""
    days = [AS_OF - dt.timedelta(days=n) for n in range(10)]
    rows = [
        {"account_id": 1, "party_id": 101, "date": d, "balance_cents": -100, "limit_cents": 0,
         "month": f"{d:%Y-%m}"}
        for d in days + days[:5]  # the last five days twice
    ] + [
        {"account_id": 1, "party_id": 101, "date": days[7], "balance_cents": 500,
         "limit_cents": 0, "month": f"{days[7]:%Y-%m}"}  # day 7 also in credit
    ]  # fmt: skip
    lake.replace_dataset(tmp_path, lake.BALANCES, pa.Table.from_pylist(rows, lake.BALANCES.schema))
    found = snapshot(ibis.duckdb.connect(), tmp_path)[1]
    assert found["overdraft_days_90"] == 10
    assert found["longest_debit_run_90"] == 10
    assert found["current_debit_run"] == 10
