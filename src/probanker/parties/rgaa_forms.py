"""Forms of the RGAA part: an audit and its sample, a page's results, the plan, a
consultation."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.parties.models import AccessibilityPlan, RgaaCriterion
from probanker.parties.rgaa_models import SampleKind, Verdict


class AuditForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label="Intitulé", max_length=200)
    scope = forms.CharField(label="Service audité", max_length=200)
    auditor = forms.CharField(label="Réalisé par", max_length=200)
    audited_on = forms.DateField(label="Date de l'audit", widget=DATE_INPUT)
    tools = forms.CharField(label="Outils", max_length=300, required=False)
    environment = forms.CharField(
        label="Environnement de test", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    contact = forms.CharField(label="Contact accessibilité", max_length=200, required=False)
    samples = forms.CharField(
        label="Échantillon", max_length=10000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Une ligne par page ou document : nature (page ou document) ; nom ; "
                  "adresse. Exemple : page ; Ma journée ; /",
    )  # fmt: skip

    def clean_samples(self) -> list[tuple[str, str, str]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["samples"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3 or parts[0] not in SampleKind.values or not parts[1]:
                raise forms.ValidationError(
                    f"Ligne {number} : « nature ; nom ; adresse » attendu, la nature étant "
                    "page ou document."
                )
            rows.append((parts[0], parts[1][:200], parts[2][:300]))
        if not rows:
            raise forms.ValidationError("Donnez au moins une page ou un document.")
        return rows


VERDICTS = [("", "Non évalué"), *Verdict.choices]


class ResultsForm(forms.Form):
    """One verdict and one note per criterion (``v_1.1``, ``n_1.1``...)."""

    def __init__(self, *args: Any, criteria: list[RgaaCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for c in criteria:
            self.fields[f"v_{c.code}"] = forms.ChoiceField(
                label=f"Critère {c.code}", choices=VERDICTS, required=False
            )
            self.fields[f"n_{c.code}"] = forms.CharField(
                label=f"Observations sur le critère {c.code}", required=False, max_length=2000
            )
        self.criteria = criteria

    def results(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {c.code: (data[f"v_{c.code}"], data[f"n_{c.code}"]) for c in self.criteria}


class PlanForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label="Intitulé du schéma", max_length=200)
    start_year = forms.IntegerField(label="Première année", min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label="Dernière année", min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and not 0 <= end - start <= 2:
            raise forms.ValidationError("Un schéma pluriannuel couvre trois ans au plus.")
        return data


class PlanActionForm(AccessibleFormMixin, forms.Form):
    plan = forms.ModelChoiceField(label="Schéma", queryset=AccessibilityPlan.objects.all())
    year = forms.IntegerField(label="Année", min_value=2000, max_value=2100)
    action = forms.CharField(label="Action", max_length=300)
    owner = forms.CharField(label="Responsable", max_length=120, required=False)


class ConsultationForm(AccessibleFormMixin, forms.Form):
    held_on = forms.DateField(label="Date", widget=DATE_INPUT)
    association = forms.CharField(label="Association(s)", max_length=300)
    topic = forms.CharField(label="Sujet", max_length=300)
    decisions = forms.CharField(
        label="Décisions", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
