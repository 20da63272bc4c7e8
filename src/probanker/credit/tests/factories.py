"""Typed factories of credit files and the rows attached to them.

They write rows directly (no compliance evaluation, no delegation): tests of
the services build files through the services; tests that need a file in a
given state (submitted at a level, decided) start from these.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from probanker.core.tests.factories import UserFactory
from probanker.credit.models import (
    ComplianceItem,
    ComplianceRule,
    CreditFile,
    Decision,
    FileGuarantee,
    FileStatus,
    FinancingLine,
    GuarantorLetter,
    Level,
    ProductKind,
    RequestedProduct,
)
from probanker.parties.tests.factories import PartyFactory, PersonFactory

TODAY = dt.date(2026, 11, 27)


def rule(code: str) -> ComplianceRule:
    """A compliance rule of the seeded defaults (``credit.seeds``)."""
    return ComplianceRule.objects.get(code=code)


class CreditFileFactory(DjangoModelFactory[CreditFile]):
    """A draft file for an equipment project."""

    class Meta:
        model = CreditFile

    party = factory.SubFactory(PartyFactory)
    purpose = "equipement"
    description = "Four à pain"
    status = FileStatus.DRAFT
    level = ""
    created_by = factory.LazyAttribute(lambda o: o.party.manager)
    created_on = TODAY

    class Params:
        # A file submitted to the manager's level (the grid's first row).
        submitted = factory.Trait(
            status=FileStatus.SUBMITTED, level=Level.MANAGER, submitted_on=TODAY
        )


class FinancingLineFactory(DjangoModelFactory[FinancingLine]):
    class Meta:
        model = FinancingLine

    file = factory.SubFactory(CreditFileFactory)
    side = FinancingLine.Side.NEED
    label = "Four"
    amount = Decimal("50000.00")


class RequestedProductFactory(DjangoModelFactory[RequestedProduct]):
    """A 60-month annuity loan at 4.50 %."""

    class Meta:
        model = RequestedProduct

    file = factory.SubFactory(CreditFileFactory)
    kind = ProductKind.LOAN
    amount = Decimal("40000.00")
    rate = Decimal("4.500")
    months = 60


class FileGuaranteeFactory(DjangoModelFactory[FileGuarantee]):
    """A guarantor's personal guarantee capped at 20,000 €."""

    class Meta:
        model = FileGuarantee

    file = factory.SubFactory(CreditFileFactory)
    kind = "caution_physique"
    value = Decimal("300000.00")
    limit = Decimal("20000.00")
    guarantor = "M. Martin"


class ComplianceItemFactory(DjangoModelFactory[ComplianceItem]):
    class Meta:
        model = ComplianceItem

    file = factory.SubFactory(CreditFileFactory)
    rule = factory.LazyFunction(lambda: rule("kbis"))
    state = ComplianceItem.State.MISSING


class DecisionFactory(DjangoModelFactory[Decision]):
    """An accord at the manager's level (the file should be marked decided too)."""

    class Meta:
        model = Decision

    file = factory.SubFactory(CreditFileFactory, submitted=True, status=FileStatus.DECIDED)
    level = Level.MANAGER
    outcome = Decision.Outcome.ACCORD
    decided_by = factory.SubFactory(UserFactory)


class GuarantorLetterFactory(DjangoModelFactory[GuarantorLetter]):
    class Meta:
        model = GuarantorLetter

    kind = "2302"
    party = factory.SubFactory(PartyFactory)
    guarantor = factory.SubFactory(PersonFactory)
    reference_date = dt.date(2025, 12, 31)
    due_on = dt.date(2026, 3, 31)
    principal = Decimal("1000.00")


def balanced_file(party: Any, checked_by: Any) -> CreditFile:
    """A draft file of ``party``: a balanced plan (50,000 € of needs, 10,000 € of own
    contribution, a 40,000 € loan), the factory's loan and guarantee, the K-bis received."""
    file = CreditFileFactory(party=party)
    FinancingLineFactory(file=file, side="besoin", label="Four", amount=Decimal("50000.00"))
    FinancingLineFactory(
        file=file, side="ressource", label="Apport", amount=Decimal("10000.00"),
        own_contribution=True,
    )  # fmt: skip
    FinancingLineFactory(file=file, side="ressource", label="Prêt", amount=Decimal("40000.00"))
    RequestedProductFactory(file=file)
    FileGuaranteeFactory(file=file)
    ComplianceItemFactory(
        file=file, state=ComplianceItem.State.OK, checked_by=checked_by,
        checked_on=dt.date(2026, 11, 28),
    )  # fmt: skip
    return file
