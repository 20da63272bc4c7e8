"""Forms of the credit file."""

from __future__ import annotations

from django import forms

from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.credit.models import Decision, FinancingLine, Level, ProductKind, Purpose
from probanker.finance.guarantees import CATALOGUE


def money(label: str, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=0, help_text=help_text, max_digits=15,
        decimal_places=2, localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip


class FileForm(AccessibleFormMixin, forms.Form):
    purpose = forms.ChoiceField(label="Objet du financement", choices=Purpose.choices)
    description = forms.CharField(
        label="Description du projet", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class LineForm(AccessibleFormMixin, forms.Form):
    side = forms.ChoiceField(label="Nature", choices=FinancingLine.Side.choices)
    label = forms.CharField(label="Libellé", max_length=120)
    amount = money("Montant (€)")
    own_contribution = forms.BooleanField(label="Apport personnel", required=False)


class ProductForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Produit", choices=ProductKind.choices)
    amount = money("Montant (€)")
    rate = forms.DecimalField(label="Taux nominal (%)", min_value=0, max_value=30, max_digits=6,
                              decimal_places=3, localize=True)  # fmt: skip
    months = forms.IntegerField(label="Durée (mois)", min_value=1, max_value=360, initial=84)
    loan_type = forms.ChoiceField(
        label="Amortissement",
        choices=[
            ("annuity", "Échéances constantes"),
            ("constant", "Capital constant"),
            ("in_fine", "In fine"),
        ],
    )
    frequency = forms.ChoiceField(
        label="Périodicité",
        choices=[("monthly", "Mensuelle"), ("quarterly", "Trimestrielle"),
                 ("semiannual", "Semestrielle"), ("annual", "Annuelle")],
    )  # fmt: skip
    deferral_months = forms.IntegerField(
        label="Différé (mois)", min_value=0, initial=0, required=False
    )
    deferral = forms.ChoiceField(
        label="Type de différé",
        choices=[
            ("none", "Aucun"),
            ("partial", "Partiel (intérêts payés)"),
            ("total", "Total (intérêts capitalisés)"),
        ],
    )
    fees = money("Frais de dossier (€)", required=False)
    insurance_rate = forms.DecimalField(label="Assurance (% par an du capital)", required=False,
                                        min_value=0, max_digits=6, decimal_places=3, localize=True)  # fmt: skip
    residual_value = money("Valeur résiduelle (crédit-bail, €)", required=False)


class GuaranteeForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Garantie", choices=[(k.value, r.label) for k, r in CATALOGUE.items()]
    )
    value = money("Valeur (bien, patrimoine du garant ou encours garanti) (€)")
    limit = money("Plafond de l'engagement (€)", required=False)
    prior_claims = money("Créances de rang antérieur (€)", required=False)
    quota = forms.DecimalField(label="Quotité du fonds de garantie (%)", required=False, min_value=0,
                               max_value=100, max_digits=5, decimal_places=2, localize=True)  # fmt: skip
    guarantor = forms.CharField(label="Garant", required=False, max_length=160)
    yearly_income = money("Revenus annuels du garant (€)", required=False)
    net_assets = money("Patrimoine net du garant (€)", required=False)
    other_commitments = money("Autres engagements du garant (€)", required=False)
    mention_words = forms.CharField(
        label="Mention manuscrite : montant en lettres", required=False, max_length=240,
        help_text="Recopiez la somme écrite par la caution, ex. « cinquante mille euros ».",
    )  # fmt: skip
    warning_2299 = forms.BooleanField(label="Mise en garde de l'art. 2299 remise", required=False)


class RateForm(AccessibleFormMixin, forms.Form):
    rate = forms.DecimalField(label="Taux proposé au client (%)", min_value=0, max_value=30,
                              max_digits=6, decimal_places=3, localize=True)  # fmt: skip


class DecisionForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Décision", choices=Decision.Outcome.choices)
    conditions = forms.CharField(
        label="Conditions ou motifs", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class LimitForm(AccessibleFormMixin, forms.Form):
    level = forms.ChoiceField(choices=Level.choices, widget=forms.HiddenInput)
    worst_status = forms.CharField(widget=forms.HiddenInput)
    max_amount = money("Montant maximal (€)")


class UsuryForm(AccessibleFormMixin, forms.Form):
    start = forms.DateField(label="Du", widget=DATE_INPUT)
    end = forms.DateField(label="Au", widget=DATE_INPUT)
    rate = forms.DecimalField(label="Taux d'usure (%)", min_value=0, max_value=100, max_digits=6,
                              decimal_places=2, localize=True)  # fmt: skip
