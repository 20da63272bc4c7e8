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


class PartyBoundQuerySet(ScopedQuerySet):
    """Rows attached to one party through a ``party`` foreign key."""

    party_path = "party__"
