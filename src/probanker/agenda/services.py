"""Every write of the agenda, and the few reads other apps share.

Public functions, used by prospecting (visit days) and sales (an interview books
an appointment, a compte rendu is a contact):

* :func:`channel_refusal` — why the client's accessibility profile rules a channel out;
* :func:`book_appointment`, :func:`reschedule_appointment`, :func:`set_appointment_status`;
* :func:`log_contact`, :func:`complete_next_step`;
* :func:`appointments_of_day` — one manager's planned appointments of a day, in order;
* :func:`week_of` — the Monday and Sunday of a date's week.

Writes are keyword-only, run under ``transaction.atomic``, check ``agenda.change``
and record the history user and a change reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from probanker.agenda.models import (
    MAX_DURATION_MINUTES,
    Appointment,
    AppointmentStatus,
    Contact,
    PlaceKind,
)
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties import accessibility
from probanker.parties.models import Party

CHANGE = "agenda.change"


def channel_refusal(party: Party, channel: str) -> str | None:
    """Why ``channel`` cannot be used with ``party``, or ``None`` when it can.

    One rule for the whole bank (``parties.accessibility``): no plain telephone
    call to a client who asked for a sign-language relay or a transcription, no
    paper to a client who reads with a screen reader. The preferred channel is
    only a preference.
    """
    return accessibility.channel_refusal(party, channel)


def default_arrangements(party: Party) -> dict[str, bool]:
    """The meeting arrangements the party's accessibility profile asks for."""
    profile = accessibility.profile_of(party)
    if profile is None:
        return {"sign_language_relay": False, "speech_to_text": False, "step_free_access": False}
    return {
        "sign_language_relay": profile.sign_language_relay,
        "speech_to_text": profile.speech_to_text,
        "step_free_access": profile.reduced_mobility,
    }


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the week of ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


#: How far from today a week may be asked: far enough for any real planning, and the
#: weeks before and after it stay within the calendar (no week of year 9999 to overflow).
WEEKS_REACH = dt.timedelta(days=3660)


def week_asked(value: str, today: dt.date) -> dt.date:
    """The Monday of the week of ``value`` (``AAAA-MM-JJ``, as in ``?semaine=``); this
    week's when the value is not a date or lies more than about ten years from today."""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        day = today
    if abs(day - today) > WEEKS_REACH:
        day = today
    return week_of(day)[0]


def next_appointments(party_ids: Iterable[int], since: dt.date) -> dict[int, Appointment]:
    """Per party, its first planned appointment from ``since`` on (one query)."""
    rows = (
        Appointment.objects.planned()
        .filter(party_id__in=list(party_ids), starts_at__date__gte=since)
        .order_by("-starts_at", "-pk")
    )
    # the earliest last: it overwrites the later ones of its party
    return {a.party_id: a for a in rows}


def appointments_of_day(manager: User, day: dt.date) -> list[Appointment]:
    """The manager's planned appointments of ``day`` (local time), in order of start."""
    rows = Appointment.objects.of_manager(manager.pk).on_day(day).planned()
    return list(rows.select_related("party").order_by("starts_at", "pk"))


def _check_slot(
    manager: User, starts_at: dt.datetime, minutes: int, exclude: int | None = None
) -> None:
    """Refuse a time in the past, a duration out of range, or an overlap with the
    manager's other planned appointments."""
    if timezone.is_naive(starts_at):
        raise DomainError("L'heure du rendez-vous doit être donnée avec son fuseau horaire.")
    if not 5 <= minutes <= MAX_DURATION_MINUTES:
        raise DomainError(f"La durée va de 5 à {MAX_DURATION_MINUTES} minutes.")
    if starts_at < timezone.now() - dt.timedelta(minutes=5):
        raise DomainError("Un rendez-vous ne peut pas commencer dans le passé.")
    ends_at = starts_at + dt.timedelta(minutes=minutes)
    same_day = (
        Appointment.objects.of_manager(manager.pk)
        .planned()
        .filter(
            starts_at__lt=ends_at,
            starts_at__gte=starts_at - dt.timedelta(minutes=MAX_DURATION_MINUTES),
        )
    )
    for other in same_day.exclude(pk=exclude).select_related("party"):
        if other.ends_at > starts_at:
            local, until = timezone.localtime(other.starts_at), timezone.localtime(other.ends_at)
            raise DomainError(
                f"Ce créneau chevauche le rendez-vous « {other.subject} » avec "
                f"{other.party.name}, de {local:%H:%M} à {until:%H:%M} : choisissez une "
                "heure en dehors."
            )


@transaction.atomic
def book_appointment(
    *,
    actor: User,
    party: Party,
    starts_at: dt.datetime,
    duration_minutes: int,
    place_kind: str,
    subject: str,
    address: str = "",
    arrangements: dict[str, Any] | None = None,
) -> Appointment:
    """Book an appointment of the party's manager with ``party``.

    Without ``arrangements`` the accessibility profile's needs apply (sign-language
    relay, real-time transcription, step-free access); a visit to the client's
    premises without an address takes the party's address.
    """
    require(actor, CHANGE)
    manager = party.manager or actor
    if not subject.strip():
        raise DomainError("Indiquez l'objet du rendez-vous.")
    if place_kind not in PlaceKind.values:
        raise DomainError("Lieu inconnu.")
    _check_slot(manager, starts_at, duration_minutes)
    if place_kind == PlaceKind.PREMISES and not address.strip():
        address = ", ".join(
            p for p in (party.street, f"{party.postal_code} {party.city}".strip()) if p
        )
    wanted = {**default_arrangements(party), **(arrangements or {})}
    appointment = Appointment(
        manager=manager, party=party, starts_at=starts_at, duration_minutes=duration_minutes,
        place_kind=place_kind, address=address.strip(), subject=subject.strip(),
        sign_language_relay=bool(wanted.get("sign_language_relay")),
        speech_to_text=bool(wanted.get("speech_to_text")),
        step_free_access=bool(wanted.get("step_free_access")),
        arrangements_note=str(wanted.get("note", "")).strip()[:240], created_by=actor,
    )  # fmt: skip
    appointment._change_reason = "rendez-vous pris"  # type: ignore[attr-defined]
    appointment.save()
    return appointment


@transaction.atomic
def reschedule_appointment(
    *, actor: User, appointment: Appointment, starts_at: dt.datetime, duration_minutes: int
) -> Appointment:
    """Move a planned appointment to another time (overlaps refused)."""
    require(actor, CHANGE)
    if appointment.status != AppointmentStatus.PLANNED:
        raise DomainError("Seul un rendez-vous prévu peut être déplacé.")
    _check_slot(appointment.manager, starts_at, duration_minutes, exclude=appointment.pk)
    appointment.starts_at, appointment.duration_minutes = starts_at, duration_minutes
    appointment._change_reason = "rendez-vous déplacé"  # type: ignore[attr-defined]
    appointment.save()
    return appointment


@transaction.atomic
def set_appointment_status(
    *, actor: User, appointment: Appointment, status: str, reason: str = ""
) -> Appointment:
    """Mark a planned appointment held or cancelled (a cancellation needs a reason)."""
    require(actor, CHANGE)
    if status not in {AppointmentStatus.HELD, AppointmentStatus.CANCELLED}:
        raise DomainError("Un rendez-vous est tenu ou annulé.")
    if appointment.status != AppointmentStatus.PLANNED:
        raise DomainError("Ce rendez-vous n'est plus prévu.")
    if status == AppointmentStatus.HELD and appointment.starts_at > timezone.now():
        raise DomainError("Un rendez-vous à venir ne peut pas être déjà tenu.")
    if status == AppointmentStatus.CANCELLED and not reason.strip():
        raise DomainError("Indiquez le motif de l'annulation.")
    appointment.status = status
    label = "tenu" if status == AppointmentStatus.HELD else f"annulé : {reason.strip()}"
    appointment._change_reason = f"rendez-vous {label}"  # type: ignore[attr-defined]
    appointment.save()
    return appointment


@transaction.atomic
def log_contact(
    *,
    actor: User,
    party: Party,
    on: dt.date,
    kind: str,
    channel: str,
    summary: str,
    next_step: str = "",
    next_step_due: dt.date | None = None,
    appointment: Appointment | None = None,
) -> Contact:
    """Record a contact with ``party`` in the log.

    Refused: a future date, an empty summary, a channel the client's accessibility
    profile rules out (:func:`channel_refusal`), a next step without a date (or a
    date before the contact), an appointment of another party.
    """
    require(actor, CHANGE)
    if on > timezone.localdate():
        raise DomainError("Un contact ne peut pas être daté dans le futur.")
    if not summary.strip():
        raise DomainError("Résumez l'échange.")
    refusal = channel_refusal(party, channel)
    if refusal:
        raise DomainError(refusal)
    if next_step.strip() and next_step_due is None:
        raise DomainError("Datez la prochaine étape.")
    if next_step_due is not None and next_step_due < on:
        raise DomainError("La prochaine étape ne peut pas précéder le contact.")
    if appointment is not None and appointment.party_id != party.pk:
        raise DomainError("Ce rendez-vous concerne un autre client.")
    contact = Contact(
        party=party, author=actor, on=on, kind=kind, channel=channel, summary=summary.strip(),
        next_step=next_step.strip(), next_step_due=next_step_due if next_step.strip() else None,
        appointment=appointment,
    )  # fmt: skip
    contact._change_reason = "contact enregistré"  # type: ignore[attr-defined]
    contact.save()
    return contact


@transaction.atomic
def complete_next_step(*, actor: User, contact: Contact) -> Contact:
    """Mark the contact's next step done (idempotent)."""
    require(actor, CHANGE)
    if not contact.next_step_done:
        contact.next_step_done = True
        contact._change_reason = "prochaine étape faite"  # type: ignore[attr-defined]
        contact.save()
    return contact
