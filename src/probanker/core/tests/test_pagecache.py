"""The versioned page cache never shows stale or another user's data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from probanker.core.pagecache import bump_data_version, data_version
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_second_read_is_served_from_cache(client: Client, manager1: Any) -> None:
    PartyFactory(manager=manager1, name="Boulangerie Aubry")
    client.force_login(manager1)
    client.get("/")  # first page of the session: sets the CSRF cookie
    first = client.get("/clients/")
    second = client.get("/clients/")
    assert "X-Probanker-Cache" not in first
    assert second["X-Probanker-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"]


def test_any_save_makes_the_page_fresh(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1, name="Ancien nom")
    client.force_login(manager1)
    client.get("/")
    client.get("/clients/")
    before = data_version()
    party.name = "Nouveau nom"
    party.save()
    assert data_version() > before
    html = client.get("/clients/").content.decode()
    assert "Nouveau nom" in html
    assert "Ancien nom" not in html


def test_bulk_writes_bump_explicitly(client: Client, manager1: Any) -> None:
    PartyFactory(manager=manager1, city="Tours")
    client.force_login(manager1)
    client.get("/")
    client.get("/clients/")
    Party.objects.update(city="Amboise")  # no signal
    assert "Amboise" not in client.get("/clients/").content.decode()
    bump_data_version()
    assert "Amboise" in client.get("/clients/").content.decode()


def test_sessions_never_share_pages(manager1: Any, manager2: Any) -> None:
    PartyFactory(manager=manager1, name="Chez Un")
    PartyFactory(manager=manager2, name="Chez Deux")
    one, two = Client(), Client()
    one.force_login(manager1)
    two.force_login(manager2)
    one.get("/clients/")
    html = two.get("/clients/").content.decode()
    assert "Chez Deux" in html
    assert "Chez Un" not in html


def test_htmx_partial_and_full_page_are_cached_apart(client: Client, manager1: Any) -> None:
    PartyFactory(manager=manager1)
    client.force_login(manager1)
    full = client.get("/clients/").content.decode()
    partial = client.get(
        "/clients/", headers={"HX-Request": "true", "HX-Target": "client-results"}
    ).content.decode()
    assert "<html" in full
    assert "<html" not in partial
    assert "<html" in client.get("/clients/").content.decode()


def test_pages_with_flash_messages_are_not_cached(client: Client, manager1: Any) -> None:
    """The message after a save is shown once, then the page is cached again."""
    client.force_login(manager1)
    client.get("/")
    client.get("/")
    client.post("/profil/jetons/", {"name": "tableur"})  # queues « Jeton créé »
    shown = client.get("/")
    assert "Jeton « tableur » créé." in shown.content.decode()
    assert "X-Probanker-Cache" not in shown
    again = client.get("/")
    assert "Jeton « tableur » créé." not in again.content.decode()
