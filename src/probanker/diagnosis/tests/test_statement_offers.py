"""The analysis page offers only the statements a client's legal form and regime file."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

LINKS = {
    "2033": "/analyse/saisir/2033/",
    "2035": "/analyse/saisir/2035/",
    "micro": "/analyse/saisir/micro/",
    "fec": "/analyse/importer-fec/",
}


@pytest.mark.parametrize(
    ("legal_form", "regime", "party_type", "offered", "why"),
    [
        ("SCI", "foncier", "legal_entity", {"fec"}, "2072"),
        ("SCI", "reel_simplifie", "legal_entity", {"fec", "2033"}, "impôt sur les sociétés"),
        ("SARL", "reel_simplifie", "legal_entity", {"fec", "2033"}, "réel simplifié"),
        ("SAS", "reel_normal", "legal_entity", {"fec"}, "2050"),
        ("EI", "bnc_controlee", "sole_trader", {"fec", "2035"}, "2035"),
        ("EI", "micro", "sole_trader", {"micro"}, "micro"),
    ],
)
def test_only_applicable_statements_are_offered(
    client: Client, manager1: Any, legal_form: str, regime: str, party_type: str,
    offered: set[str], why: str,
) -> None:  # fmt: skip
    """An SCI at the IR gets no 2033/2035/micro entry but is told about the 2072; each
    regime gets its own forms, with a sentence saying why."""
    party = PartyFactory(
        manager=manager1, legal_form=legal_form, tax_regime=regime, party_type=party_type
    )
    client.force_login(manager1)
    page = client.get(f"/clients/{party.pk}/analyse/").content.decode()
    shown = {key for key, link in LINKS.items() if f"/clients/{party.pk}{link}" in page}
    assert shown == offered
    assert why in page.split('class="statement-offers"', 1)[1].split("</p>", 1)[0]
