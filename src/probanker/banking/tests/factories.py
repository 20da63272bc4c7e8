"""Typed factories of contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from probanker.banking.models import Contract, Product
from probanker.parties.tests.factories import PartyFactory


def product(code: str) -> Product:
    """A product of the seeded catalogue."""
    return Product.objects.get(code=code)


class ContractFactory(DjangoModelFactory[Contract]):
    class Meta:
        model = Contract

    party = factory.SubFactory(PartyFactory)
    product = factory.LazyFunction(lambda: product("current_account"))
    number = factory.Sequence(lambda n: f"{n:011d}")
    opened_on = dt.date(2020, 1, 2)
    balance = Decimal("1000.00")
