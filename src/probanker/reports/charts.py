"""Charts as accessible SVG: Vega-Altair specifications rendered offline by vl-convert.

Every chart is drawn from the rows of a table that the page also shows, so
no figure is only in the picture. The SVG is marked as one image whose name
is the chart's title (``role="img"``, ``aria-label``); its inner marks are
hidden from assistive technologies, which read the table instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# Colours of the house palette, distinguishable by colour-blind readers
# (Okabe-Ito) and each paired with a distinct point shape.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"]


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the table of the figures it draws (one row per series)."""

    id: str
    title: str
    svg: str
    columns: list[str]
    rows: list[tuple[str, list[Decimal | None]]]


def chart(
    chart_id: str, title: str, columns: list[str], rows: list[tuple[str, list[Decimal | None]]]
) -> Chart:
    """A line chart of ``rows`` over ``columns``, with the same rows for its data table."""
    return Chart(chart_id, title, line_chart(title, columns, dict(rows)), columns, rows)


def _accessible(svg: str, title: str) -> str:
    """Name the SVG as one image and hide its marks (the data table carries them)."""
    svg = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", svg)
    label = title.replace("&", "&amp;").replace('"', "&quot;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)


def line_chart(
    title: str,
    categories: Sequence[str],
    series: dict[str, Sequence[Decimal | None]],
    unit: str = "€",
) -> str:
    """A line chart (one line per series over the categories) as an SVG string."""
    # Imported here: Altair costs ~0.3 s of start-up that commands never need.
    import altair as alt
    import vl_convert

    rows = [
        {"x": category, "serie": name, "valeur": int(value.to_integral_value())}
        for name, values in series.items()
        for category, value in zip(categories, values, strict=True)
        if value is not None
    ]
    names = list(series)
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, width=520, height=220)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X(
                "x:O",
                title=None,
                sort=list(categories),
                axis=alt.Axis(labelAngle=-40 if len(categories) > 6 else 0),
            ),
            y=alt.Y("valeur:Q", title=unit, axis=alt.Axis(format="~s")),
            color=alt.Color(
                "serie:N",
                title=None,
                scale=alt.Scale(domain=names, range=PALETTE[: len(names)]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
            ),
            shape=alt.Shape(
                "serie:N", scale=alt.Scale(domain=names, range=SHAPES[: len(names)]), legend=None
            ),
        )
        .configure(font="sans-serif")
        .configure_view(stroke=None)
    )
    return _accessible(vl_convert.vegalite_to_svg(chart.to_json()), title)


def bars(
    chart_id: str, title: str, columns: list[str], rows: list[tuple[str, list[Decimal | None]]]
) -> Chart:
    """A grouped bar chart of ``rows`` (one colour per row) over ``columns``, with its table."""
    return Chart(chart_id, title, bar_chart(title, columns, dict(rows)), columns, rows)


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: dict[str, Sequence[Decimal | None]],
    unit: str = "€",
) -> str:
    """Horizontal bars (one bar per category and series) as an SVG string."""
    import altair as alt
    import vl_convert

    rows = [
        {"x": category, "serie": name, "valeur": int(value.to_integral_value())}
        for name, values in series.items()
        for category, value in zip(categories, values, strict=True)
        if value is not None
    ]
    names = list(series)
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, width=420)
        .mark_bar()
        .encode(
            y=alt.Y("x:N", title=None, sort=list(categories), axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("serie:N"),
            x=alt.X("valeur:Q", title=unit, axis=alt.Axis(format="~s")),
            color=alt.Color(
                "serie:N",
                title=None,
                scale=alt.Scale(domain=names, range=PALETTE[: len(names)]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
            ),
        )
        .configure(font="sans-serif")
        .configure_view(stroke=None)
    )
    return _accessible(vl_convert.vegalite_to_svg(chart.to_json()), title)
