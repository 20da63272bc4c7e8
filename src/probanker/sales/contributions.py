"""What sales contributes to the workstation: the « Conseil et ventes » section of the
client page (recommendations, opportunities, needs, interviews), the opportunities to
conclude on « Ma journée », the menu entry, the histories, the interviews as contacts
(portfolio's attrition signal), the results of a commercial action, and the user's
activity for the certification."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, Q
from django.http import HttpRequest
from django.utils import timezone

from probanker.core import registry
from probanker.core.access import day_manager_id, day_visible, visible
from probanker.core.permissions import can
from probanker.sales import models

DAY_LIST_LIMIT = 10
DAY_WINDOW = dt.timedelta(days=15)


def sales_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    """The client's recommendations (five best), open opportunities, needs, last
    interviews and the specialists not yet answered."""
    from probanker.sales.recommendations import for_party

    today = timezone.localdate()
    return {
        "party": party,
        "recommendations": for_party(party, today)[:5],
        "opportunities": list(
            visible(models.Opportunity, request)
            .filter(party=party)
            .open()
            .select_related("product")
            .order_by("expected_on", "pk")
        ),
        "needs": list(models.ClientNeed.objects.filter(party=party).order_by("-noted_on", "code")),
        "interviews": list(
            visible(models.Interview, request).filter(party=party).select_related("guide")[:3]
        ),
        "referrals": list(
            visible(models.SpecialistReferral, request).filter(
                party=party, answered_on__isnull=True
            )
        ),
        "events": list(
            visible(models.AfterSalesEvent, request)
            .filter(party=party, status=models.EventStatus.OPEN)
            .order_by("due_on", "pk")
        ),
        "conditions": list(
            visible(models.NegotiatedCondition, request)
            .filter(party=party, end__gte=today)
            .exclude(status=models.ConditionStatus.REFUSED)
            .select_related("contract__product")
            .order_by("end", "pk")
        ),
        "contracts": list(
            party.contracts.filter(closed_on__isnull=True).select_related("product").order_by("pk")
        ),
        "situations": models.Situation.choices,
        "can_change": can(request.user, "sales.change"),
    }


def opportunities_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Open opportunities expected within fifteen days or overdue, the soonest first, and
    the number of interview reports still to send."""
    due = (
        day_visible(models.Opportunity, request)
        .open()
        .filter(expected_on__lte=today + DAY_WINDOW)
        .select_related("party", "product")
        .order_by("expected_on", "pk")
    )
    count = due.count()
    return {
        "count": count,
        "rows": list(due[:DAY_LIST_LIMIT]) if count else [],
        "to_send": day_visible(models.Interview, request).held().count(),
        "today": today,
        "charge": day_manager_id(request),
    }


def events_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """After-sales contacts to make within fifteen days or overdue, the soonest first."""
    due = (
        day_visible(models.AfterSalesEvent, request)
        .filter(status=models.EventStatus.OPEN, due_on__lte=today + DAY_WINDOW)
        .select_related("party")
        .order_by("due_on", "pk")
    )
    count = due.count()
    return {"count": count, "rows": list(due[:DAY_LIST_LIMIT]) if count else [],
            "today": today, "charge": day_manager_id(request)}  # fmt: skip


def conditions_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Negotiated conditions waiting for a decision at the user's level."""
    from probanker.sales.conditions import may_decide

    waiting = (
        day_visible(models.NegotiatedCondition, request)
        .filter(status=models.ConditionStatus.PENDING)
        .select_related("party")
        .order_by("requested_on", "pk")
    )
    rows = [c for c in waiting if may_decide(request.user, c)]
    return {"count": len(rows), "rows": rows[:DAY_LIST_LIMIT], "today": today}


def last_interviews(party_ids: list[int]) -> dict[int, dt.date]:
    """``{party_id: date of the latest interview}`` in one query (an interview is a
    contact: portfolio's « pas de contact depuis un an » reads it)."""
    rows = (
        models.Interview.objects.filter(party_id__in=party_ids)
        .values("party_id")
        .annotate(last=Max("held_on"))
    )
    return {row["party_id"]: row["last"] for row in rows}


def action_results(party_ids: list[int], start: dt.date, end: dt.date) -> dict[str, int]:
    """Opportunities detected for the action's clients in ``[start, end)``, and those of
    them won (one query)."""
    figures = models.Opportunity.objects.filter(
        party_id__in=party_ids, created_on__gte=start, created_on__lt=end
    ).aggregate(opened=Count("pk"), won=Count("pk", filter=Q(stage=models.Stage.WON)))
    return {"Opportunités": figures["opened"], "Ventes": figures["won"]}


def _held(user: Any, start: dt.date, end: dt.date) -> Any:
    return models.Interview.objects.filter(manager=user, held_on__range=(start, end))


def interviews_count(user: Any, start: dt.date, end: dt.date) -> int:
    """Interviews the user held in ``[start, end]`` (certification's activity report)."""
    return int(_held(user, start, end).count())


def interviews_items(user: Any, start: dt.date, end: dt.date) -> list[registry.ActivityItem]:
    """Each interview held: the situation and the client."""
    return [
        registry.ActivityItem(i.held_on, f"{i.guide.get_situation_display()} — {i.party.name}")
        for i in _held(user, start, end).select_related("guide", "party").order_by("held_on", "pk")
    ]


def _won(user: Any, start: dt.date, end: dt.date) -> Any:
    return models.Opportunity.objects.filter(
        manager=user, stage=models.Stage.WON, closed_on__range=(start, end)
    )


def won_count(user: Any, start: dt.date, end: dt.date) -> int:
    """Opportunities the user won in ``[start, end]``."""
    return int(_won(user, start, end).count())


def won_items(user: Any, start: dt.date, end: dt.date) -> list[registry.ActivityItem]:
    """Each sale: the product, the client and the amount."""
    from probanker.core.formatting import euros0

    return [
        registry.ActivityItem(
            o.closed_on, f"{o.product.label} — {o.party.name} ({euros0(o.amount)})"
        )
        for o in _won(user, start, end).select_related("product", "party").order_by("closed_on")
    ]


def register() -> None:
    """Called from ``SalesConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("ventes", "Conseil et ventes", 35, "sales/panels/sales.html",
                             sales_context, action="sales.view"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("opportunites", "Opportunités à conclure", 42,
                           "sales/widgets/opportunities.html", opportunities_widget,
                           action="sales.view"),
        registry.DayWidget("conditions", "Conditions négociées à décider", 36,
                           "sales/widgets/conditions.html", conditions_widget,
                           action="conditions.decide", hide_when_empty=True),
        registry.DayWidget("apres_vente", "Contacts d'après-vente", 43,
                           "sales/widgets/events.html", events_widget, action="sales.view",
                           hide_when_empty=True),
    )  # fmt: skip
    from probanker.sales.steps import after_sales

    registry.batch_steps.register(
        registry.BatchStep(name="after_sales", label="Événements d'après-vente", order=48,
                           run=after_sales),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("ventes", "Ventes", "sales:pipeline", 36, action="sales.view"),
    )
    registry.contact_sources.register(registry.ContactSource("sales", last_interviews))
    registry.action_results.register(registry.ActionResults("sales", 10, action_results))
    registry.activity_sources.register(
        registry.ActivitySource("interviews", "Entretiens conduits", 10,
                                interviews_count, interviews_items),
        registry.ActivitySource("sales_won", "Ventes conclues", 15, won_count, won_items),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("interview", models.Interview, "Entretien",
                               describe=lambda r: f"du {r.held_on:%d/%m/%Y}"),
        registry.HistorySource("client_need", models.ClientNeed, "Besoin noté",
                               describe=lambda r: str(r)),
        registry.HistorySource("opportunity", models.Opportunity, "Opportunité",
                               describe=lambda r: f"n° {r.id}"),
        registry.HistorySource("after_sales_event", models.AfterSalesEvent,
                               "Événement d'après-vente",
                               describe=lambda r: r.get_kind_display()),
        registry.HistorySource("negotiated_condition", models.NegotiatedCondition,
                               "Condition négociée", describe=lambda r: r.label),
        registry.HistorySource("specialist_referral", models.SpecialistReferral,
                               "Appel à un spécialiste",
                               describe=lambda r: r.get_specialty_display()),
    )  # fmt: skip
