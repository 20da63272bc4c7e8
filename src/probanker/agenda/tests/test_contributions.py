"""The agenda feeds the other capabilities through the registries: the portfolio's
« pas de contact depuis un an » and the candidate's activity report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from probanker.agenda.tests.factories import AppointmentFactory, ContactFactory
from probanker.core import registry
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_the_latest_contact_of_each_client_is_a_contact_source(manager1: Any) -> None:
    """Two contacts of one client: the later date counts; a client never contacted is absent."""
    seen, never = PartyFactory(manager=manager1), PartyFactory(manager=manager1)
    ContactFactory(party=seen, on=dt.date(2025, 3, 4))
    ContactFactory(party=seen, on=dt.date(2026, 1, 15))
    [source] = [s for s in registry.contact_sources if s.key == "agenda"]
    assert source.last_contacts([seen.pk, never.pk]) == {seen.pk: dt.date(2026, 1, 15)}


def test_contacts_and_appointments_held_count_in_the_activity_report(manager1: Any) -> None:
    """Within the closed period, by their author or manager; planned appointments do not count."""
    party = PartyFactory(manager=manager1, name="Boulangerie Lemoine")
    ContactFactory(party=party, on=dt.date(2026, 2, 10), summary="Point trésorerie")
    ContactFactory(party=party, on=dt.date(2026, 4, 1))  # after the period
    held = AppointmentFactory(party=party, subject="Bilan annuel")
    held.status = "held"
    held.starts_at = held.starts_at.replace(year=2026, month=2, day=12)
    held.save()
    AppointmentFactory(party=party)  # planned: not activity yet
    sources = {s.key: s for s in registry.activity_sources}
    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    assert sources["contacts"].count(manager1, start, end) == 1
    [item] = sources["contacts"].items(manager1, start, end)
    assert item.day == dt.date(2026, 2, 10)
    assert "Boulangerie Lemoine : Point trésorerie" in item.text
    assert sources["appointments_held"].count(manager1, start, end) == 1
    [meeting] = sources["appointments_held"].items(manager1, start, end)
    assert meeting.text == "Boulangerie Lemoine : Bilan annuel"
