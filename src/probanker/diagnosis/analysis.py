"""Reads for the analysis page, the PDF note and the API: years, ratios, peers, capacity.

Everything here reads stored summaries (:mod:`probanker.diagnosis.summaries`);
nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from probanker.core.formatting import cents, json_amount, number
from probanker.core.models import User
from probanker.diagnosis.models import FiscalYear
from probanker.diagnosis.summaries import (
    BILAN_LABELS,
    MICRO_DEFAULT_MARGIN,
    SIG_LABELS,
    figures_from_json,
    ratios_of_figures,
    summary_of,
)
from probanker.finance.capacity import (
    DEFAULT_MAX_YEARS,
    DEFAULT_TARGET_DSCR,
    Amortisation,
    DebtCapacity,
    debt_capacity,
)
from probanker.finance.ratios import CATALOGUE, Ratio, RatioValue
from probanker.finance.trends import MAX_YEARS, commentary
from probanker.parties.models import Party

MIN_PEERS = 5
STATUS_LABELS = {"green": "favorable", "orange": "à surveiller", "red": "défavorable"}


@dataclass(frozen=True)
class Quartiles:
    """First quartile, median and third quartile of a ratio among peers."""

    q1: Decimal
    median: Decimal
    q3: Decimal
    count: int


def quartiles(values: list[Decimal]) -> Quartiles:
    """Quartiles by linear interpolation between order statistics (Excel's QUARTILE.INC)."""
    ordered = sorted(values)
    n = len(ordered)

    def at(p: Decimal) -> Decimal:
        position = p * (n - 1)
        low = int(position)
        high = min(low + 1, n - 1)
        fraction = position - low
        value = ordered[low] + (ordered[high] - ordered[low]) * fraction
        return value.quantize(Decimal("0.01"), ROUND_HALF_UP)

    return Quartiles(at(Decimal("0.25")), at(Decimal("0.5")), at(Decimal("0.75")), n)


@dataclass(frozen=True)
class RatioRow:
    """One ratio of the latest year, its rule and where it stands among peers."""

    ratio: Ratio
    value: RatioValue
    peers: Quartiles | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.value.status or "", "")

    @property
    def comment(self) -> str:
        """One sentence from the value, the thresholds and the peers."""
        v = self.value
        if v.value is None:
            return f"Non calculable : {v.reason}."
        text = f"{self.ratio.label} : {number(v.value, None)} {v.unit}, {self.status_label} ({self.ratio.rule()})."
        if self.peers is not None:
            if v.value < self.peers.q1:
                where = "sous le premier quartile"
            elif v.value > self.peers.q3:
                where = "au-dessus du troisième quartile"
            else:
                where = "dans la moitié centrale"
            text += f" Parmi {self.peers.count} clients du même secteur : {where} (médiane {number(self.peers.median, None)} {v.unit})."
        return text


def years_of(party: Party) -> list[FiscalYear]:
    """The latest fiscal years (at most five), oldest first."""
    latest = list(FiscalYear.objects.filter(party=party).order_by("-end")[:MAX_YEARS])
    return latest[::-1]


def peer_quartiles(party: Party) -> dict[str, Quartiles]:
    """Quartiles of each ratio over the bank's other clients of the party's NAF division.

    Each peer contributes its latest fiscal year; a ratio is given only when at
    least :data:`MIN_PEERS` clients contribute a value (fewer would let a
    manager recognise a competitor's figures). The scope is the whole bank:
    only aggregates leave the query, never another manager's client.
    """
    if party.naf_id is None:
        return {}
    rows = (
        FiscalYear.objects.filter(party__naf__division_id=party.naf.division_id)
        .exclude(party=party)
        .order_by("party_id", "-end")
        .values_list("party_id", "source", "summary__figures")
    )
    seen: set[int] = set()
    values: dict[str, list[Decimal]] = {}
    for party_id, source, figures in rows:
        if party_id in seen:
            continue
        seen.add(party_id)
        for code, ratio in ratios_of_figures(figures_from_json(figures), source).items():
            if ratio.value is not None:
                values.setdefault(code, []).append(ratio.value)
    return {code: quartiles(v) for code, v in values.items() if len(v) >= MIN_PEERS}


@dataclass(frozen=True)
class CapacityInput:
    """The calculator's parameters (documented defaults, all overridable)."""

    annual_rate: Decimal = Decimal("4.50")
    months: int = 84
    amortisation: Amortisation = Amortisation.ANNUITY
    target_dscr: Decimal = DEFAULT_TARGET_DSCR
    max_years: Decimal = DEFAULT_MAX_YEARS
    existing_service: Decimal | None = None  # None: from the latest statement
    existing_debt: Decimal | None = None
    caf: Decimal | None = None

    @property
    def amortisation_label(self) -> str:
        return AMORTISATION_LABELS[self.amortisation]


AMORTISATION_LABELS = {
    Amortisation.ANNUITY: "échéances constantes",
    Amortisation.CONSTANT: "amortissement constant du capital",
    Amortisation.IN_FINE: "in fine",
}


@dataclass
class PartyAnalysis:
    """Everything the analysis page, the PDF note and the API show."""

    party: Party
    years: list[FiscalYear]
    sig_rows: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)
    bilan_rows: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)
    caf_row: list[Decimal | None] = field(default_factory=list)
    ratio_rows: list[RatioRow] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)
    capacity: DebtCapacity | None = None
    capacity_input: CapacityInput = field(default_factory=CapacityInput)
    capacity_error: str = ""
    peers_count: int = 0

    @property
    def latest(self) -> FiscalYear | None:
        return self.years[-1] if self.years else None


def analyse_party(party: Party, params: CapacityInput | None = None) -> PartyAnalysis:
    """SIG and balance sheet over the years, ratios of the latest, peers, trends, capacity."""
    years = years_of(party)
    result = PartyAnalysis(party=party, years=years, capacity_input=params or CapacityInput())
    if not years:
        return result
    summaries = [summary_of(y) for y in years]
    result.sig_rows = [
        (label, [getattr(s.sig, key) for s in summaries]) for key, label in SIG_LABELS.items()
    ]
    result.caf_row = [s.caf for s in summaries]
    if any(s.bilan is not None for s in summaries):
        result.bilan_rows = [
            (label, [None if s.bilan is None else getattr(s.bilan, key) for s in summaries])
            for key, label in BILAN_LABELS.items()
        ]
    latest = years[-1]
    peers = peer_quartiles(party)
    result.peers_count = max((q.count for q in peers.values()), default=0)
    values = summaries[-1].ratios(latest.source)
    result.ratio_rows = [RatioRow(r, values[r.code], peers.get(r.code)) for r in CATALOGUE]
    trend_years = [
        f for y, s in zip(years, summaries, strict=True) if (f := s.year_figures(y.end)) is not None
    ]
    result.commentary = commentary(trend_years) if trend_years else []
    result.capacity_input, result.capacity, result.capacity_error = _capacity(
        latest, result.capacity_input
    )
    return result


def capacity_inputs(party: Party) -> CapacityInput | None:
    """CAF, existing debt service and debt of the latest fiscal year (no peers, no trends)."""
    latest = FiscalYear.objects.filter(party=party).order_by("-end").first()
    if latest is None:
        return None
    return _capacity(latest, CapacityInput())[0]


def _capacity(
    latest: FiscalYear, params: CapacityInput
) -> tuple[CapacityInput, DebtCapacity | None, str]:
    summary = summary_of(latest)
    caf = params.caf if params.caf is not None else summary.caf
    service = params.existing_service
    if service is None:
        service = cents(summary.figures.debt_service) or Decimal("0.00")
    debt = params.existing_debt
    if debt is None:
        debt = cents(summary.figures.financial_debt) or Decimal("0.00")
    filled = CapacityInput(
        annual_rate=params.annual_rate,
        months=params.months,
        amortisation=params.amortisation,
        target_dscr=params.target_dscr,
        max_years=params.max_years,
        existing_service=service,
        existing_debt=debt,
        caf=caf,
    )
    if caf is None:
        return filled, None, "CAF inconnue pour le dernier exercice."
    try:
        capacity = debt_capacity(
            caf=caf,
            existing_service=service,
            existing_debt=debt,
            annual_rate=params.annual_rate,
            months=params.months,
            amortisation=params.amortisation,
            target_dscr=params.target_dscr,
            max_years=params.max_years,
        )
    except ValueError as exc:
        return filled, None, str(exc)
    return filled, capacity, ""


def default_micro_margin(activity: str) -> Decimal:
    return MICRO_DEFAULT_MARGIN.get(activity, MICRO_DEFAULT_MARGIN["services"])


def analysis_json(analysis: PartyAnalysis) -> dict[str, Any]:
    """The API's view of an analysis (amounts as strings with two decimals)."""
    money = json_amount
    cap = analysis.capacity
    return {
        "years": [{"start": y.start, "end": y.end, "source": y.source} for y in analysis.years],
        "sig": {label: [money(v) for v in row] for label, row in analysis.sig_rows},
        "caf": [money(v) for v in analysis.caf_row],
        "ratios": {
            r.ratio.code: {
                "label": r.ratio.label,
                "value": None if r.value.value is None else str(r.value.value),
                "unit": r.value.unit,
                "status": r.value.status,
                "reason": r.value.reason,
                "rule": r.ratio.rule(),
                "peers": None
                if r.peers is None
                else {
                    "q1": str(r.peers.q1),
                    "median": str(r.peers.median),
                    "q3": str(r.peers.q3),
                    "count": r.peers.count,
                },
            }
            for r in analysis.ratio_rows
        },
        "commentary": analysis.commentary,
        "debt_capacity": None
        if cap is None
        else {
            "caf": money(cap.caf),
            "existing_service": money(cap.existing_service),
            "existing_debt": money(cap.existing_debt),
            "extra_service": money(cap.extra_service),
            "extra_debt": money(cap.extra_debt),
            "largest_loan": money(cap.largest_loan),
            "binding_rule": cap.binding_rule,
            "annual_rate": str(analysis.capacity_input.annual_rate),
            "months": analysis.capacity_input.months,
            "amortisation": analysis.capacity_input.amortisation.value,
            "target_dscr": str(cap.target_dscr),
            "max_years": str(cap.max_years),
        },
    }


def author_line(user: User, today: dt.date) -> str:
    return f"Établie le {today:%d/%m/%Y} par {user.get_full_name() or user.get_username()}"


@dataclass(frozen=True)
class StatementOffers:
    """What the page offers to record a year (``fec``, ``2033``, ``2035``, ``micro``), and why."""

    sources: tuple[str, ...]
    reason: str


def statement_offers(party: Party) -> StatementOffers:
    """The statements the client's legal form and tax regime file, and why only those.

    A 2033 is the simplified regime's return, a 2035 the BNC's, a micro
    turnover the micro-entrepreneur's; a company at the normal regime files the
    2050-2059, read from its FEC; an SCI at the income tax (revenus fonciers)
    files a 2072, which cannot be typed here yet: never a 2033 or a 2035.
    """
    regime, form = party.tax_regime, party.legal_form
    if regime == "foncier":
        return StatementOffers(
            ("fec",),
            "Une SCI à l'impôt sur le revenu dépose une déclaration 2072 (revenus fonciers), "
            "pas de liasse 2033 ni de 2035 ; sa saisie n'est pas encore proposée : importez "
            "le FEC si la SCI tient une comptabilité.",
        )
    if regime == "micro":
        return StatementOffers(
            ("micro",),
            "Un micro-entrepreneur ne tient pas de comptabilité complète : saisissez son "
            "chiffre d'affaires déclaré (régime micro).",
        )
    if regime == "bnc_controlee":
        return StatementOffers(
            ("fec", "2035"),
            "Régime de la déclaration contrôlée (BNC) : importez le FEC ou saisissez la 2035.",
        )
    if regime == "reel_normal":
        return StatementOffers(
            ("fec",),
            "Régime réel normal : la liasse 2050 à 2059 se lit dans le FEC, à importer.",
        )
    if form == "SCI":
        return StatementOffers(
            ("fec", "2033"),
            "SCI soumise à l'impôt sur les sociétés, au réel simplifié : importez le FEC ou "
            "saisissez la liasse 2033.",
        )
    return StatementOffers(
        ("fec", "2033"),
        "Régime réel simplifié : importez le FEC ou saisissez la liasse 2033.",
    )
