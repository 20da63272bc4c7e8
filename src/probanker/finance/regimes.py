"""Statements that are not a FEC: forms entered by hand, by tax regime.

- **2033** (BIC réel simplifié): the 2033-A and 2033-B lines a manager types
  from the tax return;
- **2035** (BNC déclaration contrôlée): receipts, expenses and result of a
  liberal profession, cash basis, no balance sheet;
- **micro-entreprise**: turnover only, with the regime's thresholds as dated
  data.

Each gives the ratios' :class:`~probanker.finance.ratios.Figures` it can, and
a reason for the ratios it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from probanker.finance.ratios import Figures, RatioValue, evaluate_all


def cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


@dataclass(frozen=True)
class Form2033:
    """Lines of a simplified return (euros), as entered.

    2033-B: sales of goods (210), production sold (214 + 218), purchases of
    goods (234) and their stock change (236), raw materials (238, 240), other
    external charges (242), taxes (244), wages (250), social charges (252),
    depreciation (254), financial charges (294), result (310). 2033-A: equity
    (142), financial debt (156), trade receivables (068), stocks (050 + 060),
    cash (084), trade payables (166), total balance sheet (110).
    """

    sales_of_goods: Decimal
    production_sold: Decimal
    purchases_of_goods: Decimal
    stock_change_goods: Decimal
    raw_materials: Decimal
    external_charges: Decimal
    taxes: Decimal
    wages: Decimal
    social_charges: Decimal
    depreciation: Decimal
    financial_charges: Decimal
    net_result: Decimal
    equity: Decimal
    financial_debt: Decimal
    trade_receivables: Decimal
    stocks: Decimal
    cash: Decimal
    trade_payables: Decimal
    total_balance_sheet: Decimal
    debt_service: Decimal | None = None

    @property
    def turnover(self) -> Decimal:
        return self.sales_of_goods + self.production_sold

    @property
    def value_added(self) -> Decimal:
        return (
            self.turnover
            - self.purchases_of_goods
            - self.stock_change_goods
            - self.raw_materials
            - self.external_charges
        )

    @property
    def ebitda_fr(self) -> Decimal:
        return self.value_added - self.taxes - self.wages - self.social_charges

    @property
    def caf(self) -> Decimal:
        """Result + depreciation: the simplified return has no detail of reversals."""
        return self.net_result + self.depreciation

    def figures(self) -> Figures:
        return Figures(
            turnover=cents(self.turnover),
            value_added=cents(self.value_added),
            ebitda_fr=cents(self.ebitda_fr),
            net_result=cents(self.net_result),
            caf=cents(self.caf),
            equity=cents(self.equity),
            total_assets=cents(self.total_balance_sheet),
            financial_debt=cents(self.financial_debt),
            cash=cents(self.cash),
            financial_charges=cents(self.financial_charges),
            trade_receivables=cents(self.trade_receivables),
            trade_payables=cents(self.trade_payables),
            purchases=cents(self.purchases_of_goods + self.raw_materials + self.external_charges),
            stocks=cents(self.stocks),
            cost_of_sales=cents(
                self.purchases_of_goods + self.stock_change_goods + self.raw_materials
            ),
            debt_service=cents(self.debt_service),
        )


@dataclass(frozen=True)
class Form2035:
    """A liberal profession's 2035 (euros): cash receipts and expenses."""

    receipts: Decimal
    purchases: Decimal
    staff_costs: Decimal
    own_social_charges: Decimal
    taxes: Decimal
    rents_and_other_external: Decimal
    financial_charges: Decimal
    depreciation: Decimal
    result: Decimal
    debt_service: Decimal | None = None

    @property
    def ebitda_fr(self) -> Decimal:
        """Excédent before depreciation and interest (the exploitant's pay included)."""
        return self.result + self.depreciation + self.financial_charges

    def figures(self) -> Figures:
        return Figures(
            turnover=cents(self.receipts),
            value_added=cents(self.receipts - self.purchases - self.rents_and_other_external),
            ebitda_fr=cents(self.ebitda_fr),
            net_result=cents(self.result),
            caf=cents(self.result + self.depreciation),
            financial_charges=cents(self.financial_charges),
            debt_service=cents(self.debt_service),
        )


NO_BALANCE_SHEET = (
    "la 2035 (recettes-dépenses) ne comporte pas de bilan ni de poste client ou fournisseur"
)
MICRO_ONLY_TURNOVER = "régime micro : seul le chiffre d'affaires est déclaré"


class MicroActivity(StrEnum):
    SALES = "sales"  # goods sold, accommodation
    SERVICES = "services"  # services (BIC) and liberal professions (BNC)


@dataclass(frozen=True)
class MicroThreshold:
    """The micro regime's turnover ceilings for the years they apply to."""

    first_year: int
    last_year: int
    sales: Decimal
    services: Decimal


# CGI art. 50-0 and 102 ter, updated every three years. 2026 onwards: revised
# by the 2026 finance law; add the row when the values are confirmed.
MICRO_THRESHOLDS: tuple[MicroThreshold, ...] = (
    MicroThreshold(2020, 2022, Decimal(176_200), Decimal(72_600)),
    MicroThreshold(2023, 2025, Decimal(188_700), Decimal(77_700)),
)


def micro_threshold(year: int, activity: MicroActivity) -> Decimal | None:
    """The ceiling in force for ``year``, or ``None`` when not in the data."""
    for row in MICRO_THRESHOLDS:
        if row.first_year <= year <= row.last_year:
            return row.sales if activity is MicroActivity.SALES else row.services
    return None


@dataclass(frozen=True)
class MicroStatus:
    year: int
    turnover: Decimal
    threshold: Decimal | None
    above: bool | None
    regime_lost: bool  # two consecutive years above: out of the regime
    message: str


def micro_status(turnovers: dict[int, Decimal], activity: MicroActivity) -> MicroStatus:
    """Whether the latest year is above the ceiling and whether the regime is lost."""
    if not turnovers:
        raise ValueError("au moins une année de chiffre d'affaires est nécessaire")
    year = max(turnovers)
    turnover = turnovers[year]
    threshold = micro_threshold(year, activity)
    if threshold is None:
        return MicroStatus(
            year,
            turnover,
            None,
            None,
            False,
            f"Seuil du régime micro {year} non renseigné dans les données.",
        )
    above = turnover > threshold
    previous = turnovers.get(year - 1)
    previous_threshold = micro_threshold(year - 1, activity)
    lost = bool(
        above
        and previous is not None
        and previous_threshold is not None
        and previous > previous_threshold
    )
    if lost:
        message = f"Chiffre d'affaires au-dessus du seuil ({threshold} €) deux années de suite : sortie du régime micro."
    elif above:
        message = f"Chiffre d'affaires {year} au-dessus du seuil de {threshold} € : le régime est conservé si l'année suivante repasse en dessous."
    else:
        message = f"Chiffre d'affaires {year} sous le seuil de {threshold} €."
    return MicroStatus(year, turnover, threshold, above, lost, message)


def micro_figures(turnover: Decimal, sector_margin: Decimal) -> Figures:
    """Turnover, and a CAF estimated from the sector's margin rate."""
    return Figures(turnover=cents(turnover), caf=cents(turnover * sector_margin))


def ratios_2035(form: Form2035) -> dict[str, RatioValue]:
    return evaluate_all(form.figures(), NO_BALANCE_SHEET)


def ratios_micro(turnover: Decimal, sector_margin: Decimal) -> dict[str, RatioValue]:
    return evaluate_all(micro_figures(turnover, sector_margin), MICRO_ONLY_TURNOVER)
