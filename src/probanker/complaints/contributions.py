"""What complaints contribute to the workstation: the « Réclamations » section of the
client page, the complaints' history, the menu entry, the daily batch's step and two
blocks of « Ma journée »: what is overdue or falls due soon, and what was escalated to
the complaints department."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from probanker.complaints import models
from probanker.core import registry
from probanker.core.access import day_visible

DAY_LIST_LIMIT = 10


def panel_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    """The party's complaints, newest first."""
    rows = list(models.Complaint.objects.filter(party=party).order_by("-received_on", "-pk"))
    return {"complaints": rows}


def due_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Open complaints overdue or flagged by the batch as falling due, soonest first."""
    from probanker.complaints.queue import queue_rows

    queryset = day_visible(models.Complaint, request).select_related("party")
    rows = [r for r in queue_rows(queryset, today) if r[3] or r[0].due_soon_on or r[2] <= today]
    return {"count": len(rows), "rows": rows[:DAY_LIST_LIMIT], "today": today}


def escalated_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Open complaints escalated to the complaints department, oldest escalation first."""
    rows = (
        day_visible(models.Complaint, request)
        .filter(status__in=models.OPEN_STATUSES, level=models.Level.DEPARTMENT)
        .select_related("party")
        .order_by("escalated_on", "pk")
    )
    count = rows.count()
    return {"count": count, "rows": list(rows[:DAY_LIST_LIMIT]) if count else [], "today": today}


def register() -> None:
    """Called from ``ComplaintsConfig.ready()``."""
    from probanker.complaints.steps import complaints_deadlines
    from probanker.core.pagecache import track

    track(models.Complaint, models.Mediator)
    registry.client_panels.register(
        registry.ClientPanel("reclamations", "Réclamations", 60,
                             "complaints/panels/complaints.html", panel_context,
                             action="complaint.view"),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("complaint", models.Complaint, "Réclamation",
                               describe=lambda r: f"n° {r.id}"),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("reclamations", "Réclamations", "complaints:list", 60,
                           action="complaint.view"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("reclamations", "Réclamations à traiter", 45,
                           "complaints/widgets/due.html", due_widget,
                           action="complaint.change", hide_when_empty=True),
        registry.DayWidget("reclamations_remontees", "Réclamations remontées au service", 46,
                           "complaints/widgets/escalated.html", escalated_widget,
                           action="complaint.change", hide_when_empty=True),
    )  # fmt: skip
    registry.batch_steps.register(
        registry.BatchStep(name="complaints_deadlines",
                           label="Échéances et remontée des réclamations", order=50,
                           run=complaints_deadlines),
    )  # fmt: skip
