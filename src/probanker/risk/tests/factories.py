"""Typed factories of risk monitoring: alerts, client risk, cases, measures, runs.

Alert rules are data seeded by a migration (``risk.rules``): :func:`rule`
fetches one rather than inventing thresholds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import (
    Alert,
    AlertRule,
    ClientRisk,
    CorrectiveMeasure,
    DegradationCase,
    MeasureKind,
    RiskRun,
    RiskStatus,
)

AS_OF = dt.date(2026, 6, 30)


def rule(code: str = "rejets-30j") -> AlertRule:
    """A seeded alert rule."""
    return AlertRule.objects.get(code=code)


class AlertFactory(DjangoModelFactory[Alert]):
    """An open client-level alert on repeated rejections, with its evidence."""

    class Meta:
        model = Alert

    rule = factory.LazyFunction(rule)
    rule_version = factory.LazyAttribute(lambda o: o.rule.version)
    party = factory.SubFactory(PartyFactory)
    opened_on = AS_OF
    last_seen_on = AS_OF
    evidence = factory.LazyFunction(lambda: {"rejected_30": 3})
    last_evidence = factory.LazyAttribute(lambda o: dict(o.evidence))


class ClientRiskFactory(DjangoModelFactory[ClientRisk]):
    """A client under watch (IFRS 9 stage 2)."""

    class Meta:
        model = ClientRisk

    party = factory.SubFactory(PartyFactory)
    as_of = AS_OF
    status = RiskStatus.WATCH
    stage = 2
    reason = "Rejets et impayés répétés"


class DegradationCaseFactory(DjangoModelFactory[DegradationCase]):
    """An open case, first contact due two business days after opening."""

    class Meta:
        model = DegradationCase

    party = factory.SubFactory(PartyFactory)
    opened_by = factory.LazyAttribute(lambda o: o.party.manager)
    opened_on = AS_OF
    first_contact_due = dt.date(2026, 7, 2)


class CorrectiveMeasureFactory(DjangoModelFactory[CorrectiveMeasure]):
    class Meta:
        model = CorrectiveMeasure

    case = factory.SubFactory(DegradationCaseFactory)
    kind = MeasureKind.REGULARISATION
    amount = Decimal("2500.00")
    deadline = dt.date(2026, 7, 31)


class RiskRunFactory(DjangoModelFactory[RiskRun]):
    class Meta:
        model = RiskRun

    as_of = AS_OF
    engine = "duckdb"
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
