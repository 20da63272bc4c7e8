"""What reading a FEC produces: balances, entries, and the anomalies found."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from probanker.finance.amounts import to_decimal

MAX_STORED_PER_CODE = 50

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Anomaly:
    """One finding of the validation: a code, a severity, where, and what."""

    code: str
    severity: str
    line: int | None
    message: str
    field: str | None = None


class FecFileError(ValueError):
    """The file cannot be read as a FEC at all; the message says why, in French.

    ``anomaly`` is the same finding as a report would hold it (code, error
    severity, line when one is to blame), for callers that list anomalies.
    """

    def __init__(self, message: str, code: str = "FEC-ILLISIBLE", line: int | None = None) -> None:
        super().__init__(message)
        self.anomaly = Anomaly(code, ERROR, line, message)


@dataclass
class Balance:
    """Debit and credit of an account (integer cents while reading)."""

    label: str = ""
    debit_cents: int = 0
    credit_cents: int = 0

    @property
    def debit(self) -> Decimal:
        return to_decimal(self.debit_cents)

    @property
    def credit(self) -> Decimal:
        return to_decimal(self.credit_cents)

    @property
    def balance(self) -> Decimal:
        """``credit − debit`` (DOMAIN.md's SLD): positive for a credit balance."""
        return to_decimal(self.credit_cents - self.debit_cents)


@dataclass
class _Group:
    debit: int = 0
    credit: int = 0
    first_line: int = 0


@dataclass
class _Entry:
    first_line: int
    debit: int = 0
    credit: int = 0
    days: set[dt.date] = field(default_factory=set)


@dataclass
class FecReport:
    """What a FEC holds and what is wrong with it."""

    source: str
    encoding: str = ""
    separator: str = ""
    columns: list[str] = field(default_factory=list)
    lines: int = 0
    entries: int = 0
    unbalanced_entries: int = 0
    journals: set[str] = field(default_factory=set)
    debit_cents: int = 0
    credit_cents: int = 0
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    closing_date_in_name: dt.date | None = None
    siren_in_name: str | None = None
    entries_rebuilt: bool = False
    accounts: dict[str, Balance] = field(default_factory=dict)
    auxiliary: dict[tuple[str, str], Balance] = field(default_factory=dict)
    anomalies: list[Anomaly] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)

    def add(
        self, code: str, severity: str, line: int | None, message: str, column: str | None = None
    ) -> None:
        """Record an anomaly; only the first ones of each code keep their text."""
        self.counts[code] += 1
        self.severities[severity] += 1
        if self.counts[code] <= MAX_STORED_PER_CODE:
            self.anomalies.append(Anomaly(code, severity, line, message, column))

    @property
    def errors(self) -> int:
        return self.severities[ERROR]

    @property
    def warnings(self) -> int:
        return self.severities[WARNING]

    @property
    def ok(self) -> bool:
        """No error-level anomaly (warnings allowed)."""
        return self.errors == 0

    @property
    def debit(self) -> Decimal:
        return to_decimal(self.debit_cents)

    @property
    def credit(self) -> Decimal:
        return to_decimal(self.credit_cents)

    def class_total(self, *prefixes: str) -> Decimal:
        """Σ(credit − debit) of the accounts starting with any prefix."""
        cents = sum(
            b.credit_cents - b.debit_cents
            for account, b in self.accounts.items()
            if account.startswith(prefixes)
        )
        return to_decimal(cents)

    @property
    def result(self) -> Decimal:
        """Σ class 7 − Σ class 6: the year's result (no closing entries in a FEC)."""
        return self.class_total("6", "7")
