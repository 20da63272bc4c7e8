"""The daily step of the risk indicators: the state of an earlier date, moved on by a few days.

The snapshot of a date ``P`` keeps, per account, the state the indicators
are made of (``engine.account_state``: latest balance, the two 45-day masks
of overdrawn and beyond-the-limit days, the five window sums). The state of
a later date ``D`` (``D − P`` at most :data:`MAX_STEP` days) is that state
moved on, reading only:

- the balances of the days ``P+1 … D`` (the masks shift by ``D − P`` bits
  and take those days' bits; the latest balance is theirs when they have one);
- the movements of the days that enter each window and of those that leave
  it (a sum gains the first and loses the second): for a step of one day,
  ``D`` and the days 30, 90, 180, 365 and 455 days back.

Only the month partitions of those days are opened. The result is the
state a full recompute of ``D`` gives, row for row (the tests check it on
random histories); the indicators come from it as they do from the full
one. A step assumes the lake's data up to ``P`` is what ``P``'s snapshot
saw: the caller checks it (see ``lake.manifest``) and otherwise starts from
an earlier snapshot, or recomputes.

DuckDB and Spark share the expressions, but only DuckDB's daily batch uses
the step: Spark keeps the full recompute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from probanker import lake
from probanker.risk import engine
from probanker.risk.engine import FLOWS, MASK_COLUMNS, MASKS, WORD, Windows, _lit

MAX_STEP = WORD - 1  # days a step may cover: the masks shift within a 45-bit word


def sum_windows(w: Windows) -> dict[str, tuple[bool, dt.date, dt.date]]:
    """Each window sum: (counts rejected items, else business credits; first day; last day).

    The same windows as ``engine.account_state`` (30 and 90 days to the
    date, the 90 days before those, the same 90 days a year earlier).
    """
    return {
        "rejected_30": (True, w.start(30), w.as_of),
        "rejected_90": (True, w.start(90), w.as_of),
        "credit_turnover_3m_cents": (False, w.start(90), w.as_of),
        "credit_turnover_prev_3m_cents": (False, w.start(90, w.previous_end), w.previous_end),
        "credit_turnover_year_ago_cents": (False, w.start(90, w.year_ago), w.year_ago),
    }


Span = tuple[dt.date, dt.date]  # first and last day, inclusive


def _minus(a: Span, b: Span) -> list[Span]:
    """The days of ``a`` outside ``b`` (two spans of the same length, ``b`` later)."""
    first, last = a
    if b[0] > last or b[1] < first:
        return [a]
    return [(first, b[0] - dt.timedelta(days=1))] if first < b[0] else []


def deltas(before: Windows, after: Windows) -> dict[str, tuple[list[Span], list[Span]]]:
    """Per window sum: the spans of days it gains and those it loses, from one date to a later one."""
    old, new = sum_windows(before), sum_windows(after)
    out = {}
    for name, (_, *was) in old.items():
        _, *now = new[name]
        was_span, now_span = (was[0], was[1]), (now[0], now[1])
        gains = [s for s in [(max(now[0], was[1] + dt.timedelta(days=1)), now[1])] if s[0] <= s[1]]
        out[name] = (gains, _minus(was_span, now_span))
    return out


def _in(d: ir.DateValue, spans: list[Span]) -> ir.BooleanValue:
    return (
        ibis.or_(*((d >= _lit(a)) & (d <= _lit(b)) for a, b in spans))
        if spans
        else ibis.literal(False)
    )


def _months(spans: list[Span]) -> set[str]:
    months = set()
    for first, last in spans:
        day = first.replace(day=1)
        while day <= last:
            months.add(lake.month_of(day))
            day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def read_months(
    con: Any,
    lake_dir: Path | None,
    dataset: lake.Dataset,
    columns: tuple[str, ...],
    months: set[str],
) -> ir.Table:
    """The dataset's rows of the given month partitions only (an empty table when none)."""
    paths = [
        str(f)
        for p in lake.partitions(dataset, lake_dir)
        if p.name.removeprefix(f"{lake.MONTH}=") in months
        for f in sorted(p.glob("[!._]*.parquet"))
    ]
    if not paths:
        schema = pa.schema(f.with_nullable(True) for f in dataset.columns(columns))
        return ibis.memtable(schema.empty_table())
    return con.read_parquet(paths).select(*columns)


def _shift(state: ir.Table, name: str, gap: int) -> dict[str, ir.IntegerValue]:
    """The two mask words of ``name`` moved ``gap`` days on: the oldest days fall off."""
    low, high = state[f"{name}_days_0"], state[f"{name}_days_1"]
    carry = (high & ((1 << gap) - 1)) << (WORD - gap)
    return {f"{name}_days_0": (low >> gap) | carry, f"{name}_days_1": high >> gap}


def step_state(
    con: Any, lake_dir: Path | None, state: pa.Table, since: dt.date, w: Windows
) -> ir.Table:
    """The state of ``w.as_of`` from the ``state`` of the earlier date ``since``.

    Raises ``ValueError`` when the step is longer than :data:`MAX_STEP` days
    or goes back in time: the caller recomputes instead.
    """
    gap = (w.as_of - since).days
    if not 0 < gap <= MAX_STEP:
        raise ValueError(f"pas de {gap} jours : de 1 à {MAX_STEP} jours seulement")
    first_new = since + dt.timedelta(days=1)
    balances = read_months(
        con, lake_dir, lake.BALANCES,
        ("account_id", "party_id", "date", "balance_cents", "limit_cents"),
        _months([(first_new, w.as_of)]),
    )  # fmt: skip
    new_days = engine.latest_and_masks(
        balances.filter((balances.date >= _lit(first_new)) & (balances.date <= _lit(w.as_of))), w
    )
    changes = deltas(Windows(since), w)
    spans = [s for gains, losses in changes.values() for s in (*gains, *losses)]
    movements = read_months(
        con, lake_dir, lake.MOVEMENTS,
        ("account_id", "booking_date", "amount_cents", "family"), _months(spans),
    )  # fmt: skip
    m = engine.counted_movements(movements.filter(_in(movements.booking_date, spans)))
    kinds = sum_windows(w)
    flows = m.group_by("account_id").aggregate(
        **{
            name: (
                (m.rejected if kinds[name][0] else ~m.rejected)
                & (_in(m.booking_date, gains) | _in(m.booking_date, losses))
            )
            .ifelse(
                _in(m.booking_date, gains).ifelse(1, -1)
                * (1 if kinds[name][0] else m.amount_cents),
                0,
            )
            .sum()
            for name, (gains, losses) in changes.items()
        }
    )
    old = ibis.memtable(state)
    old = old.mutate(
        last_date=(old.last_date >= _lit(w.start(engine.RUN_DAYS))).ifelse(
            old.last_date, ibis.null()
        ),
        **{k: v for name in MASKS for k, v in _shift(old, name, gap).items()},
    )
    old = old.rename(**{f"old_{c}": c for c in old.columns if c != "account_id"})
    new_days = new_days.rename(**{f"new_{c}": c for c in new_days.columns if c != "account_id"})
    flows = flows.rename(**{f"delta_{c}": c for c in FLOWS})
    both = (
        old.outer_join(new_days, "account_id")
        .mutate(account_id=lambda t: t.account_id.fill_null(t.account_id_right))
        .drop("account_id_right")
        .outer_join(flows, "account_id")
        .mutate(account_id=lambda t: t.account_id.fill_null(t.account_id_right))
        .drop("account_id_right")
    )
    fresh = both.new_last_date.notnull()
    last_date = fresh.ifelse(both.new_last_date, both.old_last_date)
    seen = last_date.notnull()

    def latest(column: str) -> ir.Value:
        return seen.ifelse(fresh.ifelse(both[f"new_{column}"], both[f"old_{column}"]), ibis.null())

    out = both.select(
        "account_id",
        party_id=latest("party_id"),
        balance_cents=latest("balance_cents"),
        limit_cents=latest("limit_cents"),
        last_date=last_date,
        **{c: both[f"old_{c}"].fill_null(0) | both[f"new_{c}"].fill_null(0) for c in MASK_COLUMNS},
        **{c: both[f"old_{c}"].fill_null(0) + both[f"delta_{c}"].fill_null(0) for c in FLOWS},
    )
    return engine.keep_live(out).order_by("account_id")


def step_snapshot(
    con: Any,
    lake_dir: Path | None,
    state: pa.Table,
    since: dt.date,
    w: Windows,
    previous: engine.PreviousRuns | None = None,
) -> tuple[pa.Table, pa.Table]:
    """The account snapshot of ``w.as_of`` and its state, moved on from ``since``'s state."""
    new_state = con.to_pyarrow(step_state(con, lake_dir, state, since, w)).cast(state.schema)
    return engine.snapshot_from_state(con, new_state, w, previous), new_state
