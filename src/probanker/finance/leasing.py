"""Leasing (crédit-bail) rents with a residual value (purchase option).

The lessor finances ``cost``; the lessee pays ``periods`` equal rents and may
buy the asset for the residual value at the end. Rents are paid in advance
(at the start of each period, usual in leasing) or in arrears:

    cost = R · a(n, i) · (1 + i if in advance) + V · (1 + i)^−n

where a(n, i) = (1 − (1 + i)^−n) / i.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

CENT = Decimal("0.01")


def leasing_rent(
    cost: Decimal,
    annual_rate: Decimal,
    periods: int,
    periods_per_year: int = 12,
    residual: Decimal = Decimal(0),
    in_advance: bool = True,
) -> Decimal:
    """The constant rent (excluding VAT) that repays ``cost`` less the residual value."""
    if periods <= 0 or cost <= 0 or residual < 0 or residual >= cost:
        raise ValueError("coût positif, durée positive et valeur résiduelle inférieure au coût")
    with localcontext() as ctx:
        ctx.prec = 34
        i = annual_rate / Decimal(100) / periods_per_year
        if i == 0:
            return ((cost - residual) / periods).quantize(CENT, ROUND_HALF_UP)
        discount = (1 + i) ** -periods
        annuity_factor = (1 - discount) / i
        if in_advance:
            annuity_factor *= 1 + i
        rent = (cost - residual * discount) / annuity_factor
    return rent.quantize(CENT, ROUND_HALF_UP)
