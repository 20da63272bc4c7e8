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
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from probanker import lake
from probanker.banking.statements.families import NOT_TURNOVER, REJECTED

if TYPE_CHECKING:
    import numpy as np


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


# Day counts and runs of consecutive days are read from day masks, not from a
# window sorted by date (gaps and islands): the aggregation sets bit i of a
# word when day i of the 90-day window is flagged, so 90 rows of an account
# become a few integers in one pass with no sort; ``decode_days`` then reads
# the counts and runs from those bits, one vectorised pass over the accounts.
RUN_DAYS = 90
WORD = 45  # days per mask word: two words cover the window, clear of int64's sign bit
WORDS = RUN_DAYS // WORD
MASKS = ("debit", "beyond")  # overdrawn; beyond the authorised limit


@ibis.udf.agg.builtin(name="bit_or")
def _bit_or(value: int) -> int:  # type: ignore[empty-body]
    """Bitwise or of a group's values: ``bit_or`` on DuckDB and on Spark alike."""


def _day_mask(flag: ir.BooleanValue, t: ir.Table, word: int) -> ir.IntegerScalar:
    """Aggregate: bit ``i`` set when the flag holds on day ``word × WORD + i`` of the window.

    ``t`` carries ``_word`` and ``_bit`` of each row's day (see ``account_indicators``).
    An or, not a sum: two balances of the same day (overlapping statements) set
    the day's bit once, flagged when either is.
    """
    return _bit_or((flag & (t._word == word)).ifelse(t._bit, 0))


FLOWS = (
    "rejected_30", "rejected_90", "credit_turnover_3m_cents",
    "credit_turnover_prev_3m_cents", "credit_turnover_year_ago_cents",
)  # fmt: skip


def account_state(balances: ir.Table, movements: ir.Table, w: Windows) -> ir.Table:
    """Per account, what the indicators are made of: latest balance, day masks, window sums.

    One row per account that has a balance in the 90 days up to the business
    date (``last_date`` set) or a movement counted in one of the sums (the
    sums are of non-negative terms, so a row whose sums are all 0 and that
    has no balance in the window is left out). The snapshot keeps it as the
    next date's starting point (see :mod:`probanker.risk.incremental`);
    :func:`indicators_from_state` derives the account indicators from it.
    """
    b90 = balances.filter(
        (balances.date >= _lit(w.start(RUN_DAYS))) & (balances.date <= _lit(w.as_of))
    )
    days = latest_and_masks(b90, w)
    m = movements.filter(
        (movements.booking_date >= _lit(w.start(90, w.year_ago)))
        & (movements.booking_date <= _lit(w.as_of))
    )
    m = counted_movements(m)
    credit, d = ~m.rejected, m.booking_date
    flows = m.group_by("account_id").aggregate(
        rejected_30=_count_if(m.rejected & (d >= _lit(w.start(30)))),
        rejected_90=_count_if(m.rejected & (d >= _lit(w.start(90)))),
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
        days.outer_join(flows, "account_id")
        .mutate(account_id=lambda t: t.account_id.fill_null(t.account_id_right))
        .drop("account_id_right")
    )
    out = out.mutate(
        **{name: out[name].fill_null(0) for name in MASK_COLUMNS},
        **{name: out[name].fill_null(0) for name in FLOWS},
    )
    return keep_live(out)


def keep_live(state: ir.Table) -> ir.Table:
    """The rows of a state that still count: a balance in the window or a sum above 0."""
    return state.filter(state.last_date.notnull() | ibis.or_(*(state[name] > 0 for name in FLOWS)))


MASK_COLUMNS = tuple(f"{name}_days_{k}" for name in MASKS for k in range(WORDS))


def latest_and_masks(b: ir.Table, w: Windows) -> ir.Table:
    """Per account: the latest day's party, balance and limit, that day, and the day masks.

    ``b`` holds balances of days inside the 90-day window of ``w`` (all of
    them, or only the days a daily step adds); bit ``i`` of the masks is day
    ``i`` of that window. The latest day's values by arg-max, the masks by a
    bitwise or: one pass with no sort. A day stored twice with two balances (overlapping
    statements that disagree) keeps the lower one, the prudent reading, whatever the
    order the rows are read in: the arg-max key is the day, then the balance reversed.
    """
    day = b.date.delta(_lit(w.start(RUN_DAYS)), unit="day")  # 0 … 89
    # |balance| < 2^43 cents (88 billion euros): the day always outweighs the balance.
    bound = (1 << 43) - 1
    latest = day.cast("int64") * (1 << 45) - b.balance_cents.clip(lower=-bound, upper=bound)
    b = b.mutate(_latest=latest)
    # The 1 is cast so that Spark shifts a 64-bit integer, not a 32-bit one.
    b = b.mutate(
        _word=sum((day >= k * WORD).cast("int8") for k in range(1, WORDS)),
        _bit=ibis.literal(1).cast("int64") << (day % WORD),
        _debit=b.balance_cents < 0,
        _beyond=b.balance_cents < -b.limit_cents,
    )
    return b.group_by("account_id").aggregate(
        party_id=b.party_id.argmax(b._latest),
        balance_cents=b.balance_cents.argmax(b._latest),
        limit_cents=b.limit_cents.argmax(b._latest),
        last_date=b.date.max(),
        **{
            f"{name}_days_{k}": _day_mask(b[f"_{name}"], b, k)
            for name in MASKS
            for k in range(WORDS)
        },
    )


def counted_movements(m: ir.Table) -> ir.Table:
    """The movements the sums count, flagged ``rejected``: rejected items and business credits."""
    m = m.mutate(rejected=m.family.isin(REJECTED))
    # The others are dropped before grouping.
    return m.filter(m.rejected | ((m.amount_cents > 0) & ~m.family.isin(NOT_TURNOVER)))


def indicators_from_state(state: ir.Table, w: Windows) -> ir.Table:
    """The account indicators of the accounts of ``state`` with a balance in the window.

    Day counts and runs come as mask words (``debit_days_0``, ``debit_days_1``,
    ``beyond_days_0``, ``beyond_days_1``): ``account_snapshot`` executes the
    expression and decodes them with ``decode_days``.
    """
    out = state.filter(state.last_date.notnull())
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


def account_indicators(balances: ir.Table, movements: ir.Table, w: Windows) -> ir.Table:
    """One row per account that has a balance in the 90 days up to the business date.

    The indicators of :func:`account_state`, in one expression.
    """
    return indicators_from_state(account_state(balances, movements, w), w)


def day_flags(accounts: pa.Table, name: str) -> np.ndarray:
    """Accounts × 90 booleans from the ``name`` mask words: column ``i`` is day ``i`` of the window."""
    import numpy as np

    words = np.stack(
        [accounts[f"{name}_days_{k}"].to_numpy().astype("<i8") for k in range(WORDS)], axis=1
    )
    bits = np.unpackbits(words.view(np.uint8), axis=1, bitorder="little")
    return bits.reshape(len(words), WORDS, 64)[:, :, :WORD].reshape(len(words), RUN_DAYS) == 1


def longest_run(flags: np.ndarray) -> np.ndarray:
    """Per row: the longest run of consecutive flagged days.

    The run ending on day ``j`` is ``j`` minus the last unflagged day up to
    ``j`` (−1 before the window): a running maximum along the days.
    """
    import numpy as np

    if not len(flags):
        return np.zeros(0, np.int64)
    days = np.arange(flags.shape[1], dtype=np.int8)
    last_break = np.maximum.accumulate(np.where(flags, np.int8(-1), days), axis=1)
    return (days - last_break).max(axis=1).astype(np.int64)


def current_run(flags: np.ndarray) -> np.ndarray:
    """Per row: the run of flagged days ending on the last day (0 when it is not flagged)."""
    import numpy as np

    # The first unflagged day counted back from the end; every day when there is none.
    back = np.argmin(flags[:, ::-1], axis=1)
    return np.where(flags.all(axis=1), flags.shape[1], back).astype(np.int64)


def decode_days(accounts: pa.Table) -> pa.Table:
    """The day counts and runs of each account, in place of its mask words.

    A day without a balance (before the account opened, a gap in the
    statements) is not flagged, so it breaks a run.
    """
    import numpy as np
    import pyarrow as pa

    debit, beyond = day_flags(accounts, "debit"), day_flags(accounts, "beyond")
    last_30 = slice(RUN_DAYS - 30, RUN_DAYS)
    decoded = {
        "overdraft_days_30": np.count_nonzero(debit[:, last_30], axis=1),
        "overdraft_days_90": np.count_nonzero(debit, axis=1),
        "beyond_limit_days_30": np.count_nonzero(beyond[:, last_30], axis=1),
        "beyond_limit_days_90": np.count_nonzero(beyond, axis=1),
        "longest_debit_run_90": longest_run(debit),
        "current_debit_run": current_run(debit),
        "current_beyond_limit_run": current_run(beyond),
    }
    masks = [f"{name}_days_{k}" for name in MASKS for k in range(WORDS)]
    position = accounts.schema.get_field_index(masks[0])
    table = accounts.drop_columns(masks)
    for offset, (column, values) in enumerate(decoded.items()):
        table = table.add_column(position + offset, column, pa.array(values, pa.int64()))
    return table


# Runs of consecutive days that go on past the window's 90 days (a default is
# more than 90 days past due): the snapshot carries them from one date to the next.
CARRIED_RUNS = ("current_debit_run", "current_beyond_limit_run")


@dataclass(frozen=True)
class PreviousRuns:
    """The account snapshot of an earlier business date: where the carried runs stood."""

    as_of: dt.date
    accounts: pa.Table


def carry_runs(accounts: pa.Table, previous: PreviousRuns | None, as_of: dt.date) -> pa.Table:
    """The current runs counted over as much history as they need, not only the window.

    A run shorter than the window is exact from the window alone. A run that
    fills the whole window began before it: when an earlier snapshot is less
    than 90 days old, its day lies inside the window, so the account was
    flagged from that day on and the run is the earlier run plus the days
    since (at least the window, should the earlier snapshot disagree). Without
    such a snapshot the run stays at what the window shows (90 days): the
    first run after a gap of 90 days or more cannot see further back.
    """
    import numpy as np
    import pyarrow as pa

    gap = (as_of - previous.as_of).days if previous is not None else 0
    if previous is None or not 0 < gap < RUN_DAYS or not previous.accounts.num_rows:
        return accounts
    ids = accounts["account_id"].to_numpy()
    before_ids = previous.accounts["account_id"].to_numpy()
    order = np.argsort(before_ids, kind="stable")
    sorted_ids = before_ids[order]
    at = np.clip(np.searchsorted(sorted_ids, ids), 0, len(sorted_ids) - 1)
    known = sorted_ids[at] == ids
    table = accounts
    for column in CARRIED_RUNS:
        if column not in previous.accounts.column_names:
            continue
        window = accounts[column].to_numpy().astype(np.int64)
        earlier = previous.accounts[column].fill_null(0).to_numpy().astype(np.int64)[order][at]
        carried = np.where(known & (window >= RUN_DAYS), np.maximum(window, earlier + gap), window)
        index = table.schema.get_field_index(column)
        table = table.set_column(index, column, pa.array(carried, pa.int64()))
    return table


def account_snapshot(
    con: Any,
    balances: ir.Table,
    movements: ir.Table,
    w: Windows,
    previous: PreviousRuns | None = None,
) -> pa.Table:
    """The account indicators executed on ``con``, day counts and runs decoded, runs carried.

    ``previous`` is the latest earlier snapshot (see :func:`carry_runs`); without
    it the runs are those of the 90-day window.
    """
    accounts = decode_days(con.to_pyarrow(account_indicators(balances, movements, w)))
    return carry_runs(accounts, previous, w.as_of)


def snapshot_from_state(
    con: Any, state: pa.Table, w: Windows, previous: PreviousRuns | None = None
) -> pa.Table:
    """The account snapshot of an executed state (as :func:`account_snapshot` gives it)."""
    accounts = con.to_pyarrow(indicators_from_state(ibis.memtable(state), w))
    return carry_runs(decode_days(accounts), previous, w.as_of)


def full_state_snapshot(
    con: Any,
    balances: ir.Table,
    movements: ir.Table,
    w: Windows,
    previous: PreviousRuns | None = None,
) -> tuple[pa.Table, pa.Table]:
    """The account snapshot and the state it comes from, recomputed over the whole window."""
    state = con.to_pyarrow(account_state(balances, movements, w).order_by("account_id"))
    return snapshot_from_state(con, state, w, previous), state


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


# risk's own per-client signals; the registered signal providers add theirs
# (diagnosis: ebe_negative, repayment_years_x100, equity_negative).
SIGNAL_SCHEMA = {
    "party_id": "int64",
    "loans_outstanding_cents": "int64",
    "retail": "boolean",
}


def read_lake(con: Any, lake_dir: Path | None = None) -> tuple[ir.Table, ir.Table, ir.Table]:
    """The lake's balances, movements and instalments (empty tables when absent).

    Folders and column types come from :mod:`probanker.lake`; the caller holds
    the lake's shared lock until the expressions have run (``run_risk`` does).
    """

    def dataset(source: lake.Dataset, columns: tuple[str, ...]) -> ir.Table:
        if not lake.files(source, lake_dir):
            # Nullable like a Parquet read: an empty lake gives the same types.
            schema = pa.schema(f.with_nullable(True) for f in source.columns(columns))
            return ibis.memtable(schema.empty_table())
        folder = source.path(lake_dir)
        # DuckDB takes a glob; Spark reads the folder (partitions discovered).
        path = str(folder) if con.name == "pyspark" else str(folder / "**" / "*.parquet")
        table = con.read_parquet(path, table_name=f"lake_{source.name}")
        return table.select(*columns)

    balances = dataset(
        lake.BALANCES, ("account_id", "party_id", "date", "balance_cents", "limit_cents")
    )
    movements = dataset(
        lake.MOVEMENTS, ("account_id", "party_id", "booking_date", "amount_cents", "family")
    )
    instalments = dataset(lake.INSTALMENTS, tuple(lake.INSTALMENTS.file_schema.names))
    return balances, movements, instalments
