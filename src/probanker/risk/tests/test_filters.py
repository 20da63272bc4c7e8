"""The alerts page filters through the same FilterSet as ``/api/v1/alertes``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from probanker.parties.tests.factories import PartyFactory
from probanker.risk.tests.factories import AS_OF, AlertFactory, RiskRunFactory, rule

pytestmark = pytest.mark.django_db


def test_tabs_and_filters_of_the_alerts_page(client: Client, manager1: Any) -> None:
    """« Nouvelles » shows the last run's openings, « Ouvertes » the open ones, « Closes »
    the closed ones; ``rule`` and ``severity`` narrow each tab as in the API."""
    RiskRunFactory(as_of=AS_OF)
    AlertFactory(party=PartyFactory(manager=manager1, name="Garage Neuf"))
    AlertFactory(
        party=PartyFactory(manager=manager1, name="Café Ancien"), rule=rule("depassement-30j"),
        opened_on=AS_OF - dt.timedelta(days=20), evidence={"beyond_limit_days_30": 9},
    )  # fmt: skip
    AlertFactory(
        party=PartyFactory(manager=manager1, name="Salon Clos"), rule=rule("ebe-negatif"),
        opened_on=dt.date(2026, 1, 5), closed_on=dt.date(2026, 3, 1),
        evidence={"ebe_negative": True},
    )  # fmt: skip
    client.force_login(manager1)

    def names(**params: str) -> set[str]:
        html = client.get("/risques/", params).content.decode()
        return {n for n in ("Garage Neuf", "Café Ancien", "Salon Clos") if n in html}

    assert names() == {"Garage Neuf"}
    assert names(vue="ouvertes") == {"Garage Neuf", "Café Ancien"}
    assert names(vue="closes") == {"Salon Clos"}
    assert names(vue="ouvertes", rule="depassement-30j") == {"Café Ancien"}
    assert names(vue="ouvertes", severity="3") == {"Garage Neuf"}
    # The tab wins over a contradictory state in the address.
    assert names(vue="closes", status="open") == {"Salon Clos"}


def test_no_run_yet_means_no_new_alerts(client: Client, manager1: Any) -> None:
    AlertFactory(party=PartyFactory(manager=manager1, name="Garage Neuf"))
    client.force_login(manager1)
    assert "Garage Neuf" not in client.get("/risques/").content.decode()
    assert "Garage Neuf" in client.get("/risques/", {"vue": "ouvertes"}).content.decode()
