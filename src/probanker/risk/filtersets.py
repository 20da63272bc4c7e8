"""Filters of alerts (the alerts page and ``/api/v1/alertes``) and of degradation cases.

Date ranges are half-open: ``…_from`` included, ``…_before`` excluded.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from probanker.core.filters import IdFilter, YesNoFilter
from probanker.risk.models import Alert, AlertRule, DegradationCase, Severity

OPEN, CLOSED, ALL = "open", "closed", "all"
STATE_CHOICES = [(OPEN, "Ouvertes"), (CLOSED, "Closes"), (ALL, "Toutes")]


def _by_state[Q: QuerySet[Any]](queryset: Q, value: str) -> Q:
    """Rows still open (no ``closed_on``), closed, or all of them."""
    if value == OPEN:
        return queryset.filter(closed_on__isnull=True)
    if value == CLOSED:
        return queryset.filter(closed_on__isnull=False)
    return queryset


class AlertFilterSet(django_filters.FilterSet):
    """Alerts by state, rule (its code), severity, client and opening date."""

    status = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_status", label="État"
    )
    rule = django_filters.ModelChoiceFilter(
        queryset=AlertRule.objects.all(), to_field_name="code", label="Règle (code)"
    )
    severity = django_filters.TypedChoiceFilter(
        field_name="rule__severity", choices=Severity.choices, coerce=int, label="Gravité"
    )
    party = IdFilter(field_name="party_id", label="Client (identifiant)")
    opened_on = django_filters.DateFilter(label="Ouverte le")
    opened_from = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="gte", label="Ouverte à partir du"
    )
    opened_before = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="lt", label="Ouverte avant le"
    )

    class Meta:
        model = Alert
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet[Alert], name: str, value: str) -> QuerySet[Alert]:
        return _by_state(queryset, value)


class CaseFilterSet(django_filters.FilterSet):
    """Degradation cases by state, client, escalation and opening date."""

    status = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_status", label="État"
    )
    party = IdFilter(field_name="party_id", label="Client (identifiant)")
    escalated = YesNoFilter(
        field_name="escalated_on", lookup_expr="isnull", exclude=True, label="Remonté au directeur"
    )
    opened_from = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="gte", label="Ouvert à partir du"
    )
    opened_before = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="lt", label="Ouvert avant le"
    )

    class Meta:
        model = DegradationCase
        fields: list[str] = []

    def filter_status(
        self, queryset: QuerySet[DegradationCase], name: str, value: str
    ) -> QuerySet[DegradationCase]:
        return _by_state(queryset, value)
