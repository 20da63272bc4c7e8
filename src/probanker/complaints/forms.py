"""The forms of complaints: receipt, then each step posted from the complaint's page."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.banking.models import Product
from probanker.complaints.models import (
    Channel,
    ComplainantType,
    LetterChannel,
    Outcome,
    Typology,
)
from probanker.core.forms import DATE_INPUT, AccessibleFormMixin


class ReceiveForm(AccessibleFormMixin, forms.Form):
    complainant_type = forms.ChoiceField(label="Auteur", choices=ComplainantType.choices)
    complainant = forms.CharField(
        label="Nom et qualité du représentant", required=False, max_length=200,
        help_text="Seulement si un représentant présente la réclamation pour le client.",
    )  # fmt: skip
    channel = forms.ChoiceField(label="Canal de réception", choices=Channel.choices)
    sent_on = forms.DateField(label="Envoyée le", widget=DATE_INPUT, required=False)
    received_on = forms.DateField(label="Reçue le", widget=DATE_INPUT)
    typology = forms.ChoiceField(label="Typologie", choices=Typology.choices)
    product = forms.ModelChoiceField(
        label="Produit concerné", queryset=Product.objects.all(), required=False,
        empty_label="(aucun en particulier)",
    )  # fmt: skip
    payment_service = forms.BooleanField(
        label="Concerne un service de paiement (art. L133-45 CMF)", required=False,
        help_text="Virement, prélèvement, carte, encaissement : réponse sous 15 jours ouvrés.",
    )  # fmt: skip
    subject = forms.CharField(label="Objet", max_length=200)
    description = forms.CharField(
        label="Description", max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


class SendForm(AccessibleFormMixin, forms.Form):
    """A letter sent: its date and channel (the acknowledgment)."""

    on = forms.DateField(label="Envoyé le", widget=DATE_INPUT)
    via = forms.ChoiceField(label="Envoyé par", choices=LetterChannel.choices)


class HoldingForm(SendForm):
    reason = forms.CharField(
        label="Raisons du délai supplémentaire", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class AnswerForm(SendForm):
    outcome = forms.ChoiceField(label="Issue", choices=Outcome.choices)
    text = forms.CharField(
        label="Réponse au client", max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
    refund = forms.DecimalField(
        label="Remboursement (€)", required=False, min_value=0, max_digits=15, decimal_places=2,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip
    gesture = forms.CharField(label="Geste commercial", required=False, max_length=200)


class EscalateForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label="Motif de la remontée", max_length=240)


class MediatorForm(AccessibleFormMixin, forms.Form):
    on = forms.DateField(label="Médiateur saisi le", widget=DATE_INPUT)


class AnalysisForm(AccessibleFormMixin, forms.Form):
    root_cause = forms.CharField(
        label="Cause racine", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    corrective_action = forms.CharField(
        label="Action corrective", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


STEP_FORMS: dict[str, type[forms.Form]] = {
    "accuse": SendForm,
    "attente": HoldingForm,
    "reponse": AnswerForm,
    "remontee": EscalateForm,
    "mediateur": MediatorForm,
    "analyse": AnalysisForm,
}


def step_forms(initial: dict[str, Any]) -> dict[str, forms.Form]:
    """Each step's form, prefixed so that their fields' ids never collide on the page."""
    return {
        step: cls(initial=initial, prefix=step)  # type: ignore[call-arg]
        for step, cls in STEP_FORMS.items()
    }


class AttachmentForm(AccessibleFormMixin, forms.Form):
    """A document joined to the complaint from its page."""

    file = forms.FileField(
        label="Document",
        help_text="PDF, image JPEG ou PNG, courriel (.eml) ou texte ; 10 Mo au plus.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,.eml,.txt,application/pdf,image/jpeg,"
                             "image/png,message/rfc822,text/plain"}
        ),
    )  # fmt: skip
    label = forms.CharField(
        label="Description", required=False, max_length=200,
        help_text="Par exemple : courrier du client, relevé contesté, photo du TPE.",
    )  # fmt: skip
