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
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from simple_history.utils import update_change_reason

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


@dataclass(frozen=True)
class EventResult:
    """What a manifestation brought: contacts made prospects, and how many became clients."""

    event: Event
    contacts: int
    clients_won: int


def event_results(events: QuerySet[Event]) -> list[EventResult]:
    """Each manifestation with its contacts and the clients won, the latest first."""
    annotated = events.annotate(
        n_contacts=Count("sources"),
        n_clients=Count("sources", filter=Q(sources__party__kind=PartyKind.CLIENT)),
    ).order_by("-held_on", "pk")
    return [EventResult(e, e.n_contacts, e.n_clients) for e in annotated]


@dataclass(frozen=True)
class PrescriberResult:
    """What a prescriber brought: prospects referred, and how many became clients."""

    prescriber: Prescriber
    referrals: int
    clients_won: int


def prescriber_results(prescribers: QuerySet[Prescriber]) -> list[PrescriberResult]:
    """Each prescriber with its referrals and the clients won, most referrals first."""
    annotated = prescribers.annotate(
        n_referrals=Count("sources"),
        n_clients=Count("sources", filter=Q(sources__party__kind=PartyKind.CLIENT)),
    ).order_by("-n_referrals", "name")
    return [PrescriberResult(p, p.n_referrals, p.n_clients) for p in annotated]
