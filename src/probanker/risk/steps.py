"""risk's steps of the daily batch: indicators and alerts, then case escalation."""

from __future__ import annotations

from typing import Any

from probanker.core.registry import StepContext


def risk_indicators(context: StepContext) -> dict[str, Any]:
    """Indicators, snapshot, alerts and statuses for the date (``risk run``).

    Idempotent: a rerun of the date replaces its snapshot and revises the
    alerts of the earlier run in place, in one transaction (an alert keeps
    its id, so a case opened from it keeps its evidence).
    """
    from probanker.risk.services import run_risk

    counts = run_risk(context.as_of, context.engine, context.lake_dir).as_dict()
    counts.pop("as_of")  # the run's own date
    return counts


def cases_escalation(context: StepContext) -> dict[str, int]:
    """Overdue degradation cases escalated to the director (each case once)."""
    from probanker.risk.cases import escalate_overdue

    return {"cases_escalated": escalate_overdue(context.as_of)}
