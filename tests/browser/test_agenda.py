"""The agenda's pages in the browser: the week, booking, an appointment, the contact
log on the client page and « Ma journée », at 1280 and 320 CSS px, axe on each; booking
an appointment with the keyboard only."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from probanker.agenda.models import Appointment
from probanker.agenda.tests.factories import AppointmentFactory, ContactFactory, local
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory
from tests.browser.test_journeys import login
from tests.browser.test_pages import SIDEWAYS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agenda_pages_pass_axe_and_reflow(live_server: Any, page: Any, axe: Any, manager1: Any) -> None:  # fmt: skip
    """Every agenda page, and the client page with its contact log, at both widths."""
    party = PartyFactory(manager=manager1, name="Menuiserie Lefèvre et fils de Saint-Avertin")
    AccessibilityProfile.objects.create(
        party=party, sign_language_relay=True, preferred_channel="video"
    )
    appointment = AppointmentFactory(
        party=party, starts_at=local(timezone.localdate(), 23, 0), sign_language_relay=True,
        place_kind="locaux", address="12 rue de la Scellerie, 37000 Tours",
    )  # fmt: skip
    ContactFactory(party=party, channel="video", next_step_due=timezone.localdate())
    base = live_server.url
    login(page, base, "manager1")
    paths = ["/", "/agenda/", f"/agenda/nouveau/{party.pk}/",
             f"/agenda/rendez-vous/{appointment.pk}/", f"/clients/{party.pk}/"]  # fmt: skip
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(base + path)
            axe(page)
            size = page.evaluate(SIDEWAYS)
            assert size["scroll"] <= size["client"], (path, width, size)


def test_booking_with_the_keyboard(live_server: Any, page: Any, axe: Any, manager1: Any) -> None:
    """Type the subject, submit from the keyboard: the appointment page follows; the same
    slot again is refused with the reason in the alert."""
    party = PartyFactory(manager=manager1)
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/agenda/nouveau/{party.pk}/")
    # the form proposes tomorrow at 9:00 and the profile's arrangements
    page.focus("#id_subject")
    page.keyboard.type("Projet de véhicule")
    page.focus("main form.stacked button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agenda/rendez-vous/**")
    axe(page)
    assert Appointment.objects.get(party=party).subject == "Projet de véhicule"
    # a second booking at the same time is refused with the reason, tied to the form
    page.goto(f"{base}/agenda/nouveau/{party.pk}/")
    page.focus("#id_subject")
    page.keyboard.type("Doublon")
    page.keyboard.press("Enter")
    assert "chevauche" in page.locator("[role=alert]").inner_text()
    axe(page)
