"""Debt capacity and the largest loan, worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from probanker.finance.capacity import (
    Amortisation,
    caf_from_bnc,
    caf_from_micro,
    debt_capacity,
    first_year_service,
    largest_loan,
)


def test_annuity_first_year_service() -> None:
    """100,000 over 84 months at 4.20 %: the usual monthly payment of 1,376.11."""
    service = first_year_service(Decimal(100_000), Decimal("4.20"), 84, Amortisation.ANNUITY)
    assert (service / 12).quantize(Decimal("0.01")) == Decimal("1376.11")


def test_constant_and_in_fine() -> None:
    # Constant principal: 12 × 1,000 + interest on 120,000 … 109,000 at 0.5 %/month.
    constant = first_year_service(Decimal(120_000), Decimal(6), 120, Amortisation.CONSTANT)
    assert constant == Decimal(12_000) + Decimal("6870.00")
    in_fine = first_year_service(Decimal(100_000), Decimal("3.60"), 60, Amortisation.IN_FINE)
    assert in_fine == Decimal("3600.00")


@given(
    st.decimals(min_value=1000, max_value=10**7, places=2),
    st.decimals(min_value=0, max_value=12, places=2),
    st.integers(min_value=12, max_value=300),
    st.sampled_from(list(Amortisation)),
)
def test_largest_loan_fits_its_service(
    service: Decimal, rate: Decimal, months: int, kind: Amortisation
) -> None:
    """The largest loan's first-year service never exceeds the capacity, and is close to it."""
    assume(not (rate == 0 and kind is Amortisation.IN_FINE and months > 12))
    loan = largest_loan(service, rate, months, kind)
    paid = first_year_service(loan, rate, months, kind)
    assert paid <= service
    assert first_year_service(loan + Decimal(100), rate, months, kind) > service - Decimal("0.05")


def test_coverage_binds() -> None:
    """CAF 50,000 covers 40,000 of service at 1.25×; 16,000 is used: 24,000 left."""
    result = debt_capacity(
        caf=Decimal(50_000), existing_service=Decimal(16_000), existing_debt=Decimal(50_000),
        annual_rate=Decimal("4.20"), months=84,
    )  # fmt: skip
    assert result.extra_service == Decimal("24000.00")
    assert result.extra_debt == Decimal("150000.00")
    assert result.binding_rule == "couverture"
    assert result.largest_loan == largest_loan(
        Decimal(24_000), Decimal("4.20"), 84, Amortisation.ANNUITY
    )
    # 24,000 / (12 × 1,376.11 / 100,000) ≈ 145,333
    assert Decimal(145_300) < result.largest_loan < Decimal(145_400)


def test_repayment_capacity_binds_and_no_capacity() -> None:
    heavy = debt_capacity(
        caf=Decimal(50_000), existing_service=Decimal(5_000), existing_debt=Decimal(180_000),
        annual_rate=Decimal(4), months=240,
    )  # fmt: skip
    assert heavy.binding_rule == "capacité de remboursement"
    assert heavy.largest_loan == Decimal("20000.00")
    none = debt_capacity(
        caf=Decimal(-5_000), existing_service=Decimal(0), existing_debt=Decimal(0),
        annual_rate=Decimal(4), months=60,
    )  # fmt: skip
    assert none.largest_loan == Decimal("0.00")
    assert none.binding_rule == "aucune capacité"


def test_other_regimes() -> None:
    assert caf_from_bnc(Decimal("62000"), Decimal("4500")) == Decimal("66500.00")
    assert caf_from_micro(Decimal("70000"), Decimal("0.34")) == Decimal("23800.00")
    with pytest.raises(ValueError, match="entre 0 et 1"):
        caf_from_micro(Decimal(1), Decimal(34))
