"""The agenda's routes and their scenarios for ``core/tests/test_permissions.py``: the
week, its feed, appointments and the contact log of the world's client.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from probanker.core.tests.permission_world import Request, Scenario, World, get, refreshed

ROUTES: dict[str, frozenset[str | None]] = {
    "agenda:week": frozenset({"agenda.view"}),
    "agenda:feed": frozenset({"agenda.view"}),
    "agenda:book": frozenset({"agenda.change"}),
    "agenda:appointment": frozenset({"agenda.view"}),
    "agenda:appointment_status": frozenset({"agenda.change"}),
    "agenda:appointment_ics": frozenset({"agenda.view"}),
    "agenda:contact_add": frozenset({"agenda.change"}),
    "agenda:contact_done": frozenset({"agenda.change"}),
}


def _book(w: World) -> Request:
    from probanker.agenda.models import Appointment

    day = dt.date.today() + dt.timedelta(days=3)
    data = {"day": day.isoformat(), "time": "10:00", "duration_minutes": 45,
            "place_kind": "agence", "subject": "Point annuel"}  # fmt: skip
    return Request(f"/agenda/nouveau/{w.party.pk}/", data,
                   lambda: Appointment.objects.filter(subject="Point annuel").exists())  # fmt: skip


def _appointment_cancel(w: World) -> Request:
    appointment = w.appointment
    return Request(
        f"/agenda/rendez-vous/{appointment.pk}/issue/",
        {"status": "cancelled", "reason": "Client indisponible"},
        lambda: refreshed(appointment).status == "cancelled",
    )


def _contact_add(w: World) -> Request:
    from probanker.agenda.models import Contact

    data = {"on": dt.date.today().isoformat(), "kind": "call", "channel": "phone",
            "summary": "Appel de courtoisie"}  # fmt: skip
    return Request(f"/agenda/contacts/{w.party.pk}/", data,
                   lambda: Contact.objects.filter(summary="Appel de courtoisie").exists())  # fmt: skip


def _contact_done(w: World) -> Request:
    contact = w.contact
    return Request(
        f"/agenda/contacts/etape-faite/{contact.pk}/",
        changed=lambda: refreshed(contact).next_step_done,
    )


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("agenda:week", "agenda.view", "get", get(lambda w: "/agenda/")),
        s("agenda:feed", "agenda.view", "get", get(lambda w: "/agenda/flux.ics")),
        s("agenda:book", "agenda.change", "post", _book),
        s("agenda:appointment", "agenda.view", "get",
           get(lambda w: f"/agenda/rendez-vous/{w.appointment.pk}/")),
        s("agenda:appointment_status", "agenda.change", "post", _appointment_cancel),
        s("agenda:appointment_ics", "agenda.view", "get",
           get(lambda w: f"/agenda/rendez-vous/{w.appointment.pk}.ics")),
        s("agenda:contact_add", "agenda.change", "post", _contact_add),
        s("agenda:contact_done", "agenda.change", "post", _contact_done),
    ]  # fmt: skip
