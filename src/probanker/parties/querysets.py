"""Reads and scoping for parties."""

from __future__ import annotations

from probanker.core.querysets import ScopedQuerySet


class PartyQuerySet(ScopedQuerySet):
    """Parties; ``visible_to`` filters on the party's own manager and branch."""

    party_path = ""

    def clients(self) -> PartyQuerySet:
        return self.filter(kind="client")

    def prospects(self) -> PartyQuerySet:
        return self.filter(kind="prospect")

    def for_client_page(self) -> PartyQuerySet:
        """Parties with what the client page's identity sections read, in few queries."""
        return self.select_related(
            "naf__division__section", "manager", "branch", "accessibility"
        ).prefetch_related("establishments", "roles__person")


class PartyBoundQuerySet(ScopedQuerySet):
    """Rows attached to one party through a ``party`` foreign key."""

    party_path = "party__"
