"""The ratio catalogue of credit files (DOMAIN.md), each with its rule.

A :class:`Ratio` knows its formula, unit, direction and traffic-light
thresholds; :meth:`Ratio.evaluate` returns a :class:`RatioValue` holding the
value and its status, or the reason it cannot be computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from probanker.finance.balance_sheet import BalanceSheet
from probanker.finance.ledger import Ledger
from probanker.finance.sig import Caf, Sig

MISSING = "données absentes pour ce régime ou cette saisie"
VAT = Decimal("1.20")  # receivables and payables include VAT at the standard rate
DAYS = Decimal(365)


@dataclass(frozen=True)
class Figures:
    """What the ratios read (cents), from statements or entered forms."""

    turnover: int | None = None
    value_added: int | None = None
    ebitda_fr: int | None = None
    net_result: int | None = None
    caf: int | None = None
    equity: int | None = None
    total_assets: int | None = None
    financial_debt: int | None = None
    cash: int | None = None
    financial_charges: int | None = None
    trade_receivables: int | None = None
    trade_payables: int | None = None
    purchases: int | None = None
    stocks: int | None = None
    cost_of_sales: int | None = None
    debt_service: int | None = None


@dataclass(frozen=True)
class RatioValue:
    code: str
    value: Decimal | None
    unit: str
    status: str | None  # "green", "orange", "red"
    reason: str | None = None


@dataclass(frozen=True)
class Ratio:
    """A ratio: ``numerator / denominator × scale``, with traffic-light thresholds.

    ``good`` and ``bad`` are the thresholds; when ``higher_is_better`` a value at
    or above ``good`` is green and below ``bad`` is red (reversed otherwise).
    """

    code: str
    label: str
    formula: str
    unit: str
    higher_is_better: bool
    good: Decimal
    bad: Decimal
    numerator: Callable[[Figures], int | None]
    denominator: Callable[[Figures], int | None]
    scale: Decimal = Decimal(1)
    needs_positive_denominator: bool = True

    def status(self, value: Decimal) -> str:
        if self.higher_is_better:
            return "green" if value >= self.good else "red" if value < self.bad else "orange"
        return "green" if value <= self.good else "red" if value > self.bad else "orange"

    def rule(self) -> str:
        """The colour rule in French, shown next to the light."""
        better, worse = ("≥", "<") if self.higher_is_better else ("≤", ">")
        return f"vert si {better} {self.good} {self.unit}, rouge si {worse} {self.bad} {self.unit}, orange entre les deux"

    def evaluate(self, figures: Figures, missing: str = MISSING) -> RatioValue:
        """The value and its light, or ``missing`` when an input is absent."""
        top, bottom = self.numerator(figures), self.denominator(figures)
        if top is None or bottom is None:
            return RatioValue(self.code, None, self.unit, None, missing)
        if bottom == 0 or (self.needs_positive_denominator and bottom < 0):
            return RatioValue(
                self.code,
                None,
                self.unit,
                None,
                "dénominateur nul ou négatif : ratio sans signification",
            )
        value = (Decimal(top) / Decimal(bottom) * self.scale).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        return RatioValue(self.code, value, self.unit, self.status(value))


def _debt_net_of_cash(f: Figures) -> int | None:
    if f.financial_debt is None or f.cash is None:
        return None
    return f.financial_debt - f.cash


def _with_vat(value: int | None) -> int | None:
    return None if value is None else int(Decimal(value) * VAT)


CATALOGUE: tuple[Ratio, ...] = (
    Ratio("taux_marge_ebe", "Taux de marge (EBE / CA)", "EBE / chiffre d'affaires × 100", "%", True,
          Decimal(10), Decimal(5), lambda f: f.ebitda_fr, lambda f: f.turnover, Decimal(100)),
    Ratio("ebe_va", "EBE / valeur ajoutée", "EBE / VA × 100", "%", True,
          Decimal(25), Decimal(10), lambda f: f.ebitda_fr, lambda f: f.value_added, Decimal(100)),
    Ratio("va_ca", "Valeur ajoutée / CA", "VA / chiffre d'affaires × 100", "%", True,
          Decimal(30), Decimal(15), lambda f: f.value_added, lambda f: f.turnover, Decimal(100)),
    Ratio("autonomie_financiere", "Autonomie financière", "capitaux propres / total du bilan × 100", "%", True,
          Decimal(25), Decimal(15), lambda f: f.equity, lambda f: f.total_assets, Decimal(100)),
    Ratio("capacite_remboursement", "Capacité de remboursement", "dettes financières / CAF", "années", False,
          Decimal(3), Decimal(4), lambda f: f.financial_debt, lambda f: f.caf),
    Ratio("gearing", "Endettement net (gearing)", "(dettes financières − trésorerie) / capitaux propres", "x", False,
          Decimal(1), Decimal(2), _debt_net_of_cash, lambda f: f.equity),
    Ratio("charges_financieres_ebe", "Charges financières / EBE", "charges financières / EBE × 100", "%", False,
          Decimal(20), Decimal(30), lambda f: f.financial_charges, lambda f: f.ebitda_fr, Decimal(100)),
    Ratio("dso", "Délai clients", "créances clients TTC / CA TTC × 365", "jours", False,
          Decimal(45), Decimal(60), lambda f: f.trade_receivables, lambda f: _with_vat(f.turnover), DAYS),
    Ratio("dpo", "Délai fournisseurs", "dettes fournisseurs TTC / achats TTC × 365", "jours", False,
          Decimal(60), Decimal(90), lambda f: f.trade_payables, lambda f: _with_vat(f.purchases), DAYS),
    Ratio("rotation_stocks", "Rotation des stocks", "stocks / coût des ventes × 365", "jours", False,
          Decimal(60), Decimal(120), lambda f: f.stocks, lambda f: f.cost_of_sales, DAYS),
    Ratio("dscr", "Couverture du service de la dette (DSCR)", "CAF / annuités d'emprunts", "x", True,
          Decimal("1.5"), Decimal("1.2"), lambda f: f.caf, lambda f: f.debt_service),
)  # fmt: skip


def figures_from_statements(
    ledger: Ledger, sig: Sig, caf: Caf, sheet: BalanceSheet, report_debits: dict[str, int]
) -> Figures:
    """The ratios' inputs from full statements.

    ``report_debits`` gives the debit movements of the year per account: the
    principal repaid is the debit of loan accounts (164, 168 except accrued
    interest 1688), added to the interest paid (661) for the debt service.
    """
    repaid = sum(
        c
        for a, c in report_debits.items()
        if a.startswith(("164", "165", "166", "167", "168")) and not a.startswith("1688")
    )
    interest = ledger.charge(("661",))
    return Figures(
        turnover=sig.turnover,
        value_added=sig.value_added,
        ebitda_fr=sig.ebitda_fr,
        net_result=sig.net_result,
        caf=caf.subtractive,
        equity=sheet.equity,
        total_assets=sheet.total_assets,
        financial_debt=sheet.financial_debt + sheet.bank_overdrafts,
        cash=sheet.cash,
        financial_charges=ledger.charge(("66",)),
        trade_receivables=sheet.trade_receivables,
        trade_payables=sheet.trade_payables,
        purchases=ledger.charge(("60", "61", "62")),
        stocks=sheet.stocks_gross,
        cost_of_sales=sig.cost_of_goods_sold + ledger.charge(("601", "602", "6031", "6032")),
        debt_service=(repaid + interest) if (repaid or interest) else None,
    )


def evaluate_all(figures: Figures, missing: str = MISSING) -> dict[str, RatioValue]:
    """Every ratio of the catalogue; ``missing`` explains absent inputs."""
    return {ratio.code: ratio.evaluate(figures, missing) for ratio in CATALOGUE}
