"""complaints' step of the daily batch: deadlines falling due, overdue escalated."""

from __future__ import annotations

from probanker.core.registry import StepContext


def complaints_deadlines(context: StepContext) -> dict[str, int]:
    """Flag complaints whose next deadline is near; escalate the overdue ones to the
    complaints department (idempotent for the date: each is flagged or escalated once)."""
    from probanker.complaints.services import daily_review

    return daily_review(context.as_of)
