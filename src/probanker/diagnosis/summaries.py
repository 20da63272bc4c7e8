"""The fiscal-year summary: typed figures of every regime, stored as JSON on the year.

One shape for the FEC, the 2033, the 2035 and the micro regime (:class:`Summary`):

- ``sig``: the intermediate balances (:class:`SigLines`, ``None`` for those the
  statement lacks);
- ``caf`` and ``caf_estimated`` (a micro CAF is turnover × a sector margin);
- ``bilan``: the functional balance sheet (:class:`BalanceSheetLines`), or
  ``None`` without a balance sheet;
- ``figures``: the ratios' inputs in integer cents
  (:class:`~probanker.finance.ratios.Figures`);
- ``liasse``: the tax-return lines (FEC only).

The database column stays JSON: :meth:`Summary.to_json` writes it (amounts as
strings with two decimals, figures as integers) and :meth:`Summary.from_json`
reads it back, so the stored shape is the one it has always been. Readers go
through :func:`summary_of`; nobody reads the dict by key.

Ratios are evaluated when read (:meth:`Summary.ratios`), so a change of
thresholds applies to every stored year at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from probanker.core.formatting import json_amount, parse_json_amount
from probanker.finance.amounts import to_decimal
from probanker.finance.analysis import analyse_fec
from probanker.finance.fec import FecReport
from probanker.finance.liasse import liasse
from probanker.finance.ratios import MISSING, Figures, RatioValue, evaluate_all
from probanker.finance.regimes import (
    MICRO_ONLY_TURNOVER,
    NO_BALANCE_SHEET,
    Form2033,
    Form2035,
    micro_figures,
)
from probanker.finance.trends import YearFigures

if TYPE_CHECKING:
    from probanker.diagnosis.models import FiscalYear  # the model reads its summary here

SIG_LABELS = {
    "chiffre_affaires": "Chiffre d'affaires",
    "marge_commerciale": "Marge commerciale",
    "production_exercice": "Production de l'exercice",
    "valeur_ajoutee": "Valeur ajoutée",
    "ebe": "Excédent brut d'exploitation",
    "resultat_exploitation": "Résultat d'exploitation",
    "rcai": "Résultat courant avant impôt",
    "resultat_exceptionnel": "Résultat exceptionnel",
    "resultat_net": "Résultat net",
}
SIG_KEYS = tuple(SIG_LABELS)
BILAN_LABELS = {
    "total_actif": "Total de l'actif",
    "total_passif": "Total du passif",
    "capitaux_propres": "Capitaux propres",
    "dettes_financieres": "Dettes financières",
    "frng": "Fonds de roulement net global",
    "bfr": "Besoin en fonds de roulement",
    "tresorerie_nette": "Trésorerie nette",
}
# Micro-entrepreneurs: default margin rate by activity for a CAF estimate
# (what is left of turnover once the business's own costs are paid, before
# social charges and the owner's living). A manager overrides it per year.
MICRO_DEFAULT_MARGIN = {"sales": Decimal("0.10"), "services": Decimal("0.35")}


def _amounts_json(lines: Any) -> dict[str, str | None]:
    return {f.name: json_amount(getattr(lines, f.name)) for f in dataclasses.fields(lines)}


def _amounts_kwargs(data: Mapping[str, Any], names: Any) -> dict[str, Decimal | None]:
    return {name: parse_json_amount(data.get(name)) for name in names}


@dataclass(frozen=True)
class SigLines:
    """The intermediate balances (soldes intermédiaires de gestion), in euros."""

    chiffre_affaires: Decimal | None = None
    marge_commerciale: Decimal | None = None
    production_exercice: Decimal | None = None
    valeur_ajoutee: Decimal | None = None
    ebe: Decimal | None = None
    resultat_exploitation: Decimal | None = None
    rcai: Decimal | None = None
    resultat_exceptionnel: Decimal | None = None
    resultat_net: Decimal | None = None

    def items(self) -> list[tuple[str, Decimal | None]]:
        """(key, amount) in the order of the SIG cascade."""
        return [(key, getattr(self, key)) for key in SIG_KEYS]

    def to_json(self) -> dict[str, str | None]:
        """Every line as a two-decimal string (``None`` when the statement lacks it)."""
        return _amounts_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> SigLines:
        """The inverse of :meth:`to_json`; a missing key is a missing line."""
        return cls(**_amounts_kwargs(data or {}, SIG_KEYS))


@dataclass(frozen=True)
class BalanceSheetLines:
    """The functional balance sheet, in euros (``None`` where the statement is silent)."""

    total_actif: Decimal | None = None
    total_passif: Decimal | None = None
    capitaux_propres: Decimal | None = None
    dettes_financieres: Decimal | None = None
    frng: Decimal | None = None
    bfr: Decimal | None = None
    tresorerie_nette: Decimal | None = None

    def items(self) -> list[tuple[str, Decimal | None]]:
        """(key, amount) in the order of :data:`BILAN_LABELS`."""
        return [(key, getattr(self, key)) for key in BILAN_LABELS]

    def to_json(self) -> dict[str, str | None]:
        """Every line as a two-decimal string."""
        return _amounts_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BalanceSheetLines:
        """The inverse of :meth:`to_json`."""
        return cls(**_amounts_kwargs(data, BILAN_LABELS))


MISSING_BY_SOURCE = {
    "fec": MISSING,
    "2033": MISSING,
    "2035": NO_BALANCE_SHEET,
    "micro": MICRO_ONLY_TURNOVER,
}


def figures_from_json(data: Mapping[str, Any] | None) -> Figures:
    """The ratios' inputs stored under ``figures`` (integer cents, missing keys ``None``)."""
    return Figures(**(data or {}))


def ratios_of_figures(figures: Figures, source: str) -> dict[str, RatioValue]:
    """The ratio catalogue on a year's figures, with the reason for those it cannot give."""
    return evaluate_all(figures, MISSING_BY_SOURCE.get(source, MISSING))


@dataclass(frozen=True)
class Summary:
    """Everything computed from one fiscal year's statement, once, at write time."""

    sig: SigLines = field(default_factory=SigLines)
    caf: Decimal | None = None
    caf_estimated: bool = False
    bilan: BalanceSheetLines | None = None
    figures: Figures = field(default_factory=Figures)
    liasse: Mapping[str, Decimal] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stored JSON document (the shape the column has always had)."""
        return {
            "sig": self.sig.to_json(),
            "caf": json_amount(self.caf),
            "caf_estimated": self.caf_estimated,
            "bilan": None if self.bilan is None else self.bilan.to_json(),
            "figures": dataclasses.asdict(self.figures),
            "liasse": {key: json_amount(value) for key, value in self.liasse.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Summary:
        """Read a stored document back; an empty or partial one gives missing figures."""
        data = data or {}
        bilan = data.get("bilan")
        return cls(
            sig=SigLines.from_json(data.get("sig")),
            caf=parse_json_amount(data.get("caf")),
            caf_estimated=bool(data.get("caf_estimated")),
            bilan=None if not bilan else BalanceSheetLines.from_json(bilan),
            figures=figures_from_json(data.get("figures")),
            liasse={k: Decimal(v) for k, v in (data.get("liasse") or {}).items() if v is not None},
        )

    def ratios(self, source: str) -> dict[str, RatioValue]:
        """The ratio catalogue on this summary for a statement of ``source``."""
        return ratios_of_figures(self.figures, source)

    def year_figures(self, end: dt.date) -> YearFigures | None:
        """The trends' inputs of the year closed on ``end``, or ``None`` without turnover."""
        if self.sig.chiffre_affaires is None:
            return None
        return YearFigures(
            year_end=end,
            turnover=self.sig.chiffre_affaires,
            ebitda_fr=self.sig.ebe,
            net_result=self.sig.resultat_net,
            equity=None if self.bilan is None else self.bilan.capitaux_propres,
            financial_debt=None if self.bilan is None else self.bilan.dettes_financieres,
        )


def summary_of(year: FiscalYear) -> Summary:
    """The typed summary stored on a fiscal year."""
    return Summary.from_json(year.summary)


def summary_from_fec(report: FecReport) -> Summary:
    """Everything ``fec analyse`` computes, stored once."""
    analysis = analyse_fec(report)
    return Summary(
        sig=SigLines(**analysis.sig.as_decimals()),
        caf=to_decimal(analysis.caf.subtractive),
        caf_estimated=False,
        bilan=BalanceSheetLines(**analysis.balance_sheet.as_decimals()),
        figures=analysis.figures,
        liasse={k: v for k, v in liasse(analysis.ledger, analysis.sig.net_result).items() if v},
    )


def summary_from_2033(form: Form2033) -> Summary:
    """A simplified return typed by hand: SIG down to the EBE, a partial balance sheet."""
    trade_margin = form.sales_of_goods - form.purchases_of_goods - form.stock_change_goods
    return Summary(
        sig=SigLines(
            chiffre_affaires=form.turnover,
            marge_commerciale=trade_margin,
            valeur_ajoutee=form.value_added,
            ebe=form.ebitda_fr,
            resultat_net=form.net_result,
        ),
        caf=form.caf,
        bilan=BalanceSheetLines(
            total_actif=form.total_balance_sheet,
            total_passif=form.total_balance_sheet,
            capitaux_propres=form.equity,
            dettes_financieres=form.financial_debt,
            tresorerie_nette=form.cash,
        ),
        figures=form.figures(),
    )


def summary_from_2035(form: Form2035) -> Summary:
    """A liberal profession's cash-basis return: no balance sheet."""
    value_added = form.receipts - form.purchases - form.rents_and_other_external
    return Summary(
        sig=SigLines(
            chiffre_affaires=form.receipts,
            valeur_ajoutee=value_added,
            ebe=form.ebitda_fr,
            resultat_net=form.result,
        ),
        caf=form.result + form.depreciation,
        figures=form.figures(),
    )


def summary_from_micro(turnover: Decimal, sector_margin: Decimal) -> Summary:
    """Turnover only; the CAF is an estimate from the sector's margin rate."""
    figures = micro_figures(turnover, sector_margin)
    return Summary(
        sig=SigLines(chiffre_affaires=turnover),
        caf=to_decimal(figures.caf or 0),
        caf_estimated=True,
        figures=figures,
    )


def ratios_of(summary: Summary | Mapping[str, Any], source: str) -> dict[str, RatioValue]:
    """The ratio catalogue on a summary, typed or as stored (JSON).

    The JSON form is kept for readers that still get the column's raw value
    (risk's signals); new code passes a :class:`Summary`.
    """
    if isinstance(summary, Summary):
        return summary.ratios(source)
    return ratios_of_figures(figures_from_json(summary.get("figures")), source)
