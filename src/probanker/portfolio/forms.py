"""Forms of the portfolio: a transfer price, an objective of the commercial plan."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.banking.models import ProductFamily
from probanker.core.forms import DATE_INPUT, AccessibleFormMixin
from probanker.core.models import Role, User
from probanker.portfolio.models import (
    ActionKind,
    ActionStatus,
    Indicator,
    TargetMode,
    TransferKind,
)


class TransferPriceForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=TransferKind.choices)
    start = forms.DateField(label="En vigueur à partir du", widget=DATE_INPUT)
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


class TargetListForm(AccessibleFormMixin, forms.Form):
    """« Enregistrer comme liste cible »: a name, a mode, and the list's filter (hidden)."""

    name = forms.CharField(label="Nom de la liste", max_length=120)
    mode = forms.ChoiceField(
        label="Clients de la liste", choices=TargetMode.choices, initial=TargetMode.QUERY
    )
    axe = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    valeur = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    signal = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    sans = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    tri = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    charge = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)


class ActionForm(AccessibleFormMixin, forms.Form):
    """An action planned on a target list."""

    kind = forms.ChoiceField(label="Nature de l'action", choices=ActionKind.choices)
    label = forms.CharField(label="Objet (facultatif)", max_length=200, required=False)
    owner = forms.ModelChoiceField(label="Responsable", queryset=User.objects.none())
    due_on = forms.DateField(label="Échéance", widget=DATE_INPUT)
    status = forms.ChoiceField(label="Statut", choices=ActionStatus.choices)

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else User.objects.none()  # type: ignore[attr-defined]


class ActionStatusForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(label="Statut", choices=ActionStatus.choices)
