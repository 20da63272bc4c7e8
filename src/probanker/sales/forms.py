"""Forms of the sales pages: the interview run from its guide, the report's sending,
specialists, opportunities and their stages, and the guide's edition."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms

from probanker.banking.models import Product
from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.sales.guides import GuideError, check_sections
from probanker.sales.models import (
    OPEN_STAGES,
    ConditionKind,
    ConditionLevel,
    LostReason,
    Situation,
    Specialty,
    Stage,
)


class MoneyField(forms.DecimalField):
    """A French amount, as the application prints it too (« 45 000,50 », the thousands
    separated by a narrow no-break space)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        return super().to_python(value)


def money(label: str, required: bool = True, minimum: str = "0") -> forms.DecimalField:
    return MoneyField(
        label=label, required=required, min_value=Decimal(minimum), max_digits=15,
        decimal_places=2, localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip


class SituationForm(AccessibleFormMixin, forms.Form):
    situation = forms.ChoiceField(label="Situation de l'entretien", choices=Situation.choices)


def _question_field(question: dict[str, Any]) -> forms.Field:
    """The form field of a guide's question; every answer is optional (a question may
    not apply) and typed by :func:`probanker.sales.guides.parse_answer` afterwards."""
    label, kind = question["label"], question["type"]
    if kind == "choice":
        choices = [("", "—"), *((c, c) for c in question["choices"])]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    if kind == "yes_no":
        return forms.ChoiceField(
            label=label, choices=[("", "—"), ("oui", "Oui"), ("non", "Non")], required=False
        )
    if kind == "amount":
        return forms.CharField(
            label=label if "€" in label else f"{label} (€)", required=False, max_length=24,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )  # fmt: skip
    if kind == "number":
        return forms.CharField(
            label=label, required=False, max_length=12,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )  # fmt: skip
    if kind == "date":
        return forms.CharField(label=label, required=False, widget=DATE_INPUT)
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InterviewForm(AccessibleFormMixin, forms.Form):
    """The date, one field per question of the guide (``q_<key>``), the synthesis."""

    held_on = forms.DateField(label="Date de l'entretien", widget=DATE_INPUT)

    def __init__(self, *args: Any, guide: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections: list[tuple[str, list[str]]] = []
        for section in guide.sections:
            names = []
            for question in section["questions"]:
                name = f"q_{question['key']}"
                self.fields[name] = _question_field(question)
                names.append(name)
            self.sections.append((section["title"], names))
        self.fields["summary"] = forms.CharField(
            label="Synthèse de l'entretien", max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )  # fmt: skip
        self.fields["next_steps"] = forms.CharField(
            label="Suites convenues", required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )  # fmt: skip

    def section_fields(self) -> list[tuple[str, list[Any]]]:
        """The sections with their bound fields, in the guide's order."""
        return [(title, [self[n] for n in names]) for title, names in self.sections]

    def raw_answers(self) -> dict[str, str]:
        """``{question key: text}`` for :func:`probanker.sales.services.read_answers`."""
        return {
            name[2:]: str(value or "")
            for name, value in self.cleaned_data.items()
            if name.startswith("q_")
        }


class ReportSentForm(AccessibleFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label="Envoyé par",
        choices=[("email", "Courriel"), ("mail", "Courrier"), ("branch", "Remis en agence")],
    )
    on = forms.DateField(label="Envoyé le", widget=DATE_INPUT)


class ReferralForm(AccessibleFormMixin, forms.Form):
    specialty = forms.ChoiceField(label="Spécialiste", choices=Specialty.choices)
    question = forms.CharField(
        label="Question posée", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(AccessibleFormMixin, forms.Form):
    answer = forms.CharField(
        label="Réponse du spécialiste", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label="Reçue le", widget=DATE_INPUT)


class OpportunityForm(AccessibleFormMixin, forms.Form):
    product = forms.ModelChoiceField(
        label="Produit", queryset=Product.objects.order_by("family_id", "position", "label"),
        to_field_name="code",
    )  # fmt: skip
    amount = money("Montant (€)", minimum="0.01")
    stage = forms.ChoiceField(
        label="Étape", choices=[(s.value, s.label) for s in OPEN_STAGES], initial=Stage.DETECTED
    )
    expected_on = forms.DateField(label="Conclusion attendue le", widget=DATE_INPUT, required=False)
    source = forms.CharField(label="Origine", max_length=240, required=False)


class StageForm(AccessibleFormMixin, forms.Form):
    stage = forms.ChoiceField(label="Nouvelle étape", choices=Stage.choices)
    lost_reason = forms.ChoiceField(
        label="Motif de perte (si perdue)", choices=[("", "—"), *LostReason.choices],
        required=False,
    )  # fmt: skip
    amount = money("Montant (€)", required=False, minimum="0.01")
    expected_on = forms.DateField(label="Conclusion attendue le", widget=DATE_INPUT, required=False)
    note = forms.CharField(label="Commentaire", max_length=400, required=False)


class GuideForm(AccessibleFormMixin, forms.Form):
    """The guide's title and its sections as JSON, checked question by question."""

    title = forms.CharField(label="Titre", max_length=160)
    sections = forms.CharField(
        label="Sections et questions (JSON)",
        help_text="Une liste de sections {« title », « questions »} ; chaque question a "
        "« key », « label », « type » (text, choice, amount, number, date, yes_no), et selon le cas "
        "« choices », « need », « need_when » ; « number » pour un nombre qui n'est pas un "
        "montant.",
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
    )

    def clean_sections(self) -> Any:
        text = self.cleaned_data["sections"]
        if len(text) > MAX_GUIDE_CHARS:
            raise forms.ValidationError(
                f"Le guide dépasse {MAX_GUIDE_CHARS // 1000}000 caractères : allégez-le."
            )
        try:
            sections = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"JSON illisible, ligne {error.lineno}, colonne {error.colno} : vérifiez les "
                "guillemets, les virgules et les crochets."
            ) from None
        except (ValueError, RecursionError):
            raise forms.ValidationError(
                "JSON refusé : NaN, Infinity ou imbrication trop profonde."
            ) from None
        try:
            check_sections(sections)
        except GuideError as error:
            raise forms.ValidationError(str(error)) from None
        return sections


#: The largest guide an administrator may save, as JSON text.
MAX_GUIDE_CHARS = 200_000


def _no_constant(name: str) -> Any:
    """``NaN`` and ``Infinity`` are no JSON the database stores: refused."""
    raise ValueError(name)


class ConditionForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=ConditionKind.choices)
    label = forms.CharField(label="Condition", max_length=160,
                            help_text="Par exemple : taux du prêt d'équipement, frais de tenue de compte.")  # fmt: skip
    rate_bp = forms.IntegerField(label="Bonification (points de base)", required=False,
                                 min_value=1, max_value=500,
                                 help_text="Pour une bonification de taux : 25 points = 0,25 %.")  # fmt: skip
    fees = money("Frais exonérés ou remisés par an (€)", required=False)
    start = forms.DateField(label="À compter du", widget=DATE_INPUT)
    end = forms.DateField(label="Jusqu'au", widget=DATE_INPUT)
    reason = forms.CharField(label="Argument (ce que la banque y gagne)", max_length=400,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ConditionLimitForm(AccessibleFormMixin, forms.Form):
    level = forms.ChoiceField(choices=ConditionLevel.choices, widget=forms.HiddenInput)
    max_rate_bp = forms.IntegerField(label="Bonification maximale (points de base)",
                                     min_value=0, max_value=500)  # fmt: skip
    max_annual_cost = money("Coût annuel maximal (€)")
    max_months = forms.IntegerField(label="Durée maximale (mois)", min_value=0, max_value=60)
