"""The batch chooses by itself: a daily step from the day before, or from before a late statement.

``compute_snapshot`` with ``daily_step`` starts from the latest snapshot whose
data the lake still holds unchanged (its manifest); a statement imported
late for an earlier day makes it start from a snapshot before that day, or
recompute in full. Either way the indicators are those of a full recompute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
import pytest

from probanker import lake
from probanker.risk import engine
from probanker.risk.compute import compute_snapshot
from probanker.risk.tests.test_incremental import D, full, rows, write_lake

ACCOUNTS = [
    {"segments": [(70, "beyond"), (5, "absent"), (40, "debit")], "last": 0, "limit": 50_000,
     "twice": [2, 12], "moves": [(0, "rejected_direct_debit", -100), (12, "card_receipts", 4_000),
                                 (30, "incoming_transfer", 6_000), (365, "card_receipts", 1_000)]},
    {"segments": [(30, "credit"), (60, "debit")], "last": 3, "limit": 0, "twice": [],
     "moves": [(b, "card_receipts", 500 + b) for b in range(0, 460, 11)]},
]  # fmt: skip


def signals() -> pa.Table:
    return pa.table(
        {"party_id": pa.array([], pa.int64()), "loans_outstanding_cents": pa.array([], pa.int64()),
         "retail": pa.array([], pa.bool_())}
    )  # fmt: skip


def run(root: Path, day: dt.date) -> Any:
    """The batch's computation of ``day``, its snapshot written as ``run_risk`` does."""
    computed = compute_snapshot(ibis.duckdb.connect(), root, day, signals(), daily_step=True)
    lake.write_snapshot(root, day, computed.accounts, computed.clients, computed.state)
    return computed


def expected(root: Path, day: dt.date, since: dt.date) -> list[dict[str, Any]]:
    before = lake.read_snapshot(root, since, "accounts")
    assert before is not None
    return rows(full(ibis.duckdb.connect(), root, day, engine.PreviousRuns(since, before))[0])


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A lake and the snapshots of the 15 days before D, computed one day after the other."""
    write_lake(tmp_path, ACCOUNTS)
    for back in range(15, 0, -1):
        run(tmp_path, D - dt.timedelta(days=back))
    return tmp_path


def test_first_run_recomputes_then_each_day_steps(tmp_path: Path) -> None:
    """Without a snapshot the date is recomputed; the next day steps from it, same figures."""
    write_lake(tmp_path, ACCOUNTS)
    first = run(tmp_path, D - dt.timedelta(days=1))
    assert first.since is None
    second = run(tmp_path, D)
    assert second.since == D - dt.timedelta(days=1)
    assert rows(second.accounts) == expected(tmp_path, D, D - dt.timedelta(days=1))


def test_a_late_statement_restarts_before_the_first_day_it_touches(history: Path) -> None:
    """A statement for D − 10 imported after D − 1's run: the step starts from D − 11."""
    late = pa.table(
        {"account_id": [2], "party_id": [102], "date": [D - dt.timedelta(days=10)],
         "balance_cents": [-99_999_00], "limit_cents": [0]}
    ).cast(lake.BALANCES.file_schema)  # fmt: skip
    month = lake.month_of(D - dt.timedelta(days=10))
    lake.write_file(lake.statement_file(lake.BALANCES, month, "late", history), late)
    computed = run(history, D)
    assert computed.since == D - dt.timedelta(days=11)
    assert rows(computed.accounts) == expected(history, D, D - dt.timedelta(days=11))
    # The next day steps from D: the late day is now in its state.
    after = run(history, D + dt.timedelta(days=1))
    assert after.since == D


def test_a_file_removed_counts_from_its_earliest_day(history: Path) -> None:
    """Rows that leave the lake (a statement withdrawn) change every day from their first."""
    month = lake.month_of(D - dt.timedelta(days=2))
    (lake.BALANCES.partition(month, history) / "stmt-twice.parquet").unlink()
    computed = run(history, D)
    # The removed file's earliest day is D − 12 (a day stored twice): start from D − 13.
    assert computed.since == D - dt.timedelta(days=13)
    assert rows(computed.accounts) == expected(history, D, D - dt.timedelta(days=13))


def test_a_change_older_than_every_snapshot_recomputes_in_full(history: Path) -> None:
    """Data touched before the oldest snapshot: no step can start, the date is recomputed."""
    old = D - dt.timedelta(days=60)
    late = pa.table(
        {"account_id": [1], "party_id": [101], "booking_date": [old], "value_date": [old],
         "amount_cents": [-1], "family": ["rejected_direct_debit"], "label": ["rejet"]}
    ).cast(lake.MOVEMENTS.file_schema)  # fmt: skip
    lake.write_file(lake.statement_file(lake.MOVEMENTS, lake.month_of(old), "old", history), late)
    computed = run(history, D)
    assert computed.since is None
    assert rows(computed.accounts) == expected(history, D, D - dt.timedelta(days=1))


def test_a_rerun_of_the_date_steps_from_the_day_before(history: Path) -> None:
    """Rerunning D never starts from D's own snapshot."""
    first, again = run(history, D), run(history, D)
    assert first.since == again.since == D - dt.timedelta(days=1)
    assert rows(again.accounts) == rows(first.accounts)


@pytest.mark.django_db
def test_the_demo_batch_steps_and_matches_a_full_recompute(tmp_path: Path, settings: Any) -> None:
    """On the demo, the last run steps from May's last snapshot: same indicators as in full."""
    from probanker.demo.common import DemoConfig
    from probanker.demo.generator import build_demo
    from probanker.risk import services

    settings.VAR_DIR = tmp_path  # the demo writes its FEC files there
    config = DemoConfig(clients=40, seed=11, as_of=D, lake_dir=tmp_path / "lake")
    summary = build_demo(config)
    root = config.lake_dir
    since = lake.snapshot_dates(root, before=summary.as_of)[-1]
    stepped = compute_snapshot(
        ibis.duckdb.connect(), root, summary.as_of, services.signals_table(), daily_step=True
    )
    assert stepped.since == since
    stored = lake.read_snapshot(root, summary.as_of, "accounts")
    assert stored is not None
    assert rows(stored) == rows(stepped.accounts)  # what run_risk wrote: the step
    assert rows(stepped.accounts) == expected(root, summary.as_of, since)
    full_clients = services.compute(
        ibis.duckdb.connect(), root, summary.as_of, services.signals_table()
    )[1]
    assert rows(stepped.clients, "party_id") == rows(full_clients, "party_id")
