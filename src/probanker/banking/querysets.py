"""Reads and scoping for contracts held and imported statements."""

from __future__ import annotations

from probanker.core.querysets import ScopedQuerySet
from probanker.parties.querysets import PartyBoundQuerySet


class ContractQuerySet(PartyBoundQuerySet):
    """Contracts held; ``visible_to`` follows the holder's manager and branch."""

    def open(self) -> ContractQuerySet:
        """Contracts not closed."""
        return self.filter(closed_on__isnull=True)


class StatementQuerySet(ScopedQuerySet):
    """Imported statements, scoped through their account's holder."""

    party_path = "contract__party__"
