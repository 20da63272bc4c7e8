"""iCalendar (RFC 5545) of appointments: one appointment, or a manager's feed.

Only what a calendar needs leaves the bank: the subject, the party's name, the
place and the arrangements; no amount, no account.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from probanker.agenda.models import Appointment, AppointmentStatus

PRODID = "-//probanker//agenda//FR"


def _location(appointment: Appointment) -> str:
    place = str(appointment.get_place_kind_display())
    return f"{place} — {appointment.address}" if appointment.address else place


def _event(appointment: Appointment) -> Event:
    event = Event()
    host = (settings.ALLOWED_HOSTS or ["probanker"])[0].lstrip(".") or "probanker"
    event.add("uid", f"rdv-{appointment.pk}@{host}")
    event.add("dtstamp", appointment.starts_at)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", f"{appointment.subject} — {appointment.party.name}")
    event.add("location", _location(appointment))
    arrangements = appointment.arrangements
    if arrangements:
        event.add("description", "Aménagements : " + " ; ".join(arrangements))
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    status = "CANCELLED" if cancelled else "CONFIRMED"
    event.add("status", status)
    return event


def calendar_of(appointments: Iterable[Appointment], name: str) -> bytes:
    """An iCalendar document with one event per appointment."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for appointment in appointments:
        calendar.add_component(_event(appointment))
    return bytes(calendar.to_ical())
