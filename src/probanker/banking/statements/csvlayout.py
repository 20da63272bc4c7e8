"""probanker's CSV layout for core-banking extracts (documented in README.md).

UTF-8 (with or without BOM), « ; » separator, a header line naming the
columns (any order; extra columns are ignored). The header decides the kind:

- **movements**: ``account;booking_date;value_date;amount;family;label`` (+ optional
  ``reference``): one booked movement per line, ``amount`` signed (credit
  positive), ``family`` one of the lake's families or empty (then
  ``other_credit``/``other_debit``);
- **balances**: ``account;date;balance;limit``: end-of-day balance and
  authorised limit (0 without one);
- **instalments**: ``contract;due_date;amount_due;paid_date;amount_paid``: loan
  instalments due and, when paid, when and how much.

``account`` is an IBAN or a contract number; dates are ``YYYY-MM-DD``; amounts
use a point or a comma for cents, no thousands separator. Movements and
balances of the same account are paired into one statement per balance date
(the previous balance + the movements booked since = this balance), so a CSV
extract is reconciled like a camt.053 or CFONB file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from probanker.banking.statements import families
from probanker.banking.statements.model import AccountRef, Entry, Statement, StatementError

KINDS = {
    "movements": ("account", "booking_date", "value_date", "amount", "family", "label"),
    "balances": ("account", "date", "balance", "limit"),
    "instalments": ("contract", "due_date", "amount_due", "paid_date", "amount_paid"),
}


@dataclass(frozen=True)
class Balance:
    account: str
    date: dt.date
    balance_cents: int
    limit_cents: int


@dataclass(frozen=True)
class Instalment:
    contract: str
    due_date: dt.date
    amount_due_cents: int
    paid_date: dt.date | None
    amount_paid_cents: int


@dataclass
class CsvContent:
    """What one CSV file holds (only the list of its kind is filled)."""

    source: str
    kind: str
    movements: dict[str, list[Entry]]
    balances: list[Balance]
    instalments: list[Instalment]


def _cents(source: str, line: int, field: str, raw: str, optional: bool = False) -> int:
    raw = raw.strip().replace(",", ".")
    if not raw and optional:
        return 0
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise StatementError(
            f"{source}, ligne {line}, {field} : montant illisible « {raw} »."
        ) from exc
    cents = value * 100
    if not value.is_finite() or cents != cents.to_integral_value():
        raise StatementError(f"{source}, ligne {line}, {field} : montant impossible « {raw} ».")
    return int(cents)


def _date(source: str, line: int, field: str, raw: str, optional: bool = False) -> dt.date | None:
    raw = raw.strip()
    if not raw and optional:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise StatementError(
            f"{source}, ligne {line}, {field} : date « {raw} » invalide (AAAA-MM-JJ attendu)."
        ) from exc


def read_csv(path: Path) -> CsvContent:
    """One CSV extract (kind decided by its header)."""
    source = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatementError(
            f"{source}, octet {exc.start} : le fichier n'est pas en UTF-8 ({exc.reason})."
        ) from exc
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    kind = next((k for k, cols in KINDS.items() if set(cols) <= set(header)), None)
    if kind is None:
        expected = " | ".join(";".join(cols) for cols in KINDS.values())
        raise StatementError(
            f"{source}, ligne 1 : en-tête « {';'.join(header)} » non reconnu ; attendu : {expected}."
        )
    reader.fieldnames = header
    content = CsvContent(source, kind, {}, [], [])
    for line, row in enumerate(reader, start=2):
        if None in row:
            raise StatementError(f"{source}, ligne {line} : plus de colonnes que l'en-tête.")
        values = {k: (v or "") for k, v in row.items()}
        if kind == "movements":
            amount = _cents(source, line, "amount", values["amount"])
            family = values["family"].strip() or families.other(amount)
            if family not in families.FAMILIES:
                raise StatementError(
                    f"{source}, ligne {line}, family : famille « {family} » inconnue "
                    f"({', '.join(sorted(families.FAMILIES))})."
                )
            booking = _date(source, line, "booking_date", values["booking_date"])
            assert booking is not None
            value = _date(source, line, "value_date", values["value_date"], optional=True)
            content.movements.setdefault(values["account"].strip(), []).append(
                Entry(
                    booking_date=booking,
                    value_date=value or booking,
                    amount_cents=amount,
                    family=family,
                    label=values["label"].strip()[:140],
                    reference=values.get("reference", "").strip(),
                )
            )
        elif kind == "balances":
            day = _date(source, line, "date", values["date"])
            assert day is not None
            content.balances.append(
                Balance(
                    account=values["account"].strip(),
                    date=day,
                    balance_cents=_cents(source, line, "balance", values["balance"]),
                    limit_cents=_cents(source, line, "limit", values["limit"], optional=True),
                )
            )
        else:
            due = _date(source, line, "due_date", values["due_date"])
            assert due is not None
            content.instalments.append(
                Instalment(
                    contract=values["contract"].strip(),
                    due_date=due,
                    amount_due_cents=_cents(source, line, "amount_due", values["amount_due"]),
                    paid_date=_date(source, line, "paid_date", values["paid_date"], optional=True),
                    amount_paid_cents=_cents(
                        source, line, "amount_paid", values["amount_paid"], optional=True
                    ),
                )
            )
    return content


def pair(contents: list[CsvContent]) -> list[Statement]:
    """Statements from CSV movements and balances: one per account and balance date.

    The first balance of an account opens its history; each later balance
    closes a statement whose entries are the movements booked after the
    previous balance date, up to this one. Movements of an account without
    balances make one statement without balances (not checkable).
    """
    movements: dict[str, list[tuple[str, Entry]]] = {}
    balances: dict[str, list[tuple[str, Balance]]] = {}
    for content in contents:
        for account, booked in content.movements.items():
            movements.setdefault(account, []).extend((content.source, e) for e in booked)
        for b in content.balances:
            balances.setdefault(b.account, []).append((content.source, b))
    statements = []
    for account in sorted(set(movements) | set(balances)):
        ref = AccountRef(iban=account) if account[:2].isalpha() else AccountRef(number=account)
        entries = sorted(movements.get(account, []), key=lambda x: x[1].booking_date)
        days = sorted(balances.get(account, []), key=lambda x: x[1].date)
        if not days:
            source = entries[0][0]
            statement = Statement(
                source, "toutes les lignes", ref, "EUR", "csv", None, None, None, None
            )
            statement.entries = [e for _, e in entries]
            statements.append(statement)
            continue
        for (_, before), (source, after) in itertools.pairwise(days):
            statement = Statement(
                source=source,
                position=f"solde du {after.date}",
                account=ref,
                currency="EUR",
                statement_id=f"csv-{after.date}",
                opening_date=before.date,
                opening_cents=before.balance_cents,
                closing_date=after.date,
                closing_cents=after.balance_cents,
                entries=[e for _, e in entries if before.date < e.booking_date <= after.date],
            )
            statements.append(statement)
    return statements
