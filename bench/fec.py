"""FEC analysis benchmark: ``probanker fec analyse`` against pandas and a bare DuckDB scan.

Generates a realistic FEC (``--lines``, default 1,000,000; seeded) in a
temporary folder, then times, on the same file and in the same run, each as
a process of its own (start-up included):

- probanker: ``probanker fec analyse FILE --json``, end to end (process start,
  reading, validation, statements, ratios, JSON);
- pandas: ``read_csv`` of the same file, then debit and credit totals by
  account (no validation, no statements);
- the scan bound: DuckDB's ``read_csv`` of the same file and the decimal sums
  of Debit and Credit — nothing checked, nothing grouped.

Prints wall time, each process's peak memory and the ratios. Target on a
2-core machine: within twice the bare DuckDB scan, peak under 512 MiB.
``--runs N`` repeats the three measures and keeps each one's best time (the
machine is shared: the best of a few runs is the least disturbed).

    uv run python bench/fec.py               # 1,000,000 lines
    uv run python bench/fec.py --small       # CI: 20,000 lines
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise"
)
PANDAS_REFERENCE = """
import sys
import pandas as pd
frame = pd.read_csv(sys.argv[1], sep="\\t", dtype=str, keep_default_na=False, encoding="utf-8")
for column in ("Debit", "Credit"):
    frame[column] = pd.to_numeric(frame[column].str.replace(",", ".", regex=False), errors="coerce").fillna(0)
totals = frame.groupby("CompteNum")[["Debit", "Credit"]].sum()
print(len(frame), round(totals["Debit"].sum(), 2), round(totals["Credit"].sum(), 2))
"""
DUCKDB_SCAN = """
import sys
import duckdb
print(duckdb.connect().sql(
    "SELECT count(*), sum(replace(Debit, ',', '.')::DECIMAL(15, 2)), "
    "sum(replace(Credit, ',', '.')::DECIMAL(15, 2)) "
    "FROM read_csv($path, delim='\\t', header=true, all_varchar=true, quote='', escape='')",
    params={"path": sys.argv[1]},
).fetchall())
"""


def amount(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def generate(path: Path, lines: int, seed: int = 7) -> None:
    """Sales, purchases, bank and payroll entries of a small company over a year."""
    rng = random.Random(seed)
    customers = [f"C{n:05d}" for n in range(800)]
    suppliers = [f"F{n:04d}" for n in range(150)]
    written = 0
    number = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER + "\n")
        while written < lines:
            number += 1
            day = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            kind = rng.random()
            net = rng.randint(1_000, 2_000_000)
            vat = net // 5
            if kind < 0.5:
                customer = rng.choice(customers)
                rows = [
                    (
                        "VE",
                        "Ventes",
                        "411000",
                        "Clients",
                        customer,
                        f"Client {customer}",
                        net + vat,
                        0,
                    ),
                    ("VE", "Ventes", "706000", "Prestations", "", "", 0, net),
                    ("VE", "Ventes", "445710", "TVA collectée", "", "", 0, vat),
                ]
            elif kind < 0.85:
                supplier = rng.choice(suppliers)
                account = rng.choice(["601000", "606100", "613200", "622600", "625100"])
                rows = [
                    ("AC", "Achats", account, "Charges", "", "", net, 0),
                    ("AC", "Achats", "445660", "TVA déductible", "", "", vat, 0),
                    (
                        "AC",
                        "Achats",
                        "401000",
                        "Fournisseurs",
                        supplier,
                        f"Fournisseur {supplier}",
                        0,
                        net + vat,
                    ),
                ]
            else:
                rows = [
                    ("BQ", "Banque", "512000", "Banque", "", "", net, 0),
                    ("BQ", "Banque", "411000", "Clients", rng.choice(customers), "Client", 0, net),
                ]
            for journal, journal_label, account, label, aux, aux_label, debit, credit in rows:
                out.write(
                    f"{journal}\t{journal_label}\t{number}\t{day}\t{account}\t{label}\t{aux}\t{aux_label}\t"
                    f"P{number}\t{day}\tPièce {number}\t{amount(debit)}\t{amount(credit)}\t\t\t20250131\t\t\n"
                )
                written += 1


# Runs a command and reports its peak memory alone (RUSAGE_CHILDREN of a fresh parent).
MEASURE = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) of the command and its standard output."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr[-2000:])
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kib / 1024, result.stdout


def best(command: list[str], runs: int) -> tuple[float, float, str]:
    """The fastest of ``runs`` measures (its peak memory and output with it)."""
    return min((timed(command) for _ in range(runs)), key=lambda m: m[0])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--small", action="store_true", help="20,000 lines (CI)")
    parser.add_argument("--runs", type=int, default=1, help="measures of each, best kept")
    args = parser.parse_args()
    lines = 20_000 if args.small else args.lines
    with tempfile.TemporaryDirectory(prefix="probanker-fec-") as tmp:
        path = Path(tmp) / "123456789FEC20241231.txt"
        started = time.perf_counter()
        generate(path, lines)
        size = path.stat().st_size / 2**20
        print(
            f"generated {lines:,} lines ({size:.0f} MiB) in {time.perf_counter() - started:.1f} s"
        )
        env_python = sys.executable
        ours, ours_mem, out = best(
            [env_python, "-m", "probanker.cli", "fec", "analyse", str(path), "--json"], args.runs
        )
        document = json.loads(out)
        reference, ref_mem, ref_out = best(
            [env_python, "-c", PANDAS_REFERENCE, str(path)], args.runs
        )
        scan, scan_mem, scan_out = best([env_python, "-c", DUCKDB_SCAN, str(path)], args.runs)
    print(
        f"probanker fec analyse: {ours:6.2f} s, peak {ours_mem:6.0f} MiB "
        f"({document['validation']['lines']:,} lines, {document['validation']['entries']:,} entries, "
        f"debit {document['totals']['debit']})"
    )
    print(f"pandas reference:      {reference:6.2f} s, peak {ref_mem:6.0f} MiB ({ref_out.strip()})")
    print(f"bare DuckDB scan:      {scan:6.2f} s, peak {scan_mem:6.0f} MiB ({scan_out.strip()})")
    print(f"ratio probanker/DuckDB scan = {ours / scan:.2f}x (target <= 2)")
    print(f"ratio pandas/probanker      = {reference / ours:.2f}x")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    met = ours <= 2 * scan and ours_mem < 512
    print(f"target (<= 2x the DuckDB scan, < 512 MiB): {'met' if met else 'NOT met'}")
    return 0 if (met or args.small) else 1


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probanker.settings")
    sys.exit(main())
