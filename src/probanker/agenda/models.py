"""Appointments with clients and prospects, and the contact log.

An appointment belongs to a manager and a party (client or prospect), starts at an
aware datetime, lasts some minutes, takes place at the branch, on the client's
premises, by video or elsewhere, and carries the accessibility arrangements the
meeting needs. The contact log records what happened (meetings, calls, e-mails,
letters) with its channel, summary and next step. Both are historied.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from probanker.agenda.querysets import AppointmentQuerySet, ContactQuerySet
from probanker.parties.choices import Channel
from probanker.parties.models import Party

MAX_DURATION_MINUTES = 8 * 60


class PlaceKind(models.TextChoices):
    BRANCH = "agence", _("En agence")
    PREMISES = "locaux", _("Dans les locaux du client")
    VIDEO = "visio", _("Visioconférence")
    OTHER = "autre", _("Autre lieu")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("prévu")
    HELD = "held", _("tenu")
    CANCELLED = "cancelled", _("annulé")


class Appointment(models.Model):
    """A meeting planned with a client or a prospect."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments",
        verbose_name=_("chargé de clientèle"),
    )  # fmt: skip
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("client")
    )
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    place_kind = models.CharField(
        _("lieu"), max_length=8, choices=PlaceKind.choices, default=PlaceKind.BRANCH
    )
    address = models.CharField(_("adresse ou lien"), max_length=240, blank=True)
    subject = models.CharField(_("objet"), max_length=160)
    sign_language_relay = models.BooleanField(_("interprète ou relais LSF"), default=False)
    speech_to_text = models.BooleanField(_("transcription écrite en temps réel"), default=False)
    step_free_access = models.BooleanField(_("accès de plain-pied"), default=False)
    arrangements_note = models.CharField(_("autres aménagements"), max_length=240, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    duration_minutes__gte=5, duration_minutes__lte=MAX_DURATION_MINUTES
                ),
                name="agenda_appointment_duration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.party}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def arrangements(self) -> list[str]:
        """The accessibility arrangements of the meeting, in words."""
        names = ("sign_language_relay", "speech_to_text", "step_free_access")
        labels = [
            str(getattr(self._meta.get_field(n), "verbose_name", n))
            for n in names
            if getattr(self, n)
        ]
        return labels + ([self.arrangements_note] if self.arrangements_note else [])


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("Entretien")
    CALL = "call", _("Appel")
    EMAIL = "email", _("Courriel")
    LETTER = "letter", _("Courrier")


class Contact(models.Model):
    """One entry of the contact log: what was said, by which channel, and what comes next."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("client")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("auteur"),
    )  # fmt: skip
    on = models.DateField(_("date"))
    kind = models.CharField(_("nature"), max_length=8, choices=ContactKind.choices)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    summary = models.TextField(_("résumé"), max_length=4000)
    next_step = models.CharField(_("prochaine étape"), max_length=240, blank=True)
    next_step_due = models.DateField(_("prochaine étape pour le"), null=True, blank=True)
    next_step_done = models.BooleanField(_("prochaine étape faite"), default=False)
    appointment = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )

    history = HistoricalRecords()
    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.on:%d/%m/%Y} — {self.party}"
