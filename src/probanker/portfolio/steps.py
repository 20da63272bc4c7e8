"""portfolio's step of the daily batch: every client's figures for the business date."""

from __future__ import annotations

from probanker.core.registry import StepContext


def portfolio_figures(context: StepContext) -> dict[str, int]:
    """PNB, flows entrusted, potential and attrition of every client (``compute``).

    After the risk step: a degraded status makes a client a risk, not a target.
    Idempotent: a rerun of the date replaces the figures.
    """
    from probanker.portfolio.compute import refresh_figures

    return {"clients": refresh_figures(context.as_of, context.lake_dir)}
