"""``/api/v1/clients``: scoping, filters, create and update down to the row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core import services
from probanker.core.tests.factories import naf
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory, valid_siren, valid_siret

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(manager1: Any) -> Client:
    secret = services.create_api_token(user=manager1, name="test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_anonymous_and_bad_tokens_get_401(client: Client) -> None:
    assert client.get("/api/v1/clients").status_code == 401
    bad = Client(headers={"Authorization": "Bearer pbk_forged"})
    assert bad.get("/api/v1/clients").status_code == 401


def test_list_is_scoped_and_filtered(api: Client, manager1: Any, manager2: Any) -> None:
    PartyFactory(manager=manager1, name="Coiffure Alice", segment="artisan")
    PartyFactory(manager=manager1, name="Resto Bob", segment="commercant")
    PartyFactory(manager=manager2, name="Hors portefeuille", segment="artisan")
    body = api.get("/api/v1/clients").json()
    assert body["count"] == 2
    body = api.get("/api/v1/clients", {"segment": "artisan"}).json()
    assert [i["name"] for i in body["items"]] == ["Coiffure Alice"]
    body = api.get("/api/v1/clients", {"q": "bob"}).json()
    assert [i["name"] for i in body["items"]] == ["Resto Bob"]


def test_detail_and_products(api: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    ContractFactory(party=party, balance=Decimal("-250.40"))
    ContractFactory(
        party=party,
        product=product("equipment_loan"),
        balance=Decimal("12000"),
        rate=Decimal("4.2"),
    )
    detail = api.get(f"/api/v1/clients/{party.pk}").json()
    assert detail["siren"] == party.siren
    assert detail["naf_code"] == "56.10A"
    products = api.get(f"/api/v1/clients/{party.pk}/products").json()
    assert {p["product_code"] for p in products} == {"current_account", "equipment_loan"}
    account = next(p for p in products if p["product_code"] == "current_account")
    assert account["balance"] == "-250.40"


def _payload(**overrides: Any) -> dict[str, Any]:
    siren = valid_siren(4242)
    data = {
        "name": "Cabinet infirmier Roux",
        "siren": siren,
        "head_office_siret": valid_siret(siren),
        "legal_form": "EI",
        "tax_regime": "bnc_controlee",
        "segment": "liberal",
        "naf_code": "86.90D",
        "city": "Tours",
    }
    data.update(overrides)
    return data


def test_create_down_to_the_row_and_the_audit(api: Client, manager1: Any) -> None:
    naf("86.90D", "Activités des infirmiers et des sages-femmes")
    response = api.post("/api/v1/clients", _payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    party = Party.objects.get(pk=response.json()["id"])
    assert party.manager == manager1
    assert party.party_type == "sole_trader"
    assert party.establishments.get().siret == _payload()["head_office_siret"]
    record = party.history.get()
    assert record.history_user == manager1
    assert record.history_type == "+"


def test_create_reports_field_errors(api: Client) -> None:
    naf("86.90D", "Infirmiers")
    response = api.post(
        "/api/v1/clients",
        _payload(head_office_siret="12345678901234", tax_regime="micro", legal_form="SARL"),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"head_office_siret"} <= fields
    assert not Party.objects.exists()


def test_patch_changes_only_what_is_sent(api: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1, city="Tours", name="Avant")
    response = api.patch(
        f"/api/v1/clients/{party.pk}", {"city": "Amboise"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    party.refresh_from_db()
    assert (party.city, party.name) == ("Amboise", "Avant")
    assert party.history.first().history_user == manager1


def test_patch_validation(api: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    response = api.patch(
        f"/api/v1/clients/{party.pk}", {"siren": "111"}, content_type="application/json"
    )
    assert response.status_code == 422
    party.refresh_from_db()
    assert len(party.siren) == 9


def test_other_portfolio_is_404(api: Client, manager2: Any) -> None:
    other = PartyFactory(manager=manager2)
    assert api.get(f"/api/v1/clients/{other.pk}").status_code == 404
    assert api.get(f"/api/v1/clients/{other.pk}/products").status_code == 404
    response = api.patch(
        f"/api/v1/clients/{other.pk}", {"city": "X"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_openapi_docs_behind_login(client: Client, manager1: Any) -> None:
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(manager1)
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/clients" in schema["paths"]


def _director_api(director: Any) -> Client:
    secret = services.create_api_token(user=director, name="dir").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_reassignment_through_the_api_records_its_reason(
    director: Any, manager1: Any, manager2: Any
) -> None:
    """A director's PATCH with another manager moves the client; the reason is in the history."""
    party = PartyFactory(manager=manager1)
    response = _director_api(director).patch(
        f"/api/v1/clients/{party.pk}",
        {"manager": manager2.pk, "reason": "Départ en congé"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["manager"] == manager2.username
    party.refresh_from_db()
    assert party.manager == manager2
    record = party.history.first()
    assert record.history_user == director
    assert record.history_change_reason.endswith(": Départ en congé")


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_reassignment_without_reason_is_422_naming_the_field(
    director: Any, manager1: Any, manager2: Any, reason: str | None
) -> None:
    """No reason, no move: 422 in the ``errors: [{field, message}]`` shape."""
    party = PartyFactory(manager=manager1)
    body: dict[str, Any] = {"manager": manager2.pk}
    if reason is not None:
        body["reason"] = reason
    response = _director_api(director).patch(
        f"/api/v1/clients/{party.pk}", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["reason"]
    party.refresh_from_db()
    assert party.manager == manager1


def test_a_manager_cannot_reassign_through_the_api(
    api: Client, manager1: Any, manager2: Any
) -> None:
    """Reassigning is the director's: a manager's PATCH with ``manager`` is a 403, nothing moves."""
    party = PartyFactory(manager=manager1, city="Tours")
    response = api.patch(
        f"/api/v1/clients/{party.pk}",
        {"manager": manager2.pk, "reason": "Je donne", "city": "Amboise"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Votre rôle ne permet pas cette action (party.reassign).",
        "errors": [],
    }
    party.refresh_from_db()
    assert (party.manager, party.city) == (manager1, "Tours")


def test_same_manager_in_a_patch_is_no_reassignment(api: Client, manager1: Any) -> None:
    """Sending the current manager back changes nothing and needs no reason."""
    party = PartyFactory(manager=manager1, city="Tours")
    response = api.patch(
        f"/api/v1/clients/{party.pk}",
        {"manager": manager1.pk, "city": "Amboise"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    party.refresh_from_db()
    assert party.city == "Amboise"
