"""Product coverage (« taux d'équipement »): which product families each client holds.

A client *holds* a family when at least one of its contracts of that family is
open (``closed_on`` empty). The functions take a queryset of parties (already
restricted by the caller with ``visible_to``) and answer in a constant number of
queries, whatever the number of clients.

Peers are the bank's clients of the same NAF division and segment, across every
branch: like the diagnosis' peer quartiles, only aggregates leave this module,
and only for groups of at least :data:`MIN_PEERS` clients, so no other
portfolio's client can be recognised. Shared by the portfolio diagnosis and the
sales recommendations (a layer above both).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q

from probanker.banking.models import Contract, ProductFamily
from probanker.parties.choices import PartyKind
from probanker.parties.models import Party

#: A peer group smaller than this gives no rate (too few to be anonymous or meaningful).
MIN_PEERS = 5
#: A family is a gap for a client when at least this share of its peers hold it.
GAP_THRESHOLD = Decimal("0.50")

PeerKey = tuple[str, str]  # (NAF division code, segment)


@dataclass(frozen=True)
class FamilyRate:
    """How many clients of a group hold a family, out of how many."""

    family: str
    holders: int
    clients: int

    @property
    def rate(self) -> Decimal:
        """The share of holders, ``0`` for an empty group, to four decimals."""
        if not self.clients:
            return Decimal("0.0000")
        return (Decimal(self.holders) / Decimal(self.clients)).quantize(
            Decimal("0.0001"), ROUND_HALF_UP
        )


def family_codes() -> list[str]:
    """The families of the range, in the catalogue's order."""
    return list(ProductFamily.objects.order_by("position").values_list("code", flat=True))


def open_contracts() -> Any:
    """Contracts not closed: those that make a client a holder."""
    return Contract.objects.filter(closed_on__isnull=True)


def holdings(parties: Any) -> dict[int, set[str]]:
    """The family codes each party holds (a party holding nothing is absent), in one query."""
    rows = (
        open_contracts()
        .filter(party__in=parties)
        .values_list("party_id", "product__family__code")
        .distinct()
    )
    held: dict[int, set[str]] = defaultdict(set)
    for party_id, family in rows:
        held[party_id].add(family)
    return dict(held)


def family_holders(parties: Any) -> dict[str, int]:
    """Number of parties holding each family (families nobody holds: absent), in one query."""
    rows = (
        open_contracts()
        .filter(party__in=parties)
        .values("product__family__code")
        .annotate(holders=Count("party_id", distinct=True))
    )
    return {row["product__family__code"]: row["holders"] for row in rows}


def coverage(parties: Any, families: list[str] | None = None) -> list[FamilyRate]:
    """The holding rate of every family over ``parties`` (two queries)."""
    families = families if families is not None else family_codes()
    clients = parties.count()
    holders = family_holders(parties)
    return [FamilyRate(code, holders.get(code, 0), clients) for code in families]


def coverage_by(parties: Any, field: str) -> dict[str, dict[str, FamilyRate]]:
    """Holding rates per value of a party ``field`` (``"segment"``...): two queries."""
    sizes = {
        row[field]: row["n"] for row in parties.order_by().values(field).annotate(n=Count("pk"))
    }
    rows = (
        open_contracts()
        .filter(party__in=parties)
        .values(f"party__{field}", "product__family__code")
        .annotate(holders=Count("party_id", distinct=True))
    )
    out: dict[str, dict[str, FamilyRate]] = {key: {} for key in sizes}
    for row in rows:
        key, family = row[f"party__{field}"], row["product__family__code"]
        out.setdefault(key, {})[family] = FamilyRate(family, row["holders"], sizes.get(key, 0))
    return out


def bank_clients() -> Any:
    """Every client of the bank (peers are read across branches, as aggregates only)."""
    return Party.objects.filter(kind=PartyKind.CLIENT)


def peer_rates(keys: set[PeerKey] | None = None) -> dict[PeerKey, dict[str, FamilyRate]]:
    """Holding rate of each family among the bank's clients of each (division, segment).

    Groups of fewer than :data:`MIN_PEERS` clients are left out. ``keys`` narrows
    the groups read (all when ``None``). Two queries.
    """
    clients = bank_clients()
    if keys is not None:
        condition = Q(pk__in=[])
        for division, segment in keys:
            condition |= Q(naf__division_id=division, segment=segment)
        clients = clients.filter(condition)
    sizes = {
        (row["naf__division_id"], row["segment"]): row["n"]
        for row in clients.order_by().values("naf__division_id", "segment").annotate(n=Count("pk"))
    }
    sizes = {key: n for key, n in sizes.items() if n >= MIN_PEERS}
    rows = (
        open_contracts()
        .filter(party__in=clients)
        .values("party__naf__division_id", "party__segment", "product__family__code")
        .annotate(holders=Count("party_id", distinct=True))
    )
    out: dict[PeerKey, dict[str, FamilyRate]] = {key: {} for key in sizes}
    for row in rows:
        key = (row["party__naf__division_id"], row["party__segment"])
        if key in sizes:
            family = row["product__family__code"]
            out[key][family] = FamilyRate(family, row["holders"], sizes[key])
    return out


def missing_against_peers(
    held: set[str], peers: dict[str, FamilyRate], threshold: Decimal = GAP_THRESHOLD
) -> list[str]:
    """The families a client lacks that at least ``threshold`` of its peers hold."""
    return sorted(
        code for code, rate in peers.items() if code not in held and rate.rate >= threshold
    )
