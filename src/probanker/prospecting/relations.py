"""What the bank already has of a SIREN: a client or a prospect, in any portfolio.

The register's list says « déjà client » or « déjà prospect » for every
manager's parties (a prospect is canvassed once), without naming whose; a
manager reaches the party itself only in their own portfolio.
"""

from __future__ import annotations

from collections.abc import Iterable

from probanker.parties.models import Party


def relations_of(sirens: Iterable[str | None]) -> dict[str, str]:
    """``{siren: "client" | "prospect"}`` for the SIRENs the bank already holds."""
    wanted = {s for s in sirens if s}
    if not wanted:
        return {}
    # Deliberately unscoped: the relation exists whoever holds it (no detail is returned).
    rows = Party.objects.filter(siren__in=wanted).values_list("siren", "kind")
    return {siren: kind for siren, kind in rows if siren}
