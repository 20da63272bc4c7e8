"""Debt capacity: how much more debt service a client can bear, and the loan it buys.

Two limits, both documented defaults a manager can override:

- **coverage**: the CAF must cover the whole annual debt service ``target_dscr``
  times (default 1.25, a usual floor of French professional credit);
- **repayment capacity**: financial debt must stay within ``max_years`` years of
  CAF (default 4; DOMAIN.md: above 3-4 years is a warning).

The CAF comes from the statements, or for a liberal profession from the BNC
result plus depreciation, or for a micro-entrepreneur from turnover times a
sector margin. Everything is ``Decimal``; amounts are rounded to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
DEFAULT_TARGET_DSCR = Decimal("1.25")
DEFAULT_MAX_YEARS = Decimal(4)


class Amortisation(StrEnum):
    ANNUITY = "annuity"
    CONSTANT = "constant"
    IN_FINE = "in_fine"


def caf_from_bnc(result: Decimal, depreciation: Decimal = Decimal(0)) -> Decimal:
    """A liberal profession's CAF: the 2035 result plus depreciation (non-cash)."""
    return (result + depreciation).quantize(CENT)


def caf_from_micro(turnover: Decimal, sector_margin: Decimal) -> Decimal:
    """A micro-entrepreneur's CAF estimate: turnover × the sector's margin rate."""
    if not Decimal(0) <= sector_margin <= Decimal(1):
        raise ValueError("le taux de marge du secteur doit être compris entre 0 et 1")
    return (turnover * sector_margin).quantize(CENT, ROUND_HALF_UP)


def first_year_service(
    principal: Decimal, annual_rate: Decimal, months: int, amortisation: Amortisation
) -> Decimal:
    """The debt service of the first twelve monthly payments of a loan.

    ``annual_rate`` is in percent (4.20 for 4.20 %); the monthly rate is
    proportional (rate / 12), as professional loans are quoted.
    """
    if months <= 0:
        raise ValueError("la durée doit être positive")
    return _first_year_exact(principal, annual_rate, months, amortisation).quantize(
        CENT, ROUND_HALF_UP
    )


def _first_year_exact(
    principal: Decimal, annual_rate: Decimal, months: int, amortisation: Amortisation
) -> Decimal:
    """First-year service before rounding (linear in ``principal``)."""
    i = annual_rate / Decimal(1200)
    n = Decimal(months)
    paid = min(months, 12)
    if amortisation is Amortisation.ANNUITY:
        payment = principal / n if i == 0 else principal * i / (1 - (1 + i) ** -months)
        return payment * paid
    if amortisation is Amortisation.CONSTANT:
        capital = principal / n
        interest = sum(((principal - capital * k) * i for k in range(paid)), Decimal(0))
        return capital * paid + interest
    interest_only = principal * i * paid
    if months <= 12:
        interest_only += principal
    return interest_only


def largest_loan(
    annual_service: Decimal, annual_rate: Decimal, months: int, amortisation: Amortisation
) -> Decimal:
    """The largest principal whose first-year service fits ``annual_service``.

    First-year service is linear in the principal for every amortisation type,
    so the answer is the capacity divided by the service of one euro, rounded
    down to the cent (never above the capacity).
    """
    if annual_service <= 0:
        return Decimal("0.00")
    if months <= 0:
        raise ValueError("la durée doit être positive")
    per_euro = _first_year_exact(Decimal(1), annual_rate, months, amortisation)
    if per_euro <= 0:
        raise ValueError("service de la dette nul : taux et durée incohérents")
    loan = (annual_service / per_euro).quantize(CENT, ROUND_DOWN)
    # Rounding the service to the cent may still tip it over: step down.
    while loan > 0 and first_year_service(loan, annual_rate, months, amortisation) > annual_service:
        loan -= CENT
    return loan


@dataclass(frozen=True)
class DebtCapacity:
    """What the client can still borrow, and which limit binds."""

    caf: Decimal
    existing_service: Decimal
    existing_debt: Decimal
    extra_service: Decimal  # by the coverage rule
    extra_debt: Decimal  # by the repayment-capacity rule
    largest_loan: Decimal
    binding_rule: str  # "couverture" or "capacité de remboursement" or "aucune capacité"
    target_dscr: Decimal
    max_years: Decimal


def debt_capacity(
    *,
    caf: Decimal,
    existing_service: Decimal,
    existing_debt: Decimal,
    annual_rate: Decimal,
    months: int,
    amortisation: Amortisation = Amortisation.ANNUITY,
    target_dscr: Decimal = DEFAULT_TARGET_DSCR,
    max_years: Decimal = DEFAULT_MAX_YEARS,
) -> DebtCapacity:
    """The extra debt service and the largest new loan (rate, term, type) the client can bear."""
    if target_dscr <= 0 or max_years <= 0:
        raise ValueError("la couverture cible et la durée maximale doivent être positives")
    extra_service = max(Decimal(0), caf / target_dscr - existing_service).quantize(CENT, ROUND_DOWN)
    extra_debt = max(Decimal(0), caf * max_years - existing_debt).quantize(CENT, ROUND_DOWN)
    try:
        by_service = largest_loan(extra_service, annual_rate, months, amortisation)
    except ValueError:
        # An interest-free bullet loan costs nothing in its first year: only the
        # repayment-capacity rule limits it.
        by_service = extra_debt
    loan = min(by_service, extra_debt)
    if loan <= 0:
        rule = "aucune capacité"
    elif by_service <= extra_debt:
        rule = "couverture"
    else:
        rule = "capacité de remboursement"
    return DebtCapacity(
        caf=caf.quantize(CENT),
        existing_service=existing_service.quantize(CENT),
        existing_debt=existing_debt.quantize(CENT),
        extra_service=extra_service,
        extra_debt=extra_debt,
        largest_loan=max(loan, Decimal("0.00")),
        binding_rule=rule,
        target_dscr=target_dscr,
        max_years=max_years,
    )
