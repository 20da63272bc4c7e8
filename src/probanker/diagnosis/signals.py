"""The diagnosis signals the risk batch reads, registered as a signal provider.

Per client, from its latest fiscal year (by closing date): a negative EBE,
negative equity, and the repayment capacity (financial debts / CAF) in
hundredths of a year. risk reads them through ``core.registry`` and never
imports diagnosis.
"""

from __future__ import annotations

from typing import Any

from probanker.core.registry import SignalProvider

COLUMNS = {
    "ebe_negative": "boolean",
    "repayment_years_x100": "int64",
    "equity_negative": "boolean",
}


def year_signals(source: str, summary: dict[str, Any] | None) -> dict[str, Any]:
    """The three signals of one year's stored summary (none known without a summary)."""
    from probanker.diagnosis.summaries import Summary

    if not summary:
        return {"ebe_negative": False, "repayment_years_x100": None, "equity_negative": False}
    typed = Summary.from_json(summary)
    ebe = typed.sig.ebe
    equity = typed.bilan.capitaux_propres if typed.bilan else None
    years = typed.ratios(source)["capacite_remboursement"].value
    return {
        "ebe_negative": ebe is not None and ebe < 0,
        "repayment_years_x100": None if years is None else int(years * 100),
        "equity_negative": equity is not None and equity < 0,
    }


def latest_signals() -> dict[int, dict[str, Any]]:
    """``{party_id: signals}`` from each client's latest fiscal year."""
    from probanker.diagnosis.models import FiscalYear

    latest: dict[int, tuple[str, dict[str, Any]]] = {}
    rows = FiscalYear.objects.order_by("party_id", "-end").values_list(
        "party_id", "source", "summary"
    )
    for party_id, source, summary in rows:
        latest.setdefault(party_id, (source, summary))
    return {party_id: year_signals(*year) for party_id, year in latest.items()}


PROVIDER = SignalProvider(key="diagnosis", columns=COLUMNS, provide=latest_signals)
