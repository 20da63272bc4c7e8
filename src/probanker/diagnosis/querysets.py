"""Reads and scoping for fiscal years."""

from __future__ import annotations

from probanker.parties.querysets import PartyBoundQuerySet


class FiscalYearQuerySet(PartyBoundQuerySet):
    """Fiscal years, scoped through their client."""

    def latest_first(self) -> FiscalYearQuerySet:
        """The most recent closing first."""
        return self.order_by("-end")
