"""Every write of the portfolio: transfer prices and the commercial plan's objectives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from probanker.banking.models import ProductFamily
from probanker.core.models import Role, User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.portfolio.models import Indicator, Objective, TransferKind, TransferPrice

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
