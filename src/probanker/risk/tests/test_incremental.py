"""The daily step gives, row for row, the state and indicators of a full recompute.

Random histories (Hypothesis): balances in segments (absent, in credit,
overdrawn, beyond the limit) so that runs cross the window's edge and the
masks' word boundary, gaps, accounts that open late or close, days stored
twice (in a second file, as overlapping statements are), movements on the
days where a window begins or ends, and data after the business date. The
state of ``P`` is moved on to ``D`` (1 to 7 days later) and compared with a
full recompute of ``D`` on the same lake.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from probanker import lake
from probanker.risk import engine, incremental

D = dt.date(2026, 6, 30)
FAMILIES = ("card_receipts", "incoming_transfer", "direct_debit", "loan_drawdown",
            "rejected_direct_debit", "unpaid_cheque")  # fmt: skip
# Days back from D where a window of the sums begins or ends (and their neighbours).
EDGES = (0, 1, 2, 29, 30, 31, 89, 90, 91, 179, 180, 181, 364, 365, 366, 454, 455, 456)

segment = st.tuples(st.integers(1, 60), st.sampled_from(["absent", "credit", "debit", "beyond"]))
account = st.fixed_dictionaries(
    {
        "segments": st.lists(segment, min_size=1, max_size=6),
        "last": st.integers(-3, 40),  # days back from D of the last balance (−: after D)
        "limit": st.sampled_from([0, 50_000]),
        "twice": st.lists(st.integers(0, 150), max_size=5),  # days stored a second time
        "moves": st.lists(
            st.tuples(
                st.one_of(st.sampled_from(EDGES), st.integers(-2, 470)),
                st.sampled_from(FAMILIES),
                st.integers(-50_000, 90_000),
            ),
            max_size=12,
        ),
    }
)


def balance_of(kind: str, limit: int) -> int:
    return {"credit": 10_000, "debit": -limit // 2 - 1, "beyond": -limit - 7_000}[kind]


def write_lake(root: Path, accounts: list[dict[str, Any]]) -> None:
    """Balances (and a second file of days stored twice) and movements of the drawn accounts."""
    balances, twice, moves = [], [], []
    for n, a in enumerate(accounts, start=1):
        day, rows = D - dt.timedelta(days=a["last"]), []
        for length, kind in a["segments"]:
            for _ in range(length):
                if kind != "absent":
                    rows.append((day, balance_of(kind, a["limit"])))
                day -= dt.timedelta(days=1)
        for d, b in rows:
            balances.append((n, d, b, a["limit"]))
        by_day = dict(rows)
        for back in a["twice"]:
            d = D - dt.timedelta(days=back)
            if d in by_day:  # the second statement disagrees: 200 € lower
                twice.append((n, d, by_day[d] - 20_000, a["limit"]))
        for back, family, amount in a["moves"]:
            moves.append((n, D - dt.timedelta(days=back), family, amount))
    for name, rows in (("part-0", balances), ("stmt-twice", twice)):
        for month in {lake.month_of(d) for _, d, _, _ in rows}:
            table = pa.table(
                {
                    "account_id": [r[0] for r in rows if lake.month_of(r[1]) == month],
                    "party_id": [100 + r[0] for r in rows if lake.month_of(r[1]) == month],
                    "date": [r[1] for r in rows if lake.month_of(r[1]) == month],
                    "balance_cents": [r[2] for r in rows if lake.month_of(r[1]) == month],
                    "limit_cents": [r[3] for r in rows if lake.month_of(r[1]) == month],
                }
            ).cast(lake.BALANCES.file_schema)
            lake.write_file(lake.BALANCES.partition(month, root) / f"{name}.parquet", table)
    for month in {lake.month_of(d) for _, d, _, _ in moves}:
        mine = [r for r in moves if lake.month_of(r[1]) == month]
        table = pa.table(
            {
                "account_id": [r[0] for r in mine],
                "party_id": [100 + r[0] for r in mine],
                "booking_date": [r[1] for r in mine],
                "value_date": [r[1] for r in mine],
                "amount_cents": [r[3] for r in mine],
                "family": [r[2] for r in mine],
                "label": [r[2] for r in mine],
            }
        ).cast(lake.MOVEMENTS.file_schema)
        lake.write_file(lake.MOVEMENTS.partition(month, root) / "part-0.parquet", table)


def full(con: Any, root: Path, day: dt.date, previous: Any = None) -> tuple[pa.Table, pa.Table]:
    balances, movements, _ = engine.read_lake(con, root)
    return engine.full_state_snapshot(con, balances, movements, engine.Windows(day), previous)


def rows(table: pa.Table, key: str = "account_id") -> list[dict[str, Any]]:
    return table.sort_by(key).to_pylist()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accounts=st.lists(account, min_size=1, max_size=6), gap=st.integers(1, 7))
def test_a_step_equals_a_full_recompute(accounts: list[dict[str, Any]], gap: int) -> None:
    """State, counts, runs, sums and ratios of the step are those of the full recompute."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_lake(root, accounts)
        con = ibis.duckdb.connect()
        since = D - dt.timedelta(days=gap)
        before, state = full(con, root, since)
        previous = engine.PreviousRuns(since, before)
        expected, expected_state = full(con, root, D, previous)
        got, got_state = incremental.step_snapshot(
            con, root, state, since, engine.Windows(D), previous
        )
        assert rows(got_state) == rows(expected_state)
        assert rows(got) == rows(expected)
        assert got.schema == expected.schema


def test_steps_day_after_day_over_a_quarter(tmp_path: Path) -> None:
    """Thirty one-day steps in a row stay equal to the full recompute of every day.

    The account beyond its limit for 150 days keeps a run longer than the window:
    the carried run goes on from the state's snapshot as from the full one's.
    """
    accounts = [
        {"segments": [(150, "beyond")], "last": 0, "limit": 50_000, "twice": [3, 60], "moves": [
            (0, "rejected_direct_debit", -100), (30, "card_receipts", 5_000),
            (90, "incoming_transfer", 7_000), (365, "card_receipts", 9_000)]},
        {"segments": [(20, "debit"), (3, "absent"), (80, "credit"), (50, "debit")], "last": 10,
         "limit": 0, "twice": [], "moves": [(b, "card_receipts", 1_000 + b) for b in range(0, 470, 7)]},
    ]  # fmt: skip
    write_lake(tmp_path, accounts)
    con = ibis.duckdb.connect()
    day = D - dt.timedelta(days=30)
    snapshot, state = full(con, tmp_path, day)
    while day < D:
        after = day + dt.timedelta(days=1)
        previous = engine.PreviousRuns(day, snapshot)
        expected, expected_state = full(con, tmp_path, after, previous)
        snapshot, state = incremental.step_snapshot(
            con, tmp_path, state, day, engine.Windows(after), previous
        )
        assert rows(state) == rows(expected_state), after
        assert rows(snapshot) == rows(expected), after
        day = after
    by_id = {r["account_id"]: r for r in rows(snapshot)}
    # 90 at the start (no earlier snapshot: the window only), then one more each day.
    assert by_id[1]["current_beyond_limit_run"] == 120
    assert 2 not in by_id or by_id[2]["last_date"] < D


def test_a_latest_day_stored_twice_keeps_the_lower_balance(tmp_path: Path) -> None:
    """Two statements disagree on the latest day: the lower balance, in the full run and
    in a step, whatever order the files are read in."""
    write_lake(tmp_path, [{"segments": [(40, "credit")], "last": 0, "limit": 0, "twice": [0, 1],
                           "moves": []}])  # fmt: skip
    con = ibis.duckdb.connect()
    first = balance_of("credit", 0)
    snapshot, state = full(con, tmp_path, D - dt.timedelta(days=1))
    assert rows(snapshot)[0]["balance_cents"] == first - 20_000
    stepped, _ = incremental.step_snapshot(con, tmp_path, state, D - dt.timedelta(days=1),
                                           engine.Windows(D))  # fmt: skip
    assert rows(stepped)[0]["balance_cents"] == first - 20_000
    assert rows(full(con, tmp_path, D)[0]) == rows(stepped)
    for second in tmp_path.rglob("stmt-twice.parquet"):  # now read before the first file
        second.rename(second.with_name("0-twice.parquet"))
    assert rows(full(con, tmp_path, D)[0]) == rows(stepped)


def test_the_step_reads_only_the_months_it_needs(tmp_path: Path) -> None:
    """A month the step does not need is not opened: a corrupt file there goes unnoticed."""
    write_lake(tmp_path, [{"segments": [(120, "debit")], "last": 0, "limit": 0, "twice": [],
                           "moves": [(0, "card_receipts", 100), (100, "card_receipts", 200)]}])  # fmt: skip
    con = ibis.duckdb.connect()
    since = D - dt.timedelta(days=1)
    _, state = full(con, tmp_path, since)
    # The step from 29 to 30 June reads June's balances, and the movements of the days
    # 30 June, 31 May, 1 April, 1 January, 30 June 2025 and 1 April 2025: not March's.
    (lake.BALANCES.partition("2026-05", tmp_path) / "part-1.parquet").write_bytes(b"not parquet")
    (lake.MOVEMENTS.partition("2026-03", tmp_path) / "part-1.parquet").write_bytes(b"nope")
    snapshot, _ = incremental.step_snapshot(con, tmp_path, state, since, engine.Windows(D))
    assert snapshot.num_rows == 1
    assert snapshot["overdraft_days_90"][0].as_py() == 90


def test_spans_gained_and_lost_by_a_one_day_step() -> None:
    """From 29 to 30 June the 30-day sum gains 30 June and loses 31 May, and so on."""
    changes = incremental.deltas(engine.Windows(D - dt.timedelta(days=1)), engine.Windows(D))
    assert changes["rejected_30"] == ([(D, D)], [(dt.date(2026, 5, 31), dt.date(2026, 5, 31))])
    gains, losses = changes["credit_turnover_year_ago_cents"]
    assert gains == [(dt.date(2025, 6, 30), dt.date(2025, 6, 30))]  # D − 365
    assert losses == [(dt.date(2025, 4, 1), dt.date(2025, 4, 1))]  # D − 455
