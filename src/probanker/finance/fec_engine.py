"""Reading a clean FEC with DuckDB: the checks and the trial balance in a few scans.

:func:`read_with_engine` hands the file to DuckDB's CSV reader (parallel,
native) and computes in two scans what :mod:`probanker.finance.fec` computes
line by line:

1. every line's amounts and account number against the strict patterns, the
   sums per account and per auxiliary account, the distinct journals and
   dates (checked in Python with :func:`~probanker.finance.amounts.parse_date`
   itself: a year has a few hundred of them), the totals;
2. the entries: one group per (journal, EcritureNum) — or (journal, date,
   PieceRef) when EcritureNum is constant — whose debit must equal its credit
   and whose lines must share one date.

A label is the one of the account's first line in the file: when the lines of
an account carry different labels, the file is streamed in order until the
first line of each such account is met (usually within the first rows).

Like :mod:`probanker.finance.fec_fast`, it decides for clean files only. The
outcome is :data:`CLEAN` (the results are handed to ``apply``),
:data:`IRREGULAR` (an anomaly exists: the caller reads line by line, which
names each with its line) or :data:`UNSUPPORTED` (a form this reader does not
take — keys padded with spaces, a field DuckDB refuses: the caller tries
Arrow, then line by line). Nothing is written to the report in the last two
cases.
"""

# The SQL is built from column numbers and constant patterns; the path is a parameter.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
import mmap
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from probanker.finance.amounts import parse_date

# The line-by-line reader's rule for a CompteNum (``probanker.finance.fec.ACCOUNT``).
ACCOUNT = re.compile(r"^\d{3}[0-9A-Za-z]*$")

CLEAN, IRREGULAR, UNSUPPORTED = "clean", "irregular", "unsupported"
# What parse_cents accepts in its usual spellings, with at most 13 units digits.
AMOUNT = r"-?([0-9]{1,13}([.,][0-9]{0,2})?|[.,][0-9]{1,2})"
# str.strip()'s whitespace, for RE2: a key padded with any of it is not read here.
SPACE = (
    r"[\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)
PADDED = f"^{SPACE}|{SPACE}$"
NO_NULL = "\x00"  # files holding NUL bytes never come here: no field is NULL
THREADS = 2
MEMORY_LIMIT = "320MB"
LABEL_BATCH_ROWS = 65_536
PROBE_BYTES = 4 * 2**20  # the file's first MiBs: where an account's first line nearly always is


class ColumnsLike(Protocol):
    """The header as :mod:`probanker.finance.fec` parsed it (read-only)."""

    @property
    def index(self) -> dict[str, int]: ...
    @property
    def count(self) -> int: ...
    @property
    def trailing(self) -> bool: ...
    @property
    def signed(self) -> bool: ...
    @property
    def separator(self) -> str: ...


class _Outcome(Exception):
    """Stops the reading with an outcome other than :data:`CLEAN`."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


def read_with_engine(
    path: Path, columns: ColumnsLike, header_number: int, apply: Callable[[dict[str, Any]], None]
) -> str:
    """Read the UTF-8 FEC at ``path`` with DuckDB; see the module docstring."""
    import duckdb

    if columns.signed or "Debit" not in columns.index or "Credit" not in columns.index:
        return UNSUPPORTED
    # Beyond its memory limit DuckDB spills to a folder of the system's temporary
    # directory (not the working directory); failing that, Arrow reads the file.
    spill = Path(tempfile.gettempdir()) / "probanker-duckdb"
    connection = duckdb.connect(
        config={"threads": THREADS, "memory_limit": MEMORY_LIMIT, "temp_directory": str(spill)}
    )
    try:
        result = _Reader(connection, path, columns, header_number).read()
    except _Outcome as stop:
        return stop.outcome
    except duckdb.Error:
        # A row of another width, bytes that are not UTF-8, a line longer than
        # DuckDB's limit, a lone CR: the other readers say what and where.
        return UNSUPPORTED
    finally:
        connection.close()
    apply(result)
    return CLEAN


def _amount(column: str) -> str:
    """SQL: a field as DECIMAL (NULL when empty: sums skip it; checked apart by :data:`AMOUNT`)."""
    return f"TRY_CAST(replace({column}, ',', '.') AS DECIMAL(15, 2))"


def _cents(value: Decimal | None) -> int:
    return int((value or 0) * 100)


class _Reader:
    """The scans of one file; SQL built from the header's column positions."""

    def __init__(self, connection: Any, path: Path, columns: ColumnsLike, header_number: int):
        self.connection = connection
        idx = columns.index
        width = columns.count + (1 if columns.trailing else 0)
        names = {f"c{i}": "VARCHAR" for i in range(width)}
        # The path and the separator are parameters; the rest of the SQL is built
        # from column numbers of the parsed header and the constant patterns above.
        self.params = {"path": str(path), "delim": columns.separator, "nul": NO_NULL}
        self.source = (
            f"read_csv($path, delim=$delim, header=false, skip={header_number}, "
            f"columns={names!r}, quote='', escape='', nullstr=$nul, auto_detect=false, "
            "strict_mode=true)"
        )

        def column(name: str) -> str | None:
            return f"c{idx[name]}" if name in idx else None

        self.header_number = header_number
        self.positions = {
            key: idx.get(name)
            for key, name in (
                ("a", "CompteNum"),
                ("lab", "CompteLib"),
                ("x", "CompAuxNum"),
                ("xl", "CompAuxLib"),
            )
        }

        self.journal, self.number = column("JournalCode"), column("EcritureNum")
        self.date, self.account = column("EcritureDate"), column("CompteNum")
        self.label, self.aux = column("CompteLib"), column("CompAuxNum")
        self.aux_label, self.piece = column("CompAuxLib"), column("PieceRef")
        self.debit, self.credit = column("Debit"), column("Credit")
        self.optional_dates = [c for c in map(column, ("PieceDate", "ValidDate", "DateLet")) if c]
        # The trailing separator's empty field must stay empty, as in the other readers.
        self.extra = f"c{columns.count}" if columns.trailing else None

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.connection.sql(sql, params=self.params).fetchall()  # type: ignore[no-any-return]

    def read(self) -> dict[str, Any]:
        lines, debit, credit, accounts, auxiliary, journals, days = self._balances()
        rebuild, entries = self._entries()
        self._first_labels(accounts, auxiliary)
        return {
            "lines": lines,
            "entries": entries,
            "rebuild": rebuild,
            "journals": journals,
            "debit": debit,
            "credit": credit,
            "first": min(days.values()),
            "last": max(days.values()),
            "accounts": [
                {"account": a, "label": label, "debit": d, "credit": c}
                for a, (label, d, c) in accounts.items()
            ],
            "auxiliary": [
                {"account": a, "aux": x, "aux_label": label, "debit": d, "credit": c}
                for (a, x), (label, d, c) in auxiliary.items()
            ],
        }

    def _balances(self) -> tuple[Any, ...]:
        """Scan 1: amounts checked, sums per account and auxiliary account, distinct values.

        Account numbers, journals and dates are checked on their distinct
        values, in Python, with the line-by-line reader's own rules.
        """
        label, aux, aux_label = self.label or "''", self.aux or "''", self.aux_label or "''"
        dates = [*self.optional_dates, *["''"] * (3 - len(self.optional_dates))]
        amounts = f"{self.debit} || '|' || {self.credit}"
        extra = f" OR {self.extra} <> ''" if self.extra else ""
        sql = f"""
        WITH line AS (
            SELECT {self.account} AS a, {label} AS lab, {aux} AS x, {aux_label} AS xl,
                   {self.journal} AS j, {self.date} AS d,
                   {dates[0]} AS o1, {dates[1]} AS o2, {dates[2]} AS o3,
                   {_amount(self.debit or "")} AS de, {_amount(self.credit or "")} AS cr,
                   NOT regexp_full_match({amounts}, '({AMOUNT})?\\|({AMOUNT})?'){extra} AS bad
            FROM {self.source}
        )
        SELECT GROUPING(a, lab, x, xl, j, d, o1, o2, o3) AS level,
               a, lab, x, xl, j, d, o1, o2, o3, count(*), sum(de), sum(cr),
               count(*) FILTER (WHERE bad OR (de <> 0 AND cr <> 0))
        FROM line
        GROUP BY GROUPING SETS ((a, lab), (a, x, xl), (j), (d), (o1), (o2), (o3), ())
        """
        accounts: dict[str, tuple[str | None, int, int]] = {}
        auxiliary: dict[tuple[str, str], tuple[str | None, int, int]] = {}
        journals: list[str] = []
        raw_dates: list[str] = []
        optional: set[str] = set()
        lines = debit = credit = 0
        for level, a, lab, x, xl, j, d, o1, o2, o3, count, de, cr, bad in self._rows(sql):
            if level == 0b001111111:  # per account and label
                accounts[a] = _merge(accounts.get(a), lab, de, cr)
            elif level == 0b010011111:  # per auxiliary account and label
                if x.strip() != x:
                    raise _Outcome(UNSUPPORTED)
                if x:
                    auxiliary[(a, x)] = _merge(auxiliary.get((a, x)), xl, de, cr)
            elif level == 0b111101111:
                journals.append(j)
            elif level == 0b111110111:
                raw_dates.append(d)
            elif level in {0b111111011, 0b111111101, 0b111111110}:
                optional.add((o1 or o2 or o3 or "").strip())
            else:
                lines, debit, credit = count, _cents(de), _cents(cr)
                if bad or not count:
                    raise _Outcome(IRREGULAR)
        for account in accounts:
            if account.strip() != account:
                raise _Outcome(UNSUPPORTED)
            if not ACCOUNT.match(account):
                raise _Outcome(IRREGULAR)  # FEC-COMPTE
        stripped = {j.strip() for j in journals}
        if "" in stripped:
            raise _Outcome(IRREGULAR)  # FEC-JOURNAL
        if len(stripped) != len(journals):
            raise _Outcome(UNSUPPORTED)  # journals padded differently: one key, two spellings
        days = _parse_dates(raw_dates)
        if len(set(days.values())) != len(days):
            raise _Outcome(UNSUPPORTED)
        _parse_dates([value for value in optional if value])
        return lines, debit, credit, accounts, auxiliary, stripped, days

    def _entries(self) -> tuple[bool, int]:
        """Scan 2 (and 3 when EcritureNum is constant): every entry balanced, on one date."""
        counts = self._entry_scan([self.journal or "", self.number or ""], padded_key="k1")
        rebuild = counts["numbers"] <= 1
        if rebuild:
            keys = [self.journal or "", self.date or "", self.piece or "''"]
            counts = self._entry_scan(keys, padded_key="k2")
        if counts["padded"]:
            raise _Outcome(UNSUPPORTED)
        if counts["unbalanced"] or counts["dated_twice"]:
            raise _Outcome(IRREGULAR)
        return rebuild, counts["entries"]

    def _entry_scan(self, keys: list[str], padded_key: str) -> dict[str, int]:
        named = ", ".join(f"{key} AS k{i}" for i, key in enumerate(keys))
        group = ", ".join(f"k{i}" for i in range(len(keys)))
        sql = f"""
        WITH line AS (
            SELECT {named}, {self.date} AS d,
                   {_amount(self.debit or "")} AS de, {_amount(self.credit or "")} AS cr
            FROM {self.source}
        ), entry AS (
            SELECT {group}, coalesce(sum(de), 0) AS de, coalesce(sum(cr), 0) AS cr,
                   min(d) AS first_day, max(d) AS last_day
            FROM line GROUP BY {group}
        )
        SELECT count(*), count(*) FILTER (WHERE de <> cr),
               count(*) FILTER (WHERE first_day <> last_day),
               count(*) FILTER (WHERE regexp_matches({padded_key}, '{PADDED}')),
               count(DISTINCT k1)
        FROM entry
        """
        ((entries, unbalanced, dated_twice, padded, numbers),) = self._rows(sql)
        return {
            "entries": int(entries),
            "unbalanced": unbalanced,
            "dated_twice": dated_twice,
            "padded": padded,
            "numbers": numbers,
        }

    def _first_labels(
        self,
        accounts: dict[str, tuple[str | None, int, int]],
        auxiliary: dict[tuple[str, str], tuple[str | None, int, int]],
    ) -> None:
        """Labels of the accounts whose lines disagree: the first line's, in file order.

        The first lines are read from the file's beginning in Python; an account
        not met there (rare) is looked for by streaming the file in order.
        """
        wanted = {a for a, (label, _, _) in accounts.items() if label is None}
        wanted_aux = {k for k, (label, _, _) in auxiliary.items() if label is None}

        def found(a: str, label: str, x: str, aux_label: str) -> bool:
            if a in wanted:
                wanted.discard(a)
                accounts[a] = (label.strip(), *accounts[a][1:])
            if (a, x) in wanted_aux:
                wanted_aux.discard((a, x))
                auxiliary[(a, x)] = (aux_label.strip(), *auxiliary[(a, x)][1:])
            return not wanted and not wanted_aux

        if not wanted and not wanted_aux:
            return
        for row in self._first_rows():
            if found(*row):
                return
        self._stream_labels(wanted | {a for a, _ in wanted_aux}, found)

    def _first_rows(self) -> list[tuple[str, str, str, str]]:
        """(account, label, aux, aux label) of the lines of the file's first MiBs."""
        with Path(self.params["path"]).open("rb") as handle:
            head = handle.read(PROBE_BYTES)
        head = head[: head.rfind(b"\n") + 1]
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            return []
        positions = [self.positions[k] for k in ("a", "lab", "x", "xl")]
        rows = []
        for line in text.split("\n")[self.header_number : -1]:
            if not line.strip():
                continue
            fields = line.rstrip("\r").split(self.params["delim"])
            rows.append(tuple(fields[p] if p is not None else "" for p in positions))
        return rows  # type: ignore[return-value]

    def _stream_labels(
        self, pending: set[str], found: Callable[[str, str, str, str], bool]
    ) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        sql = (
            f"SELECT {self.account} AS a, {self.label or "''"} AS lab, "
            f"{self.aux or "''"} AS x, {self.aux_label or "''"} AS xl FROM {self.source}"
        )
        reader = self.connection.sql(sql, params=self.params).to_arrow_reader(LABEL_BATCH_ROWS)
        accounts = pa.array(sorted(pending), pa.string())
        for batch in reader:
            chosen = batch.filter(pc.is_in(batch.column("a"), value_set=accounts))
            columns = (chosen.column(n).to_pylist() for n in ("a", "lab", "x", "xl"))
            for row in zip(*columns, strict=True):
                if found(*row):
                    return


def _merge(
    known: tuple[str | None, int, int] | None, label: str, debit: Decimal, credit: Decimal
) -> tuple[str | None, int, int]:
    """Sums of an account met with one more label; ``None``: labels differ, first to find."""
    if known is None:
        return label.strip(), _cents(debit), _cents(credit)
    first, d, c = known
    return (first if first == label.strip() else None), d + _cents(debit), c + _cents(credit)


def _parse_dates(values: list[str]) -> dict[str, dt.date]:
    """Each distinct spelling as a date; one that is no date is an anomaly."""
    days: dict[str, dt.date] = {}
    for value in values:
        try:
            days[value] = parse_date(value)
        except ValueError:
            raise _Outcome(IRREGULAR) from None
    return days


# The bytes Windows-1252 leaves without a character.
UNDEFINED_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")


def holds_any(path: Path, values: frozenset[int]) -> bool:
    """Whether the file holds any of the byte ``values`` (one memory-mapped scan per byte)."""
    if not path.stat().st_size:
        return False
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return any(m.find(bytes([value])) != -1 for value in values)


def has_nul(path: Path) -> bool:
    """Whether the file holds a NUL byte (a damaged line the line-by-line reader names)."""
    return holds_any(path, frozenset(b"\x00"))
