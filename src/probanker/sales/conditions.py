"""Negotiated conditions within the delegation grid.

A manager negotiates a condition on a client's contract — a rate discount (in basis
points on the outstanding), fees waived or reduced (their yearly amount) — for a
limited time. Its **yearly cost** is the PNB the bank gives up: for a rate discount,
the outstanding × the discount; for fees, the amount waived a year. The grid
(:class:`~probanker.sales.models.ConditionLimit`, data) says what each level grants
alone; the lowest level whose row covers the discount, the cost and the duration
decides, the committee beyond the director's row. A condition within the requester's
own level is granted at once; any other waits for a decision at its level.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Sum

from probanker.banking.models import Contract
from probanker.core.formatting import euros
from probanker.core.models import Role, User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.sales.models import (
    CONDITION_LEVELS,
    ConditionKind,
    ConditionLevel,
    ConditionLimit,
    ConditionStatus,
    NegotiatedCondition,
)

MAX_MONTHS = 60
MAX_RATE_BP = 500
MAX_COST = Decimal("1e9")
#: The level each role decides at (the others request only).
ROLE_LEVEL = {
    Role.MANAGER: ConditionLevel.MANAGER,
    Role.DIRECTOR: ConditionLevel.DIRECTOR,
    Role.COMMITTEE: ConditionLevel.COMMITTEE,
}


def yearly_cost(
    contract: Contract, kind: str, rate_bp: int | None, fees: Decimal | None
) -> Decimal:
    """The PNB given up a year: outstanding × discount, or the fees waived."""
    if kind == ConditionKind.RATE:
        outstanding = abs(contract.balance or Decimal(0))
        return (outstanding * Decimal(rate_bp or 0) / Decimal(10_000)).quantize(Decimal("0.01"))
    return (fees or Decimal(0)).quantize(Decimal("0.01"))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``, a started month counting as one."""
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months + (1 if delta.days else 0)


def level_for(rate_bp: int, cost: Decimal, months: int) -> str:
    """The lowest level whose row of the grid covers the discount, cost and duration."""
    limits = {row.level: row for row in ConditionLimit.objects.all()}
    for level in CONDITION_LEVELS[:-1]:
        row = limits.get(level)
        if (
            row
            and rate_bp <= row.max_rate_bp
            and cost <= row.max_annual_cost
            and months <= row.max_months
        ):
            return level
    return ConditionLevel.COMMITTEE


def may_decide(user: Any, condition: NegotiatedCondition) -> bool:
    """Whether the user's role decides at the condition's level or above."""
    level = ROLE_LEVEL.get(getattr(user, "role", None))  # type: ignore[arg-type]
    return level is not None and CONDITION_LEVELS.index(level) >= CONDITION_LEVELS.index(
        condition.level  # type: ignore[arg-type]
    )


def _check(
    kind: str, rate_bp: int | None, fees: Decimal | None, start: dt.date, end: dt.date
) -> None:
    if kind == ConditionKind.RATE and not (rate_bp and 0 < rate_bp <= MAX_RATE_BP):
        raise DomainError(f"La bonification se donne en points de base, de 1 à {MAX_RATE_BP}.")
    if kind == ConditionKind.FEES and not (
        fees is not None and fees.is_finite() and 0 < fees < MAX_COST
    ):
        raise DomainError("Indiquez le montant annuel des frais exonérés ou remisés (positif).")
    if end <= start:
        raise DomainError("La condition prend fin après sa date de début.")
    if months_between(start, end) > MAX_MONTHS:
        raise DomainError(f"Une condition négociée dure {MAX_MONTHS} mois au plus.")


@transaction.atomic
def request_condition(
    *, actor: User, contract: Contract, kind: str, label: str, reason: str, start: dt.date,
    end: dt.date, on: dt.date, rate_bp: int | None = None, fees: Decimal | None = None,
) -> NegotiatedCondition:  # fmt: skip
    """Record a negotiated condition: granted at once within the actor's delegation,
    waiting for the level that decides otherwise."""
    require(actor, "sales.change")
    if kind not in ConditionKind.values:
        raise DomainError(f"Nature de condition inconnue : « {kind} ».")
    if contract.closed_on is not None:
        raise DomainError("Ce contrat est clos : aucune condition ne s'y négocie.")
    if kind == ConditionKind.RATE and contract.product.kind not in ("credit", "line"):
        raise DomainError("Une bonification de taux porte sur un crédit ou une autorisation.")
    if not reason.strip():
        raise DomainError("Donnez l'argument de la négociation (ce que la banque y gagne).")
    _check(kind, rate_bp, fees, start, end)
    cost = yearly_cost(contract, kind, rate_bp, fees)
    level = level_for(rate_bp or 0, cost, months_between(start, end))
    condition = NegotiatedCondition(
        party=contract.party, contract=contract, kind=kind, label=label.strip()[:160],
        rate_bp=rate_bp if kind == ConditionKind.RATE else None, annual_cost=cost,
        start=start, end=end, reason=reason.strip()[:400], level=level,
        status=ConditionStatus.PENDING, requested_by=actor, requested_on=on,
    )  # fmt: skip
    if may_decide(actor, condition):
        condition.status, condition.decided_by, condition.decided_on = (
            ConditionStatus.GRANTED, actor, on,
        )  # fmt: skip
    condition.save()
    return condition


@transaction.atomic
def decide_condition(
    *, actor: User, condition: NegotiatedCondition, grant: bool, on: dt.date
) -> NegotiatedCondition:
    """Grant or refuse a condition waiting at the actor's level (or below)."""
    require(actor, "conditions.decide")
    if condition.status != ConditionStatus.PENDING:
        raise DomainError("Cette condition est déjà décidée.")
    if not may_decide(actor, condition):
        raise DomainError(
            f"Au-delà de votre délégation : cette condition relève du niveau "
            f"« {condition.get_level_display()} »."
        )
    condition.status = ConditionStatus.GRANTED if grant else ConditionStatus.REFUSED
    condition.decided_by, condition.decided_on = actor, on
    condition.save(update_fields=["status", "decided_by", "decided_on"])
    return condition


def in_force(conditions: Any, on: dt.date) -> Any:
    """The granted conditions running on ``on``."""
    return conditions.filter(status=ConditionStatus.GRANTED, start__lte=on, end__gte=on)


def yearly_cost_in_force(party: Any, on: dt.date) -> Decimal:
    """What the client's conditions in force cost a year (the PNB given up)."""
    total = in_force(NegotiatedCondition.objects.filter(party=party), on).aggregate(
        total=Sum("annual_cost")
    )["total"]
    return total or Decimal(0)


def describe(condition: NegotiatedCondition) -> str:
    """The condition in words: « Bonification de 30 points de base — 450,00 € par an »."""
    what = (
        f"bonification de {condition.rate_bp} points de base"
        if condition.kind == ConditionKind.RATE
        else "frais exonérés ou remisés"
    )
    return f"{condition.label} : {what}, {euros(condition.annual_cost)} par an"


@transaction.atomic
def update_limit(
    *, actor: User, level: str, max_rate_bp: int, max_annual_cost: Decimal, max_months: int
) -> ConditionLimit:
    """An administrator sets a row of the grid (the history keeps the former one); the
    director's row grants at least what the manager's does."""
    require(actor, "credit.grid.change")
    if level not in (ConditionLevel.MANAGER, ConditionLevel.DIRECTOR):
        raise DomainError("Seules les délégations du chargé et du directeur se règlent.")
    if not (0 <= max_rate_bp <= MAX_RATE_BP and 0 <= max_months <= MAX_MONTHS):
        raise DomainError(
            f"Bonification de 0 à {MAX_RATE_BP} points, durée de 0 à {MAX_MONTHS} mois."
        )
    if not (max_annual_cost.is_finite() and 0 <= max_annual_cost < MAX_COST):
        raise DomainError("Le coût annuel maximal est un montant positif.")
    row, _ = ConditionLimit.objects.update_or_create(
        level=level, defaults={"max_rate_bp": max_rate_bp, "max_annual_cost": max_annual_cost,
                               "max_months": max_months},
    )  # fmt: skip
    rows = {r.level: r for r in ConditionLimit.objects.select_for_update()}
    low, high = rows.get(ConditionLevel.MANAGER), rows.get(ConditionLevel.DIRECTOR)
    if low and high and (low.max_rate_bp > high.max_rate_bp or low.max_annual_cost > high.max_annual_cost
                         or low.max_months > high.max_months):  # fmt: skip
        raise DomainError("Le directeur accorde au moins ce que le chargé accorde seul.")
    return row
