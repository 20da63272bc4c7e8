"""Filters of credit files (``/api/v1/credits``; the list page shows them all)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from probanker.core.filters import IdFilter, YesNoFilter
from probanker.credit.models import CreditFile, FileStatus, Level, Purpose


class CreditFileFilterSet(django_filters.FilterSet):
    """Files by state, delegation level, client, purpose, client name and dates.

    Date ranges are half-open: ``created_from`` included, ``created_before``
    excluded.
    """

    q = django_filters.CharFilter(field_name="party__name", lookup_expr="icontains", label="Client")
    status = django_filters.ChoiceFilter(choices=FileStatus.choices, label="État")
    level = django_filters.ChoiceFilter(choices=Level.choices, label="Niveau de décision")
    party = IdFilter(field_name="party_id", label="Client (identifiant)")
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, label="Objet")
    created_from = django_filters.DateFilter(
        field_name="created_on", lookup_expr="gte", label="Ouvert à partir du"
    )
    created_before = django_filters.DateFilter(
        field_name="created_on", lookup_expr="lt", label="Ouvert avant le"
    )
    decided = YesNoFilter(method="filter_decided", label="Décidé")

    class Meta:
        model = CreditFile
        fields: list[str] = []

    def filter_decided(
        self, queryset: QuerySet[CreditFile], name: str, value: bool | None
    ) -> QuerySet[CreditFile]:
        """Files with (``True``) or without (``False``) a recorded decision."""
        if value is None:
            return queryset
        return queryset.filter(decision__isnull=not value)
