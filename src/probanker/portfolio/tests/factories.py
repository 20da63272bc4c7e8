"""A small worked portfolio: one client whose every figure is computed by hand in the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from probanker import lake
from probanker.banking.tests.factories import ContractFactory, product
from probanker.parties.tests.factories import PartyFactory, PartyRoleFactory, PersonFactory
from probanker.portfolio.models import TransferPrice

AS_OF = dt.date(2026, 6, 30)
D = Decimal


def balance_row(account: Any, day: dt.date, cents: int) -> dict[str, object]:
    return {"account_id": account.pk, "party_id": account.party_id, "date": day,
            "balance_cents": cents, "limit_cents": 200_000, "month": lake.month_of(day)}  # fmt: skip


def move_row(account: Any, day: dt.date, cents: int, family: str, label: str) -> dict[str, object]:
    return {"account_id": account.pk, "party_id": account.party_id, "booking_date": day,
            "value_date": day, "amount_cents": cents, "family": family, "label": label,
            "month": lake.month_of(day)}  # fmt: skip


def prices() -> None:
    """Credit 2 % from 2025 then 3 % from 2026; deposits 2.5 %; sight 1 %."""
    for kind, start, rate in (
        ("credit", dt.date(2025, 1, 1), "2"), ("credit", dt.date(2026, 1, 1), "3"),
        ("credit", dt.date(2026, 7, 1), "9"),  # not yet in force on AS_OF
        ("deposit", dt.date(2025, 1, 1), "2.5"), ("sight", dt.date(2025, 1, 1), "1"),
    ):  # fmt: skip
        TransferPrice.objects.create(kind=kind, start=start, rate=D(rate))


def worked_client(manager: Any, lake_dir: Path) -> Any:
    """The client of the hand-worked figures (see test_compute)."""
    from probanker.diagnosis.tests.factories import fiscal_year

    party = PartyFactory(
        manager=manager, legal_form="EI", party_type="sole_trader", tax_regime="bnc_controlee",
        segment="liberal", client_since=dt.date(2019, 5, 1),
    )  # fmt: skip
    account = ContractFactory(party=party, balance=D("5000"))
    ContractFactory(party=party, product=product("overdraft"), account=account, balance=0,
                    authorised_limit=D("2000"), rate=D("10"))  # fmt: skip
    ContractFactory(party=party, product=product("equipment_loan"), balance=D("100000"),
                    rate=D("4"))  # fmt: skip
    ContractFactory(party=party, product=product("savings_account"), balance=D("20000"),
                    rate=D("1"))  # fmt: skip
    ContractFactory(party=party, product=product("term_deposit"), balance=0,
                    closed_on=dt.date(2026, 5, 1))  # fmt: skip
    PartyRoleFactory(party=party, person=PersonFactory(birth_date=dt.date(1960, 1, 1)))
    fiscal_year(party, manager, year=2025, receipts=120_000)
    start = AS_OF - dt.timedelta(days=365)
    days = [start + dt.timedelta(days=n) for n in range(365)]
    balances = [
        balance_row(account, d, -100_000 if n < 73 else 500_000) for n, d in enumerate(days)
    ]
    lake.replace_dataset(
        lake_dir, lake.BALANCES, pa.Table.from_pylist(balances, lake.BALANCES.schema)
    )
    moves = [
        move_row(account, dt.date(2026, 2, 10), 6_000_000, "card_receipts", "REMISE CB"),
        move_row(account, dt.date(2025, 2, 10), 10_000_000, "card_receipts", "REMISE CB"),
        move_row(account, dt.date(2026, 3, 1), 5_000_000, "loan_drawdown", "DEBLOCAGE PRET"),
        move_row(account, dt.date(2026, 3, 31), -3_500, "fees", "FRAIS TENUE DE COMPTE"),
        move_row(account, dt.date(2026, 3, 31), -5_000, "fees", "COTISATION CARTE AFFAIRES"),
        move_row(account, dt.date(2026, 3, 31), -800, "fees", "COMMISSION D'INTERVENTION"),
        move_row(account, dt.date(2026, 3, 31), -2_000, "fees", "INTERETS DEBITEURS"),
        move_row(account, dt.date(2025, 3, 31), -3_500, "fees", "FRAIS TENUE DE COMPTE"),
    ]  # fmt: skip
    lake.replace_dataset(
        lake_dir, lake.MOVEMENTS, pa.Table.from_pylist(moves, lake.MOVEMENTS.schema)
    )
    return party
