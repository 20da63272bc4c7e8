"""The client lists of the diagnosis, and the target lists saved from them.

:func:`filtered_clients` is the one reading of a client-list filter: the page,
its exports and a target list re-evaluated at each reading all go through it.
An action's results are counted by the capabilities registered in
``core.registry`` (contacts, and what ``action_results`` sources report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from probanker.banking.models import ProductFamily
from probanker.core import registry
from probanker.core.access import DAY_MANAGER_PARAM
from probanker.parties.models import Party
from probanker.portfolio import figures, presentation
from probanker.portfolio.models import ClientFigures, CommercialAction, TargetList, TargetMode

#: The query-string parameters of the client list a target list keeps.
FILTER_KEYS = ("axe", "valeur", "signal", "sans", "tri", DAY_MANAGER_PARAM)
ORDERS = {"potentiel": "-portfolio_figures__potential", "pnb": "-portfolio_figures__pnb"}


def clean_query(params: Mapping[str, Any]) -> dict[str, str]:
    """The filter parameters of ``params`` (others dropped), as short strings."""
    out = {}
    for key in FILTER_KEYS:
        value = params.get(key)
        if isinstance(value, str) and value and len(value) <= 60:
            out[key] = value
    return out


def filtered_clients(clients: Any, params: Mapping[str, str], today: dt.date) -> tuple[Any, str]:
    """The clients of ``clients`` that the filter ``params`` keeps, and its French title."""
    rows = clients.select_related("portfolio_figures", "naf", "manager")
    axis, value = params.get("axe"), params.get("valeur")
    title = "Clients du portefeuille"
    if axis in figures.AXES and value is not None:
        rows = figures.clients_in_cell(rows, axis, value, today)
        the_axis = figures.AXES[axis]
        title = f"{the_axis.label} : {figures.value_label(the_axis, the_axis.labels(), value)}"
    signal = params.get("signal")
    if signal in presentation.ATTRITION:
        codes = ClientFigures.objects.filter(party__in=clients).exclude(attrition=[])
        ids = [
            pk for pk, signals in codes.values_list("party_id", "attrition") if signal in signals
        ]
        rows = rows.filter(pk__in=ids)
        title = f"Signal d'attrition : {presentation.ATTRITION[signal]}"
    family = params.get("sans")
    label = ProductFamily.objects.filter(code=family).values_list("label", flat=True).first()
    if family and label:
        rows = rows.exclude(
            contracts__closed_on__isnull=True, contracts__product__family__code=family
        )
        title = f"Clients sans la famille « {label} »"
    return rows.order_by(ORDERS.get(params.get("tri", ""), "name"), "name"), title


def list_clients(target: TargetList, viewer: Any, today: dt.date) -> Any:
    """The clients of ``target`` that ``viewer`` reaches: the filter re-evaluated on the
    owner's portfolio, or the frozen clients."""
    visible = Party.objects.visible_to(viewer, "portfolio.view")
    if target.mode == TargetMode.FROZEN:
        rows = visible.filter(pk__in=target.parties.values("pk"))
        return rows.select_related("portfolio_figures", "naf", "manager").order_by("name")
    try:
        scope = figures.portfolio_scope(target.owner, target.query.get(DAY_MANAGER_PARAM))
    except LookupError:  # the manager narrowed to left the branch: nothing to show
        return visible.none()
    rows, _ = filtered_clients(scope.clients, target.query, today)
    return rows.filter(pk__in=visible.values("pk"))


@dataclass(frozen=True)
class Results:
    """What an action led to: ``(label, number)`` rows, or ``None`` when no capability
    counts anything yet."""

    rows: list[tuple[str, int]] | None


def action_results(party_ids: list[int], start: dt.date, end: dt.date) -> Results:
    """Contacts made with the clients in ``[start, end)`` (clients whose latest contact is
    in it), then every ``action_results`` source's counts."""
    rows: list[tuple[str, int]] = []
    sources = list(registry.contact_sources)
    counters = list(registry.action_results)
    if sources:
        latest: dict[int, dt.date] = {}
        for source in sources:
            for pk, day in source.last_contacts(party_ids).items():
                latest[pk] = max(day, latest.get(pk, day))
        rows.append(("Clients contactés", sum(start <= d < end for d in latest.values())))
    for counter in counters:
        rows.extend(counter.count(party_ids, start, end).items())
    return Results(rows if sources or counters else None)


@dataclass(frozen=True)
class ActionLine:
    """A commercial action of a review, with the size of its list and its results."""

    action: CommercialAction
    clients: int
    results: Results


def actions_in_scope(viewer: Any, manager: Any, today: dt.date) -> list[ActionLine]:
    """The actions of the year on the target lists ``viewer`` reaches (those owned by
    ``manager`` when narrowed), by due date, each with its results since it started.

    One query for the actions, then one per target list for its clients (a review holds
    a few dozen actions, not thousands)."""
    rows = CommercialAction.objects.visible_to(viewer, "portfolio.view").filter(
        due_on__year=today.year
    )
    if manager is not None:
        rows = rows.filter(owner=manager)
    rows = rows.select_related("target_list", "target_list__owner", "owner").order_by(
        "due_on", "pk"
    )
    end = today + dt.timedelta(days=1)
    clients: dict[int, list[int]] = {}
    out = []
    for action in rows:
        target = action.target_list
        if target.pk not in clients:
            clients[target.pk] = list(
                list_clients(target, viewer, today).values_list("pk", flat=True)
            )
        ids = clients[target.pk]
        out.append(ActionLine(action, len(ids), action_results(ids, action.started_on, end)))
    return out
