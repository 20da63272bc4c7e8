"""The delegation grid and the credit files list read as a banker expects."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.credit.tests.factories import CreditFileFactory, RequestedProductFactory
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_the_delegation_grid_is_ordered_and_says_without_limit(
    client: Client, manager1: Any
) -> None:
    """Rows by level (manager, director, committee) then by risk status (sain,
    surveillance, dégradé); the committee's cells read « sans limite »."""
    client.force_login(manager1)
    page = client.get("/credits/delegation/").content.decode()
    page = html.unescape(page)
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td><td class="num">([^<]+)</td>',
                      page)  # fmt: skip
    assert [(level, status) for level, status, _ in rows] == [
        ("Chargé de clientèle", "Sain"), ("Chargé de clientèle", "Sous surveillance"),
        ("Directeur d'agence", "Sain"), ("Directeur d'agence", "Sous surveillance"),
        ("Directeur d'agence", "Dégradé"),
        ("Comité de crédit", "Sain"), ("Comité de crédit", "Sous surveillance"),
        ("Comité de crédit", "Dégradé"),
    ]  # fmt: skip
    assert [amount for level, _, amount in rows if level == "Comité de crédit"] == [
        "sans limite"
    ] * 3
    assert "100\u202f000\u202f000" not in page


def test_the_files_list_shows_amount_manager_and_age(client: Client, manager1: Any) -> None:
    """Each file shows the amount requested (all its products), its client's manager
    and the days since it was opened."""
    today = timezone.localdate()
    party = PartyFactory(manager=manager1, name="Boulangerie Morel")
    file = CreditFileFactory(party=party, created_on=today - dt.timedelta(days=12))
    RequestedProductFactory(file=file, amount=D("40000.00"))
    RequestedProductFactory(file=file, kind="decouvert", amount=D("5000.00"), rate=D("9"))
    client.force_login(manager1)
    page = client.get("/credits/").content.decode()
    row = page.split("Boulangerie Morel", 1)[1].split("</tr>", 1)[0]
    assert "45\u202f000" in row
    assert str(manager1) in row
    assert "12\u00a0j" in row
