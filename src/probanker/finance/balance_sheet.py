"""Balance sheet and functional balance from classes 1 to 5 (DOMAIN.md).

A FEC has no closing entries: the year's result (classes 6 and 7) is added to
equity. Every class 1-5 position lands on exactly one side, so total assets
always equal total liabilities, and FRNG − BFR = net cash.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from probanker.finance.amounts import to_decimal
from probanker.finance.ledger import Ledger

CONTRA_ASSETS = ("28", "29", "39", "49", "59")


@dataclass(frozen=True)
class BalanceSheet:
    """Balance-sheet masses in cents (assets net of depreciation)."""

    fixed_assets_gross: int
    depreciation: int  # 28, 29, 39, 49, 59 (positive)
    stocks_gross: int
    trade_receivables: int
    other_operating_receivables: int
    non_operating_receivables: int
    cash: int
    equity: int  # classes 10-14 plus the year's result
    provisions: int  # 15
    financial_debt: int  # 16, 17 (bank overdrafts excluded)
    bank_overdrafts: int  # 519 and credit balances of banks
    trade_payables: int
    tax_social_payables: int
    other_operating_payables: int
    non_operating_payables: int

    @property
    def total_assets(self) -> int:
        return (
            self.fixed_assets_gross
            - self.depreciation
            + self.stocks_gross
            + self.trade_receivables
            + self.other_operating_receivables
            + self.non_operating_receivables
            + self.cash
        )

    @property
    def total_liabilities(self) -> int:
        return (
            self.equity
            + self.provisions
            + self.financial_debt
            + self.bank_overdrafts
            + self.trade_payables
            + self.tax_social_payables
            + self.other_operating_payables
            + self.non_operating_payables
        )

    @property
    def stable_resources(self) -> int:
        return self.equity + self.depreciation + self.provisions + self.financial_debt

    @property
    def net_working_capital(self) -> int:
        """FRNG: stable resources − gross fixed assets."""
        return self.stable_resources - self.fixed_assets_gross

    @property
    def operating_wcr(self) -> int:
        """BFR d'exploitation."""
        return (
            self.stocks_gross
            + self.trade_receivables
            + self.other_operating_receivables
            - self.trade_payables
            - self.tax_social_payables
            - self.other_operating_payables
        )

    @property
    def non_operating_wcr(self) -> int:
        return self.non_operating_receivables - self.non_operating_payables

    @property
    def working_capital_need(self) -> int:
        return self.operating_wcr + self.non_operating_wcr

    @property
    def net_cash(self) -> int:
        """Trésorerie nette: cash − bank overdrafts (= FRNG − BFR)."""
        return self.cash - self.bank_overdrafts

    def as_decimals(self) -> dict[str, Decimal]:
        """The figures of ``fec analyse``'s ``bilan`` object."""
        return {
            "total_actif": to_decimal(self.total_assets),
            "total_passif": to_decimal(self.total_liabilities),
            "capitaux_propres": to_decimal(self.equity),
            "dettes_financieres": to_decimal(self.financial_debt + self.bank_overdrafts),
            "frng": to_decimal(self.net_working_capital),
            "bfr": to_decimal(self.working_capital_need),
            "tresorerie_nette": to_decimal(self.net_cash),
        }


def compute_balance_sheet(ledger: Ledger, net_result: int) -> BalanceSheet:
    """Classify every class 1-5 position (mixed accounts split by their own sign)."""
    d, c = ledger.debit_side, ledger.credit_side
    # Class 1: equity, provisions, debt. A debit balance (e.g. 108 drawings,
    # 109 capital not called, 119 losses carried forward) reduces equity.
    equity = ledger.sld(("10", "11", "12", "13", "14")) + net_result
    provisions = ledger.sld(("15",))
    financial_debt = ledger.sld(("16", "17", "18"))
    # Classes 2 and 3: fixed assets and stocks (gross), their depreciation.
    fixed = ledger.charge(("2",), exclude=("28", "29"))
    depreciation = ledger.sld(CONTRA_ASSETS)
    stocks = ledger.charge(("3",), exclude=("39",))
    # Class 4, split by sign.
    trade_receivables = d(("41",))
    supplier_advances = d(("40",))
    tax_social_receivables = d(("42", "43", "44"))
    other_receivables = d(("45", "46", "47", "48"), exclude=("49",))
    trade_payables = c(("40",), exclude=("404",))
    fixed_asset_suppliers = c(("404",))
    customer_advances = c(("41",))
    tax_social = c(("42", "43", "44"))
    other_payables = c(("45", "46", "47", "48"), exclude=("49",))
    # Class 5: cash (debit) and bank overdrafts (credit balances of 51, 519).
    cash = d(("5",), exclude=("59",))
    overdrafts = c(("5",), exclude=("59",))
    return BalanceSheet(
        fixed_assets_gross=fixed,
        depreciation=depreciation,
        stocks_gross=stocks,
        trade_receivables=trade_receivables,
        other_operating_receivables=supplier_advances + tax_social_receivables,
        non_operating_receivables=other_receivables,
        cash=cash,
        equity=equity,
        provisions=provisions,
        financial_debt=financial_debt,
        bank_overdrafts=overdrafts,
        trade_payables=trade_payables,
        tax_social_payables=tax_social,
        other_operating_payables=customer_advances,
        non_operating_payables=other_payables + fixed_asset_suppliers,
    )
