"""The commercial plan: objectives of a year against what the data shows was realised.

Realised figures, over the calendar year up to ``today`` and the scope's clients:

* new clients: clients whose relationship started (``client_since``) in the year;
* sales of a family: contracts of that family opened in the year (units);
* credit production: amounts requested in the credit files decided « accord »
  or « accord sous conditions » in the year;
* deposits collected: balances of the savings contracts opened in the year;
* PNB: the year-to-date PNB of the daily batch (``ClientFigures.pnb_ytd``).

The projection to the year's end is linear in the days elapsed. Every figure is
one query per indicator, whatever the number of clients.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Sum

from probanker.banking.models import Contract, ProductKind
from probanker.credit.models import Decision, RequestedProduct
from probanker.portfolio.models import ClientFigures, Indicator, Objective


@dataclass(frozen=True)
class Progress:
    """One objective against its realised figure."""

    objective: Objective
    realised: Decimal
    projection: Decimal

    @property
    def rate(self) -> Decimal | None:
        """Realised / objective (``None`` for an objective of 0)."""
        if not self.objective.target:
            return None
        return (self.realised / self.objective.target).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def projected_rate(self) -> Decimal | None:
        if not self.objective.target:
            return None
        return (self.projection / self.objective.target).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def unit(self) -> bool:
        return self.objective.indicator in (Indicator.NEW_CLIENTS, Indicator.SALES)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The year as a half-open range ``[1 January, next 1 January)``."""
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def elapsed_share(year: int, today: dt.date) -> Decimal:
    """The share of the year elapsed at ``today`` (0 before it, 1 after it)."""
    start, end = year_bounds(year)
    if today < start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    return Decimal((today - start).days + 1) / Decimal((end - start).days)


def realised(clients: Any, year: int, today: dt.date) -> dict[tuple[str, str | None], Decimal]:
    """Realised figure of every indicator (sales per family code) for the scope's clients."""
    start, end = year_bounds(year)
    end = min(end, today + dt.timedelta(days=1))
    out: dict[tuple[str, str | None], Decimal] = {}
    out[(Indicator.NEW_CLIENTS, None)] = Decimal(
        clients.filter(client_since__gte=start, client_since__lt=end).count()
    )
    opened = Contract.objects.filter(party__in=clients, opened_on__gte=start, opened_on__lt=end)
    for row in opened.values("product__family__code").annotate(n=Count("pk")):
        out[(Indicator.SALES, row["product__family__code"])] = Decimal(row["n"])
    collected = opened.filter(product__kind=ProductKind.DEPOSIT).aggregate(s=Sum("balance"))["s"]
    out[(Indicator.DEPOSITS, None)] = Decimal(collected or 0).quantize(Decimal("0.01"))
    decided = Decision.objects.filter(
        file__party__in=clients,
        outcome__in=[Decision.Outcome.ACCORD, Decision.Outcome.CONDITIONAL],
        decided_at__date__gte=start,
        decided_at__date__lt=end,
    ).values("file_id")
    produced = RequestedProduct.objects.filter(file_id__in=decided).aggregate(s=Sum("amount"))["s"]
    out[(Indicator.CREDIT_PRODUCTION, None)] = Decimal(produced or 0).quantize(Decimal("0.01"))
    if year == today.year:
        pnb = ClientFigures.objects.filter(party__in=clients).aggregate(s=Sum("pnb_ytd"))["s"]
        out[(Indicator.PNB, None)] = Decimal(pnb or 0).quantize(Decimal("0.01"))
    return out


def objectives_of(user: Any, year: int, manager: Any = None) -> Any:
    """The objectives of the year the user reaches: one manager's, or the branch's own."""
    rows = Objective.objects.visible_to(user, "portfolio.view").filter(year=year)
    rows = rows.select_related("family", "manager", "branch")
    if manager is not None:
        return rows.filter(manager=manager)
    from probanker.core.permissions import Scope, scope_of

    if scope_of(user) == Scope.OWN:
        return rows.filter(manager=user)
    return rows.filter(manager__isnull=True)


def progress(objectives: Any, clients: Any, year: int, today: dt.date) -> list[Progress]:
    """Each objective with its realised figure and its linear projection."""
    return progress_of(objectives, realised(clients, year, today), year, today)


def progress_of(
    objectives: Any, done: dict[tuple[str, str | None], Decimal], year: int, today: dt.date
) -> list[Progress]:
    """Each objective against the realised figures ``done`` at ``today``, projected."""
    share = elapsed_share(year, today)
    out = []
    for objective in objectives:
        key = (objective.indicator, objective.family.code if objective.family else None)
        value = done.get(key, Decimal(0))
        projection = (value / share).quantize(Decimal("0.01"), ROUND_HALF_UP) if share else value
        out.append(Progress(objective, value, projection))
    return out


def split_total(user: Any, year: int) -> dict[tuple[str, int | None], Decimal]:
    """What the managers' objectives add up to, per (indicator, family id): the split's check."""
    rows = Objective.objects.visible_to(user).filter(year=year, manager__isnull=False)
    sums = rows.values("indicator", "family_id").annotate(total=Sum("target"))
    return {(r["indicator"], r["family_id"]): Decimal(r["total"]) for r in sums}
