"""The register's search form (the page's filters, the same criteria as the command)."""

from __future__ import annotations

from typing import Any

from django import forms

from probanker.prospecting.register.search import Criteria, SearchError

LIMITS = ((50, "50"), (100, "100"), (250, "250"), (500, "500"))


def _codes(text: str) -> list[str]:
    return [c for c in text.replace(";", " ").replace(",", " ").split() if c]


class RegisterSearchForm(forms.Form):
    """Several codes in one field are alternatives (« 37, 41 »); the fields all apply."""

    departement = forms.CharField(
        label="Départements", required=False, max_length=200,
        help_text="Séparés par des virgules : 37, 41, 2A.",
    )  # fmt: skip
    commune = forms.CharField(
        label="Communes (codes INSEE)", required=False, max_length=500,
        help_text="37261 pour Tours ; plusieurs séparés par des virgules.",
    )  # fmt: skip
    naf = forms.CharField(
        label="Secteurs (codes NAF ou leur début)", required=False, max_length=300,
        help_text="56.10A, 56.1 ou 56 ; plusieurs séparés par des virgules.",
    )  # fmt: skip
    created_since = forms.DateField(
        label="Créés depuis le", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    employer = forms.BooleanField(label="Employeurs seulement", required=False)
    include_closed = forms.BooleanField(label="Avec les établissements fermés", required=False)
    include_partial = forms.BooleanField(
        label="Avec la diffusion partielle (sans données personnelles)", required=False
    )
    limit = forms.TypedChoiceField(
        label="Résultats listés", choices=LIMITS, coerce=int, required=False, empty_value=None
    )

    def criteria(self) -> Criteria | None:
        """The criteria typed, or ``None`` with the errors tied to their fields."""
        if not self.is_valid():
            return None
        data: dict[str, Any] = self.cleaned_data
        try:
            return Criteria.build(
                departements=_codes(data["departement"]), communes=_codes(data["commune"]),
                naf=_codes(data["naf"]), created_since=data["created_since"],
                employer=data["employer"], include_closed=data["include_closed"],
                include_partial=data["include_partial"], limit=data["limit"] or 100,
            )  # fmt: skip
        except SearchError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc))
            return None

    @property
    def searched(self) -> bool:
        """Whether the user asked for something (the bare page lists nothing)."""
        return any(
            self.data.get(name) for name in ("departement", "commune", "naf", "created_since")
        )
