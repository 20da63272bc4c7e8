"""The dashboard's figures of each portfolio, materialised by the daily batch.

Aggregating a branch's 5,000 clients along an axis, their product coverage
against the branch and the peers, PNB, flows, attrition and the year's
realised objectives takes some twenty queries and about a hundred
milliseconds; a director's dashboard is read far more often than the figures
change, and PNB, flows and signals are daily figures already. So the
``portfolio_figures`` step, once every client's figures are written, computes
the figures of every portfolio — each manager's, each branch's and the
bank's — with the same query layer (:mod:`portfolio.figures`,
:mod:`portfolio.objectives`) and stores them, one :class:`ScopeSummary` row
each. The dashboard, the « Revue de portefeuille », the PNB page and
``GET /api/v1/portefeuille`` then read one row.

Every figure is therefore « au » the batch's business date, which the pages
print. A portfolio the batch has not summarised yet (before the first batch,
a manager appointed since) is computed live, with the same functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from probanker.core.models import Branch, Role, User
from probanker.core.permissions import Scope, scope_of
from probanker.parties.choices import PartyKind
from probanker.parties.models import Party
from probanker.portfolio import figures, objectives
from probanker.portfolio.models import ScopeSummary

Realised = dict[tuple[str, str | None], Decimal]


@dataclass(frozen=True)
class Summary:
    """The figures of a portfolio on ``day`` (``as_of``: the clients' figures' date)."""

    day: dt.date
    as_of: dt.date | None
    cells: dict[str, list[figures.Cell]]  # axis key → cells
    families: list[figures.FamilyRow]
    pnb: dict[str, Decimal]
    flows: dict[str, Any]
    attrition: dict[str, int]
    realised: Realised
    stored: bool

    def segmentation(self, axis: str) -> list[figures.Cell]:
        return self.cells[axis]


def scope_key(scope: figures.PortfolioScope) -> str:
    """The :class:`ScopeSummary` key of a portfolio scope."""
    level = scope_of(scope.user)
    if scope.manager is not None:
        if level == Scope.BRANCH:  # the branch's clients of that manager
            return f"branch:{scope.user.branch_id}:manager:{scope.manager.pk}"
        return f"manager:{scope.manager.pk}"
    if level == Scope.ALL:
        return "all"
    if level == Scope.BRANCH:
        return f"branch:{scope.user.branch_id}"
    return f"manager:{scope.user.pk}"


def compute(clients: Any, reference: Any, day: dt.date, axes: tuple[str, ...]) -> Summary:
    """The figures of ``clients`` on ``day`` (coverage against ``reference``), live."""
    return Summary(
        day=day, as_of=figures.as_of(clients),
        cells={axis: figures.segmentation(clients, axis, day) for axis in axes},
        families=figures.coverage_against(clients, reference), pnb=figures.pnb_parts(clients),
        flows=figures.flows_summary(clients), attrition=figures.attrition_counts(clients),
        realised=objectives.realised(clients, day.year, day), stored=False,
    )  # fmt: skip


def summary(scope: figures.PortfolioScope, axis: str, today: dt.date) -> Summary:
    """The scope's figures as the last batch stored them, or computed live if it did not
    (then with the segmentation along ``axis`` only)."""
    row = ScopeSummary.objects.filter(key=scope_key(scope)).first()
    if row is not None:
        return decode(row.payload, row.day, (axis,))
    return compute(scope.clients, figures.branch_clients(scope), today, (axis,))


def progress(user: User, scope: figures.PortfolioScope, found: Summary, today: dt.date) -> Any:
    """The year's objectives of the scope against the summary's realised figures (live ones
    when the summary is of another year)."""
    rows = objectives.objectives_of(user, today.year, scope.manager)
    if found.day.year != today.year:
        return objectives.progress(rows, scope.clients, today.year, today)
    return objectives.progress_of(rows, found.realised, today.year, found.day)


# --- the batch --------------------------------------------------------------------------


def _portfolios() -> list[tuple[list[str], Any, Any]]:
    """(keys, clients, coverage reference) of every portfolio a user may open.

    A director narrowing to a manager sees the branch's clients of that manager: the
    manager's own portfolio, unless some of the manager's clients sit in another branch
    (a manager moved since), when it is a portfolio of its own.
    """
    clients = Party.objects.filter(kind=PartyKind.CLIENT)
    out: list[tuple[list[str], Any, Any]] = [(["all"], clients, clients)]
    for branch_id in Branch.objects.values_list("pk", flat=True):
        mine = clients.filter(branch_id=branch_id)
        out.append(([f"branch:{branch_id}"], mine, mine))
    straddling = set(
        clients.exclude(branch_id=F("manager__branch_id")).values_list("manager_id", flat=True)
    )
    managers = User.objects.filter(role=Role.MANAGER).values_list("pk", "branch_id")
    for manager_id, branch_id in managers:
        own = clients.filter(manager_id=manager_id)
        reference = figures.reference_clients(branch_id or 0)
        narrowed = f"branch:{branch_id}:manager:{manager_id}"
        if branch_id is None:
            out.append(([f"manager:{manager_id}"], own, reference))
        elif manager_id in straddling:
            out.append(([f"manager:{manager_id}"], own, reference))
            out.append(([narrowed], own.filter(branch_id=branch_id), reference))
        else:
            out.append(([f"manager:{manager_id}", narrowed], own, reference))
    return out


@transaction.atomic
def store_all(day: dt.date) -> int:
    """Compute and store the figures of every portfolio on ``day``; returns how many.

    The rows of the previous batch are replaced in the same transaction, so a
    reader sees either the old figures or the new ones.
    """
    rows: list[ScopeSummary] = []
    for keys, mine, reference in _portfolios():
        payload = encode(compute(mine, reference, day, tuple(figures.AXES)))
        rows.extend(ScopeSummary(key=key, day=day, payload=payload) for key in keys)
    ScopeSummary.objects.all().delete()
    ScopeSummary.objects.bulk_create(rows)
    return len(rows)


# --- JSON encoding ------------------------------------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def encode(found: Summary) -> dict[str, Any]:
    """The summary as JSON: decimals as strings, dates in ISO format."""
    return {
        "as_of": found.as_of.isoformat() if found.as_of else None,
        "cells": {
            axis: [[c.key, c.label, c.clients, str(c.deposits), str(c.credit_outstanding),
                    str(c.pnb)] for c in cells]
            for axis, cells in found.cells.items()
        },
        "families": [
            {**asdict(f), "rate": str(f.rate), "branch_rate": str(f.branch_rate),
             "peer_rate": _dec(f.peer_rate)}
            for f in found.families
        ],
        "pnb": {k: str(v) for k, v in found.pnb.items()},
        "flows": {k: _dec(v) if isinstance(v, Decimal) else v for k, v in found.flows.items()},
        "attrition": found.attrition,
        "realised": [[indicator, family, str(value)]
                     for (indicator, family), value in found.realised.items()],
    }  # fmt: skip


def decode(payload: dict[str, Any], day: dt.date, axes: tuple[str, ...] | None = None) -> Summary:
    """The summary :func:`encode` wrote, with the segmentation along ``axes`` (all of the
    stored ones for ``None``)."""
    flows = dict(payload["flows"])
    for key in ("turnover", "fiscal", "share"):
        flows[key] = _undec(flows[key])
    return Summary(
        day=day,
        as_of=dt.date.fromisoformat(payload["as_of"]) if payload["as_of"] else None,
        cells={
            axis: [figures.Cell(k, label, n, Decimal(d), Decimal(c), Decimal(p))
                   for k, label, n, d, c, p in cells]
            for axis, cells in payload["cells"].items()
            if axes is None or axis in axes
        },
        families=[
            figures.FamilyRow(**{**f, "rate": Decimal(f["rate"]),
                                 "branch_rate": Decimal(f["branch_rate"]),
                                 "peer_rate": _undec(f["peer_rate"])})
            for f in payload["families"]
        ],
        pnb={k: Decimal(v) for k, v in payload["pnb"].items()},
        flows=flows, attrition=dict(payload["attrition"]),
        realised={(i, f): Decimal(v) for i, f, v in payload["realised"]}, stored=True,
    )  # fmt: skip
