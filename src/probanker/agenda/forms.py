"""Forms of the agenda: booking an appointment, its outcome, a contact of the log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from probanker.agenda.models import MAX_DURATION_MINUTES, ContactKind, PlaceKind
from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.parties.choices import Channel

TIME = forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")


class AppointmentForm(AccessibleFormMixin, forms.Form):
    day = forms.DateField(label="Jour", widget=DATE_INPUT)
    time = forms.TimeField(label="Heure", widget=TIME)
    duration_minutes = forms.IntegerField(
        label="Durée (minutes)", min_value=5, max_value=MAX_DURATION_MINUTES, initial=60
    )
    place_kind = forms.ChoiceField(label="Lieu", choices=PlaceKind.choices)
    address = forms.CharField(
        label="Adresse ou lien de visioconférence", required=False, max_length=240,
        help_text="Vide pour un rendez-vous chez le client : son adresse est reprise.",
    )  # fmt: skip
    subject = forms.CharField(label="Objet", max_length=160)
    sign_language_relay = forms.BooleanField(label="Interprète ou relais LSF", required=False)
    speech_to_text = forms.BooleanField(label="Transcription écrite en temps réel", required=False)
    step_free_access = forms.BooleanField(label="Accès de plain-pied", required=False)
    note = forms.CharField(label="Autres aménagements", required=False, max_length=240)

    def starts_at(self) -> dt.datetime:
        """The aware start from the day and time typed (local time)."""
        data = self.cleaned_data
        naive = dt.datetime.combine(data["day"], data["time"])
        return timezone.make_aware(naive, timezone.get_current_timezone())

    def arrangements(self) -> dict[str, Any]:
        names = ("sign_language_relay", "speech_to_text", "step_free_access", "note")
        return {n: self.cleaned_data[n] for n in names}


class StatusForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Issue", choices=[("held", "Tenu"), ("cancelled", "Annulé")], widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Motif d'annulation", required=False, max_length=200)


class ContactForm(AccessibleFormMixin, forms.Form):
    on = forms.DateField(label="Date", widget=DATE_INPUT)
    kind = forms.ChoiceField(label="Nature", choices=ContactKind.choices)
    channel = forms.ChoiceField(label="Canal", choices=Channel.choices)
    summary = forms.CharField(
        label="Résumé", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_step = forms.CharField(label="Prochaine étape", required=False, max_length=240)
    next_step_due = forms.DateField(
        label="Prochaine étape pour le", required=False, widget=DATE_INPUT
    )
