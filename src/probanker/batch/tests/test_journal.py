"""The journal page and API: administrators only, newest run first, steps with their errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from probanker.batch import services
from probanker.core import services as core_services
from probanker.core.registry import BatchStep, StepContext, batch_steps, menu_entries
from probanker.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def broken(context: StepContext) -> dict[str, int]:
    raise ValueError("fichier introuvable")


@pytest.fixture
def admin(branch: Any) -> Any:
    return UserFactory(username="admin", role="admin", branch=branch)


@pytest.fixture
def runs(tmp_path: Any, settings: Any) -> None:
    """An empty lake: a run that fails at a test step, then a later one that ends well."""
    settings.LAKE_DIR = tmp_path / "lake"
    batch_steps.register(BatchStep(name="broken", label="Étape cassée", order=15, run=broken))
    try:
        services.run_daily(as_of=dt.date(2026, 6, 29))
    finally:
        batch_steps.unregister("broken")
    services.run_daily(as_of=dt.date(2026, 6, 30))


def test_the_journal_page_shows_runs_newest_first_with_steps(
    client: Client, admin: Any, runs: None
) -> None:
    """Status, steps, counts and the error of the failed step, in an accessible table."""
    client.force_login(admin)
    response = client.get("/traitements/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Traitement du 30/06/2026") < html.index("Traitement du 29/06/2026")
    assert "Traitement du 29/06/2026 — en échec" in html
    assert "ValueError : fichier introuvable" in html
    assert "alertes ouvertes : 0" in html
    assert "<caption>Étapes du traitement du 30/06/2026" in html
    assert '<th scope="row">Étape cassée' in html
    assert "<title>Journal des traitements — probanker</title>" in html
    assert 'aria-label="Fil d\'Ariane"' in html


def test_only_administrators_see_the_journal(
    client: Client, manager1: Any, director: Any, risk_analyst: Any
) -> None:
    """Anyone else gets 403 (the page reveals nothing client-bound, but it is theirs only)."""
    for user in (manager1, director, risk_analyst):
        client.force_login(user)
        assert client.get("/traitements/").status_code == 403


def test_the_api_lists_runs_for_administrators_only(
    client: Client, admin: Any, manager1: Any, runs: None
) -> None:
    """Paginated like the other lists; 403 for a manager."""
    token = core_services.create_api_token(user=admin, name="batch").secret
    response = client.get("/api/v1/traitements", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["items"]
    assert (first["as_of"], first["status"]) == ("2026-06-30", "ok")
    assert (second["status"], second["resumed_from"]) == ("failed", "")
    assert second["steps"][1]["name"] == "broken"
    assert second["steps"][1]["error"] == "ValueError : fichier introuvable"
    mine = core_services.create_api_token(user=manager1, name="mine").secret
    refused = client.get("/api/v1/traitements", headers={"Authorization": f"Bearer {mine}"})
    assert refused.status_code == 403


def test_the_menu_entry_is_registered_for_batch_view() -> None:
    entry = menu_entries.get("batch")
    assert entry is not None
    assert (entry.label, entry.url_name, entry.order, entry.action) == (
        "Traitements", "batch:journal", 90, "batch.view",
    )  # fmt: skip


def test_the_access_sweep_walks_the_journal_page_and_endpoint() -> None:
    """The generated sweep (anonymous: login or 401) covers the new routes."""
    from probanker.core.tests.test_access_sweep import all_routes

    templates = {r.template for r in all_routes()}
    assert {"traitements/", "api/v1/traitements"} <= templates
