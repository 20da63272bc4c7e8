"""Every write of the portfolio: transfer prices, the commercial plan's objectives,
target lists and the actions planned on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from probanker.banking.models import ProductFamily
from probanker.core.access import managers_in_scope
from probanker.core.models import Role, User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.portfolio.models import (
    ActionKind,
    ActionStatus,
    CommercialAction,
    Indicator,
    Objective,
    TargetList,
    TargetMode,
    TransferKind,
    TransferPrice,
)

MAX_RATE = Decimal(100)


def _by(actor: User, obj: Any, reason: str) -> Any:
    """Mark ``obj``'s next history row with its author and reason."""
    obj._history_user = actor
    obj._change_reason = reason
    return obj


@transaction.atomic
def record_transfer_price(
    *, actor: User, kind: str, start: dt.date, rate: Decimal
) -> TransferPrice:
    """Record the transfer price of ``kind`` from ``start`` on (replacing one of the same
    start); the change is in the history with its author."""
    if kind not in TransferKind.values:
        raise DomainError(f"Nature de taux inconnue : {kind}.")
    if not -MAX_RATE < rate < MAX_RATE:
        raise DomainError("Le taux doit être compris entre −100 % et 100 %.")
    require(actor, "transfer_price.change")
    row = TransferPrice.objects.filter(kind=kind, start=start).first() or TransferPrice(
        kind=kind, start=start
    )
    row.rate = rate
    _by(actor, row, f"taux de cession enregistré par {actor}").save()
    return row


@transaction.atomic
def set_objective(
    *,
    actor: User,
    year: int,
    indicator: str,
    target: Decimal,
    manager: User | None = None,
    family: ProductFamily | None = None,
) -> Objective:
    """Set an objective of the actor's branch for ``year`` (a manager's share with
    ``manager``); the same objective set again is updated, in the history."""
    if indicator not in Indicator.values:
        raise DomainError(f"Indicateur inconnu : {indicator}.")
    if (indicator == Indicator.SALES) != (family is not None):
        raise DomainError(
            "Une famille de produits est requise pour les ventes, et pour elles seules."
        )
    if target < 0:
        raise DomainError("L'objectif ne peut pas être négatif.")
    if not 2000 <= year <= 2100:
        raise DomainError("Année hors de la plage 2000-2100.")
    if actor.branch_id is None:
        raise DomainError("Vous n'êtes rattaché à aucune agence.")
    if manager is not None and (
        manager.role != Role.MANAGER or manager.branch_id != actor.branch_id
    ):
        raise DomainError("Ce chargé de clientèle n'est pas de votre agence.")
    require(actor, "objective.change")
    row = Objective.objects.filter(
        year=year, branch_id=actor.branch_id, manager=manager, indicator=indicator, family=family
    ).first() or Objective(
        year=year, branch_id=actor.branch_id, manager=manager, indicator=indicator, family=family
    )
    row.target = target
    _by(actor, row, f"objectif fixé par {actor}").save()
    return row


MAX_FROZEN = 5000  # a frozen list of a whole branch at most


@transaction.atomic
def save_target_list(
    *, actor: User, name: str, mode: str, query: dict[str, str], title: str,
    party_ids: list[int], today: dt.date,
) -> TargetList:  # fmt: skip
    """Save a target list of the actor's portfolio: ``query`` is its filter; a frozen list
    keeps ``party_ids`` (the clients the filter gave, already restricted to the actor)."""
    name = name.strip()
    if not name:
        raise DomainError("Donnez un nom à la liste.")
    if mode not in TargetMode.values:
        raise DomainError(f"Mode de liste inconnu : {mode}.")
    if actor.branch_id is None:
        raise DomainError("Vous n'êtes rattaché à aucune agence.")
    if mode == TargetMode.FROZEN and len(party_ids) > MAX_FROZEN:
        raise DomainError(f"Une liste figée compte au plus {MAX_FROZEN} clients.")
    require(actor, "target.change")
    row = TargetList(name=name[:120], owner=actor, branch_id=actor.branch_id, mode=mode,
                     query=query, title=title[:250], created_on=today)  # fmt: skip
    _by(actor, row, f"liste cible enregistrée par {actor}").save()
    if mode == TargetMode.FROZEN:
        row.parties.set(party_ids)
    return row


def _check_owner(actor: User, owner: User) -> None:
    if not managers_in_scope(actor).filter(pk=owner.pk).exists():
        raise DomainError("Le responsable doit être un chargé de clientèle de votre périmètre.")


@transaction.atomic
def plan_action(
    *, actor: User, target: TargetList, kind: str, owner: User, due_on: dt.date,
    status: str = ActionStatus.TODO, label: str = "", today: dt.date,
) -> CommercialAction:  # fmt: skip
    """Plan an action on ``target`` (a list the actor reaches), owned by a manager of the
    actor's scope; its results are counted from ``today``."""
    if kind not in ActionKind.values:
        raise DomainError(f"Nature d'action inconnue : {kind}.")
    if status not in ActionStatus.values:
        raise DomainError(f"Statut inconnu : {status}.")
    if not today - dt.timedelta(days=366) <= due_on <= today + dt.timedelta(days=3 * 366):
        raise DomainError("L'échéance doit tomber dans l'année passée ou les trois ans à venir.")
    _check_owner(actor, owner)
    require(actor, "target.change")
    row = CommercialAction(target_list=target, kind=kind, owner=owner, due_on=due_on,
                           status=status, label=label.strip()[:200], started_on=today)  # fmt: skip
    _by(actor, row, f"action planifiée par {actor}").save()
    return row


@transaction.atomic
def set_action_status(*, actor: User, action: CommercialAction, status: str) -> CommercialAction:
    """Move ``action`` to ``status`` (à faire, en cours, terminée), in the history."""
    if status not in ActionStatus.values:
        raise DomainError(f"Statut inconnu : {status}.")
    require(actor, "target.change")
    action.status = status
    _by(actor, action, f"statut changé par {actor}").save()
    return action
