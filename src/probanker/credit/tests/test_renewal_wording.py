"""The renewal file's description reads as French: « Renouvellement d'autorisation… »."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from probanker.banking.tests.factories import ContractFactory, product
from probanker.credit.renewals import renew
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_renewal_description_elides_and_lowercases_the_product(manager1: Any) -> None:
    """A line « Autorisation de découvert » renews as « Renouvellement d'autorisation
    de découvert n° … », never « Renouvellement de Autorisation »."""
    today = dt.date.today()
    party = PartyFactory(manager=manager1)
    line = ContractFactory(
        party=party, product=product("overdraft"), account=ContractFactory(party=party),
        balance=0, authorised_limit=Decimal(8000), rate=Decimal("9.5"),
        limit_expiry=today + dt.timedelta(days=70),
    )  # fmt: skip
    file = renew(actor=manager1, contract=line, today=today)
    assert file.description.startswith("Renouvellement d'autorisation de découvert n° ")
