"""What every statement format is read into; amounts in integer cents."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


class StatementError(ValueError):
    """A file cannot be read as a statement; the message says where and what."""


@dataclass(frozen=True)
class AccountRef:
    """How a statement names its account: an IBAN, or a French bank/branch/account number."""

    iban: str = ""
    bank: str = ""
    branch: str = ""
    number: str = ""

    @property
    def label(self) -> str:
        if self.iban:
            return self.iban
        return f"{self.bank} {self.branch} {self.number}".strip()

    def matches_iban(self, iban: str) -> bool:
        """Whether an IBAN designates this account (French RIB inside the IBAN)."""
        iban = iban.replace(" ", "").upper()
        if self.iban:
            return iban == self.iban.replace(" ", "").upper()
        if not (iban.startswith("FR") and len(iban) == 27):
            return False
        return (iban[4:9], iban[9:14], iban[14:25]) == (self.bank, self.branch, self.number)


@dataclass(frozen=True)
class Entry:
    """One booked movement: positive is a credit to the account."""

    booking_date: dt.date
    value_date: dt.date
    amount_cents: int
    family: str
    label: str
    codes: str = ""  # the bank transaction code(s) as found, for the record
    reference: str = ""
    transactions: int = 1  # a batch entry stands for several transactions


@dataclass
class Statement:
    """One statement of one account, with its balances and entries."""

    source: str  # file name
    position: str  # where in the file (line or element), for messages
    account: AccountRef
    currency: str
    statement_id: str
    opening_date: dt.date | None
    opening_cents: int | None
    closing_date: dt.date | None
    closing_cents: int | None
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # French, naming file and statement
    # Balances written without their credit/debit side ("opening"/"closing" → the
    # balance type, e.g. OPBD): read as credits, for the breaks to question.
    unsigned: dict[str, str] = field(default_factory=dict)

    @property
    def movement_cents(self) -> int:
        return sum(e.amount_cents for e in self.entries)

    @property
    def reconciled(self) -> bool | None:
        """Opening + Σ entries = closing (``None`` without both balances)."""
        if self.opening_cents is None or self.closing_cents is None:
            return None
        return self.opening_cents + self.movement_cents == self.closing_cents

    @property
    def key(self) -> str:
        """Identity of the statement, stable across files: account, id, dates, balances, entries."""
        text = "|".join(
            [
                self.account.label,
                self.statement_id,
                str(self.opening_date),
                str(self.closing_date),
                str(self.opening_cents),
                str(self.closing_cents),
                str(len(self.entries)),
                str(self.movement_cents),
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]
