"""The risk indicators, written once as Ibis expressions (DuckDB or Spark).

Inputs are the lake's datasets — ``balances`` (end of day, one row per
account and day), ``movements`` and ``instalments`` — plus a small table of
financial-diagnosis signals per client. Every window is given as literal
dates computed here, so the same expression runs on any backend. Ratios are
integers in basis points (10,000 = 100 %) and amounts integer cents: no
float ever holds an amount.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

REJECTED = ("rejected_direct_debit", "unpaid_cheque", "rejected_transfer", "rejected_card")
# Credits that are not business the client brings: loan drawdowns, reversals.
NOT_TURNOVER = ("loan_drawdown", "rejected_transfer")


@dataclass(frozen=True)
class Windows:
    """The dates every indicator is computed over, for business date ``as_of``."""

    as_of: dt.date

    def start(self, days: int, end: dt.date | None = None) -> dt.date:
        """First day of the ``days``-day window ending on ``end`` (as of date by default)."""
        return (end or self.as_of) - dt.timedelta(days=days - 1)

    @property
    def year_ago(self) -> dt.date:
        return self.as_of - dt.timedelta(days=365)

    @property
    def previous_end(self) -> dt.date:
        return self.as_of - dt.timedelta(days=90)


def _lit(day: dt.date) -> ir.DateScalar:
    return ibis.literal(day, type="date")


def _count_if(condition: ir.BooleanValue) -> ir.IntegerScalar:
    return condition.ifelse(1, 0).sum()


def _sum_if(condition: ir.BooleanValue, value: ir.IntegerValue) -> ir.IntegerScalar:
    return condition.ifelse(value, 0).sum()


def _change_bp(now: ir.IntegerValue, before: ir.IntegerValue) -> ir.IntegerValue:
    """(now − before) / before in basis points, integer arithmetic; null without a positive base."""
    return (before > 0).ifelse((now - before) * 10_000 // before, ibis.null())


def _usage_bp(used: ir.IntegerValue, limit: ir.IntegerValue) -> ir.IntegerValue:
    """Share of the authorisation used, in basis points; null without an authorisation."""
    return (limit > 0).ifelse(used * 10_000 // limit, ibis.null())


def _runs(flagged: ir.Table, cumulative: str, w: Windows) -> ir.Table:
    """Per account: the longest run of consecutive flagged days, and the run still going on D.

    ``flagged`` holds the flagged days only, with ``cumulative`` the running count of
    flagged days of the account up to each day: along a run, day number and running
    count both grow by one, so their difference names the run (gaps and islands).
    """
    islands = flagged.mutate(island=flagged.date.epoch_days() - flagged[cumulative])
    runs = islands.group_by(["account_id", "island"]).aggregate(
        length=islands.count(), last=islands.date.max()
    )
    return runs.group_by("account_id").aggregate(
        longest=runs.length.max(),
        current=_sum_if(runs.last == _lit(w.as_of), runs.length),
    )


def account_indicators(balances: ir.Table, movements: ir.Table, w: Windows) -> ir.Table:
    """One row per account that has a balance in the 90 days up to the business date."""
    b90 = balances.filter((balances.date >= _lit(w.start(90))) & (balances.date <= _lit(w.as_of)))
    in30 = b90.date >= _lit(w.start(30))
    overdrawn = b90.balance_cents < 0
    beyond = b90.balance_cents < -b90.limit_cents
    # The latest day's values by arg-max (no window sort), and the day counts, in one pass.
    days = b90.group_by("account_id").aggregate(
        party_id=b90.party_id.argmax(b90.date),
        balance_cents=b90.balance_cents.argmax(b90.date),
        limit_cents=b90.limit_cents.argmax(b90.date),
        last_date=b90.date.max(),
        overdraft_days_30=_count_if(overdrawn & in30),
        overdraft_days_90=_count_if(overdrawn),
        beyond_limit_days_30=_count_if(beyond & in30),
        beyond_limit_days_90=_count_if(beyond),
    )
    # One window pass gives the running counts of both flags.
    running = ibis.window(group_by=b90.account_id, order_by=b90.date, rows=(None, 0))
    marked = b90.mutate(neg=overdrawn.cast("int64"), bey=beyond.cast("int64"))
    marked = marked.mutate(
        cum_neg=marked.neg.sum().over(running), cum_bey=marked.bey.sum().over(running)
    )
    debit_runs = _runs(marked.filter(marked.neg == 1), "cum_neg", w).rename(
        longest_debit_run_90="longest", current_debit_run="current"
    )
    beyond_runs = _runs(marked.filter(marked.bey == 1), "cum_bey", w).select(
        "account_id", current_beyond_limit_run="current"
    )
    m = movements.filter(
        (movements.booking_date >= _lit(w.start(90, w.year_ago)))
        & (movements.booking_date <= _lit(w.as_of))
    )
    credit = (m.amount_cents > 0) & ~m.family.isin(NOT_TURNOVER)
    rejected = m.family.isin(REJECTED)
    d = m.booking_date
    flows = m.group_by("account_id").aggregate(
        rejected_30=_count_if(rejected & (d >= _lit(w.start(30)))),
        rejected_90=_count_if(rejected & (d >= _lit(w.start(90)))),
        credit_turnover_3m_cents=_sum_if(credit & (d >= _lit(w.start(90))), m.amount_cents),
        credit_turnover_prev_3m_cents=_sum_if(
            credit & (d >= _lit(w.start(90, w.previous_end))) & (d <= _lit(w.previous_end)),
            m.amount_cents,
        ),
        credit_turnover_year_ago_cents=_sum_if(
            credit & (d >= _lit(w.start(90, w.year_ago))) & (d <= _lit(w.year_ago)),
            m.amount_cents,
        ),
    )
    out = (
        days.left_join(debit_runs, "account_id")
        .drop("account_id_right")
        .left_join(beyond_runs, "account_id")
        .drop("account_id_right")
        .left_join(flows, "account_id")
        .drop("account_id_right")
    )
    zero_if_null = {
        c: out[c].fill_null(0)
        for c in (
            "longest_debit_run_90", "current_debit_run", "current_beyond_limit_run",
            "rejected_30", "rejected_90", "credit_turnover_3m_cents",
            "credit_turnover_prev_3m_cents", "credit_turnover_year_ago_cents",
        )
    }  # fmt: skip
    out = out.mutate(**zero_if_null)
    usage = _usage_bp((-out.balance_cents).clip(lower=0), out.limit_cents)
    return out.mutate(
        as_of=_lit(w.as_of),
        limit_usage_bp=usage,
        turnover_change_yoy_bp=_change_bp(
            out.credit_turnover_3m_cents, out.credit_turnover_year_ago_cents
        ),
        turnover_change_prev_bp=_change_bp(
            out.credit_turnover_3m_cents, out.credit_turnover_prev_3m_cents
        ),
    ).order_by("account_id")


def loan_indicators(instalments: ir.Table, w: Windows) -> ir.Table:
    """Per client: instalments past due on the business date, amount and days."""
    due = instalments.filter(instalments.due_date <= _lit(w.as_of))
    paid = (due.paid_date.notnull() & (due.paid_date <= _lit(w.as_of))).ifelse(
        due.amount_paid_cents, 0
    )
    unpaid = due.mutate(missing=due.amount_due_cents - paid).filter(lambda t: t.missing > 0)
    return unpaid.group_by("party_id").aggregate(
        past_due_cents=unpaid.missing.sum(),
        past_due_instalments=unpaid.count(),
        oldest_due=unpaid.due_date.min(),
    )


def client_indicators(
    accounts: ir.Table, loans: ir.Table, signals: ir.Table, w: Windows
) -> ir.Table:
    """One row per client: its accounts summed or at their worst, loans, diagnosis signals."""
    per_client = accounts.group_by("party_id").aggregate(
        accounts=accounts.count(),
        balance_cents=accounts.balance_cents.sum(),
        limit_cents=accounts.limit_cents.sum(),
        overdraft_used_cents=(-accounts.balance_cents).clip(lower=0).sum(),
        overdraft_days_30=accounts.overdraft_days_30.max(),
        overdraft_days_90=accounts.overdraft_days_90.max(),
        beyond_limit_days_30=accounts.beyond_limit_days_30.max(),
        beyond_limit_days_90=accounts.beyond_limit_days_90.max(),
        longest_debit_run_90=accounts.longest_debit_run_90.max(),
        current_beyond_limit_run=accounts.current_beyond_limit_run.max(),
        rejected_30=accounts.rejected_30.sum(),
        rejected_90=accounts.rejected_90.sum(),
        credit_turnover_3m_cents=accounts.credit_turnover_3m_cents.sum(),
        credit_turnover_prev_3m_cents=accounts.credit_turnover_prev_3m_cents.sum(),
        credit_turnover_year_ago_cents=accounts.credit_turnover_year_ago_cents.sum(),
    )
    joined = (
        per_client.outer_join(loans, "party_id")
        .mutate(party_id=lambda t: t.party_id.fill_null(t.party_id_right))
        .drop("party_id_right")
        .left_join(signals, "party_id")
        .drop("party_id_right")
    )
    counts = {
        c: joined[c].fill_null(0)
        for c in (
            "accounts", "balance_cents", "limit_cents", "overdraft_used_cents",
            "overdraft_days_30", "overdraft_days_90", "beyond_limit_days_30",
            "beyond_limit_days_90", "longest_debit_run_90", "current_beyond_limit_run",
            "rejected_30", "rejected_90", "credit_turnover_3m_cents",
            "credit_turnover_prev_3m_cents", "credit_turnover_year_ago_cents",
            "past_due_cents", "past_due_instalments", "loans_outstanding_cents",
        )
    }  # fmt: skip
    joined = joined.mutate(**counts)
    loan_days = (_lit(w.as_of).epoch_days() - joined.oldest_due.epoch_days()).fill_null(0)
    days_past_due = ibis.greatest(loan_days, joined.current_beyond_limit_run)
    usage = _usage_bp(joined.overdraft_used_cents, joined.limit_cents)
    return joined.mutate(
        as_of=_lit(w.as_of),
        loan_days_past_due=loan_days.cast("int64"),
        days_past_due=days_past_due.cast("int64"),
        exposure_cents=joined.overdraft_used_cents + joined.loans_outstanding_cents,
        limit_usage_bp=usage,
        turnover_change_yoy_bp=_change_bp(
            joined.credit_turnover_3m_cents, joined.credit_turnover_year_ago_cents
        ),
        turnover_change_prev_bp=_change_bp(
            joined.credit_turnover_3m_cents, joined.credit_turnover_prev_3m_cents
        ),
    ).order_by("party_id")


SIGNAL_SCHEMA = {
    "party_id": "int64",
    "loans_outstanding_cents": "int64",
    "retail": "boolean",
    "ebe_negative": "boolean",
    "repayment_years_x100": "int64",
    "equity_negative": "boolean",
}


def read_lake(con: Any, lake_dir: Path) -> tuple[ir.Table, ir.Table, ir.Table]:
    """The lake's balances, movements and instalments (empty tables when absent)."""

    def dataset(name: str, schema: dict[str, str]) -> ir.Table:
        folder = Path(lake_dir) / name
        files = sorted(folder.rglob("*.parquet")) if folder.exists() else []
        if not files:
            return ibis.memtable(ibis.schema(schema).to_pyarrow().empty_table())
        # DuckDB takes a glob; Spark reads the folder (partitions discovered).
        source = str(folder) if con.name == "pyspark" else str(folder / "**" / "*.parquet")
        table = con.read_parquet(source, table_name=f"lake_{name}")
        return table.select(*schema)

    balances = dataset(
        "balances",
        {
            "account_id": "int64",
            "party_id": "int64",
            "date": "date",
            "balance_cents": "int64",
            "limit_cents": "int64",
        },
    )
    movements = dataset(
        "movements",
        {
            "account_id": "int64",
            "party_id": "int64",
            "booking_date": "date",
            "amount_cents": "int64",
            "family": "string",
        },
    )
    instalments = dataset(
        "instalments",
        {"contract_id": "int64", "party_id": "int64", "due_date": "date", "amount_due_cents": "int64",
         "paid_date": "date", "amount_paid_cents": "int64"},
    )  # fmt: skip
    return balances, movements, instalments
