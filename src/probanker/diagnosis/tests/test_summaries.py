"""The typed fiscal-year summary and its one codec (the stored JSON keeps its shape)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from probanker.diagnosis.summaries import (
    BalanceSheetLines,
    SigLines,
    Summary,
    ratios_of,
    summary_from_2035,
    summary_from_micro,
)
from probanker.finance.ratios import Figures
from probanker.finance.regimes import Form2035

STORED_2033 = {
    "sig": {
        "chiffre_affaires": "100000.00",
        "marge_commerciale": "0.00",
        "production_exercice": None,
        "valeur_ajoutee": "60000.00",
        "ebe": "30000.00",
        "resultat_exploitation": None,
        "rcai": None,
        "resultat_exceptionnel": None,
        "resultat_net": "-1234.50",
    },
    "caf": "29000.00",
    "caf_estimated": False,
    "bilan": {
        "total_actif": "80000.00",
        "total_passif": "80000.00",
        "capitaux_propres": "-5000.00",
        "dettes_financieres": "20000.00",
        "frng": None,
        "bfr": None,
        "tresorerie_nette": "3000.00",
    },
    "figures": {
        "turnover": 10_000_000,
        "value_added": 6_000_000,
        "ebitda_fr": 3_000_000,
        "net_result": -123_450,
        "caf": 2_900_000,
        "equity": -500_000,
        "total_assets": 8_000_000,
        "financial_debt": 2_000_000,
        "cash": 300_000,
        "financial_charges": None,
        "trade_receivables": None,
        "trade_payables": None,
        "purchases": None,
        "stocks": None,
        "cost_of_sales": None,
        "debt_service": 400_000,
    },
    "liasse": {},
}


def test_a_stored_document_reads_typed_and_writes_back_unchanged() -> None:
    """from_json then to_json gives the very document stored (keys, order, strings, nulls)."""
    summary = Summary.from_json(STORED_2033)
    assert summary.sig.resultat_net == D("-1234.50")
    assert summary.sig.production_exercice is None
    assert summary.bilan is not None
    assert summary.bilan.capitaux_propres == D("-5000.00")
    assert summary.figures.debt_service == 400_000
    assert summary.to_json() == STORED_2033
    assert list(summary.to_json()["sig"]) == list(STORED_2033["sig"])


def test_every_regime_round_trips() -> None:
    """The codec is lossless for what each regime stores (micro: estimated CAF, no balance sheet)."""
    micro = summary_from_micro(D("60000"), D("0.35"))
    form = Form2035(
        receipts=D("90000"),
        purchases=D("5000"),
        staff_costs=D("0"),
        own_social_charges=D("15000"),
        taxes=D("2000"),
        rents_and_other_external=D("10000"),
        financial_charges=D("500"),
        depreciation=D("3000"),
        result=D("40000"),
    )
    for summary in (micro, summary_from_2035(form), Summary.from_json(STORED_2033)):
        assert Summary.from_json(summary.to_json()) == summary
    assert micro.caf_estimated
    assert micro.bilan is None
    assert micro.to_json()["caf"] == "21000.00"


def test_an_empty_document_is_a_summary_with_nothing_known() -> None:
    """An empty column reads as missing figures, not an error."""
    summary = Summary.from_json({})
    assert summary.sig == SigLines()
    assert summary.caf is None
    assert summary.bilan is None
    assert summary.figures == Figures()
    assert summary.year_figures(dt.date(2024, 12, 31)) is None


def test_trends_and_ratios_read_the_typed_summary() -> None:
    """Trend inputs and ratios come from the typed fields; the JSON form gives the same ratios."""
    summary = Summary.from_json(STORED_2033)
    figures = summary.year_figures(dt.date(2024, 12, 31))
    assert figures is not None
    assert (figures.turnover, figures.ebitda_fr, figures.equity) == (
        D("100000.00"),
        D("30000.00"),
        D("-5000.00"),
    )
    assert ratios_of(summary, "2033") == ratios_of(STORED_2033, "2033")
    assert summary.ratios("2033")["taux_marge_ebe"].value == D("30.00")
    assert BalanceSheetLines.from_json(STORED_2033["bilan"]).items()[2] == (
        "capitaux_propres",
        D("-5000.00"),
    )
