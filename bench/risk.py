"""Risk-engine benchmark: the Ibis indicators on DuckDB against a pandas reference.

Generates a lake (``--accounts`` accounts × ``--days`` days of end-of-day
balances, about one movement per account every three days, seeded) in a
temporary folder, then times, in the same run and in separate processes:

- probanker: the account indicators of ``probanker.risk.engine`` on DuckDB
  (read Parquet, compute, decode the day masks, write the snapshot);
- the reference: the same indicators written plainly with vectorised pandas
  (read the Parquet files, group-bys, a gaps-and-islands pass for the runs),
  on at most ``--reference-accounts`` accounts (a size pandas can hold).

Both results are compared account by account (every indicator, nulls
included). The runs carried on from an earlier snapshot past the 90-day
window (``engine.carry_runs``) are out of scope: the lake here is one date's
window with no earlier snapshot, so both sides count runs inside the window;
the carry is a join of two snapshots by account, checked against day-by-day
counts over 300 days in ``risk/tests/test_carried_runs.py``. Each side is timed inside its process from lake to snapshot, once
its libraries are imported (``work``); the whole process, imports included,
is printed next to it. At the reference's size each side runs ``--repeat``
times in fresh processes and keeps its best. Targets on a 2-core machine:
1,000,000 accounts × 90 days in at most 60 s and 8 GiB with DuckDB; at least
10× faster than pandas at 100,000 accounts.

    uv run python bench/risk.py                         # 1,000,000 × 90, pandas at 100,000
    uv run python bench/risk.py --accounts 100000       # ratio only
    uv run python bench/risk.py --small                 # CI: 20,000 × 90
    uv run python bench/risk.py --incremental           # daily step vs full, 1,000,000 × 90
    uv run python bench/risk.py --incremental --accounts 50000 --repeat 1

``--incremental`` builds the lake up to D − 1, runs the batch of D − 1 (a
full recompute: the first run, which keeps the state in the snapshot), adds
day D's files, then computes D twice in fresh processes: by the daily step
from D − 1's snapshot and by a full recompute, prints both times, their
ratio and whether every indicator of every account is identical.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 6, 30)
FAMILIES = ["card_receipts", "incoming_transfer", "direct_debit", "fees", "rejected_direct_debit"]


def generate(lake: Path, accounts: int, days: int, seed: int = 7, hold: Path | None = None) -> None:
    """Balances and movements of ``accounts`` accounts over ``days`` days, partitioned by month.

    With ``hold``, the rows of the last day (``AS_OF``) are written to that
    folder instead, as a lake of their own: ``add_held_day`` moves them in.
    """
    import numpy as np
    import pyarrow as pa

    from probanker import lake as datasets

    rng = np.random.default_rng(seed)
    first = AS_OF - dt.timedelta(days=days - 1)
    # The lake's own schemas, folders and month partitioning (``_write``): the engine
    # reads what the importer and the demo write.
    chunk = 50_000
    for start in range(0, accounts, chunk):
        ids = np.arange(start + 1, min(start + chunk, accounts) + 1, dtype=np.int64)
        n = len(ids)
        limits = rng.choice([0, 100_000, 300_000, 1_000_000], size=n).astype(np.int64)
        level = rng.integers(-400_000, 800_000, size=n)
        drift = rng.normal(0, 60_000, size=(days, n)).cumsum(axis=0).astype(np.int64)
        balance = (level + drift).T.reshape(-1)
        dates = np.tile(np.arange(days), n)
        day_values = np.datetime64(first) + dates.astype("timedelta64[D]")
        months = pa.array(day_values.astype("datetime64[M]").astype(str))
        table = pa.table(
            {
                "account_id": np.repeat(ids, days),
                "party_id": np.repeat(ids, days),
                "date": pa.array(day_values),
                "balance_cents": balance,
                "limit_cents": np.repeat(limits, days),
                "month": months,
            }
        ).cast(datasets.BALANCES.schema)
        _write(table, table["date"], datasets.BALANCES, lake, hold, start)
        moves = n * days // 3
        who = rng.integers(0, n, size=moves)
        when = np.datetime64(first) + rng.integers(0, days, size=moves).astype("timedelta64[D]")
        family = rng.choice(len(FAMILIES), size=moves, p=[0.35, 0.25, 0.25, 0.13, 0.02])
        amount = rng.integers(1_000, 500_000, size=moves) * np.where(family < 2, 1, -1)
        movements = pa.table(
            {
                "account_id": ids[who],
                "party_id": ids[who],
                "booking_date": pa.array(when),
                "value_date": pa.array(when),
                "amount_cents": amount.astype(np.int64),
                "family": pa.array(np.array(FAMILIES)[family]),
                "label": pa.array(np.array(FAMILIES)[family]),
                "month": pa.array(when.astype("datetime64[M]").astype(str)),
            }
        ).cast(datasets.MOVEMENTS.schema)
        _write(movements, movements["booking_date"], datasets.MOVEMENTS, lake, hold, start)


def _write(table: Any, days: Any, dataset: Any, lake: Path, hold: Path | None, start: int) -> None:
    """Write a chunk to the lake's month partitions; with ``hold``, its rows of ``AS_OF`` there."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as pads

    from probanker import lake as datasets

    parts = [(lake, table)]
    if hold is not None:
        last = pc.equal(days, pa.scalar(AS_OF, pa.date32()))
        parts = [(lake, table.filter(pc.invert(last))), (hold, table.filter(last))]
    for root, rows in parts:
        pads.write_dataset(
            rows, dataset.path(root), format="parquet", partitioning=datasets.PARTITIONING,
            basename_template=f"part-{start}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore",
        )  # fmt: skip


def add_held_day(hold: Path, lake: Path) -> int:
    """Move the held day's files into the lake (as a day's statements arrive); how many."""
    moved = 0
    for path in sorted(hold.glob("*/month=*/*.parquet")):
        target = lake / path.relative_to(hold).parent / f"day-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)
        moved += 1
    return moved


def run_probanker(lake: Path, out: Path) -> None:
    """The engine's account indicators on DuckDB, collected and written as the snapshot."""
    import ibis
    import ibis.backends.duckdb
    import pandas  # noqa: F401 — Ibis imports it on first use: before the clock, like the reference
    import pyarrow.parquet as pq

    from probanker.risk import engine

    started = time.perf_counter()
    con = ibis.duckdb.connect()
    windows = engine.Windows(AS_OF)
    balances, movements, _ = engine.read_lake(con, lake)
    table = engine.account_snapshot(con, balances, movements, windows)
    pq.write_table(table, out)
    print(json.dumps({"rows": table.num_rows, "seconds": time.perf_counter() - started}))


def run_batch(lake: Path, out: Path, day: dt.date, daily_step: bool) -> None:
    """The batch's computation of ``day`` (``risk.compute``): a daily step, or in full.

    As ``run_risk`` does it, without the database: the lake's manifest, the
    choice of the snapshot to start from, the account and client indicators
    (no client signals here). The day before's snapshot is written with its
    state (``prime``, the full run of D − 1); the others write ``out`` only.
    """
    import ibis
    import ibis.backends.duckdb
    import pandas  # noqa: F401 — Ibis imports it on first use: before the clock
    import pyarrow as pa
    import pyarrow.parquet as pq

    from probanker import lake as datasets
    from probanker.risk.compute import compute_snapshot

    signals = pa.table(
        {"party_id": pa.array([], pa.int64()), "loans_outstanding_cents": pa.array([], pa.int64()),
         "retail": pa.array([], pa.bool_())}
    )  # fmt: skip
    started = time.perf_counter()
    con = ibis.duckdb.connect()
    computed = compute_snapshot(con, lake, day, signals, daily_step=daily_step)
    if day < AS_OF:
        datasets.write_snapshot(lake, day, computed.accounts, computed.clients, computed.state)
    else:
        pq.write_table(computed.accounts, out)
    seconds = time.perf_counter() - started
    since = computed.since.isoformat() if computed.since else None
    print(json.dumps({"rows": computed.accounts.num_rows, "seconds": seconds, "since": since}))


def run_pandas(lake: Path, out: Path, accounts: int) -> None:
    """The same account indicators, written plainly with pandas (vectorised, no Python loop)."""
    import pandas as pd

    from probanker.banking.statements.families import NOT_TURNOVER, REJECTED

    started = time.perf_counter()
    as_of = pd.Timestamp(AS_OF)
    filt = [("account_id", "<=", accounts)]
    b = pd.read_parquet(
        lake / "balances",
        filters=filt,
        columns=["account_id", "party_id", "date", "balance_cents", "limit_cents"],
    )
    m = pd.read_parquet(
        lake / "movements",
        filters=filt,
        columns=["account_id", "booking_date", "amount_cents", "family"],
    )
    b["date"] = pd.to_datetime(b["date"])
    m["booking_date"] = pd.to_datetime(m["booking_date"])
    b = b[(b.date > as_of - pd.Timedelta(days=90)) & (b.date <= as_of)].sort_values(
        ["account_id", "date"]
    )
    latest = b.groupby("account_id").tail(1).set_index("account_id")
    in30 = b.date > as_of - pd.Timedelta(days=30)
    neg = b.balance_cents < 0
    beyond = b.balance_cents < -b.limit_cents
    out_df = pd.DataFrame(
        {
            "balance_cents": latest.balance_cents,
            "limit_cents": latest.limit_cents,
            "overdraft_days_30": (neg & in30).groupby(b.account_id).sum(),
            "overdraft_days_90": neg.groupby(b.account_id).sum(),
            "beyond_limit_days_30": (beyond & in30).groupby(b.account_id).sum(),
            "beyond_limit_days_90": beyond.groupby(b.account_id).sum(),
        }
    )
    # Runs of consecutive days: a new run starts where the flag switches on or a day is missing.
    new_day = b.account_id.ne(b.account_id.shift()) | b.date.diff().ne(pd.Timedelta(days=1))
    on_last_day = (b.date == as_of) & b.account_id.ne(b.account_id.shift(-1))
    for flag, longest, current in (
        (neg, "longest_debit_run_90", "current_debit_run"),
        (beyond, None, "current_beyond_limit_run"),
    ):
        run_id = (flag.ne(flag.shift()) | new_day).cumsum()
        size = flag.groupby(run_id).transform("sum")
        if longest:
            out_df[longest] = size[flag].groupby(b.account_id[flag]).max()
        ends = flag & on_last_day
        out_df[current] = size[ends].groupby(b.account_id[ends]).max()
    m = m[m.booking_date <= as_of]
    rejected = m[m.family.isin(REJECTED)]
    out_df["rejected_90"] = (
        rejected[rejected.booking_date > as_of - pd.Timedelta(days=90)].groupby("account_id").size()
    )
    out_df["rejected_30"] = (
        rejected[rejected.booking_date > as_of - pd.Timedelta(days=30)].groupby("account_id").size()
    )
    credits = m[(m.amount_cents > 0) & ~m.family.isin(NOT_TURNOVER)]
    for column, end in (
        ("credit_turnover_3m_cents", as_of),
        ("credit_turnover_prev_3m_cents", as_of - pd.Timedelta(days=90)),
        ("credit_turnover_year_ago_cents", as_of - pd.Timedelta(days=365)),
    ):
        window = credits[
            (credits.booking_date > end - pd.Timedelta(days=90)) & (credits.booking_date <= end)
        ]
        out_df[column] = window.groupby("account_id").amount_cents.sum()
    out_df = out_df.fillna(0).astype("int64")
    used = (-out_df.balance_cents).clip(lower=0)
    limit = out_df.limit_cents
    # Integer division by a stand-in 1 where there is no base, then null there.
    out_df["limit_usage_bp"] = (
        (used * 10_000 // limit.where(limit > 0, 1)).astype("Int64").where(limit > 0)
    )
    now = out_df.credit_turnover_3m_cents
    for column, base in (
        ("turnover_change_yoy_bp", out_df.credit_turnover_year_ago_cents),
        ("turnover_change_prev_bp", out_df.credit_turnover_prev_3m_cents),
    ):
        out_df[column] = (
            ((now - base) * 10_000 // base.where(base > 0, 1)).astype("Int64").where(base > 0)
        )
    out_df.reset_index().to_parquet(out)
    print(json.dumps({"rows": len(out_df), "seconds": time.perf_counter() - started}))


MEASURE = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


@dataclass(frozen=True)
class Timing:
    """One run in a fresh process: its work (lake read to snapshot written), wall time, peak RSS."""

    work: float
    wall: float
    peak_mib: float


def timed(args: list[str], repeat: int = 1) -> Timing:
    """The best of ``repeat`` runs of ``bench/risk.py <args>``, each in a fresh process.

    ``work`` is timed inside the process from the moment its libraries are
    imported, so that interpreter and import start-up (about 0.4 s on either
    side) do not blur the comparison; ``wall`` includes them.
    """
    best: Timing | None = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, sys.executable, __file__, *args],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-3000:])
        work = json.loads(result.stdout.strip().splitlines()[-1])["seconds"]
        peak = int(result.stderr.strip().splitlines()[-1]) / 1024
        if best is None or work < best.work:
            best = Timing(work, wall, peak)
    assert best is not None
    return best


def compare(ours: Path, reference: Path) -> int:
    """Accounts of the reference whose indicators differ from probanker's (nulls included)."""
    import pandas as pd

    a = pd.read_parquet(ours).set_index("account_id")
    b = pd.read_parquet(reference).set_index("account_id")
    columns = [c for c in b.columns if c in a.columns]
    mine, theirs = a.loc[b.index, columns].astype("Int64"), b[columns].astype("Int64")
    differs = (mine.isna() != theirs.isna()) | (mine.fillna(0) != theirs.fillna(0))
    return int(differs.any(axis=1).sum())


def incremental(accounts: int, days: int, repeat: int) -> int:
    """The lake up to D − 1 and its batch, then day D: the daily step against a full recompute.

    Both compute D from the same lake and the same snapshot of D − 1, each
    in fresh processes (best of ``repeat``); every column of every account
    must be identical.
    """
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory(prefix="probanker-risk-") as tmp:
        lake, hold = Path(tmp) / "lake", Path(tmp) / "day"
        started = time.perf_counter()
        generate(lake, accounts, days + 1, hold=hold)
        print(
            f"generated {accounts:,} accounts × {days} days up to D − 1 = "
            f"{AS_OF - dt.timedelta(days=1)} in {time.perf_counter() - started:.1f} s"
        )
        out = Path(tmp) / "unused.parquet"
        prime = timed(["--internal", "prime", str(lake), str(out)])
        print(
            f"batch of D − 1 (full, first run): {prime.work:6.2f} s, peak {prime.peak_mib:6.0f} MiB"
        )
        print(f"day D = {AS_OF} added: {add_held_day(hold, lake)} files")
        step_out, full_out = Path(tmp) / "step.parquet", Path(tmp) / "full.parquet"
        step = timed(["--internal", "step", str(lake), str(step_out)], repeat)
        full = timed(["--internal", "full", str(lake), str(full_out)], repeat)
        best = f"best of {repeat}, " if repeat > 1 else ""
        for name, t in (("daily step of D", step), ("full recompute of D", full)):
            print(
                f"{name:20s} {accounts:,} accounts ({best}fresh processes): {t.work:6.2f} s "
                f"(process {t.wall:.2f} s), peak {t.peak_mib:6.0f} MiB"
            )
        a, b = pq.read_table(step_out), pq.read_table(full_out)
        identical = a.schema == b.schema and a.equals(b)
        ratio = full.work / step.work
        print(f"ratio full/step = {ratio:.1f}x (whole processes: {full.wall / step.wall:.1f}x)")
        print(f"every indicator of every account identical: {'yes' if identical else 'NO'}")
        print(f"target (≥ 10× at 1,000,000 accounts): {'met' if ratio >= 10 else 'NOT met'}")
        return 0 if identical else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--reference-accounts", type=int, default=100_000)
    parser.add_argument("--small", action="store_true", help="20,000 accounts (CI)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each side at the reference's size (best kept)",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="the daily step of D from D − 1's snapshot against a full recompute of D",
    )
    parser.add_argument(
        "--internal", nargs=3, metavar=("ROLE", "LAKE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.internal:
        role, lake, out = args.internal
        if role == "probanker":
            run_probanker(Path(lake), Path(out))
        elif role in ("prime", "step", "full"):
            day = AS_OF - dt.timedelta(days=1) if role == "prime" else AS_OF
            run_batch(Path(lake), Path(out), day, daily_step=role == "step")
        else:
            run_pandas(Path(lake), Path(out), int(role.split("=")[1]))
        return 0
    if args.small:
        args.accounts, args.reference_accounts, args.repeat = 20_000, 20_000, 1
    if args.incremental:
        return incremental(args.accounts, args.days, args.repeat)
    reference_n = min(args.reference_accounts, args.accounts)
    with tempfile.TemporaryDirectory(prefix="probanker-risk-") as tmp:
        lake = Path(tmp) / "lake"
        started = time.perf_counter()
        generate(lake, args.accounts, args.days)
        print(
            f"generated {args.accounts:,} accounts × {args.days} days in {time.perf_counter() - started:.1f} s"
        )
        ours_out, ref_out = Path(tmp) / "ours.parquet", Path(tmp) / "ref.parquet"
        ours = timed(["--internal", "probanker", str(lake), str(ours_out)])
        print(
            f"probanker (Ibis + DuckDB), {args.accounts:,} accounts: {ours.work:6.2f} s "
            f"(process {ours.wall:.2f} s), peak {ours.peak_mib:6.0f} MiB"
        )
        small_lake = lake
        if reference_n < args.accounts:
            small_lake = Path(tmp) / "small"
            generate(small_lake, reference_n, args.days)
        ours_small = timed(["--internal", "probanker", str(small_lake), str(ours_out)], args.repeat)
        ref = timed(
            ["--internal", f"pandas={reference_n}", str(small_lake), str(ref_out)], args.repeat
        )
        best = f"best of {args.repeat}, " if args.repeat > 1 else ""
        for name, t in (("probanker (Ibis + DuckDB)", ours_small), ("pandas reference", ref)):
            print(
                f"{name:26s} {reference_n:,} accounts ({best}fresh processes): {t.work:6.2f} s "
                f"(process {t.wall:.2f} s), peak {t.peak_mib:6.0f} MiB"
            )
        differences = compare(ours_out, ref_out)
        print(f"accounts whose indicators differ: {differences}")
        ratio = ref.work / ours_small.work
        print(
            f"ratio reference/probanker at {reference_n:,} accounts = {ratio:.1f}x "
            f"(whole processes: {ref.wall / ours_small.wall:.1f}x)"
        )
        met = ours.work <= 60 and ours.peak_mib <= 8 * 1024 and ratio >= 10
        print(
            f"target (1M × 90 ≤ 60 s and ≤ 8 GiB; ≥ 10× pandas at 100,000): {'met' if met else 'NOT met'}"
        )
        return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
