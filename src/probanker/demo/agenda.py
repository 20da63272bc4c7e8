"""Demo agenda: appointments for the coming three weeks, held ones in the past months,
and a contact log spread over the last six months (calls, e-mails, meetings).

Slots follow each manager's working hours (9:00 to 17:30 on business days, one
slot of an hour every 90 minutes), so no two appointments of a manager overlap.
Clients with accessibility needs get their arrangements; one who asked for a
sign-language relay is never called by plain telephone.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from probanker.agenda.models import Appointment, AppointmentStatus, Contact, PlaceKind
from probanker.agenda.services import default_arrangements
from probanker.core.calendar import is_business_day
from probanker.parties.models import Party

SUBJECTS = ("Bilan annuel", "Découverte des besoins", "Projet d'investissement",
            "Point trésorerie", "Prévoyance du dirigeant", "Renouvellement de l'autorisation")  # fmt: skip
SUMMARIES = {
    "call": ("Point sur l'activité du trimestre, carnet de commandes correct.",
             "Le client signale un besoin de trésorerie saisonnier."),
    "email": ("Envoi de la liste des pièces pour l'étude du financement.",
              "Transmission du relevé annuel des frais."),
    "meeting": ("Entretien en agence : projet de véhicule utilitaire.",
                "Revue du contrat de prévoyance du dirigeant."),
    "letter": ("Courrier d'information annuelle.",),
}  # fmt: skip
CHANNEL = {"call": "phone", "email": "email", "meeting": "branch", "letter": "mail"}
SLOTS = (dt.time(9, 0), dt.time(10, 30), dt.time(14, 0), dt.time(15, 30))


def _business_days(start: dt.date, count: int, step: int) -> list[dt.date]:
    days: list[dt.date] = []
    day = start
    while len(days) < count:
        day += dt.timedelta(days=step)
        if is_business_day(day):
            days.append(day)
    return days


def _appointment(rng: random.Random, party: Party, day: dt.date, slot: dt.time, status: str) -> Appointment:  # fmt: skip
    place = rng.choice([PlaceKind.BRANCH, PlaceKind.BRANCH, PlaceKind.PREMISES, PlaceKind.VIDEO])
    address = (
        f"{party.street}, {party.postal_code} {party.city}" if place == PlaceKind.PREMISES else ""
    )
    zone = timezone.get_current_timezone()
    return Appointment(
        manager=party.manager, party=party, starts_at=dt.datetime.combine(day, slot, tzinfo=zone),
        duration_minutes=rng.choice([45, 60, 60, 75]), place_kind=place, address=address,
        subject=rng.choice(SUBJECTS), status=status, created_by=party.manager,
        **default_arrangements(party),
    )  # fmt: skip


def _contact(rng: random.Random, party: Party, on: dt.date, as_of: dt.date) -> Contact:
    kind = rng.choice(["call", "call", "email", "meeting", "letter"])
    channel = CHANNEL[kind]
    if channel == "phone" and default_arrangements(party)["sign_language_relay"]:
        channel = "video"
    step = rng.random() < 0.35
    due = on + dt.timedelta(days=rng.randint(3, 20)) if step else None
    return Contact(
        party=party, author=party.manager, on=on, kind=kind, channel=channel,
        summary=rng.choice(SUMMARIES[kind]), next_step="Rappeler le client" if step else "",
        next_step_due=due, next_step_done=bool(due and due < as_of and rng.random() < 0.8),
    )  # fmt: skip


def build_agenda(builder: Any) -> None:
    """Appointments and contacts of the demo branch (deterministic for the seed)."""
    rng = random.Random(builder.config.seed + 13)
    as_of: dt.date = builder.as_of
    parties = list(Party.objects.select_related("manager", "accessibility").order_by("pk"))
    by_manager: dict[int, list[Party]] = {}
    for party in parties:
        if party.manager_id:
            by_manager.setdefault(party.manager_id, []).append(party)
    appointments: list[Appointment] = []
    for portfolio in by_manager.values():
        coming = _business_days(as_of, 15, 1)
        past = _business_days(as_of - dt.timedelta(days=120), 40, 2)
        for day in coming + [d for d in past if d < as_of]:
            for slot in SLOTS:
                if rng.random() < (0.45 if day > as_of else 0.2):
                    status = AppointmentStatus.PLANNED
                    if day < as_of:
                        status = rng.choice(
                            [AppointmentStatus.HELD] * 5 + [AppointmentStatus.CANCELLED]
                        )
                    appointments.append(_appointment(rng, rng.choice(portfolio), day, slot, status))
    bulk_create_with_history(appointments, Appointment, default_change_reason="démo")
    contacts = [
        _contact(rng, party, as_of - dt.timedelta(days=rng.randint(0, 180)), as_of)
        for party in parties
        for _ in range(rng.randint(0, 4))
    ]
    bulk_create_with_history(contacts, Contact, default_change_reason="démo")
