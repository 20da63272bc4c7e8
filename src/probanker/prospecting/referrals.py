"""Referrals and events: a client (parrainage) or a prescriber sends a contact, or the
manager meets one at a manifestation; the contact becomes a prospect.

The prospect is created from the register (its SIRET) or, when the bank
already follows it as a prospect without a known origin, linked: its source
then names the client or the prescriber. A prescriber's results are read from
these sources: referrals, and those that became clients.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from simple_history.utils import update_change_reason

from probanker.core import registry
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties.choices import PartyKind
from probanker.parties.models import Party
from probanker.prospecting.models import (
    Event,
    Prescriber,
    PrescriberContact,
    ProspectSource,
    SourceKind,
)
from probanker.prospecting.services import ProspectOutcome, create_prospect


@transaction.atomic
def create_prescriber(*, actor: User, prescriber: Prescriber) -> Prescriber:
    """Record a prescriber of the actor's branch (``prescriber.change``); one name per branch."""
    require(actor, "prescriber.change")
    if actor.branch_id is None:
        raise DomainError("Un prescripteur appartient à une agence : la vôtre n'est pas définie.")
    prescriber.branch_id = actor.branch_id
    names = Prescriber.objects.filter(branch_id=actor.branch_id).values_list("name", flat=True)
    if any(name.casefold() == prescriber.name.casefold() for name in names):  # accents too
        raise DomainError(f"Le prescripteur « {prescriber.name} » existe déjà dans l'agence.")
    prescriber._history_user = actor  # type: ignore[attr-defined]
    prescriber.save()
    return prescriber


@transaction.atomic
def add_contact(*, actor: User, contact: PrescriberContact) -> PrescriberContact:
    """Add a person to a prescriber (``prescriber.change``)."""
    require(actor, "prescriber.change")
    contact._history_user = actor  # type: ignore[attr-defined]
    contact.save()
    return contact


@transaction.atomic
def record_referral(
    *,
    actor: User,
    today: dt.date,
    siret: str = "",
    prospect: Party | None = None,
    prescriber: Prescriber | None = None,
    referrer: Party | None = None,
    note: str = "",
    manager: User | None = None,
    lake_dir: Path | None = None,
) -> ProspectOutcome:
    """A referral from ``prescriber`` or from the client ``referrer`` (exactly one).

    With a ``siret`` the register's establishment becomes a prospect whose
    source is the referral (refused as :func:`create_prospect` refuses: already
    held, closed...). With a ``prospect`` already followed, of unknown origin,
    the referral becomes its source. Requires ``referral.create``.
    """
    require(actor, "referral.create")
    if (prescriber is None) == (referrer is None):
        raise DomainError("Une recommandation vient d'un client ou d'un prescripteur, d'un seul.")
    if referrer is not None and referrer.kind != PartyKind.CLIENT:
        raise DomainError(f"{referrer.name} n'est pas client : seul un client parraine.")
    if bool(siret.strip()) == (prospect is not None):
        raise DomainError("Indiquez le SIRET de l'entreprise recommandée, ou le prospect suivi.")
    kind = SourceKind.PRESCRIBER if prescriber is not None else SourceKind.CLIENT_REFERRAL
    origin = ProspectSource(kind=kind, prescriber=prescriber, referrer=referrer, note=note[:300])
    return _from_source(
        actor=actor, today=today, origin=origin, siret=siret, prospect=prospect,
        manager=manager, lake_dir=lake_dir,
    )  # fmt: skip


def _from_source(
    *,
    actor: User,
    today: dt.date,
    origin: ProspectSource,
    siret: str,
    prospect: Party | None,
    manager: User | None,
    lake_dir: Path | None,
) -> ProspectOutcome:
    """The register's establishment ``siret`` made a prospect with ``origin`` as its
    source, or ``origin`` given to a prospect already followed of unknown origin."""
    if bool(siret.strip()) == (prospect is not None):
        raise DomainError("Indiquez le SIRET de l'entreprise, ou le prospect suivi.")
    if siret.strip():
        return create_prospect(
            actor=actor, siret=siret, today=today, manager=manager, lake_dir=lake_dir,
            origin=origin,
        )  # fmt: skip
    assert prospect is not None
    if prospect.kind != PartyKind.PROSPECT:
        raise DomainError(
            f"{prospect.name} est déjà client : ce n'est plus un prospect à apporter."
        )
    if ProspectSource.objects.filter(party=prospect).exists():
        raise DomainError(f"L'origine de {prospect.name} est déjà connue.")
    origin.party, origin.registered_by, origin.registered_on = prospect, actor, today
    origin.siret = ""
    origin._history_user = actor  # type: ignore[attr-defined]
    origin.save()
    update_change_reason(origin, f"Prospect : {origin.get_kind_display().lower()}")
    return ProspectOutcome(prospect)


@transaction.atomic
def create_event(*, actor: User, event: Event) -> Event:
    """Record a manifestation of the actor's branch (``event.change``)."""
    require(actor, "event.change")
    if actor.branch_id is None:
        raise DomainError("Une manifestation appartient à une agence : la vôtre n'est pas définie.")
    event.branch_id = actor.branch_id
    event._history_user = actor  # type: ignore[attr-defined]
    event.save()
    return event


@transaction.atomic
def capture_at_event(
    *,
    actor: User,
    today: dt.date,
    event: Event,
    siret: str = "",
    prospect: Party | None = None,
    note: str = "",
    manager: User | None = None,
    lake_dir: Path | None = None,
) -> ProspectOutcome:
    """A contact met at ``event`` (``prospect.create``): the register's establishment
    ``siret`` becomes a prospect, or a prospect of unknown origin gets the event as
    its source. Not before the event: a contact is captured once it has taken place."""
    require(actor, "prospect.create")
    if event.held_on > today:
        raise DomainError(
            f"« {event.name} » a lieu le {event.held_on:%d/%m/%Y} : "
            "les contacts s'enregistrent une fois la manifestation passée."
        )
    origin = ProspectSource(kind=SourceKind.EVENT, event=event, note=note[:300])
    return _from_source(
        actor=actor, today=today, origin=origin, siret=siret, prospect=prospect,
        manager=manager, lake_dir=lake_dir,
    )  # fmt: skip


PNB_KEY = "pnb"


def pnb_brought(user: Any, owners: QuerySet[Any], field: str) -> dict[int, Decimal] | None:
    """PNB of the twelve months of the clients each owner (prescriber or event) brought
    that ``user`` reaches (a manager's own, a director's branch), ``{owner id: PNB}``,
    read from the figures another app registers under ``"pnb"``
    (the portfolio's). ``None`` when no such figures are registered, or the user may not
    read them: the pages then say the PNB is not shown."""
    groups = [
        g for g in registry.party_figures_for(user) if PNB_KEY in {key for key, _ in g.columns}
    ]
    if not groups:
        return None
    # Only the clients the user reaches: a branch-wide sum would give away, by difference,
    # the PNB of a colleague's client.
    pairs = list(
        ProspectSource.objects.visible_to(user)
        .filter(**{f"{field}__in": owners}, party__kind=PartyKind.CLIENT)
        .values_list(f"{field}_id", "party_id")
    )  # fmt: skip
    values = groups[0].for_parties([party_id for _, party_id in pairs])
    out: dict[int, Decimal] = {}
    for owner_id, party_id in pairs:
        amount = values.get(party_id, {}).get(PNB_KEY) or Decimal(0)
        out[owner_id] = out.get(owner_id, Decimal(0)) + amount
    return out


@dataclass(frozen=True)
class EventResult:
    """What a manifestation brought: contacts made prospects, how many became clients and
    their PNB (``None``: not shown to this user)."""

    event: Event
    contacts: int
    clients_won: int
    pnb: Decimal | None = None


def event_results(events: QuerySet[Event], user: Any = None) -> list[EventResult]:
    """Each manifestation with its contacts, the clients won and their PNB, the latest
    first."""
    annotated = events.annotate(
        n_contacts=Count("sources"),
        n_clients=Count("sources", filter=Q(sources__party__kind=PartyKind.CLIENT)),
    ).order_by("-held_on", "pk")
    pnb = pnb_brought(user, events, "event")
    return [EventResult(e, e.n_contacts, e.n_clients, _amount(pnb, e.pk)) for e in annotated]


@dataclass(frozen=True)
class PrescriberResult:
    """What a prescriber brought: prospects referred, how many became clients and their PNB
    (``None``: not shown to this user)."""

    prescriber: Prescriber
    referrals: int
    clients_won: int
    pnb: Decimal | None = None


def prescriber_results(
    prescribers: QuerySet[Prescriber], user: Any = None
) -> list[PrescriberResult]:
    """Each prescriber with its referrals, the clients won and their PNB, most referrals
    first."""
    annotated = prescribers.annotate(
        n_referrals=Count("sources"),
        n_clients=Count("sources", filter=Q(sources__party__kind=PartyKind.CLIENT)),
    ).order_by("-n_referrals", "name")
    pnb = pnb_brought(user, prescribers, "prescriber")
    return [PrescriberResult(p, p.n_referrals, p.n_clients, _amount(pnb, p.pk)) for p in annotated]


def _amount(pnb: dict[int, Decimal] | None, owner_id: int) -> Decimal | None:
    if pnb is None:
        return None
    return pnb.get(owner_id, Decimal(0)).quantize(Decimal("0.01"))
