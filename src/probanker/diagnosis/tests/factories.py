"""Fiscal years for tests, written through the service like a user would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from probanker.diagnosis import services
from probanker.diagnosis.models import FiscalYear


def fiscal_year(party: Any, actor: Any, year: int = 2024, receipts: int = 90_000) -> FiscalYear:
    """A 2035 year (liberal profession) with a 40 % margin."""
    r = Decimal(receipts)
    return services.save_statement(
        actor=actor,
        party=party,
        source="2035",
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        entries={
            "receipts": r,
            "purchases": Decimal(0),
            "staff_costs": Decimal(0),
            "own_social_charges": r * Decimal("0.10"),
            "taxes": Decimal(0),
            "rents_and_other_external": r * Decimal("0.45"),
            "financial_charges": r * Decimal("0.01"),
            "depreciation": r * Decimal("0.04"),
            "result": r * Decimal("0.40"),
            "debt_service": r * Decimal("0.08"),
        },
    )
