"""What the analysis page and the PDF note draw: charts with their data tables."""

from __future__ import annotations

from decimal import Decimal

from probanker.diagnosis.analysis import PartyAnalysis
from probanker.reports.charts import Chart, chart


def _rows(
    analysis: PartyAnalysis, table: str, labels: list[str]
) -> list[tuple[str, list[Decimal | None]]]:
    source = analysis.sig_rows if table == "sig" else analysis.bilan_rows
    found = dict(source)
    return [
        (label, found[label])
        for label in labels
        if label in found and any(v is not None for v in found[label])
    ]


def charts_of(analysis: PartyAnalysis) -> list[Chart]:
    """Activity and results over the years; financial structure when there is a balance sheet."""
    if not analysis.years:
        return []
    columns = [f"{y.end:%Y}" if y.months == 12 else f"{y.end:%m/%Y}" for y in analysis.years]
    charts = []
    specs = [
        ("activite", "Activité et résultats", "sig",
         ["Chiffre d'affaires", "Excédent brut d'exploitation", "Résultat net"]),
        ("structure", "Structure financière", "bilan",
         ["Capitaux propres", "Dettes financières", "Trésorerie nette"]),
    ]  # fmt: skip
    for chart_id, title, table, labels in specs:
        rows = _rows(analysis, table, labels)
        if not rows:
            continue
        charts.append(chart(chart_id, title, columns, rows))
    return charts
