"""Forms of the diagnosis: FEC upload, statements by regime, debt-capacity calculator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.diagnosis.analysis import CapacityInput
from probanker.finance.capacity import DEFAULT_MAX_YEARS, DEFAULT_TARGET_DSCR, Amortisation


def amount(label: str, help_text: str = "", required: bool = False) -> forms.DecimalField:
    """An amount in euros typed from a tax return: comma or point, blank is zero."""
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        max_digits=15,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def debt_service_field() -> forms.DecimalField:
    return amount(
        "Annuités d'emprunts de l'exercice (capital et intérêts)",
        help_text="Facultatif : sert au ratio de couverture (DSCR).",
    )


class FecUploadForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label="Fichier des écritures comptables (FEC)",
        help_text="Fichier texte (.txt ou .csv) exporté par le logiciel comptable, "
        "séparateur tabulation ou barre verticale.",
    )
    replace = forms.BooleanField(
        label="Remplacer l'exercice existant s'il y en a un", required=False
    )


class FecConfirmForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    replace = forms.BooleanField(widget=forms.HiddenInput, required=False)


class StatementForm(AccessibleFormMixin, forms.Form):
    """Dates of the fiscal year; subclasses add the lines of their return."""

    start = forms.DateField(label="Début de l'exercice", widget=DATE_INPUT)
    end = forms.DateField(label="Clôture de l'exercice", widget=DATE_INPUT)
    replace = forms.BooleanField(
        label="Remplacer l'exercice existant s'il y en a un", required=False
    )

    date_fields = ("start", "end", "replace")
    optional = ("debt_service",)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
            self.add_error("end", "La clôture doit être postérieure au début de l'exercice.")
        return data

    def entries(self) -> dict[str, Decimal | None]:
        """The statement's lines: blank is zero, except optional lines (unknown)."""
        out: dict[str, Decimal | None] = {}
        for name in self.fields:
            if name in self.date_fields:
                continue
            value = self.cleaned_data.get(name)
            out[name] = value if value is not None or name in self.optional else Decimal(0)
        return out


class Form2033Form(StatementForm):
    sales_of_goods = amount("Ventes de marchandises (ligne 210)")
    production_sold = amount("Production vendue, biens et services (lignes 214 + 218)")
    purchases_of_goods = amount("Achats de marchandises (ligne 234)")
    stock_change_goods = amount("Variation de stock de marchandises (ligne 236)")
    raw_materials = amount("Achats de matières premières et approvisionnements (lignes 238 + 240)")
    external_charges = amount("Autres charges externes (ligne 242)")
    taxes = amount("Impôts, taxes et versements assimilés (ligne 244)")
    wages = amount("Rémunérations du personnel (ligne 250)")
    social_charges = amount("Charges sociales (ligne 252)")
    depreciation = amount("Dotations aux amortissements (ligne 254)")
    financial_charges = amount("Charges financières (ligne 294)")
    net_result = amount("Bénéfice ou perte (ligne 310)", required=True)
    equity = amount("Capitaux propres (ligne 142)")
    financial_debt = amount("Emprunts et dettes assimilées (ligne 156)")
    trade_receivables = amount("Créances clients (ligne 068)")
    stocks = amount("Stocks (lignes 050 + 060)")
    cash = amount("Disponibilités (ligne 084)")
    trade_payables = amount("Fournisseurs et comptes rattachés (ligne 166)")
    total_balance_sheet = amount("Total du bilan (ligne 110 net, ou 180)", required=True)
    debt_service = debt_service_field()


class Form2035Form(StatementForm):
    receipts = amount("Recettes encaissées (ligne AA)", required=True)
    purchases = amount("Achats (ligne BA)")
    staff_costs = amount("Salaires nets et charges sociales du personnel (lignes BB + BC)")
    own_social_charges = amount("Cotisations sociales personnelles de l'exploitant (ligne BT)")
    taxes = amount("Impôts et taxes (lignes BS + BV)")
    rents_and_other_external = amount(
        "Loyers, travaux, transports et autres frais (lignes BF à BM)"
    )
    financial_charges = amount("Frais financiers (ligne BN)")
    depreciation = amount("Dotations aux amortissements (ligne CH)")
    result = amount("Bénéfice ou déficit (ligne CP ou CR)", required=True)
    debt_service = debt_service_field()


class MicroForm(StatementForm):
    turnover = amount("Chiffre d'affaires déclaré", required=True)
    activity = forms.ChoiceField(
        label="Nature de l'activité",
        choices=[
            ("sales", "Vente de marchandises, hébergement"),
            ("services", "Prestations de services (BIC ou BNC)"),
        ],
    )
    sector_margin = forms.DecimalField(
        label="Taux de marge du secteur (%)",
        help_text="Part du chiffre d'affaires qui reste après les charges de l'activité ; "
        "sert à estimer la CAF. Par défaut 10 % pour la vente, 35 % pour les services.",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def entries(self) -> dict[str, Decimal | None]:
        from probanker.diagnosis.analysis import default_micro_margin

        activity = self.cleaned_data["activity"]
        margin = self.cleaned_data.get("sector_margin")
        rate = default_micro_margin(activity) if margin is None else margin / 100
        return {"turnover": self.cleaned_data["turnover"], "sector_margin": rate}


STATEMENT_FORMS: dict[str, type[StatementForm]] = {
    "2033": Form2033Form,
    "2035": Form2035Form,
    "micro": MicroForm,
}


class CapacityForm(AccessibleFormMixin, forms.Form):
    """The debt-capacity calculator (GET): every default is shown and can be changed."""

    annual_rate = forms.DecimalField(
        label="Taux nominal annuel (%)", initial=Decimal("4.50"), min_value=Decimal(0),
        max_value=Decimal(30), max_digits=6, decimal_places=3, localize=True,
    )  # fmt: skip
    months = forms.IntegerField(label="Durée (mois)", initial=84, min_value=1, max_value=360)
    amortisation = forms.ChoiceField(
        label="Amortissement",
        choices=[
            (Amortisation.ANNUITY.value, "Échéances constantes"),
            (Amortisation.CONSTANT.value, "Amortissement constant du capital"),
            (Amortisation.IN_FINE.value, "In fine"),
        ],
        initial=Amortisation.ANNUITY.value,
    )
    target_dscr = forms.DecimalField(
        label="Couverture cible (CAF / annuités)", initial=DEFAULT_TARGET_DSCR,
        min_value=Decimal("0.5"), max_value=Decimal(5), max_digits=4, decimal_places=2, localize=True,
    )  # fmt: skip
    max_years = forms.DecimalField(
        label="Dettes financières au plus (années de CAF)", initial=DEFAULT_MAX_YEARS,
        min_value=Decimal(1), max_value=Decimal(15), max_digits=4, decimal_places=1, localize=True,
    )  # fmt: skip
    existing_service = amount(
        "Annuités existantes (€ par an)", help_text="Vide : celles du dernier exercice."
    )
    existing_debt = amount(
        "Dettes financières existantes (€)", help_text="Vide : celles du dernier exercice."
    )

    def parameters(self) -> CapacityInput:
        """The calculator's input; defaults when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return CapacityInput()
        d = self.cleaned_data
        return CapacityInput(
            annual_rate=d["annual_rate"],
            months=d["months"],
            amortisation=Amortisation(d["amortisation"]),
            target_dscr=d["target_dscr"],
            max_years=d["max_years"],
            existing_service=d.get("existing_service"),
            existing_debt=d.get("existing_debt"),
        )
