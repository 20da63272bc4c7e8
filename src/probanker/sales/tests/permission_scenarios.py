"""Sales' routes and their scenarios for ``core/tests/permission_test.py``: the guides,
a client's recommendations and the opportunities of the API."""

from __future__ import annotations

from collections.abc import Callable

from probanker.core.tests.permission_world import Request, Scenario, World, get, refreshed

ROUTES: dict[str, frozenset[str | None]] = {
    "GET /api/v1/entretiens/guides": frozenset({"sales.view"}),
    "GET /api/v1/clients/{client_id}/recommandations": frozenset({"sales.view"}),
    "POST /api/v1/opportunites": frozenset({"sales.change"}),
    "GET /api/v1/opportunites": frozenset({"sales.view"}),
    "GET /api/v1/opportunites/{opportunity_id}": frozenset({"sales.view"}),
    "PATCH /api/v1/opportunites/{opportunity_id}": frozenset({"sales.change"}),
}


def _opportunities() -> int:
    from probanker.sales.models import Opportunity

    return int(Opportunity.objects.count())


def _api_open(w: World) -> Request:
    before = _opportunities()
    data = {"client": w.party.pk, "product": "multirisk_insurance", "amount": "1850"}
    return Request("/api/v1/opportunites", data, lambda: _opportunities() == before + 1)


def _api_move(w: World) -> Request:
    opportunity = w.opportunity
    return Request(
        f"/api/v1/opportunites/{opportunity.pk}",
        {"stage": "proposee"},
        lambda: refreshed(opportunity).stage == "proposee",
    )


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("GET /api/v1/entretiens/guides", "sales.view", "get",
           get(lambda w: "/api/v1/entretiens/guides")),
        s("GET /api/v1/clients/{client_id}/recommandations", "sales.view", "get",
           get(lambda w: f"/api/v1/clients/{w.party.pk}/recommandations")),
        s("POST /api/v1/opportunites", "sales.change", "post", _api_open),
        s("GET /api/v1/opportunites", "sales.view", "get", get(lambda w: "/api/v1/opportunites")),
        s("GET /api/v1/opportunites/{opportunity_id}", "sales.view", "get",
           get(lambda w: f"/api/v1/opportunites/{w.opportunity.pk}")),
        s("PATCH /api/v1/opportunites/{opportunity_id}", "sales.change", "patch", _api_move),
    ]  # fmt: skip
