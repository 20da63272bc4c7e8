"""The risk analyst's edit of a rule (threshold, severity, active)."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.risk.models import CaseOutcome, MeasureKind, MeasureStatus, Severity


class RuleForm(AccessibleFormMixin, forms.Form):
    code = forms.SlugField(widget=forms.HiddenInput)
    # Bounded: thresholds are stored in integer units (cents, basis points, days).
    threshold = forms.IntegerField(label="Seuil", min_value=-(10**12), max_value=10**12)
    severity = forms.TypedChoiceField(label="Gravité", choices=Severity.choices, coerce=int)
    active = forms.BooleanField(label="Active", required=False)


class OpenCaseForm(AccessibleFormMixin, forms.Form):
    alerts: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Alertes à l'origine du dossier",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    first_contact_due = forms.DateField(
        label="Premier contact avec le client au plus tard le",
        widget=DATE_INPUT,
        help_text="Par défaut, deux jours ouvrés après l'ouverture.",
    )
    causes = forms.CharField(
        label="Premières observations", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: object, alerts: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["alerts"].queryset = alerts  # type: ignore[attr-defined]


class ContactForm(AccessibleFormMixin, forms.Form):
    contacted_on = forms.DateField(label="Client contacté le", widget=DATE_INPUT)
    causes = forms.CharField(label="Analyse des causes", widget=forms.Textarea(attrs={"rows": 4}))


class MeasureForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Mesure", choices=MeasureKind.choices)
    amount = forms.DecimalField(
        label="Montant (€)", required=False, min_value=0, max_digits=15, decimal_places=2,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip
    deadline = forms.DateField(label="Échéance", widget=DATE_INPUT)
    note = forms.CharField(label="Commentaire", required=False, max_length=240)


class FollowForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[(MeasureStatus.DONE.value, "Réalisée"), (MeasureStatus.FAILED.value, "Non tenue")]
    )


class CloseForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Issue", choices=CaseOutcome.choices)
    note = forms.CharField(label="Commentaire de clôture", widget=forms.Textarea(attrs={"rows": 3}))
