"""The agenda: booking rules, outcomes, the contact log, the week, the ICS exports."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from probanker.agenda import services
from probanker.agenda.models import Appointment, AppointmentStatus
from probanker.agenda.tests.factories import AppointmentFactory, ContactFactory, local
from probanker.core import services as core_services
from probanker.core.services import DomainError
from probanker.core.tests.factories import UserFactory
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def _in(days: int, hour: int, minute: int = 0) -> dt.datetime:
    return local(timezone.localdate() + dt.timedelta(days=days), hour, minute)


def _book(party, starts_at, minutes=60, **kw):  # type: ignore[no-untyped-def]
    return services.book_appointment(
        actor=party.manager, party=party, starts_at=starts_at, duration_minutes=minutes,
        place_kind=kw.pop("place_kind", "agence"), subject=kw.pop("subject", "Découverte"), **kw,
    )  # fmt: skip


def test_week_of_is_monday_to_sunday() -> None:
    """2026-12-02 is a Wednesday: its week runs from Monday 30/11 to Sunday 06/12."""
    assert services.week_of(dt.date(2026, 12, 2)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))


def test_an_overlap_with_the_managers_planned_appointment_is_refused() -> None:
    """10:00-11:00 is booked: 10:30 overlaps, 11:00 sharp does not; a cancelled one frees it."""
    party = PartyFactory()
    first = _book(party, _in(3, 10))
    with pytest.raises(
        DomainError, match=f"chevauche .* avec {re.escape(party.name)}, de 10:00 à 11:00"
    ):
        _book(PartyFactory(manager=party.manager), _in(3, 10, 30), 30)
    assert _book(party, _in(3, 11), 30).ends_at == _in(3, 11, 30)
    services.set_appointment_status(
        actor=party.manager, appointment=first, status="cancelled", reason="Client malade"
    )
    assert _book(party, _in(3, 10), 45).duration_minutes == 45


def test_past_times_naive_times_and_silly_durations_are_refused() -> None:
    party = PartyFactory()
    with pytest.raises(DomainError, match="passé"):
        _book(party, _in(-1, 10))
    with pytest.raises(DomainError, match="fuseau"):
        _book(
            party, dt.datetime.combine(timezone.localdate(), dt.time(23, 0)) + dt.timedelta(days=2)
        )
    with pytest.raises(DomainError, match="durée"):
        _book(party, _in(2, 10), 10_000)


def test_the_accessibility_profile_sets_the_arrangements_and_the_premises_address() -> None:
    """A deaf client who uses a wheelchair: LSF relay and step-free access by default."""
    party = PartyFactory(street="3 rue Nationale", postal_code="37000", city="Tours")
    AccessibilityProfile.objects.create(
        party=party, sign_language_relay=True, reduced_mobility=True
    )
    appointment = _book(party, _in(2, 14), place_kind="locaux")
    assert appointment.sign_language_relay
    assert appointment.step_free_access
    assert not appointment.speech_to_text
    assert appointment.address == "3 rue Nationale, 37000 Tours"
    assert appointment.arrangements == ["interprète ou relais LSF", "accès de plain-pied"]


def test_an_appointment_to_come_cannot_be_held_and_a_cancellation_needs_a_reason() -> None:
    appointment = AppointmentFactory()
    actor = appointment.manager
    with pytest.raises(DomainError, match="à venir"):
        services.set_appointment_status(actor=actor, appointment=appointment, status="held")
    with pytest.raises(DomainError, match="motif"):
        services.set_appointment_status(actor=actor, appointment=appointment, status="cancelled")
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=_in(-1, 9))
    appointment.refresh_from_db()
    services.set_appointment_status(actor=actor, appointment=appointment, status="held")
    assert appointment.status == AppointmentStatus.HELD
    assert appointment.history.first().history_change_reason == "rendez-vous tenu"


def test_appointments_of_day_are_the_managers_planned_ones_in_order() -> None:
    party = PartyFactory()
    late, early = _book(party, _in(4, 15)), _book(party, _in(4, 9))
    _book(PartyFactory(), _in(4, 10))  # another manager's
    cancelled = _book(party, _in(4, 11))
    services.set_appointment_status(
        actor=party.manager, appointment=cancelled, status="cancelled", reason="reporté"
    )
    day = timezone.localdate() + dt.timedelta(days=4)
    assert services.appointments_of_day(party.manager, day) == [early, late]


def test_a_phone_call_is_refused_to_a_client_who_asked_for_a_sign_language_relay() -> None:
    party = PartyFactory()
    AccessibilityProfile.objects.create(party=party, sign_language_relay=True)
    with pytest.raises(DomainError, match="langue des signes"):
        services.log_contact(
            actor=party.manager, party=party, on=timezone.localdate(), kind="call",
            channel="phone", summary="Appel",
        )  # fmt: skip
    contact = services.log_contact(
        actor=party.manager, party=party, on=timezone.localdate(), kind="call",
        channel="video", summary="Visio avec relais LSF", next_step="Rappeler",
        next_step_due=timezone.localdate() + dt.timedelta(days=7),
    )  # fmt: skip
    assert contact.next_step_due == timezone.localdate() + dt.timedelta(days=7)


def test_contact_rules() -> None:
    """No future date, no undated next step, no role without agenda.change."""
    party = PartyFactory()
    today = timezone.localdate()
    base = {"party": party, "kind": "email", "channel": "email", "summary": "Envoi du RIB"}
    with pytest.raises(DomainError, match="futur"):
        services.log_contact(actor=party.manager, on=today + dt.timedelta(days=1), **base)
    with pytest.raises(DomainError, match="Datez"):
        services.log_contact(actor=party.manager, on=today, next_step="Relancer", **base)
    with pytest.raises(PermissionDenied):
        services.log_contact(actor=UserFactory(role="risk"), on=today, **base)


def test_ics_of_one_appointment() -> None:
    """One VEVENT: start, end after the duration, summary with the party, the LSF relay."""
    appointment = AppointmentFactory(
        party__name="Garage Martin", duration_minutes=90, sign_language_relay=True
    )
    client = Client()
    client.force_login(appointment.manager)
    response = client.get(f"/agenda/rendez-vous/{appointment.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=90)
    assert str(event["summary"]) == "Bilan annuel — Garage Martin"
    assert "relais LSF" in str(event["description"])


def _basic(username: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{secret}".encode()).decode()


def test_the_feed_takes_the_api_token_by_basic_or_bearer_and_only_the_owners_rows() -> None:
    mine = AppointmentFactory()
    AppointmentFactory()  # another manager's
    user = mine.manager
    secret = core_services.create_api_token(user=user, name="calendrier").secret
    client = Client()
    for header in (_basic(user.username, secret), f"Bearer {secret}"):
        response = client.get("/agenda/flux.ics", headers={"Authorization": header})
        assert response.status_code == 200
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert [str(e["uid"]).split("@")[0] for e in events] == [f"rdv-{mine.pk}"]
    wrong = client.get("/agenda/flux.ics", headers={"Authorization": _basic("autre", secret)})
    assert wrong.status_code == 401
    assert "Basic" in wrong["WWW-Authenticate"]
    assert client.get("/agenda/flux.ics").status_code == 302  # no header, no session


def test_the_week_page_lists_the_week_and_the_day_widget_reminds() -> None:
    appointment = AppointmentFactory(starts_at=_in(0, 23, 30), subject="Signature du prêt")
    ContactFactory(party=appointment.party, next_step="Envoyer l'offre")
    client = Client()
    client.force_login(appointment.manager)
    page = client.get(f"/agenda/?semaine={timezone.localdate():%Y-%m-%d}")
    assert "Signature du prêt" in page.content.decode()
    home = client.get("/").content.decode()
    assert "Signature du prêt" in home
    assert "Envoyer l&#x27;offre" in home


def test_booking_through_the_page_and_logging_a_contact_from_the_client_page() -> None:
    party = PartyFactory()
    client = Client()
    client.force_login(party.manager)
    day = timezone.localdate() + dt.timedelta(days=5)
    response = client.post(f"/agenda/nouveau/{party.pk}/", {
        "day": day.isoformat(), "time": "09:30", "duration_minutes": "45",
        "place_kind": "visio", "address": "https://visio.example/abc", "subject": "Bilan",
    })  # fmt: skip
    appointment = Appointment.objects.get(party=party)
    assert response.status_code == 302
    assert timezone.localtime(appointment.starts_at) == local(day, 9, 30)
    response = client.post(f"/agenda/contacts/{party.pk}/", {
        "on": timezone.localdate().isoformat(), "kind": "meeting", "channel": "branch",
        "summary": "Entretien de découverte",
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/clients/{party.pk}/").content.decode()
    assert "Entretien de découverte" in page
    assert "Bilan" in page
