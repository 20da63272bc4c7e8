"""Overdraft interest (agios) by the Hamburg method, and the usury check (DOMAIN.md).

For each value-date period the debit balance is multiplied by its number of
days (the « nombre débiteur »); interest = Σ nombres × rate / 365 (or 360 when
the contract stipulates it). A commission on the highest overdraft of the
period is added where agreed. Since the 2003 and 2005 laws the usury ceiling
applies to professionals only for overdrafts (L313-5-1 CMF): ceilings are
dated data (published each quarter by the Banque de France).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Agios:
    debit_numbers: int  # Σ debit balance (cents) × days
    interest: Decimal
    highest_overdraft: Decimal
    commission: Decimal
    days_overdrawn: int

    @property
    def total(self) -> Decimal:
        return self.interest + self.commission


def hamburg(
    balances: list[tuple[dt.date, int]],
    period_end: dt.date,
    annual_rate: Decimal,
    year_days: int = 365,
    commission_rate: Decimal = Decimal(0),
) -> Agios:
    """Agios of a period from value-dated end-of-day balances (cents).

    ``balances`` are (value date, balance from that date on), in any order;
    each holds until the next date, the last one until ``period_end``
    (excluded). ``commission_rate`` (percent) applies to the highest overdraft.
    """
    if year_days not in (360, 365):
        raise ValueError("année de 365 jours, ou de 360 jours si le contrat le stipule")
    ordered = sorted(balances)
    numbers = 0
    days_overdrawn = 0
    highest = 0
    for (day, balance), following in zip(ordered, [*ordered[1:], (period_end, 0)], strict=True):
        days = (following[0] - day).days
        if balance < 0 and days > 0:
            numbers += -balance * days
            days_overdrawn += days
            highest = max(highest, -balance)
    interest = interest_on_numbers(numbers, annual_rate, year_days)
    highest_euros = Decimal(highest) / 100
    commission = (highest_euros * commission_rate / 100).quantize(CENT, ROUND_HALF_UP)
    return Agios(numbers, interest, highest_euros.quantize(CENT), commission, days_overdrawn)


def interest_on_numbers(numbers: int, annual_rate: Decimal, year_days: int = 365) -> Decimal:
    """Interest on debit numbers (Σ debit balance in cents × days) at ``annual_rate`` percent.

    The last step of the Hamburg method, for callers that sum the numbers
    themselves (the portfolio batch sums them for every client at once).
    """
    if year_days not in (360, 365):
        raise ValueError("année de 365 jours, ou de 360 jours si le contrat le stipule")
    return (Decimal(numbers) / 100 * annual_rate / 100 / year_days).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class UsuryCeiling:
    """The usury ceiling of one category for one quarter (percent)."""

    category: str
    start: dt.date
    end: dt.date
    rate: Decimal


PRO_OVERDRAFT = "decouvert_pro"  # découverts en compte des personnes morales ou physiques pros
# Published ceilings (Banque de France); the application keeps its own editable copy.
USURY_CEILINGS: tuple[UsuryCeiling, ...] = (
    UsuryCeiling(PRO_OVERDRAFT, dt.date(2024, 4, 1), dt.date(2024, 6, 30), Decimal("18.68")),
    UsuryCeiling(PRO_OVERDRAFT, dt.date(2024, 7, 1), dt.date(2024, 9, 30), Decimal("18.81")),
)


@dataclass(frozen=True)
class UsuryCheck:
    ok: bool | None  # None: no ceiling known for that date
    ceiling: Decimal | None
    message: str


def usury_check(
    teg: Decimal,
    on: dt.date,
    category: str = PRO_OVERDRAFT,
    table: tuple[UsuryCeiling, ...] = USURY_CEILINGS,
) -> UsuryCheck:
    """Whether an overdraft's TEG stays under the ceiling in force on ``on``."""
    ceiling = next((c for c in table if c.category == category and c.start <= on <= c.end), None)
    if ceiling is None:
        return UsuryCheck(None, None, f"Aucun taux d'usure connu au {on:%d/%m/%Y} : à renseigner.")
    if teg <= ceiling.rate:
        return UsuryCheck(
            True, ceiling.rate, f"TEG {teg} % sous le taux d'usure de {ceiling.rate} %."
        )
    return UsuryCheck(
        False,
        ceiling.rate,
        f"TEG {teg} % au-dessus du taux d'usure de {ceiling.rate} % : interdit.",
    )
