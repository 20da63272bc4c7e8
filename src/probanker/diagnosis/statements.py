"""From a stored statement to its figures: one summary shape for every regime.

A summary is plain JSON (amounts as strings with two decimals, ratio inputs
in integer cents) so that it can be stored on the fiscal year:

- ``sig``: the intermediate balances (``None`` for those the statement lacks);
- ``caf`` and ``caf_estimated`` (a micro CAF is turnover × a sector margin);
- ``bilan``: the functional balance sheet, or ``None`` without a balance sheet;
- ``figures``: the ratios' inputs (:class:`~probanker.finance.ratios.Figures`);
- ``liasse``: the tax-return lines (FEC only).

Ratios are evaluated when read (:func:`ratios_of`), so a change of thresholds
applies to every stored year at once.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

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

SIG_KEYS = (
    "chiffre_affaires",
    "marge_commerciale",
    "production_exercice",
    "valeur_ajoutee",
    "ebe",
    "resultat_exploitation",
    "rcai",
    "resultat_exceptionnel",
    "resultat_net",
)
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


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _sig(**known: Decimal) -> dict[str, str | None]:
    return {key: _money(known.get(key)) for key in SIG_KEYS}


def _figures(figures: Figures) -> dict[str, int | None]:
    return dataclasses.asdict(figures)


def summary_from_fec(report: FecReport) -> dict[str, Any]:
    """Everything ``fec analyse`` computes, stored once."""
    analysis = analyse_fec(report)
    return {
        "sig": {k: _money(v) for k, v in analysis.sig.as_decimals().items()},
        "caf": _money(to_decimal(analysis.caf.subtractive)),
        "caf_estimated": False,
        "bilan": {k: _money(v) for k, v in analysis.balance_sheet.as_decimals().items()},
        "figures": _figures(analysis.figures),
        "liasse": {
            k: _money(v) for k, v in liasse(analysis.ledger, analysis.sig.net_result).items() if v
        },
    }


def summary_from_2033(form: Form2033) -> dict[str, Any]:
    """A simplified return typed by hand: SIG down to the EBE, a partial balance sheet."""
    trade_margin = form.sales_of_goods - form.purchases_of_goods - form.stock_change_goods
    return {
        "sig": _sig(
            chiffre_affaires=form.turnover,
            marge_commerciale=trade_margin,
            valeur_ajoutee=form.value_added,
            ebe=form.ebitda_fr,
            resultat_net=form.net_result,
        ),
        "caf": _money(form.caf),
        "caf_estimated": False,
        "bilan": {
            "total_actif": _money(form.total_balance_sheet),
            "total_passif": _money(form.total_balance_sheet),
            "capitaux_propres": _money(form.equity),
            "dettes_financieres": _money(form.financial_debt),
            "frng": None,
            "bfr": None,
            "tresorerie_nette": _money(form.cash),
        },
        "figures": _figures(form.figures()),
        "liasse": {},
    }


def summary_from_2035(form: Form2035) -> dict[str, Any]:
    """A liberal profession's cash-basis return: no balance sheet."""
    value_added = form.receipts - form.purchases - form.rents_and_other_external
    return {
        "sig": _sig(
            chiffre_affaires=form.receipts,
            valeur_ajoutee=value_added,
            ebe=form.ebitda_fr,
            resultat_net=form.result,
        ),
        "caf": _money(form.result + form.depreciation),
        "caf_estimated": False,
        "bilan": None,
        "figures": _figures(form.figures()),
        "liasse": {},
    }


def summary_from_micro(turnover: Decimal, sector_margin: Decimal) -> dict[str, Any]:
    """Turnover only; the CAF is an estimate from the sector's margin rate."""
    figures = micro_figures(turnover, sector_margin)
    return {
        "sig": _sig(chiffre_affaires=turnover),
        "caf": _money(to_decimal(figures.caf or 0)),
        "caf_estimated": True,
        "bilan": None,
        "figures": _figures(figures),
        "liasse": {},
    }


MISSING_BY_SOURCE = {
    "fec": MISSING,
    "2033": MISSING,
    "2035": NO_BALANCE_SHEET,
    "micro": MICRO_ONLY_TURNOVER,
}


def ratios_of(summary: dict[str, Any], source: str) -> dict[str, RatioValue]:
    """The ratio catalogue on a stored summary, with the reason for those it cannot give."""
    figures = Figures(**summary.get("figures", {}))
    return evaluate_all(figures, MISSING_BY_SOURCE.get(source, MISSING))


def decimal_or_none(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def year_figures(end: Any, summary: dict[str, Any]) -> YearFigures | None:
    """The trends' inputs of one year, or ``None`` without turnover."""
    sig = summary.get("sig", {})
    turnover = decimal_or_none(sig.get("chiffre_affaires"))
    if turnover is None:
        return None
    bilan = summary.get("bilan") or {}
    return YearFigures(
        year_end=end,
        turnover=turnover,
        ebitda_fr=decimal_or_none(sig.get("ebe")),
        net_result=decimal_or_none(sig.get("resultat_net")),
        equity=decimal_or_none(bilan.get("capitaux_propres")),
        financial_debt=decimal_or_none(bilan.get("dettes_financieres")),
    )
