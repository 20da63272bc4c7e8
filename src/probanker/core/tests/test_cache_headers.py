"""Banking data stays out of browser and proxy caches: ``Cache-Control: no-store``.

Every answer to a logged-in user (pages, PDFs, errors, redirects) and every
API answer carries it; the walk of the URL conf is the access sweep's, so a new
route is covered without a new test. Static files stay cacheable.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from probanker.core.tests import test_access_sweep as sweep
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

world = sweep.world  # the sweep's two portfolios, as a fixture of this module


def _no_store(response: Any) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_route_answers_a_manager_with_no_store(
    world: dict[str, Any], client: Client, manager1: Any
) -> None:
    """Every route and endpoint, as a logged-in manager, on their own objects."""
    client.force_login(manager1)
    routes = sweep.all_routes()
    missing = []
    for route in routes:
        url = route.url(world["own"])
        headers = {"Authorization": f"Bearer {world['secret']}"} if route.is_api else {}
        response = client.get(url, headers=headers)
        if not _no_store(response):
            missing.append((url, response.status_code, response.get("Cache-Control")))
    assert not missing, f"answers without Cache-Control: no-store: {missing}"
    assert len(routes) > 20


def test_api_answers_with_a_token_carry_no_store(world: dict[str, Any], client: Client) -> None:
    """With a bearer token and no session; also for a refused call (401)."""
    good = client.get("/api/v1/clients", headers={"Authorization": f"Bearer {world['secret']}"})
    refused = client.get("/api/v1/clients")
    assert good.status_code == 200
    assert refused.status_code == 401
    assert _no_store(good)
    assert _no_store(refused)
    assert good["Pragma"] == "no-cache"


def test_a_page_served_from_the_page_cache_carries_no_store(client: Client, manager1: Any) -> None:
    """The server-side page cache keeps working, its hits are not cacheable downstream."""
    PartyFactory(manager=manager1, name="Boulangerie Aubry")
    client.force_login(manager1)
    client.get("/")
    client.get("/clients/")
    hit = client.get("/clients/")
    assert hit["X-Probanker-Cache"] == "hit"
    assert _no_store(hit)


def test_static_files_stay_cacheable_for_a_logged_in_user(client: Client, manager1: Any) -> None:
    """The session changes nothing for static files."""
    client.force_login(manager1)
    css = client.get("/static/probanker/probanker.css")
    assert css.status_code == 200
    assert not _no_store(css)
