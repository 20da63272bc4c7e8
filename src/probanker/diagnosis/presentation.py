"""What the analysis page and the PDF note draw: charts with their data tables."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from probanker.diagnosis.analysis import PartyAnalysis
from probanker.reports.charts import line_chart


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the table of the figures it draws."""

    id: str
    title: str
    svg: str
    columns: list[str]
    rows: list[tuple[str, list[Decimal | None]]]


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
        svg = line_chart(title, columns, dict(rows))
        charts.append(Chart(chart_id, title, svg, columns, rows))
    return charts
