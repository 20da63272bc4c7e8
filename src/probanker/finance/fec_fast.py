"""Vectorised reading of a clean FEC with Arrow (the common case, fast).

:func:`read_clean` parses the file with ``pyarrow.csv`` in batches and
computes the same trial balance, totals and entries as the line-by-line
reader of :mod:`probanker.finance.fec`, with Arrow compute kernels. It only
handles files in which *nothing* is wrong: at the first irregular value (a
malformed row, an amount or date the strict patterns do not accept, an
account number, an empty journal, a line with both debit and credit, an
unbalanced entry...) it gives up and returns ``False`` without touching the
report, and the caller reads the file line by line, which reports each
anomaly with its line number. Whatever Arrow or the codec raises on bad
input (a row of the wrong width, bytes the encoding cannot decode, a row
longer than a block, an amount out of range) is such an irregularity, and so
is a NUL byte anywhere. The two paths are compared by the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from probanker.finance.amounts import parse_date
from probanker.finance.fec_engine import UNDEFINED_CP1252, ColumnsLike, holds_any
from probanker.finance.fec_engine import has_nul as _has_nul

# At most 13 digits before the comma, as parse_cents: cents then fit int64 line by line.
AMOUNT_PATTERN = r"^(-?[0-9]{0,13}([.,][0-9]{0,2})?)$"
ACCOUNT_PATTERN = r"^[0-9]{3}[0-9A-Za-z]*$"
DATE_PATTERN = r"^[0-9]{8}$"
HUNDRED = pa.scalar(Decimal(100), pa.decimal128(5, 0))
BLOCK_SIZE = 16 * 2**20
INT64_MAX = 2**63 - 1


class _Irregular(Exception):
    """Something the strict fast path does not handle: read line by line."""


def _trim(array: Any) -> Any:
    return pc.utf8_trim_whitespace(array)


def _require(mask: Any) -> None:
    """Every value of a boolean array must be true."""
    if not pc.all(mask).as_py():
        raise _Irregular


def _cents(array: Any) -> Any:
    trimmed = _trim(array)
    _require(pc.match_substring_regex(trimmed, AMOUNT_PATTERN))
    if pc.any(pc.equal(trimmed, "-")).as_py():
        raise _Irregular
    text = pc.if_else(pc.equal(trimmed, ""), "0", pc.replace_substring(trimmed, ",", "."))
    return pc.cast(pc.multiply(pc.cast(text, pa.decimal128(22, 2)), HUNDRED), pa.int64())


def _dates(array: Any, optional: bool) -> Any:
    """Dates of a column, checked on its distinct values only (a year has few)."""
    trimmed = _trim(array)
    values = pc.unique(trimmed)
    distinct = values
    present = pc.not_equal(distinct, "")
    if optional:
        distinct = pc.if_else(present, distinct, "19700101")
    else:
        _require(present)
    _require(pc.match_substring_regex(distinct, DATE_PATTERN))
    # Arrow's strptime takes 31 February for 3 March: each distinct value is
    # checked by parse_date itself, as the line-by-line reader does.
    try:
        parsed = pa.array([parse_date(v) for v in distinct.to_pylist()], pa.date32())
    except ValueError:
        raise _Irregular from None
    if optional:
        return None
    return pc.take(parsed, pc.index_in(trimmed, value_set=values))


def read_clean(
    path: Path,
    columns: ColumnsLike,
    header_number: int,
    encoding: str,
    apply: Callable[[dict[str, Any]], None],
) -> bool:
    """Read ``path`` with Arrow; on success call ``apply`` with the results and return True."""
    if columns.signed or _has_nul(path):
        return False
    # Arrow decodes a non-UTF-8 file through Python's codec from its own threads: a
    # byte the codec refuses raised there, and the interpreter's exit could then abort
    # (« terminate called without an active exception »). Such a file is read line by
    # line, which names the line anyway.
    if encoding == "cp1252" and holds_any(path, UNDEFINED_CP1252):
        return False
    try:
        result = _read(path, columns, header_number, encoding)
    except (_Irregular, pa.ArrowException, UnicodeError, ValueError, OverflowError):
        # ArrowInvalid is a ValueError; the codecs raise UnicodeDecodeError.
        return False
    apply(result)
    return True


def _read(path: Path, columns: ColumnsLike, header_number: int, encoding: str) -> dict[str, Any]:
    idx = columns.index
    width = columns.count + (1 if columns.trailing else 0)
    names = [f"c{i}" for i in range(width)]
    wanted = {
        "journal": idx["JournalCode"], "num": idx["EcritureNum"], "date": idx["EcritureDate"],
        "account": idx["CompteNum"], "debit": idx["Debit"], "credit": idx["Credit"],
    }  # fmt: skip
    for key, name in (
        ("label", "CompteLib"),
        ("aux", "CompAuxNum"),
        ("aux_label", "CompAuxLib"),
        ("piece", "PieceRef"),
    ):
        if name in idx:
            wanted[key] = idx[name]
    optional_dates = [idx[n] for n in ("PieceDate", "ValidDate", "DateLet") if n in idx]

    def invalid(row: Any) -> str:
        # An exception raised here would be printed and swallowed by Arrow:
        # "error" makes Arrow raise ArrowInvalid, which read_clean catches.
        return "error"

    reader = pacsv.open_csv(
        str(path),
        read_options=pacsv.ReadOptions(
            column_names=names, skip_rows=header_number, encoding=encoding, block_size=BLOCK_SIZE
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=columns.separator,
            quote_char=False,
            ignore_empty_lines=True,
            invalid_row_handler=invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            include_columns=sorted({names[i] for i in [*wanted.values(), *optional_dates]}),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    partial_accounts, partial_aux, partial_entries = [], [], []
    journals: set[str] = set()
    numbers: set[str] = set()
    lines = 0
    debit_total = credit_total = 0
    first = last = None
    largest = 0  # the largest amount met, in absolute cents: bounds every sum
    # Closed whatever happens: a reader left open after a batch raised kept Arrow's
    # read-ahead thread alive, and the interpreter's exit could then abort
    # (« terminate called without an active exception », exit -6).
    with reader:
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            if batch.num_rows == 0:
                continue
            col = {key: batch.column(names[i]) for key, i in wanted.items()}
            journal = _trim(col["journal"])
            _require(pc.not_equal(pc.unique(journal), ""))
            account = _trim(col["account"])
            _require(pc.match_substring_regex(pc.unique(account), ACCOUNT_PATTERN))
            day = _dates(col["date"], optional=False)
            for i in optional_dates:
                _dates(batch.column(names[i]), optional=True)
            debit, credit = _cents(col["debit"]), _cents(col["credit"])
            for amounts in (debit, credit):
                bounds = pc.min_max(amounts).as_py()
                largest = max(largest, abs(bounds["min"] or 0), abs(bounds["max"] or 0))
            if pc.any(pc.and_(pc.not_equal(debit, 0), pc.not_equal(credit, 0))).as_py():
                raise _Irregular
            empty = pa.array([""] * batch.num_rows, pa.string())
            table = pa.table({
                "journal": journal, "num": _trim(col["num"]), "day": day, "account": account,
                "label": _trim(col["label"]) if "label" in col else empty,
                "aux": _trim(col["aux"]) if "aux" in col else empty,
                "aux_label": _trim(col["aux_label"]) if "aux_label" in col else empty,
                "piece": _trim(col["piece"]) if "piece" in col else empty,
                "debit": debit, "credit": credit,
            })  # fmt: skip
            lines += batch.num_rows
            debit_total += pc.sum(debit).as_py() or 0
            credit_total += pc.sum(credit).as_py() or 0
            bounds = pc.min_max(day).as_py()
            first = bounds["min"] if first is None else min(first, bounds["min"])
            last = bounds["max"] if last is None else max(last, bounds["max"])
            journals.update(pc.unique(journal).to_pylist())
            if len(numbers) < 2:
                numbers.update(pc.unique(table["num"]).slice(0, 2).to_pylist())
            partial_accounts.append(
                table.group_by("account", use_threads=False).aggregate(
                    [("debit", "sum"), ("credit", "sum"), ("label", "first")]
                )
            )
            with_aux = table.filter(pc.not_equal(table["aux"], ""))
            if with_aux.num_rows:
                partial_aux.append(
                    with_aux.group_by(["account", "aux"], use_threads=False).aggregate(
                        [("debit", "sum"), ("credit", "sum"), ("aux_label", "first")]
                    )
                )
            partial_entries.append(
                table.group_by(["journal", "num", "day", "piece"], use_threads=False).aggregate(
                    [("debit", "sum"), ("credit", "sum")]
                )
            )
    if not lines:
        raise _Irregular
    if largest * lines > INT64_MAX:
        raise _Irregular  # int64 sums could wrap: Python's integers do not
    rebuild = len(numbers) <= 1
    entry_keys = ["journal", "num", "day", "piece"]
    entries = (
        pa.concat_tables(partial_entries)
        .select([*entry_keys, "debit_sum", "credit_sum"])
        .rename_columns([*entry_keys, "debit", "credit"])
    )
    keys = ["journal", "day", "piece"] if rebuild else ["journal", "num"]
    merged = entries.group_by(keys, use_threads=False).aggregate(
        [("debit", "sum"), ("credit", "sum"), ("day", "count_distinct")]
        if not rebuild
        else [("debit", "sum"), ("credit", "sum")]
    )
    if pc.any(pc.not_equal(merged["debit_sum"], merged["credit_sum"])).as_py():
        raise _Irregular
    if not rebuild and pc.any(pc.greater(merged["day_count_distinct"], 1)).as_py():
        raise _Irregular
    accounts = _merge(partial_accounts, ["account"], "label")
    auxiliary = _merge(partial_aux, ["account", "aux"], "aux_label") if partial_aux else []
    return {
        "lines": lines,
        "entries": merged.num_rows,
        "rebuild": rebuild,
        "journals": journals,
        "debit": debit_total,
        "credit": credit_total,
        "first": first,
        "last": last,
        "accounts": accounts,
        "auxiliary": auxiliary,
    }


def _merge(partials: list[Any], keys: list[str], label: str) -> list[dict[str, Any]]:
    """Combine per-batch sums; the label is the first one met in file order."""
    table = (
        pa.concat_tables(partials)
        .select([*keys, "debit_sum", "credit_sum", f"{label}_first"])
        .rename_columns([*keys, "debit", "credit", label])
    )
    merged = (
        table.group_by(keys, use_threads=False)
        .aggregate([("debit", "sum"), ("credit", "sum"), (label, "first")])
        .select([*keys, "debit_sum", "credit_sum", f"{label}_first"])
        .rename_columns([*keys, "debit", "credit", label])
    )
    return merged.to_pylist()  # type: ignore[no-any-return]
