"""What the agenda contributes: the contact log and appointments on the client page,
the day's appointments and the next steps due on « Ma journée », the menu entry,
and the histories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from probanker.agenda import models, services
from probanker.agenda.forms import ContactForm
from probanker.core import registry
from probanker.core.access import day_visible, visible
from probanker.core.permissions import can

PANEL_CONTACTS = 12
DAY_LIST_LIMIT = 10


def contacts_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    """The log (latest first), the coming appointments, the profile's preferences."""
    contacts = visible(models.Contact, request).filter(party=party).select_related("author")
    coming = (
        visible(models.Appointment, request)
        .filter(party=party, starts_at__gte=timezone.now())
        .planned()
        .order_by("starts_at")
    )
    profile = getattr(party, "accessibility", None)
    today = timezone.localdate()
    channel = profile.preferred_channel if profile else ""
    return {
        "contacts": list(contacts[:PANEL_CONTACTS]),
        "contact_total": contacts.count(),
        "coming": list(coming[:5]),
        "profile": profile,
        "phone_refused": services.channel_refusal(party, "phone"),
        "can_change": can(request.user, "agenda.change"),
        "contact_form": ContactForm(
            initial={"on": today, "kind": "call", "channel": channel or "phone"},
            auto_id="id_contact_%s",
        ),
        "today": today,
    }


def day_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Reminders: today's and tomorrow's planned appointments, and next steps due."""
    tomorrow = today + dt.timedelta(days=1)
    appointments = (
        day_visible(models.Appointment, request)
        .between(today, tomorrow)
        .planned()
        .select_related("party", "manager")
        .order_by("starts_at")
    )
    steps = (
        day_visible(models.Contact, request)
        .next_steps_due(today)
        .select_related("party")
        .order_by("next_step_due", "pk")
    )
    rows = [
        {"appointment": a, "is_today": timezone.localtime(a.starts_at).date() == today}
        for a in appointments
    ]
    step_count = steps.count()
    return {
        "count": len(rows) + step_count, "appointments": rows[:DAY_LIST_LIMIT],
        "steps": list(steps[:DAY_LIST_LIMIT]), "step_count": step_count, "today": today,
        "can_change": can(request.user, "agenda.change"),
    }  # fmt: skip


def last_contacts(party_ids: list[int]) -> dict[int, dt.date]:
    """``{party_id: date of the latest logged contact}`` in one query (portfolio's
    attrition signal « pas de contact depuis un an »)."""
    rows = (
        models.Contact.objects.filter(party_id__in=party_ids)
        .values("party_id")
        .annotate(last=Max("on"))
    )
    return {row["party_id"]: row["last"] for row in rows}


def _contacts_by(user: Any, start: dt.date, end: dt.date) -> Any:
    return models.Contact.objects.filter(author=user, on__range=(start, end))


def _held_by(user: Any, start: dt.date, end: dt.date) -> Any:
    return models.Appointment.objects.filter(
        manager=user,
        status=models.AppointmentStatus.HELD,
        starts_at__date__range=(start, end),
    )


def contacts_count(user: Any, start: dt.date, end: dt.date) -> int:
    """Contacts the user logged in ``[start, end]`` (certification's activity report)."""
    return int(_contacts_by(user, start, end).count())


def contacts_items(user: Any, start: dt.date, end: dt.date) -> list[registry.ActivityItem]:
    """Each contact of the period: its kind, the client and what was said, shortened."""
    return [
        registry.ActivityItem(c.on, f"{c.get_kind_display()} — {c.party.name} : {c.summary[:120]}")
        for c in _contacts_by(user, start, end).select_related("party").order_by("on", "pk")
    ]


def held_count(user: Any, start: dt.date, end: dt.date) -> int:
    """Appointments the user held in ``[start, end]``."""
    return int(_held_by(user, start, end).count())


def held_items(user: Any, start: dt.date, end: dt.date) -> list[registry.ActivityItem]:
    """Each appointment held: the client and the subject."""
    return [
        registry.ActivityItem(
            timezone.localtime(a.starts_at).date(), f"{a.party.name} : {a.subject}"
        )
        for a in _held_by(user, start, end).select_related("party").order_by("starts_at", "pk")
    ]


def register() -> None:
    """Called from ``AgendaConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("contacts", "Contacts et rendez-vous", 65,
                             "agenda/panels/contacts.html", contacts_context,
                             action="agenda.view"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("rendez-vous", "Rendez-vous et relances", 15,
                           "agenda/widgets/day.html", day_widget, action="agenda.view"),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("agenda", "Agenda", "agenda:week", 37, action="agenda.view"),
    )
    registry.contact_sources.register(registry.ContactSource("agenda", last_contacts))
    registry.activity_sources.register(
        registry.ActivitySource("appointments_held", "Rendez-vous tenus", 20,
                                held_count, held_items),
        registry.ActivitySource("contacts", "Contacts avec les clients", 25,
                                contacts_count, contacts_items),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("appointment", models.Appointment, "Rendez-vous",
                               describe=lambda r: r.subject),
        registry.HistorySource("contact", models.Contact, "Contact",
                               describe=lambda r: f"{r.get_kind_display()} du {r.on:%d/%m/%Y}"),
    )  # fmt: skip
