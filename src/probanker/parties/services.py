"""Every write on parties: creation, edition, reassignment. Audited."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from probanker.core.formatting import de
from probanker.core.models import Role, User
from probanker.core.permissions import Scope, require, scope_of
from probanker.core.services import DomainError
from probanker.parties.choices import PartyKind
from probanker.parties.models import (
    AccessibilityProfile,
    Establishment,
    Party,
    PartyLink,
    PartyRole,
    Person,
)


def _assignable_manager(*, actor: User, manager: User | None) -> User:
    """The manager a client goes to: a manager's own, or whom a director picks."""
    scope = scope_of(actor)
    if scope == Scope.OWN:
        return actor
    if manager is None:
        raise DomainError("Choisissez le chargé de clientèle du portefeuille.")
    if manager.role != Role.MANAGER:
        raise DomainError(f"{manager} n'est pas chargé de clientèle.")
    if scope == Scope.BRANCH and manager.branch_id != actor.branch_id:
        raise DomainError(f"{manager} n'appartient pas à votre agence.")
    if scope == Scope.NONE:
        raise DomainError("Votre rôle ne permet pas de confier un client.")
    return manager


def _sync_head_office(*, party: Party, siret: str) -> None:
    """Create or move the head-office establishment to ``siret``."""
    if not siret:
        return
    head = party.establishments.filter(is_head_office=True).first()
    if head and head.siret == siret:
        return
    existing = Establishment.objects.filter(siret=siret).first()
    if existing and existing.party_id != party.pk:
        raise DomainError(f"Le SIRET {siret} est déjà rattaché à un autre tiers.")
    if head:
        head.is_head_office = False
        head.save(update_fields=["is_head_office"])
    if existing:
        existing.is_head_office = True
        existing.save(update_fields=["is_head_office"])
        return
    Establishment.objects.create(
        party=party,
        siret=siret,
        is_head_office=True,
        street=party.street,
        postal_code=party.postal_code,
        city=party.city,
    )


def _mark_client_since(party: Party) -> None:
    """A client without an entry date (new, or a prospect that signs) is one from today."""
    if party.kind == PartyKind.CLIENT and party.client_since is None:
        party.client_since = timezone.localdate()


@transaction.atomic
def create_party(
    *,
    actor: User,
    party: Party,
    head_office_siret: str = "",
    manager: User | None = None,
    accessibility: dict[str, Any] | None = None,
) -> Party:
    """Store a new client or prospect in the right portfolio.

    ``party`` is an unsaved, validated instance (from a form or the API).
    Requires ``party.create`` (:class:`PermissionDenied` otherwise).
    """
    require(actor, "party.create")
    owner = _assignable_manager(actor=actor, manager=manager)
    if owner.branch_id is None:
        raise DomainError(f"{owner} n'est rattaché à aucune agence.")
    party.manager = owner
    party.branch_id = owner.branch_id
    _mark_client_since(party)
    party._history_user = actor  # type: ignore[attr-defined]
    party.full_clean()
    party.save()
    update_change_reason(party, "Création")
    _sync_head_office(party=party, siret=head_office_siret)
    AccessibilityProfile.objects.create(party=party, **(accessibility or {}))
    return party


@transaction.atomic
def update_party(
    *,
    actor: User,
    party: Party,
    head_office_siret: str = "",
    manager: User | None = None,
    reason: str = "",
) -> Party:
    """Save edits to a party the actor can see (the caller checked scope).

    Requires ``party.change``. A different ``manager`` is a reassignment: it
    requires ``party.reassign`` and a ``reason``, recorded in the history by
    :func:`reassign_parties`.
    """
    require(actor, "party.change")
    target = manager if manager is not None and manager.pk != party.manager_id else None
    if target is not None:
        require(actor, "party.reassign")
        if not reason.strip():
            raise DomainError("Indiquez le motif de la réaffectation.")
    _mark_client_since(party)
    party._history_user = actor  # type: ignore[attr-defined]
    party.full_clean()
    party.save()
    update_change_reason(party, "Modification")
    _sync_head_office(party=party, siret=head_office_siret)
    if target is not None:
        reassign_parties(actor=actor, parties=[party], target=target, reason=reason)
    return party


@transaction.atomic
def update_accessibility(*, actor: User, profile: AccessibilityProfile) -> AccessibilityProfile:
    """Save a client's accessibility needs and preferences (``party.change``)."""
    require(actor, "party.change")
    profile._history_user = actor  # type: ignore[attr-defined]
    profile.full_clean()
    profile.save()
    update_change_reason(profile, "Besoins d'accessibilité")
    return profile


@transaction.atomic
def reassign_parties(*, actor: User, parties: Iterable[Party], target: User, reason: str) -> int:
    """Move parties to ``target``'s portfolio; each move is in the history.

    Requires ``party.reassign`` (the director, within their branch, and the
    administrator). Returns the number of parties moved.
    """
    require(actor, "party.reassign")
    if target.role != Role.MANAGER or not target.is_active:
        raise DomainError(f"{target} n'est pas un chargé de clientèle actif.")
    if scope_of(actor) == Scope.BRANCH and target.branch_id != actor.branch_id:
        raise DomainError(f"{target} n'appartient pas à votre agence.")
    if not reason.strip():
        raise DomainError("Indiquez le motif de la réaffectation.")
    moved = 0
    for party in parties:
        if party.manager_id == target.pk:
            continue
        previous = party.manager
        party.manager = target
        party.branch = target.branch  # type: ignore[assignment]
        party._history_user = actor  # type: ignore[attr-defined]
        party.save(update_fields=["manager", "branch", "updated_at"])
        update_change_reason(party, f"Réaffectation {de(previous)} à {target} : {reason.strip()}")
        moved += 1
    return moved


def _stamp(obj: Any, actor: User) -> None:
    """The history row of the next save (or delete) names its author."""
    obj._history_user = actor


def _check_shares(role: PartyRole) -> None:
    for label, value in (("capital", role.share_percent), ("droits de vote", role.votes_percent)):
        if value is not None and not 0 <= value <= 100:
            raise DomainError(f"La part des {label} doit être comprise entre 0 et 100 %.")


@transaction.atomic
def add_role(
    *,
    actor: User,
    party: Party,
    person: Person,
    role: str,
    share_percent: Decimal | None = None,
    votes_percent: Decimal | None = None,
    control: str = "",
) -> PartyRole:
    """Give ``person`` a role on ``party`` (a new person is saved first), audited."""
    require(actor, "party.change")
    if person.pk is None:
        _stamp(person, actor)
        person.save()
        update_change_reason(person, "Création")
    if PartyRole.objects.filter(party=party, person=person, role=role).exists():
        raise DomainError(f"{person} a déjà ce rôle auprès {de(party)}.")
    created = PartyRole(
        party=party, person=person, role=role, share_percent=share_percent,
        votes_percent=votes_percent, control=control,
    )  # fmt: skip
    _check_shares(created)
    _stamp(created, actor)
    created.save()
    update_change_reason(created, f"Ajout {de(person)} ({created.get_role_display()})")
    return created


@transaction.atomic
def update_role(*, actor: User, role: PartyRole, person_changed: bool = False) -> PartyRole:
    """Save the changes made to ``role`` (and to its person when ``person_changed``)."""
    require(actor, "party.change")
    duplicate = PartyRole.objects.filter(
        party_id=role.party_id, person_id=role.person_id, role=role.role
    ).exclude(pk=role.pk)
    if duplicate.exists():
        raise DomainError(f"{role.person} a déjà ce rôle auprès {de(role.party)}.")
    _check_shares(role)
    if person_changed:
        _stamp(role.person, actor)
        role.person.save()
        update_change_reason(role.person, "Modification")
    _stamp(role, actor)
    role.save()
    update_change_reason(role, f"Modification {de(role.person)} ({role.get_role_display()})")
    return role


@transaction.atomic
def remove_role(*, actor: User, role: PartyRole) -> None:
    """Remove a person's role on a party; the history keeps who removed it."""
    require(actor, "party.change")
    role = PartyRole.objects.select_related("person").get(pk=role.pk)
    _stamp(role, actor)
    # The deletion's history row takes the reason from the instance before it goes.
    role._change_reason = f"Retrait {de(role.person)} ({role.get_role_display()})"  # type: ignore[attr-defined]
    role.delete()


@transaction.atomic
def add_link(*, actor: User, party: Party, other: Party, kind: str, note: str = "") -> PartyLink:
    """Link ``party`` to ``other`` (holding, SCI, household, group), audited."""
    require(actor, "party.change")
    if other.pk == party.pk:
        raise DomainError("Un tiers ne peut pas être lié à lui-même.")
    if PartyLink.objects.filter(party=party, other=other, kind=kind).exists():
        raise DomainError(f"Ce lien avec {other} existe déjà.")
    link = PartyLink(party=party, other=other, kind=kind, note=note.strip())
    _stamp(link, actor)
    link.save()
    update_change_reason(link, f"Lien avec {other} ({link.get_kind_display()})")
    return link


@transaction.atomic
def remove_link(*, actor: User, link: PartyLink) -> None:
    """Remove a link between two parties; the history keeps who removed it."""
    require(actor, "party.change")
    link = PartyLink.objects.select_related("other").get(pk=link.pk)
    _stamp(link, actor)
    link._change_reason = f"Retrait du lien avec {link.other} ({link.get_kind_display()})"  # type: ignore[attr-defined]
    link.delete()
