"""The API's errors: one documented shape, invalid data a 422 in French, every status
documented (``core.api_errors``, ``core.schemas.responses``, ``core.pagination``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from probanker.core.api_errors import UNAUTHORIZED_DETAIL
from probanker.core.models import Role
from probanker.core.pagination import MAX_PAGE
from probanker.core.testing import api_as
from probanker.core.tests.factories import UserFactory
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

LISTS = ("/api/v1/clients", "/api/v1/credits", "/api/v1/alertes", "/api/v1/dossiers-degradation")


def invalid(*errors: tuple[str, str]) -> dict[str, Any]:
    return {
        "detail": "Données invalides",
        "errors": [{"field": f, "message": m} for f, m in errors],
    }


@pytest.mark.parametrize("url", LISTS)
def test_a_huge_page_is_a_422_and_a_page_past_the_end_is_empty(manager1: Any, url: str) -> None:
    """``?page=10**30`` overflowed the database's integers (a 500): it is a 422 naming
    ``page`` in French; a page past the last one (within range) is empty."""
    api = api_as(manager1)
    response = api.get(url, {"page": str(10**30)})
    assert response.status_code == 422
    assert response.json() == invalid(("page", f"valeur trop grande (au plus {MAX_PAGE})"))
    past = api.get(url, {"page": str(MAX_PAGE), "page_size": "100"})
    assert past.status_code == 200
    assert past.json()["items"] == []


def test_the_administrators_journal_is_bounded_too() -> None:
    """The batch journal pages the same way (its role: an administrator)."""
    admin = UserFactory(username="admin1", role=Role.ADMIN)
    response = api_as(admin).get("/api/v1/traitements", {"page": str(10**30)})
    assert response.status_code == 422
    assert response.json() == invalid(("page", f"valeur trop grande (au plus {MAX_PAGE})"))


def test_query_parameters_are_named_in_french(manager1: Any) -> None:
    """pydantic's English ``detail`` list became the documented ``errors``."""
    api = api_as(manager1)
    response = api.get("/api/v1/clients", {"page": "deux", "page_size": "0"})
    assert response.status_code == 422
    assert response.json() == invalid(
        ("page", "nombre entier attendu"), ("page_size", "valeur trop petite (au moins 1)")
    )


def test_path_parameters_are_named_and_huge_ids_are_not_found(manager1: Any) -> None:
    """A non-integer id is a 422 naming it; an id beyond the database's integers is
    nobody's client (404), never a server error."""
    api = api_as(manager1)
    response = api.get("/api/v1/clients/1.5/risque")
    assert response.status_code == 422
    assert response.json() == invalid(("party_id", "nombre entier attendu"))
    for url in (f"/api/v1/clients/{10**30}", f"/api/v1/credits/{10**30}"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Introuvable", "errors": []}


def test_body_errors_name_the_fields_without_body_or_payload(manager1: Any) -> None:
    """Missing, mistyped and unreadable bodies: a 422 naming the field as sent."""
    api = api_as(manager1)
    response = api.post("/api/v1/clients", {"name": 3}, content_type="application/json")
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert response.json()["detail"] == "Données invalides"
    assert errors["name"] == "texte attendu"
    assert errors["legal_form"] == "champ obligatoire"
    party = PartyFactory(manager=manager1)
    response = api.patch(
        f"/api/v1/clients/{party.pk}", {"creation_date": "hier"}, content_type="application/json"
    )
    assert response.json() == invalid(("creation_date", "date attendue (AAAA-MM-JJ)"))
    response = api.post("/api/v1/clients", "\x00{", content_type="application/json")
    assert response.status_code == 422
    assert response.json() == invalid(
        ("__all__", "corps de la requête illisible : du JSON est attendu")
    )


def test_every_4xx_has_the_one_error_shape(client: Client, manager1: Any) -> None:
    """401 in French, an unknown address under ``/api/v1/`` a JSON 404: ``detail``
    and an empty ``errors``."""
    response = client.get("/api/v1/clients")
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHORIZED_DETAIL, "errors": []}
    response = api_as(manager1).get("/api/v1/nulle-part")
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}
    assert response.json()["errors"] == []


def test_every_operation_documents_its_statuses(client: Client, manager1: Any) -> None:
    """401, 403 and 422 on every operation, 404 on those reaching one object, each
    error with the one schema ``ErrorOut`` (``detail``, ``errors[{field, message}]``)."""
    client.force_login(manager1)
    schema = client.get("/api/v1/openapi.json").json()
    operations = [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 18
    for path, method, operation in operations:
        statuses = set(operation["responses"])
        expected = {"401", "403", "422"} | ({"404"} if "{" in path else set())
        assert expected <= statuses, (method, path, statuses)
        for status in statuses - {"200", "201"}:
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == {"detail", "errors"}
    page = next(
        p for p in schema["paths"]["/api/v1/clients"]["get"]["parameters"] if p["name"] == "page"
    )
    assert page["schema"]["maximum"] == MAX_PAGE


@pytest.mark.parametrize("url", LISTS)
def test_every_list_documents_its_filters(url: str) -> None:
    """Each list's FilterSet is in the OpenAPI document: every filter an optional query
    parameter with its type (booleans ``true``/``false``, dates, ids, choice codes)."""
    from probanker.api import api
    from probanker.credit.filtersets import CreditFileFilterSet
    from probanker.parties.filtersets import PartyFilterSet
    from probanker.risk.filtersets import AlertFilterSet, CaseFilterSet

    filtersets = dict(
        zip(
            LISTS, (PartyFilterSet, CreditFileFilterSet, AlertFilterSet, CaseFilterSet), strict=True
        )
    )
    documented = {p["name"]: p for p in api.get_openapi_schema()["paths"][url]["get"]["parameters"]}
    assert set(filtersets[url].base_filters) <= set(documented)
    assert all(not documented[name]["required"] for name in filtersets[url].base_filters)
    if url == "/api/v1/clients":
        assert documented["segment"]["schema"]["enum"][:3] == ["", "artisan", "commercant"]
        assert documented["kyc_due"]["schema"] == {"type": "string", "enum": ["", "true", "false"]}
        assert documented["manager"]["schema"]["anyOf"][0] == {
            "type": "integer",
            "minimum": 1,
            "maximum": 2**63 - 1,
        }
    if url == "/api/v1/alertes":
        assert documented["rule"]["schema"] == {"type": "string"}  # a rule's code
        assert documented["opened_from"]["schema"]["anyOf"] == [
            {"type": "string", "format": "date"},
            {"type": "string", "maxLength": 0},  # a blank field of the page: no filter
        ]


def test_an_invalid_client_filter_is_a_422_not_ignored(manager1: Any) -> None:
    """An unknown segment used to be silently ignored (every client listed): a 422 naming it."""
    PartyFactory(manager=manager1)
    response = api_as(manager1).get("/api/v1/clients", {"segment": "banquier"})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "segment"
    assert "banquier" in error["message"]


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/clients", {"expiring": "peut-être"}, "expiring"),
        ("/api/v1/dossiers-degradation", {"party": "-3"}, "party"),
        ("/api/v1/credits", {"party": "1.5"}, "party"),
        ("/api/v1/dossiers-degradation", {"escalated": "1"}, "escalated"),
        ("/api/v1/alertes", {"party": str(10**27)}, "party"),  # overflowed: a 500
        ("/api/v1/clients", {"manager": str(10**27)}, "manager"),
    ],
)
def test_booleans_and_ids_outside_their_documented_values_are_refused(
    manager1: Any, url: str, params: dict[str, str], field: str
) -> None:
    """A boolean other than ``true``/``false`` (read as « indifférent » before) and an id that
    is not a positive integer are 422s naming the parameter; ``true`` and nothing still work."""
    api = api_as(manager1)
    response = api.get(url, params)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert api.get(url, {field: ""}).status_code == 200
