"""Reads and scoping for alerts and degradation cases' measures."""

from __future__ import annotations

from probanker.core.querysets import ScopedQuerySet
from probanker.parties.querysets import PartyBoundQuerySet


class AlertQuerySet(PartyBoundQuerySet):
    """Alerts, scoped through their client."""

    def open(self) -> AlertQuerySet:
        """Alerts not closed yet."""
        return self.filter(closed_on__isnull=True)


class MeasureQuerySet(ScopedQuerySet):
    """Corrective measures, scoped through their case's client."""

    party_path = "case__party__"
