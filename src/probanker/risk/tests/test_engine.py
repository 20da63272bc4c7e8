"""Each indicator on a hand-written lake, figures worked out by hand."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow as pa

from probanker.risk import engine
from probanker.risk.tests.lake_samples import AS_OF, write_lake


def signals() -> pa.Table:
    return pa.table(
        {
            "party_id": pa.array([10], pa.int64()),
            "loans_outstanding_cents": pa.array([2_000_000], pa.int64()),
            "retail": pa.array([False]),
            "ebe_negative": pa.array([True]),
            "repayment_years_x100": pa.array([550], pa.int64()),
            "equity_negative": pa.array([False]),
        }
    )


def compute(lake_dir: Path) -> tuple[list[dict], list[dict]]:
    con = ibis.duckdb.connect()
    w = engine.Windows(AS_OF)
    balances, movements, instalments = engine.read_lake(con, lake_dir)
    accounts = engine.account_snapshot(con, balances, movements, w)
    clients = engine.client_indicators(
        ibis.memtable(accounts), engine.loan_indicators(instalments, w), ibis.memtable(signals()), w
    )
    return accounts.to_pylist(), con.to_pyarrow(clients).to_pylist()


def test_account_indicators(tmp_path: Path) -> None:
    write_lake(tmp_path, (1, 10), (2, 20))
    accounts, _ = compute(tmp_path)
    troubled, healthy = accounts
    expected = {
        "balance_cents": -150_000,  # on 30 June
        "limit_cents": 100_000,
        "limit_usage_bp": 15_000,  # 1,500 used of 1,000 authorised
        "overdraft_days_30": 20,  # 11-30 June
        "overdraft_days_90": 40,  # + 1-20 May
        "beyond_limit_days_30": 20,
        "beyond_limit_days_90": 20,
        "longest_debit_run_90": 20,
        "current_debit_run": 20,
        "current_beyond_limit_run": 20,
        "rejected_30": 2,  # 10 and 20 June
        "rejected_90": 3,  # + 15 May
        "credit_turnover_3m_cents": 600_000,  # the drawdown is not turnover
        "credit_turnover_prev_3m_cents": 800_000,
        "credit_turnover_year_ago_cents": 1_000_000,
        "turnover_change_yoy_bp": -4_000,  # −40 %
        "turnover_change_prev_bp": -2_500,  # −25 %
    }
    assert {k: troubled[k] for k in expected} == expected
    assert healthy["limit_usage_bp"] is None  # no authorisation
    assert healthy["overdraft_days_90"] == 0
    assert healthy["turnover_change_yoy_bp"] == 0


def test_client_indicators_with_loans_and_signals(tmp_path: Path) -> None:
    write_lake(tmp_path, (1, 10), (2, 20))
    _, clients = compute(tmp_path)
    troubled, healthy = clients
    assert troubled["past_due_cents"] == 85_000  # May unpaid; June paid; July not due
    assert troubled["past_due_instalments"] == 1
    assert troubled["loan_days_past_due"] == 56  # 5 May → 30 June
    assert troubled["days_past_due"] == 56  # worse than the 20 days beyond the limit
    assert troubled["exposure_cents"] == 150_000 + 2_000_000
    assert troubled["ebe_negative"] is True
    assert troubled["repayment_years_x100"] == 550
    assert healthy["days_past_due"] == 0
    assert healthy["exposure_cents"] == 0
    assert healthy["ebe_negative"] is None  # no diagnosis


def test_empty_lake_gives_empty_snapshot(tmp_path: Path) -> None:
    accounts, clients = compute(tmp_path)
    assert accounts == []
    assert clients == [] or all(c["accounts"] == 0 for c in clients)
