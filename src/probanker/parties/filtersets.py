"""One FilterSet for the client list page and the API (NetBox's recipe)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from probanker.core.access import managers_in_scope
from probanker.core.filters import YesNoFilter
from probanker.core.models import NafSection, User
from probanker.parties.choices import LegalForm, PartyKind, Segment, TaxRegime
from probanker.parties.models import Party

KYC_HORIZON_DAYS = 30
EXPIRY_HORIZON_DAYS = 90


def naf_section_choices() -> list[tuple[str, str]]:
    """The 21 NAF sections, read once per process (shipped reference data)."""
    global _NAF_SECTIONS
    if _NAF_SECTIONS is None:
        _NAF_SECTIONS = [(s.code, str(s)) for s in NafSection.objects.all()]
    return _NAF_SECTIONS


_NAF_SECTIONS: list[tuple[str, str]] | None = None


def managers_visible(request: Any) -> QuerySet[User]:
    """Managers a director may filter on: those of their scope."""
    return managers_in_scope(request.user if request is not None else None)  # type: ignore[no-any-return]


class PartyFilterSet(django_filters.FilterSet):
    """Search and filters of the client list (UI and ``/api/v1/clients``)."""

    q = django_filters.CharFilter(method="search", label="Rechercher")
    kind = django_filters.ChoiceFilter(choices=PartyKind.choices, label="Nature")
    segment = django_filters.ChoiceFilter(choices=Segment.choices, label="Segment")
    naf_section = django_filters.ChoiceFilter(
        field_name="naf__division__section_id",
        choices=naf_section_choices,
        label="Section NAF",
    )
    legal_form = django_filters.ChoiceFilter(choices=LegalForm.choices, label="Forme juridique")
    tax_regime = django_filters.ChoiceFilter(choices=TaxRegime.choices, label="Régime fiscal")
    manager = django_filters.ModelChoiceFilter(
        queryset=managers_visible, label="Chargé de clientèle"
    )
    kyc_due = YesNoFilter(method="filter_kyc_due", label="Révision KYC due sous 30 jours")
    expiring = YesNoFilter(method="filter_expiring", label="Autorisation échéant sous 90 jours")

    class Meta:
        model = Party
        fields: list[str] = []

    def search(self, queryset: QuerySet[Party], name: str, value: str) -> QuerySet[Party]:
        """Name, SIREN, any establishment's SIRET, or city, case-insensitive."""
        term = value.strip()
        if not term:
            return queryset
        digits = term.replace(" ", "")
        condition = Q(name__icontains=term) | Q(city__icontains=term)
        if digits.isdigit():
            condition |= Q(siren__startswith=digits[:9]) | Q(
                establishments__siret__startswith=digits
            )
        return queryset.filter(pk__in=Party.objects.filter(condition).values("pk"))

    def filter_kyc_due(
        self, queryset: QuerySet[Party], name: str, value: bool | None
    ) -> QuerySet[Party]:
        if value is None:
            return queryset
        horizon = timezone.localdate() + dt.timedelta(days=KYC_HORIZON_DAYS)
        due = Q(kyc_next_review__lte=horizon, kind=PartyKind.CLIENT)
        return queryset.filter(due) if value else queryset.exclude(due)

    def filter_expiring(
        self, queryset: QuerySet[Party], name: str, value: bool | None
    ) -> QuerySet[Party]:
        if value is None:
            return queryset
        today = timezone.localdate()
        horizon = today + dt.timedelta(days=EXPIRY_HORIZON_DAYS)
        expiring = Party.objects.filter(
            contracts__limit_expiry__gte=today,
            contracts__limit_expiry__lte=horizon,
            contracts__closed_on__isnull=True,
        ).values("pk")
        if value:
            return queryset.filter(pk__in=expiring)
        return queryset.exclude(pk__in=expiring)
