"""Forms of the portfolio: a transfer price, an objective of the commercial plan."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.banking.models import ProductFamily
from probanker.core.forms import AccessibleFormMixin
from probanker.core.models import Role, User
from probanker.portfolio.models import Indicator, TransferKind


class TransferPriceForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=TransferKind.choices)
    start = forms.DateField(
        label="En vigueur à partir du", widget=forms.DateInput(attrs={"type": "date"})
    )
    rate = forms.DecimalField(
        label="Taux (%)", min_value=-99, max_value=99, max_digits=7, decimal_places=4,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip


class ObjectiveForm(AccessibleFormMixin, forms.Form):
    indicator = forms.ChoiceField(label="Indicateur", choices=Indicator.choices)
    family = forms.ModelChoiceField(
        label="Famille de produits (ventes seulement)", queryset=ProductFamily.objects.all(),
        required=False, empty_label="—", to_field_name="code",
    )  # fmt: skip
    manager = forms.ModelChoiceField(
        label="Chargé de clientèle (vide : objectif de l'agence)", queryset=User.objects.none(),
        required=False, empty_label="Agence entière",
    )  # fmt: skip
    target = forms.DecimalField(
        label="Objectif (nombre ou euros)", min_value=0, max_digits=15, decimal_places=2,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip

    def __init__(self, *args: Any, branch_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        managers = User.objects.filter(role=Role.MANAGER, is_active=True, branch_id=branch_id or 0)
        self.fields["manager"].queryset = managers.order_by("last_name", "first_name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sales = data.get("indicator") == Indicator.SALES
        if sales and not data.get("family"):
            self.add_error("family", "Choisissez la famille de produits des ventes.")
        if not sales and data.get("family"):
            self.add_error("family", "Une famille ne s'indique que pour un objectif de ventes.")
        return data
