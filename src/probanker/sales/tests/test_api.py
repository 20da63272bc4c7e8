"""The sales API's contracts: guides, recommendations, opportunities."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from probanker.core.tests.factories import UserFactory
from probanker.credit.models import Decision
from probanker.parties.tests.factories import PartyFactory
from probanker.sales.models import Opportunity

pytestmark = pytest.mark.django_db


def _post(client: Client, path: str, data: dict[str, Any], method: str = "post") -> Any:
    send = getattr(client, method)
    return send(path, json.dumps(data), content_type="application/json")


def test_guides_list_every_situation_and_segment(client: Client) -> None:
    client.force_login(UserFactory())
    guides = client.get("/api/v1/entretiens/guides").json()
    assert len(guides) == 24
    assert set(guides[0]) == {"id", "situation", "segment", "title", "version", "sections"}
    situations = {g["situation"] for g in guides}
    assert situations == {"decouverte", "bilan_annuel", "projet_financement", "installation",
                          "transmission", "prevoyance_dirigeant"}  # fmt: skip


def test_an_opportunity_through_the_api_opens_moves_and_is_scoped(client: Client) -> None:
    party = PartyFactory()
    client.force_login(party.manager)
    created = _post(client, "/api/v1/opportunites",
                    {"client": party.pk, "product": "equipment_loan", "amount": "45000",
                     "stage": "qualifiee"})  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["amount"] == "45000.00"
    assert body["stage"] == "qualifiee"
    assert body["credit_file"] is not None
    path = f"/api/v1/opportunites/{body['id']}"
    lost = _post(client, path, {"stage": "perdue"}, "patch")
    assert lost.status_code == 422
    assert "motif" in lost.json()["detail"] + json.dumps(lost.json()["errors"])
    early = _post(client, path, {"stage": "gagnee"}, "patch")
    assert early.status_code == 422  # its credit file is not decided yet
    Decision.objects.create(file_id=body["credit_file"], level="manager", outcome="accord",
                            decided_by=party.manager)  # fmt: skip
    won = _post(client, path, {"stage": "gagnee"}, "patch").json()
    assert won["stage"] == "gagnee"
    assert won["closed_on"] is not None
    again = _post(client, path, {"amount": "5"}, "patch")
    assert again.status_code == 422  # what was won stays as it was closed
    assert _post(client, path, {"amount": "5", "manager": 1}, "patch").status_code == 422
    for bad in ({"amount": "0"}, {"amount": "-3"}, {"product": "inconnu"}, {"client": 999999}):
        payload = {"client": party.pk, "product": "leasing", "amount": "100", **bad}
        assert _post(client, "/api/v1/opportunites", payload).status_code == 422
    other = UserFactory(branch=party.manager.branch)
    client.force_login(other)
    assert client.get(path).status_code == 404
    assert (
        _post(client, path, {"stage": "perdue", "lost_reason": "prix"}, "patch").status_code == 404
    )
    assert client.get(f"/api/v1/clients/{party.pk}/recommandations").status_code == 404
    assert Opportunity.objects.get().stage == "gagnee"


def test_recommendations_of_a_client(client: Client) -> None:
    party = PartyFactory()
    client.force_login(party.manager)
    rows = client.get(f"/api/v1/clients/{party.pk}/recommandations").json()
    assert isinstance(rows, list)
    for row in rows:
        assert set(row) == {"product", "label", "basis", "reason", "score"}
