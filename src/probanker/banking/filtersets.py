"""Filters of the contracts list (UI and API)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from probanker.banking.models import Contract, ProductFamily, ProductKind
from probanker.banking.services import EXPIRY_HORIZON_DAYS, deposits_q
from probanker.core.access import managers_in_scope
from probanker.core.filters import YesNoFilter


class ContractFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Client ou numéro")
    family = django_filters.ModelChoiceFilter(
        field_name="product__family",
        queryset=ProductFamily.objects.all(),
        label="Famille de produits",
    )
    kind = django_filters.ChoiceFilter(
        field_name="product__kind", choices=ProductKind.choices, label="Nature"
    )
    deposits = YesNoFilter(method="filter_deposits", label="Dépôts")
    overdrawn = YesNoFilter(method="filter_overdrawn", label="Compte débiteur")
    expiring = YesNoFilter(method="filter_expiring", label="Autorisation échéant sous 90 jours")
    manager = django_filters.ModelChoiceFilter(
        field_name="party__manager",
        queryset=lambda request: managers_in_scope(getattr(request, "user", None)),
        label="Chargé de clientèle",
    )

    class Meta:
        model = Contract
        fields: list[str] = []

    def search(self, qs: QuerySet[Contract], name: str, value: str) -> QuerySet[Contract]:
        term = value.strip()
        if not term:
            return qs
        return qs.filter(
            Q(party__name__icontains=term)
            | Q(number__icontains=term)
            | Q(iban__icontains=term.replace(" ", ""))
        )

    def filter_deposits(
        self, qs: QuerySet[Contract], name: str, value: bool | None
    ) -> QuerySet[Contract]:
        return (
            qs
            if value is None
            else (qs.filter(deposits_q()) if value else qs.exclude(deposits_q()))
        )

    def filter_overdrawn(
        self, qs: QuerySet[Contract], name: str, value: bool | None
    ) -> QuerySet[Contract]:
        debit = Q(product__kind=ProductKind.ACCOUNT, balance__lt=0)
        return qs if value is None else (qs.filter(debit) if value else qs.exclude(debit))

    def filter_expiring(
        self, qs: QuerySet[Contract], name: str, value: bool | None
    ) -> QuerySet[Contract]:
        if value is None:
            return qs
        today = timezone.localdate()
        window = Q(
            limit_expiry__gte=today,
            limit_expiry__lte=today + dt.timedelta(days=EXPIRY_HORIZON_DAYS),
        )
        return qs.filter(window) if value else qs.exclude(window)
