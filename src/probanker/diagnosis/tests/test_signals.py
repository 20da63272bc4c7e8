"""The diagnosis signals provider: the risk batch's columns from each client's latest year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from probanker.core.registry import signal_providers
from probanker.diagnosis import services
from probanker.diagnosis.signals import COLUMNS, latest_signals
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def loss_year(party: Any, actor: Any, year: int) -> Any:
    """A 2035 year whose external charges exceed the receipts: EBE negative."""
    r = Decimal(50_000)
    return services.save_statement(
        actor=actor, party=party, source="2035", start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        entries={
            "receipts": r, "purchases": Decimal(0), "staff_costs": Decimal(0),
            "own_social_charges": Decimal(0), "taxes": Decimal(0),
            "rents_and_other_external": r * 2, "financial_charges": Decimal(0),
            "depreciation": Decimal(0), "result": -r, "debt_service": Decimal(0),
        },
    )  # fmt: skip


def test_signals_come_from_the_latest_year(manager1: Any) -> None:
    """A client profitable in 2024 and losing in 2025 is read from 2025; no year, no entry."""
    party = PartyFactory(manager=manager1)
    fiscal_year(party, manager1, year=2024)
    loss_year(party, manager1, 2025)
    healthy = PartyFactory(manager=manager1)
    fiscal_year(healthy, manager1, year=2025)
    without = PartyFactory(manager=manager1)
    signals = latest_signals()
    assert signals[party.pk]["ebe_negative"] is True
    assert signals[healthy.pk]["ebe_negative"] is False
    assert signals[healthy.pk]["equity_negative"] is False
    assert without.pk not in signals
    assert set(signals[party.pk]) == set(COLUMNS)


def test_diagnosis_registers_its_provider_and_risk_reads_it(manager1: Any) -> None:
    """risk's signal table has the provider's columns, false for a client without a year."""
    from probanker.banking.tests.factories import ContractFactory, product
    from probanker.risk.services import signals_table

    provider = signal_providers.get("diagnosis")
    assert provider is not None
    assert dict(provider.columns) == COLUMNS
    party = PartyFactory(manager=manager1)
    loss_year(party, manager1, 2025)
    borrower = PartyFactory(manager=manager1)
    ContractFactory(party=borrower, product=product("equipment_loan"), balance=Decimal("1234.56"))
    rows = {r["party_id"]: r for r in signals_table().to_pylist()}
    assert rows[party.pk]["ebe_negative"] is True
    assert rows[borrower.pk]["ebe_negative"] is False
    assert rows[borrower.pk]["repayment_years_x100"] is None
    assert rows[borrower.pk]["loans_outstanding_cents"] == 123_456
