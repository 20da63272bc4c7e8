"""What risk contributes to the workstation: the risk section of the client page,
its histories, the menu entry, and two blocks of « Ma journée »: the day's new
alerts grouped by client, and the degradation cases with a contact or a measure due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import timezone

from probanker.core import registry
from probanker.core.access import day_visible
from probanker.core.permissions import can
from probanker.risk import models

CASE_HORIZON_DAYS = 7  # a contact or measure due within a week is today's work
DAY_LIST_LIMIT = 10


def risk_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    """Status, stage, open alerts with their evidence, open case; charts for clients."""
    from probanker.risk.client_view import client_charts, client_risk

    charts = client_charts(party, timezone.localdate()) if party.kind == "client" else []
    return {
        "risk": client_risk(party),
        "risk_charts": charts,
        "can_open_case": can(request.user, "case.change"),
    }


def new_alerts_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Alerts opened by the latest risk run up to ``today``, grouped by client."""
    last = models.RiskRun.objects.filter(as_of__lte=today).aggregate(d=Max("as_of"))["d"]
    if last is None:
        return {"count": 0, "client_count": 0, "clients": [], "as_of": None}
    alerts = (
        day_visible(models.Alert, request)
        .filter(opened_on=last)
        .select_related("rule", "party", "account")
        .order_by("-rule__severity", "party__name", "pk")
    )
    grouped: dict[int, dict[str, Any]] = {}
    for alert in alerts:
        entry = grouped.setdefault(alert.party_id, {"party": alert.party, "alerts": []})
        entry["alerts"].append(alert)
    clients = list(grouped.values())
    count = sum(len(c["alerts"]) for c in clients)
    open_count = day_visible(models.Alert, request).open().count()
    return {"count": count, "clients": clients[:DAY_LIST_LIMIT], "more": len(clients) > DAY_LIST_LIMIT,
            "client_count": len(clients), "as_of": last, "open_count": open_count}  # fmt: skip


def cases_due_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Open cases whose first contact or a planned measure is due within a week or overdue."""
    horizon = today + dt.timedelta(days=CASE_HORIZON_DAYS)
    cases = (
        day_visible(models.DegradationCase, request)
        .filter(closed_on__isnull=True)
        .filter(
            Q(first_contact_on__isnull=True, first_contact_due__lte=horizon)
            | Q(measures__status=models.MeasureStatus.PLANNED, measures__deadline__lte=horizon)
        )
        .distinct()
        .select_related("party")
        .prefetch_related("measures")
        .order_by("first_contact_due", "pk")
    )
    rows = []
    for case in cases:
        due = []
        if case.first_contact_on is None and case.first_contact_due <= horizon:
            due.append(("premier contact", case.first_contact_due))
        due += [
            (m.get_kind_display().lower(), m.deadline)
            for m in case.measures.all()
            if m.status == models.MeasureStatus.PLANNED and m.deadline <= horizon
        ]
        rows.append({"case": case, "due": sorted(due, key=lambda d: d[1])})
    rows.sort(key=lambda r: r["due"][0][1] if r["due"] else today)
    return {"count": len(rows), "rows": rows[:DAY_LIST_LIMIT], "today": today}


def register() -> None:
    """Called from ``RiskConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("risques", "Risques", 60, "risk/panels/risk.html", risk_context,
                             action="risk.view"),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("client_risk", models.ClientRisk, "Statut de risque"),
        registry.HistorySource("case", models.DegradationCase, "Dossier de dégradation",
                               describe=lambda r: f"n° {r.id}"),
        registry.HistorySource("measure", models.CorrectiveMeasure, "Mesure corrective",
                               "case__party_id", describe=lambda r: f"dossier n° {r.case_id}"),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("risk", "Risques", "risk:alerts", 50, action="risk.view"),
    )
    registry.day_widgets.register(
        registry.DayWidget("alertes", "Nouvelles alertes", 20, "risk/widgets/new_alerts.html",
                           new_alerts_widget, action="risk.view"),
        registry.DayWidget("dossiers", "Dossiers de dégradation à traiter", 30,
                           "risk/widgets/cases_due.html", cases_due_widget, action="case.view",
                           hide_when_empty=True),
    )  # fmt: skip
