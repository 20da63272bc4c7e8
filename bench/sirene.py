"""SIRENE import benchmark: ``probanker sirene import`` against a pandas reference.

Generates stock files in INSEE's layout (every column, in its order:
StockUniteLegale 35, StockEtablissement 54; ``--establishments``, default
1,000,000, about 1.3 establishments per unit, spread over the metropolitan
départements; seeded), then times, on the same files and in the same run:

- probanker: ``probanker sirene import --unites U --etablissements E --json``,
  end to end (process start, both CSVs streamed by DuckDB, the join, cleaning,
  SIRET checks, Lambert 93 → WGS 84, the sorted register in Parquet, the swap);
- the reference: pandas ``read_csv`` of both files (all as text), a left
  ``merge`` on the SIREN and ``to_parquet`` (no cleaning, no checks, no
  projection), the straightforward script.

Prints wall time, the ratio reference/probanker, each process's peak memory,
and the latency of a search on the imported register (a département and a
NAF division: the register query itself, median of 20).

    uv run python bench/sirene.py                   # 1,000,000 establishments
    uv run python bench/sirene.py --small           # CI: 50,000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PANDAS_REFERENCE = """
import sys
import pandas as pd
units = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
etabs = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
merged = etabs.merge(units, on="siren", how="left", suffixes=("", "_unite"))
merged.to_parquet(sys.argv[3], index=False)
print(len(units), len(merged))
"""
# Runs a command and reports its peak memory alone (RUSAGE_CHILDREN of a fresh parent).
MEASURE = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) of the command and its standard output."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True, text=True, cwd=ROOT, check=False, env=env,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kib / 1024, result.stdout


def search_latency(lake: Path) -> tuple[float, int]:
    """Median milliseconds of a département + NAF division search, and its count."""
    from probanker.prospecting.register.search import Criteria, search

    criteria = Criteria.build(departements=["37"], naf=["56"], limit=100)
    timings = []
    count = 0
    for _ in range(20):
        started = time.perf_counter()
        count = search(criteria, lake).count
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), count


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--establishments", type=int, default=1_000_000)
    parser.add_argument("--small", action="store_true", help="50,000 establishments (CI)")
    args = parser.parse_args()
    count = 50_000 if args.small else args.establishments
    from probanker.prospecting.register.sample import SampleSpec, national_communes, write_sample

    with tempfile.TemporaryDirectory(prefix="probanker-sirene-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        spec = SampleSpec(establishments=count, communes=national_communes(3000), seed=3)
        units, etabs = write_sample(spec, folder / "stock")
        size = (units.stat().st_size + etabs.stat().st_size) / 2**20
        print(f"generated {count:,} establishments ({size:.0f} MiB of CSV) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        env = {**os.environ, "PROBANKER_VAR": str(folder / "var")}
        ours, ours_mem, out = timed(
            [sys.executable, "-m", "probanker.cli", "sirene", "import", "--unites", str(units),
             "--etablissements", str(etabs), "--json"], env,
        )  # fmt: skip
        document = json.loads(out)
        reference, ref_mem, ref_out = timed(
            [sys.executable, "-c", PANDAS_REFERENCE, str(units), str(etabs),
             str(folder / "pandas.parquet")], env,
        )  # fmt: skip
        latency, found = search_latency(folder / "var" / "lake")
    ref_units, ref_rows = (int(x) for x in ref_out.split())
    assert document == {"unites": ref_units, "etablissements": ref_rows}, (document, ref_out)
    print(f"probanker sirene import: {ours:6.2f} s, peak {ours_mem:6.0f} MiB "
          f"({document['unites']:,} units, {document['etablissements']:,} establishments)")  # fmt: skip
    print(f"pandas reference:        {reference:6.2f} s, peak {ref_mem:6.0f} MiB")
    print(f"ratio (reference / probanker): {reference / ours:.2f}")
    print(f"search (département 37, NAF 56): {latency:.1f} ms median, {found:,} found")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
