"""Storing checked statements: the lake (Parquet) and the registry, all or nothing.

Each new statement's movements and end-of-day balances go to one Parquet file
per month named after the statement's key (``stmt-<key>.parquet``, see
``lake.statement_file``), written to a temporary name and renamed
(``lake.write_file``); the registry row (:class:`ImportedStatement`)
is written in the same database transaction. Because file names derive from
the key, re-running an import after a crash rewrites the same files rather
than adding copies, and a statement already in the registry is skipped.
Instalments (CSV) replace, per month, the rows of the same contract and due date
(``lake.upsert_month``, under the lake's exclusive lock).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
from django.db import transaction
from django.db.models import Q

from probanker import lake
from probanker.banking.models import Contract, ImportedStatement
from probanker.banking.statements.csvlayout import Instalment
from probanker.banking.statements.model import AccountRef, Statement


@dataclass
class ImportOutcome:
    stored: int = 0
    already: int = 0
    unknown_accounts: list[str] = field(default_factory=list)
    instalments: int = 0
    unknown_contracts: list[str] = field(default_factory=list)


def match_contracts(refs: list[AccountRef]) -> dict[str, Contract]:
    """Contracts held for each account reference (by IBAN, RIB inside the IBAN, or number)."""
    ibans = {r.iban.replace(" ", "").upper() for r in refs if r.iban}
    numbers = {r.number for r in refs if r.number and not r.bank}
    ribs = {(r.bank, r.branch, r.number) for r in refs if r.bank}
    query = Q(iban__in=ibans) | Q(number__in=numbers)
    for bank, branch, number in ribs:
        query |= Q(iban__startswith="FR", iban__contains=f"{bank}{branch}{number}")
    candidates = list(Contract.objects.filter(query).select_related("party"))
    found: dict[str, Contract] = {}
    for ref in refs:
        for contract in candidates:
            if (contract.iban and ref.matches_iban(contract.iban)) or (
                ref.number and not ref.bank and contract.number == ref.number
            ):
                found[ref.label] = contract
                break
    return found


def _limit_cents(contract: Contract) -> int:
    total = sum((line.authorised_limit or Decimal(0)) for line in contract.lines.all())
    return int(total * 100)


def _tables(statement: Statement, contract: Contract) -> dict[lake.Dataset, dict[str, pa.Table]]:
    """Movements and end-of-day balances of one statement, by dataset and month.

    The tables have the datasets' file schemas: the month is the file's folder.
    """
    movements: dict[str, list[dict[str, object]]] = defaultdict(list)
    for e in statement.entries:
        movements[lake.month_of(e.booking_date)].append(
            {
                "account_id": contract.pk,
                "party_id": contract.party_id,
                "booking_date": e.booking_date,
                "value_date": e.value_date,
                "amount_cents": e.amount_cents,
                "family": e.family,
                "label": e.label,
            }
        )
    balances: dict[str, list[dict[str, object]]] = defaultdict(list)
    if statement.opening_cents is not None:
        limit = _limit_cents(contract)
        running = statement.opening_cents
        by_day: dict[dt.date, int] = defaultdict(int)
        for e in statement.entries:
            by_day[e.booking_date] += e.amount_cents
        days = set(by_day)
        if statement.closing_date:
            # The closing day always (a daily camt.053 may date its opening balance
            # the same day), and every calendar day after the opening balance's, carried
            # forward on days without movements: the indicators count days.
            days.add(statement.closing_date)
            day = (statement.opening_date or statement.closing_date) + dt.timedelta(days=1)
            while day < statement.closing_date:
                days.add(day)
                day += dt.timedelta(days=1)
        for day in sorted(days):
            running += by_day.get(day, 0)
            balances[lake.month_of(day)].append(
                {
                    "account_id": contract.pk,
                    "party_id": contract.party_id,
                    "date": day,
                    "balance_cents": running,
                    "limit_cents": limit,
                }
            )
    return {
        lake.MOVEMENTS: {
            m: pa.Table.from_pylist(rows, schema=lake.MOVEMENTS.file_schema)
            for m, rows in movements.items()
        },
        lake.BALANCES: {
            m: pa.Table.from_pylist(rows, schema=lake.BALANCES.file_schema)
            for m, rows in balances.items()
        },
    }


def store_statements(
    statements: list[Statement], file_formats: dict[str, str], lake_dir: Path | None = None
) -> ImportOutcome:
    """Store the statements of known accounts that are not stored yet (see the module doc)."""
    lake_dir = lake.root(lake_dir)
    lake.create_lock(lake_dir)
    outcome = ImportOutcome()
    contracts = match_contracts([s.account for s in statements])
    outcome.unknown_accounts = sorted({s.account.label for s in statements} - set(contracts))
    written: list[Path] = []
    try:
        with transaction.atomic():
            known = [s for s in statements if s.account.label in contracts]
            stored_keys = set(
                ImportedStatement.objects.filter(key__in=[s.key for s in known]).values_list(
                    "contract_id", "key"
                )
            )
            for statement in known:
                contract = contracts[statement.account.label]
                if (contract.pk, statement.key) in stored_keys:
                    outcome.already += 1
                    continue
                for dataset, months in _tables(statement, contract).items():
                    for month, table in months.items():
                        path = lake.statement_file(dataset, month, statement.key, lake_dir)
                        lake.write_file(path, table)
                        written.append(path)
                ImportedStatement.objects.create(
                    contract=contract,
                    key=statement.key,
                    file_format=file_formats.get(statement.source, ""),
                    file_name=statement.source[:255],
                    statement_id=statement.statement_id[:140],
                    opening_date=statement.opening_date,
                    opening_cents=statement.opening_cents,
                    closing_date=statement.closing_date,
                    closing_cents=statement.closing_cents,
                    entries=len(statement.entries),
                )
                stored_keys.add((contract.pk, statement.key))
                outcome.stored += 1
    except BaseException:
        for path in written:  # nothing half-stored: the lake follows the database
            path.unlink(missing_ok=True)
        raise
    return outcome


def store_instalments(
    instalments: list[tuple[str, Instalment]], lake_dir: Path | None = None
) -> ImportOutcome:
    """Replace, month by month, the instalments of the same contract and due date."""
    lake_dir = lake.root(lake_dir)
    lake.create_lock(lake_dir)
    outcome = ImportOutcome()
    numbers = {i.contract for _, i in instalments}
    contracts = {c.number: c for c in Contract.objects.filter(number__in=numbers)}
    outcome.unknown_contracts = sorted(numbers - set(contracts))
    by_month: dict[str, list[Instalment]] = defaultdict(list)
    for _, i in instalments:
        if i.contract in contracts:
            by_month[lake.month_of(i.due_date)].append(i)
    for month, items in by_month.items():
        # One row per contract and due date: the file's last line for a key wins.
        new = {(contracts[i.contract].pk, i.due_date): i for i in items}
        rows = [
            {
                "contract_id": contract_id,
                "party_id": contracts[i.contract].party_id,
                "due_date": i.due_date,
                "amount_due_cents": i.amount_due_cents,
                "paid_date": i.paid_date,
                "amount_paid_cents": i.amount_paid_cents,
            }
            for (contract_id, _), i in new.items()
        ]
        lake.upsert_month(lake_dir, lake.INSTALMENTS, month, rows, key=("contract_id", "due_date"))
        outcome.instalments += len(items)
    return outcome
