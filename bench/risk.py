"""Risk-engine benchmark: the Ibis indicators on DuckDB against a pandas reference.

Generates a lake (``--accounts`` accounts × ``--days`` days of end-of-day
balances, about one movement per account every three days, seeded) in a
temporary folder, then times, in the same run and in separate processes:

- probanker: the account indicators of ``probanker.risk.engine`` on DuckDB
  (read Parquet, compute, collect to Arrow, write the snapshot);
- the reference: the same indicators written plainly with pandas (read the
  Parquet files, group-bys and a gaps-and-islands pass), on at most
  ``--reference-accounts`` accounts (a size pandas can hold).

Both results are compared on the accounts they share. Prints wall times,
peak memory and the ratio at the reference's size. Targets on a 2-core
machine: 1,000,000 accounts × 90 days in at most 60 s and 8 GiB with DuckDB;
at least 10× faster than pandas at 100,000 accounts.

    uv run python bench/risk.py                         # 1,000,000 × 90, pandas at 100,000
    uv run python bench/risk.py --accounts 100000       # ratio only
    uv run python bench/risk.py --small                 # CI: 20,000 × 90
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 6, 30)
FAMILIES = ["card_receipts", "incoming_transfer", "direct_debit", "fees", "rejected_direct_debit"]


def generate(lake: Path, accounts: int, days: int, seed: int = 7) -> None:
    """Balances and movements of ``accounts`` accounts over ``days`` days, partitioned by month."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.dataset as pads

    rng = np.random.default_rng(seed)
    first = AS_OF - dt.timedelta(days=days - 1)
    partitioning = pads.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
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
        )
        pads.write_dataset(
            table, lake / "balances", format="parquet", partitioning=partitioning,
            basename_template=f"part-{start}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore",
        )  # fmt: skip
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
        )
        pads.write_dataset(
            movements, lake / "movements", format="parquet", partitioning=partitioning,
            basename_template=f"part-{start}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore",
        )  # fmt: skip


def run_probanker(lake: Path, out: Path) -> None:
    """The engine's account indicators on DuckDB, collected and written as the snapshot."""
    import ibis
    import pyarrow.parquet as pq

    from probanker.risk import engine

    con = ibis.duckdb.connect()
    windows = engine.Windows(AS_OF)
    balances, movements, _ = engine.read_lake(con, lake)
    table = con.to_pyarrow(engine.account_indicators(balances, movements, windows))
    pq.write_table(table, out)
    print(json.dumps({"rows": table.num_rows}))


def run_pandas(lake: Path, out: Path, accounts: int) -> None:
    """The same account indicators, written plainly with pandas."""
    import pandas as pd

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
    as_of = pd.Timestamp(AS_OF)
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
    # Longest run of consecutive debit days: a new run starts where the flag switches on.
    run_id = (neg != neg.groupby(b.account_id).shift()).cumsum()
    runs = b[neg].groupby([b.account_id[neg], run_id[neg]]).size()
    out_df["longest_debit_run_90"] = runs.groupby(level=0).max()
    m = m[m.booking_date <= as_of]
    recent = m[m.booking_date > as_of - pd.Timedelta(days=90)]
    rejected = recent[recent.family == "rejected_direct_debit"]
    out_df["rejected_90"] = rejected.groupby("account_id").size()
    out_df["rejected_30"] = (
        rejected[rejected.booking_date > as_of - pd.Timedelta(days=30)].groupby("account_id").size()
    )
    credits = recent[recent.amount_cents > 0]
    out_df["credit_turnover_3m_cents"] = credits.groupby("account_id").amount_cents.sum()
    out_df = out_df.fillna(0).astype("int64").reset_index()
    out_df.to_parquet(out)
    print(json.dumps({"rows": len(out_df)}))


MEASURE = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of ``bench/risk.py <args>`` in a fresh process."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, __file__, *args],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return elapsed, int(result.stderr.strip().splitlines()[-1]) / 1024


def compare(ours: Path, reference: Path) -> int:
    """Rows of the reference that differ from probanker's on the shared accounts."""
    import pandas as pd

    a = pd.read_parquet(ours).set_index("account_id")
    b = pd.read_parquet(reference).set_index("account_id")
    columns = [c for c in b.columns if c in a.columns]
    shared = a.loc[b.index, columns].fillna(0).astype("int64")
    return int((shared != b[columns]).any(axis=1).sum())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--reference-accounts", type=int, default=100_000)
    parser.add_argument("--small", action="store_true", help="20,000 accounts (CI)")
    parser.add_argument(
        "--internal", nargs=3, metavar=("ROLE", "LAKE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.internal:
        role, lake, out = args.internal
        if role == "probanker":
            run_probanker(Path(lake), Path(out))
        else:
            run_pandas(Path(lake), Path(out), int(role.split("=")[1]))
        return 0
    if args.small:
        args.accounts, args.reference_accounts = 20_000, 20_000
    reference_n = min(args.reference_accounts, args.accounts)
    with tempfile.TemporaryDirectory(prefix="probanker-risk-") as tmp:
        lake = Path(tmp) / "lake"
        started = time.perf_counter()
        generate(lake, args.accounts, args.days)
        print(
            f"generated {args.accounts:,} accounts × {args.days} days in {time.perf_counter() - started:.1f} s"
        )
        ours_out, ref_out = Path(tmp) / "ours.parquet", Path(tmp) / "ref.parquet"
        ours, ours_mem = timed(["--internal", "probanker", str(lake), str(ours_out)])
        print(
            f"probanker (Ibis + DuckDB), {args.accounts:,} accounts: {ours:6.2f} s, peak {ours_mem:6.0f} MiB"
        )
        small_lake = lake
        ours_small = ours
        if reference_n < args.accounts:
            small_lake = Path(tmp) / "small"
            generate(small_lake, reference_n, args.days)
            ours_small, _ = timed(["--internal", "probanker", str(small_lake), str(ours_out)])
            print(f"probanker (Ibis + DuckDB), {reference_n:,} accounts: {ours_small:6.2f} s")
        ref, ref_mem = timed(["--internal", f"pandas={reference_n}", str(small_lake), str(ref_out)])
        print(
            f"pandas reference, {reference_n:,} accounts:      {ref:6.2f} s, peak {ref_mem:6.0f} MiB"
        )
        differences = compare(ours_out, ref_out)
        print(f"accounts whose indicators differ: {differences}")
        print(f"ratio reference/probanker at {reference_n:,} accounts = {ref / ours_small:.1f}x")
        met = ours <= 60 and ours_mem <= 8 * 1024 and ref / ours_small >= 10
        print(
            f"target (1M × 90 ≤ 60 s and ≤ 8 GiB; ≥ 10× pandas at 100,000): {'met' if met else 'NOT met'}"
        )
        return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
