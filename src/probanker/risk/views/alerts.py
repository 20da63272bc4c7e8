"""The day's alerts: new, open or closed, most severe first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from probanker.core.access import visible
from probanker.core.listing import Column, build_listing
from probanker.risk.filtersets import CLOSED, OPEN, AlertFilterSet
from probanker.risk.models import Alert, RiskRun
from probanker.risk.presentation import evidence_lines

VIEWS = {
    "nouvelles": "Nouvelles alertes",
    "ouvertes": "Alertes ouvertes",
    "closes": "Alertes closes",
}
COLUMNS = [
    Column("severity", "Gravité", "rule__severity"),
    Column("client", "Client", "party__name"),
    Column("rule", "Alerte", "rule__label"),
    Column("opened", "Ouverte le", "opened_on"),
    Column("evidence", "Preuve"),
    Column("status", "Situation du client", "party__risk__status"),
]


def tab_filters(view: str, latest: RiskRun | None) -> dict[str, str] | None:
    """The filters a tab of the page stands for (``None``: nothing to show)."""
    if view == "nouvelles":
        return {"opened_on": latest.as_of.isoformat()} if latest else None
    return {"status": OPEN if view == "ouvertes" else CLOSED}


def alerts_page(request: HttpRequest) -> HttpResponse:
    """The manager's daily list: new alerts of the last run, most severe first.

    The tab (``vue``) sets the state or the opening date; the other filters of
    :class:`AlertFilterSet` (``rule``, ``severity``, ``party``...) apply too, as in
    the API.
    """
    latest = RiskRun.objects.order_by("-as_of").first()
    view = request.GET.get("vue", "nouvelles")
    if view not in VIEWS:
        view = "nouvelles"
    alerts = visible(Alert, request, "risk.view").select_related(
        "rule", "party", "party__risk", "account"
    )
    filters = tab_filters(view, latest)
    if filters is None:
        alerts = alerts.none()
    else:
        data = request.GET.copy()
        for key, value in filters.items():
            data[key] = value
        alerts = AlertFilterSet(data, queryset=alerts).qs
    listing = build_listing(alerts, request.GET, COLUMNS, default_sort="-severity", per_page=50)
    rows = [(a, evidence_lines(a.last_evidence)) for a in listing.object_list]
    return render(
        request,
        "risk/alerts.html",
        {
            "listing": listing,
            "rows": rows,
            "latest": latest,
            "view": view,
            "view_label": VIEWS[view],
            "views": VIEWS,
        },
    )
