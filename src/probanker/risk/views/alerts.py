"""The day's alerts: new, open or closed, one row per client, most severe first."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from probanker.core.access import get_visible_or_404, visible
from probanker.core.listing import Column, build_listing
from probanker.core.models import User
from probanker.core.services import DomainError
from probanker.parties.models import Party
from probanker.risk.filtersets import CLOSED, OPEN, AlertFilterSet
from probanker.risk.models import Alert, RiskRun
from probanker.risk.presentation import evidence_lines
from probanker.risk.services import take_alert

VIEWS = {
    "nouvelles": "Nouvelles alertes",
    "ouvertes": "Alertes ouvertes",
    "closes": "Alertes closes",
}
COLUMNS = [
    Column("severity", "Gravité", "worst_severity"),
    Column("client", "Client", "name"),
    Column("alerts", "Alertes", "alert_count"),
    Column("opened", "Première ouverte le", "first_opened"),
    Column("status", "Situation du client", "risk__status"),
]


def tab_filters(view: str, latest: RiskRun | None) -> dict[str, str] | None:
    """The filters a tab of the page stands for (``None``: nothing to show)."""
    if view == "nouvelles":
        return {"opened_on": latest.as_of.isoformat()} if latest else None
    return {"status": OPEN if view == "ouvertes" else CLOSED}


def clients_of(alerts: Any) -> Any:
    """The clients of ``alerts``, each once, with its worst severity, count and first date.

    The list is about clients: a client with eight alerts is one row to call,
    not eight rows to scroll through.
    """
    own = alerts.filter(party=OuterRef("pk")).order_by()
    return (
        Party.objects.filter(pk__in=alerts.order_by().values("party_id"))
        .select_related("risk")
        .annotate(
            worst_severity=Subquery(own.order_by("-rule__severity").values("rule__severity")[:1]),
            first_opened=Subquery(own.order_by("opened_on").values("opened_on")[:1]),
            alert_count=Subquery(own.values("party").annotate(n=Count("pk")).values("n")[:1]),
        )
    )


def alerts_page(request: HttpRequest) -> HttpResponse:
    """The manager's daily list: clients with new alerts of the last run, most severe first.

    The tab (``vue``) sets the state or the opening date; the other filters of
    :class:`AlertFilterSet` (``rule``, ``severity``, ``party``...) apply too, as in
    the API. Each row is one client with all its alerts of the view.
    """
    latest = RiskRun.objects.order_by("-as_of").first()
    view = request.GET.get("vue", "nouvelles")
    if view not in VIEWS:
        view = "nouvelles"
    alerts = visible(Alert, request, "risk.view").select_related(
        "rule", "party", "account", "taken_by"
    )
    filters = tab_filters(view, latest)
    if filters is None:
        alerts = alerts.none()
    else:
        data = request.GET.copy()
        for key, value in filters.items():
            data[key] = value
        alerts = AlertFilterSet(data, queryset=alerts).qs
    listing = build_listing(
        clients_of(alerts), request.GET, COLUMNS, default_sort="-severity", per_page=50
    )
    parties = list(listing.object_list)
    per_party: dict[int, list[tuple[Alert, list[tuple[str, str]]]]] = defaultdict(list)
    for alert in alerts.filter(party__in=parties).order_by("-rule__severity", "opened_on", "pk"):
        per_party[alert.party_id].append((alert, evidence_lines(alert.last_evidence)))
    rows = [(party, per_party[party.pk]) for party in parties]
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


@require_POST
def alert_take(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Take a visible alert in charge (404 outside the scope, 403 without ``alert.take``)."""
    alert = get_visible_or_404(Alert, request, pk=alert_id, action="alert.take")
    user: User = request.user  # type: ignore[assignment]
    try:
        take_alert(actor=user, alert=alert)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Alerte « {alert.rule.label} » prise en charge.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "risk:alerts")
