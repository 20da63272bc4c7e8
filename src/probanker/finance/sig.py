"""Soldes intermédiaires de gestion and CAF (Plan comptable général, DOMAIN.md).

Every class 6 and 7 account falls in exactly one balance, so the net result of
the SIG always equals Σ class 7 − Σ class 6; the CAF is computed by the
subtractive method (from the EBE) and the additive one (from the result), and
the two agree by construction of the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from probanker.finance.amounts import to_decimal
from probanker.finance.ledger import Ledger

GOODS_SALES = ("707", "7097")
GOODS_PURCHASES = ("607", "6087", "6097", "6037")
# Consumption from third parties: 60 except goods, plus 61 and 62.
CONSUMPTION = ("60", "61", "62")
PRODUCTION = ("70", "71", "72", "73")
OPERATING_SUBSIDIES = ("74",)
TAXES = ("63",)
STAFF = ("64",)
OTHER_OPERATING_INCOME = ("75",)
OTHER_OPERATING_CHARGES = ("65",)
SHARED_RESULTS = ("755", "655")
OPERATING_REVERSALS = ("781", "791")
OPERATING_ALLOWANCES = ("681",)
FINANCIAL = ("76", "786", "796", "66", "686")
EXCEPTIONAL = ("77", "787", "797", "67", "687")
PROFIT_SHARING_AND_TAX = ("69",)


@dataclass(frozen=True)
class Sig:
    """The intermediate balances, in cents (see the ``Decimal`` properties)."""

    sales_of_goods: int
    cost_of_goods_sold: int
    production: int
    consumption: int
    subsidies: int
    taxes: int
    staff: int
    operating_other: int
    depreciation_net: int
    shared_results: int
    financial: int
    exceptional: int
    profit_sharing_and_tax: int

    @property
    def trade_margin(self) -> int:
        return self.sales_of_goods - self.cost_of_goods_sold

    @property
    def turnover(self) -> int:
        """Chiffre d'affaires: goods sold plus production sold (70 net of 709)."""
        return self.sales_of_goods + self.production_sold

    production_sold: int = 0

    @property
    def value_added(self) -> int:
        return self.trade_margin + self.production - self.consumption

    @property
    def ebitda_fr(self) -> int:
        """EBE: value added + operating subsidies − taxes − staff costs."""
        return self.value_added + self.subsidies - self.taxes - self.staff

    @property
    def operating_result(self) -> int:
        return self.ebitda_fr + self.operating_other + self.depreciation_net

    @property
    def current_result(self) -> int:
        """RCAI: operating result ± shared results + financial result."""
        return self.operating_result + self.shared_results + self.financial

    @property
    def net_result(self) -> int:
        return self.current_result + self.exceptional - self.profit_sharing_and_tax

    def as_decimals(self) -> dict[str, Decimal]:
        """The figures of ``fec analyse``'s ``sig`` object."""
        return {
            "chiffre_affaires": to_decimal(self.turnover),
            "marge_commerciale": to_decimal(self.trade_margin),
            "production_exercice": to_decimal(self.production),
            "valeur_ajoutee": to_decimal(self.value_added),
            "ebe": to_decimal(self.ebitda_fr),
            "resultat_exploitation": to_decimal(self.operating_result),
            "rcai": to_decimal(self.current_result),
            "resultat_exceptionnel": to_decimal(self.exceptional),
            "resultat_net": to_decimal(self.net_result),
        }


def compute_sig(ledger: Ledger) -> Sig:
    """The SIG of a ledger (DOMAIN.md's formulas, every class 6/7 account used once)."""
    sales = ledger.sld(GOODS_SALES)
    cogs = ledger.charge(GOODS_PURCHASES)
    production = ledger.sld(PRODUCTION, exclude=GOODS_SALES)
    production_sold = ledger.sld(("70",), exclude=GOODS_SALES)
    consumption = ledger.charge(CONSUMPTION, exclude=GOODS_PURCHASES)
    other = ledger.sld(OTHER_OPERATING_INCOME, exclude=("755",)) - ledger.charge(
        OTHER_OPERATING_CHARGES, exclude=("655",)
    )
    # Operating reversals and charge transfers less operating allowances, plus
    # any other 68/78/79 account that is neither financial nor exceptional.
    depreciation = ledger.sld(("78", "79"), exclude=("786", "787", "796", "797")) - ledger.charge(
        ("68",), exclude=("686", "687")
    )
    shared = ledger.sld(SHARED_RESULTS)
    financial = ledger.sld(("76", "786", "796", "66", "686"))
    exceptional = ledger.sld(("77", "787", "797", "67", "687"))
    tax = ledger.charge(PROFIT_SHARING_AND_TAX)
    return Sig(
        sales_of_goods=sales,
        cost_of_goods_sold=cogs,
        production=production,
        consumption=consumption,
        subsidies=ledger.sld(OPERATING_SUBSIDIES),
        taxes=ledger.charge(TAXES),
        staff=ledger.charge(STAFF),
        operating_other=other,
        depreciation_net=depreciation,
        shared_results=shared,
        financial=financial,
        exceptional=exceptional,
        profit_sharing_and_tax=tax,
        production_sold=production_sold,
    )


@dataclass(frozen=True)
class Caf:
    """Capacité d'autofinancement by both methods, in cents."""

    subtractive: int
    additive: int

    @property
    def agree(self) -> bool:
        return self.subtractive == self.additive


def compute_caf(ledger: Ledger, sig: Sig) -> Caf:
    """CAF from the EBE (subtractive) and from the net result (additive)."""
    subtractive = (
        sig.ebitda_fr
        + ledger.sld(("791",))
        + ledger.sld(("75",), exclude=("755",))
        - ledger.charge(("65",), exclude=("655",))
        + ledger.sld(("755", "655"))
        + ledger.sld(("76", "796"))
        - ledger.charge(("66",))
        + ledger.sld(("77", "797"), exclude=("775", "777"))
        - ledger.charge(("67",), exclude=("675",))
        - ledger.charge(("69",))
        # Other 78/79 operating transfers are cash items like 791 (none in the PCG today).
        + ledger.sld(("78", "79"), exclude=("781", "786", "787", "791", "796", "797"))
        - ledger.charge(("68",), exclude=("681", "686", "687"))
    )
    additive = (
        sig.net_result
        + ledger.charge(("681", "686", "687"))
        - ledger.sld(("781", "786", "787"))
        + ledger.charge(("675",))
        - ledger.sld(("775", "777"))
    )
    return Caf(subtractive=subtractive, additive=additive)
