"""Prospection in Chromium: the register's map and list, a prospect created with the
keyboard only, « nouveaux installés » on « Ma journée »; axe-core on every page; 320 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.prospecting.models import Territory
from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes
from tests.browser.test_journeys import login
from tests.browser.test_pages import SIDEWAYS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_map_and_a_prospect_by_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any, branch: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The territory is searched at first; the map draws the rows; Tab and Enter create one."""
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    today = dt.date.today()
    newcomer = known_unit(7, "LE FOURNIL DE LA LOIRE", created_on=today - dt.timedelta(days=2))
    build_register(settings.LAKE_DIR, known=[newcomer], establishments=400, as_of=today)
    Territory.objects.create(branch=branch, communes="37261, 37122", naf_prefixes="10.71, 56",
                             latitude="47.3903", longitude="0.6888")  # fmt: skip
    base = live_server.url
    login(page, base, "manager1")
    expect(page.locator("#nouveaux-installes-title")).to_be_visible()
    expect(page.locator("body")).to_contain_text("LE FOURNIL DE LA LOIRE")
    axe(page)
    page.click("nav.main-nav >> text=Prospection")
    expect(page.locator("h1")).to_contain_text("répertoire SIRENE")
    expect(page.locator("#prospect-map .leaflet-interactive").first).to_be_attached()
    assert page.locator("#prospect-map path.leaflet-interactive").count() > 1
    axe(page)
    button = page.get_by_role("button", name="Créer le prospect LE FOURNIL DE LA LOIRE")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".message").first).to_contain_text("est désormais un prospect")
    expect(page.locator("h1")).to_contain_text("LE FOURNIL DE LA LOIRE")
    page.go_back()
    page.reload()
    expect(page.locator("table.data-table")).to_contain_text("déjà prospect")
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/prospection/", "/"):
        page.goto(base + path)
        size = page.evaluate(SIDEWAYS)
        assert size["scroll"] <= size["client"], (path, size)
        axe(page)
    page.goto(base + "/prospection/?naf=4&include_partial=on")
    expect(page.locator("#id_naf")).to_have_attribute("aria-invalid", "true")
    axe(page)
