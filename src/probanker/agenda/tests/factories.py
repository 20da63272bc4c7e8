"""Typed factories of the agenda: a planned appointment, a contact with a next step."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from probanker.agenda.models import Appointment, Contact
from probanker.parties.tests.factories import PartyFactory


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at ``hour:minute`` local time on ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class AppointmentFactory(DjangoModelFactory[Appointment]):
    """A planned hour at the branch, the day after tomorrow at 10:00."""

    class Meta:
        model = Appointment

    party = factory.SubFactory(PartyFactory)
    manager = factory.LazyAttribute(lambda o: o.party.manager)
    starts_at = factory.LazyFunction(lambda: local(timezone.localdate() + dt.timedelta(days=2), 10))
    duration_minutes = 60
    place_kind = "agence"
    subject = "Bilan annuel"


class ContactFactory(DjangoModelFactory[Contact]):
    """A call of yesterday whose next step is due today."""

    class Meta:
        model = Contact

    party = factory.SubFactory(PartyFactory)
    author = factory.LazyAttribute(lambda o: o.party.manager)
    on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    kind = "call"
    channel = "phone"
    summary = "Point sur la trésorerie de fin de mois."
    next_step = "Envoyer la simulation de prêt"
    next_step_due = factory.LazyFunction(timezone.localdate)
