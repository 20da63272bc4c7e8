"""sales' step of the daily batch: the after-sales events that call for a contact."""

from __future__ import annotations

from probanker.core.registry import StepContext


def after_sales(context: StepContext) -> dict[str, int]:
    """The events of the business date written once each (a rerun adds nothing)."""
    from probanker.sales.after_sales import record

    return {"after_sales_events": record(context.as_of, context.lake_dir)}
