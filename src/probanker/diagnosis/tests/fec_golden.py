"""The golden comparison of the FEC reports: what the reader gave before it was made fast.

``data/fec_golden.json.gz`` holds, for every file a test of the FEC reader
read (recorded during a run of the finance and diagnosis tests), for every
real file of ``../shared/data/fec`` and for the generated files of
:func:`generated_cases` (large enough for the vectorised readers, clean or
with anomalies), the documents the code of commit 338e632 produced:
``fec check --json``, ``fec analyse --json``, both texts, and the trial
balance per account and auxiliary account with labels. ``test_fec_golden``
compares today's reader with them, engine by engine.

One exception, kept visible in the file: on one generated file the Arrow
reader of 338e632 took an impossible date (31 February) for a valid one and
reported the file clean, unlike its own line-by-line reader; for those the
golden report is the line-by-line one (``FEC-DATE`` on its line), and the
old fast report is kept beside it as ``fast_reader_of_338e632``.

Regenerate (only when a report is *meant* to change) with the code whose
output is the reference::

    uv run python -m probanker.diagnosis.tests.fec_golden RECORDED.json
"""

from __future__ import annotations

import base64
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).with_name("data") / "fec_golden.json.gz"
REAL = [
    "quadra_123456789FEC20190731.txt",
    "odicom_123456789FEC20200331.txt",
    "bordeaux_sciences_agro_istea_123456789FEC20201231.txt",
    "sage_coala_2020.txt",
    "0000000001FEC20220831.txt",
    "111111111FEC20221231.TXT",
]
HEADER = [
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
]  # fmt: skip
GENERATED_LINES = 20_000  # about 2 MiB: above the 1 MiB from which the fast readers take over


def document(path: Path, engine: str | None = None) -> dict[str, Any]:
    """Everything ``probanker fec`` shows of ``path``, JSON-comparable."""
    from probanker.core.formatting import dumps
    from probanker.diagnosis.fec_output import (
        analysis_dict,
        analysis_text,
        validation_dict,
        validation_text,
    )
    from probanker.finance.analysis import analyse_fec
    from probanker.finance.fec import FecFileError, read_fec

    try:
        report = read_fec(path) if engine is None else read_fec(path, engine=engine)
    except FecFileError as exc:
        return {"fatal": str(exc), "code": exc.anomaly.code, "line": exc.anomaly.line}
    analysis = analyse_fec(report)
    return {
        "check": json.loads(dumps(validation_dict(report))),
        "analyse": json.loads(dumps(analysis_dict(report, analysis))),
        "text": validation_text(report),
        "analyse_text": analysis_text(report, analysis),
        "accounts": {
            k: [b.label, b.debit_cents, b.credit_cents] for k, b in report.accounts.items()
        },
        "auxiliary": {
            f"{a}\t{x}": [b.label, b.debit_cents, b.credit_cents]
            for (a, x), b in report.auxiliary.items()
        },
        "journals": sorted(report.journals),
    }


def _rows(lines: int, seed: int) -> list[list[str]]:
    """Balanced sales, purchases and payments of a year, 18 columns each."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    number = 0
    while len(rows) < lines:
        number += 1
        day = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        net = rng.randint(1_000, 2_000_000)
        vat = net // 5
        customer = f"C{rng.randint(0, 300):04d}"
        if rng.random() < 0.6:
            lines_of = [
                ("VE", "411000", "Clients", customer, f"Client {customer}", net + vat, 0),
                ("VE", "706000", "Prestations", "", "", 0, net),
                ("VE", "445710", "TVA collectée", "", "", 0, vat),
            ]
        else:
            lines_of = [
                ("BQ", "512000", "Banque", "", "", net, 0),
                ("BQ", "411000", "Clients divers", customer, "Client", 0, net),
            ]
        for journal, account, label, aux, aux_label, debit, credit in lines_of:
            rows.append([
                journal, {"VE": "Ventes", "BQ": "Banque"}[journal], str(number), day, account,
                label, aux, aux_label, f"P{number}", day, f"Pièce {number}",
                f"{debit // 100},{debit % 100:02d}", f"{credit // 100},{credit % 100:02d}",
                "", "", "20250131", "", "",
            ])  # fmt: skip
    return rows


def _text(rows: list[list[str]], sep: str = "\t", end: str = "\n", trailing: bool = False) -> str:
    tail = sep if trailing else ""
    return "".join(sep.join(r) + tail + end for r in [HEADER, *rows])


def _set(rows: list[list[str]], line: int, column: str, value: str) -> list[list[str]]:
    """A copy with one field changed; ``line`` is the file's line number (header = 1)."""
    changed = [list(r) for r in rows]
    changed[line - 2][HEADER.index(column)] = value
    return changed


def generated_cases() -> list[tuple[str, bytes]]:
    """Files of about 2 MiB: clean in every supported form, and with anomalies at known lines."""
    name = "123456789FEC20241231.txt"
    rows = _rows(GENERATED_LINES, seed=17)
    constant = [[*r[:2], "0", *r[3:]] for r in rows]
    unbalanced = _set(rows, 12_345, "Debit", "1,00")
    several = _set(
        _set(unbalanced, 15_000, "EcritureDate", "20241301"), 17_000, "Credit", "1 200,00"
    )
    several = _set(_set(several, 18_001, "CompteNum", "41"), 18_500, "JournalCode", "")
    both = _set(rows, 9_000, "Credit", "5,00")
    padded = [
        [f" {v} " if i == 2 and n % 7 == 0 else v for i, v in enumerate(r)]
        for n, r in enumerate(rows)
    ]
    labels = [[*r[:5], f"{r[5]} {n % 3}", *r[6:]] for n, r in enumerate(rows)]
    short = [list(r) for r in rows]
    short[4_000] = short[4_000][:12]
    blank = _text(rows[:5_000]) + "\n\n" + _text(rows[5_000:]).split("\n", 1)[1]
    bad_optional = _set(rows, 11_111, "ValidDate", "20250231")
    bad_day = _set(_set(rows, 13_000, "EcritureDate", "20240231"), 13_001, "PieceDate", "20240230")
    separated_dates = [[*r[:3], f"{r[3][:4]}-{r[3][4:6]}-{r[3][6:]}", *r[4:]] for r in rows]
    return [
        ("clean-tab.txt", _text(rows).encode()),
        ("clean-pipe-trailing.txt", _text(rows, "|", trailing=True).encode()),
        ("clean-crlf.txt", _text(rows, end="\r\n").encode()),
        ("clean-bom.txt", b"\xef\xbb\xbf" + _text(rows).encode()),
        ("clean-cp1252.txt", _text(rows).encode("cp1252")),
        ("constant-number.txt", _text(constant).encode()),
        ("unbalanced.txt", _text(unbalanced).encode()),
        ("several-anomalies.txt", _text(several).encode()),
        ("debit-and-credit.txt", _text(both).encode()),
        ("padded-numbers.txt", _text(padded).encode()),
        ("labels-differ.txt", _text(labels).encode()),
        ("short-line.txt", _text(short).encode()),
        ("blank-lines.txt", blank.encode()),
        ("bad-valid-date.txt", _text(bad_optional).encode()),
        ("thirty-first-of-february.txt", _text(bad_day).encode()),
        ("dates-with-dashes.txt", _text(separated_dates).encode()),
        (name, _text(rows, "|").encode()),
    ]


def load() -> list[dict[str, Any]]:
    """The golden cases: ``name``, ``kind`` (real, recorded, generated), ``data``, ``expected``."""
    cases: list[dict[str, Any]] = json.loads(gzip.decompress(GOLDEN.read_bytes()))
    return cases


def case_bytes(case: dict[str, Any]) -> bytes | None:
    """The file of a case (``None`` for a real file, read from ``../shared/data/fec``)."""
    if case["kind"] == "real":
        return None
    if case["kind"] == "generated":
        return dict(generated_cases())[case["name"]]
    return base64.b64decode(case["data"])


def build(recorded: Path, shared: Path, work: Path) -> None:
    """Write the golden file from the current code (the reference)."""
    cases: list[dict[str, Any]] = []
    for name in REAL:
        cases.append({"name": name, "kind": "real", "expected": document(shared / "fec" / name)})
    for index, item in enumerate(json.loads(recorded.read_text())):
        if item["name"] in REAL:
            continue
        folder = work / f"recorded-{index}"
        folder.mkdir(parents=True)
        path = folder / item["name"]
        path.write_bytes(base64.b64decode(item["data"]))
        cases.append({
            "name": item["name"], "kind": "recorded", "data": item["data"],
            "expected": document(path),
        })  # fmt: skip
    for index, (name, data) in enumerate(generated_cases()):
        folder = work / f"generated-{index}"
        folder.mkdir(parents=True)
        path = folder / name
        path.write_bytes(data)
        expected, reference = document(path), document(path, engine="python")
        case = {"name": name, "kind": "generated", "expected": expected}
        if expected != reference:
            # The Arrow reader of 338e632 took 31 February for a date (Arrow's
            # strptime is lenient); the line-by-line reader, the reference the
            # engines are tested against, reports it: its report is the golden one.
            case |= {"expected": reference, "fast_reader_of_338e632": expected}
        cases.append(case)
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_bytes(gzip.compress(json.dumps(cases, ensure_ascii=False).encode(), mtime=0))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(sys.argv[1]), Path(sys.argv[2]), Path(tmp))
