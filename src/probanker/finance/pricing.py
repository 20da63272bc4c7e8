"""Pricing of a professional loan: the rate built up from its costs, the margin, the RAROC.

    rate floor = funding cost + cost of risk + operating cost + cost of capital
    cost of risk = PD × LGD, LGD after guarantees = LGD × (1 − coverage)
    cost of capital = capital ratio × cost of equity
    RAROC = (client rate − funding − operating − cost of risk) / capital ratio

Rates in percent a year. The probability of default by risk status and the
other parameters are documented defaults of the bank's policy, overridable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Q = Decimal("0.01")

PD_BY_STATUS: dict[str, Decimal] = {
    "sain": Decimal("1.0"),
    "surveillance": Decimal("3.0"),
    "degrade": Decimal("10.0"),
    "defaut": Decimal("100.0"),
}


@dataclass(frozen=True)
class PricingPolicy:
    funding_cost: Decimal = Decimal("3.00")  # the bank's refinancing rate
    operating_cost: Decimal = Decimal("0.60")
    lgd: Decimal = Decimal("45")  # loss given default before guarantees, percent
    capital_ratio: Decimal = Decimal("10")  # capital held per euro lent, percent
    cost_of_equity: Decimal = Decimal("10")  # return required on that capital, percent


@dataclass(frozen=True)
class Pricing:
    funding: Decimal
    risk: Decimal
    operating: Decimal
    capital: Decimal
    floor: Decimal  # the lowest rate that pays every cost
    client_rate: Decimal
    margin: Decimal  # client rate − funding
    raroc: Decimal  # percent

    @property
    def covers_costs(self) -> bool:
        return self.client_rate >= self.floor


def price(
    *,
    client_rate: Decimal,
    status: str,
    coverage_ratio: Decimal,
    policy: PricingPolicy = PricingPolicy(),
    pd: Decimal | None = None,
) -> Pricing:
    """The rate's components for a client of ``status`` with ``coverage_ratio`` % secured."""
    probability = PD_BY_STATUS.get(status, PD_BY_STATUS["surveillance"]) if pd is None else pd
    lgd = policy.lgd * (100 - min(max(coverage_ratio, Decimal(0)), Decimal(100))) / 100
    risk = probability * lgd / 100
    capital = policy.capital_ratio * policy.cost_of_equity / 100
    floor = policy.funding_cost + risk + policy.operating_cost + capital
    earnings = client_rate - policy.funding_cost - policy.operating_cost - risk
    raroc = earnings / policy.capital_ratio * 100
    return Pricing(
        funding=policy.funding_cost.quantize(Q),
        risk=risk.quantize(Q, ROUND_HALF_UP),
        operating=policy.operating_cost.quantize(Q),
        capital=capital.quantize(Q, ROUND_HALF_UP),
        floor=floor.quantize(Q, ROUND_HALF_UP),
        client_rate=client_rate.quantize(Q),
        margin=(client_rate - policy.funding_cost).quantize(Q, ROUND_HALF_UP),
        raroc=raroc.quantize(Decimal("0.1"), ROUND_HALF_UP),
    )
