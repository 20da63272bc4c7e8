"""The portfolio pages in Chromium: axe-core at 1280 and 320 px, no sideways scroll,
the axis chosen with the keyboard only, for a manager and for the director."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.banking.tests.factories import ContractFactory, product
from probanker.parties.tests.factories import PartyFactory
from probanker.portfolio import compute, services
from probanker.portfolio.tests.factories import AS_OF, prices, worked_client
from tests.browser.test_journeys import login
from tests.browser.test_pages import SIDEWAYS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = ["/portefeuille/", "/portefeuille/clients/?tri=potentiel", "/portefeuille/equipement/",
         "/portefeuille/pnb/", "/portefeuille/objectifs/", "/portefeuille/taux-de-cession/"]  # fmt: skip


@pytest.fixture
def portfolio(manager1: Any, director: Any, settings: Any, tmp_path: Path) -> Any:
    settings.LAKE_DIR = tmp_path / "lake"
    prices()
    party = worked_client(manager1, settings.LAKE_DIR)
    for n in range(6):
        other = PartyFactory(manager=manager1, segment="commercant", name=f"Épicerie fine n° {n}")
        ContractFactory(party=other, balance=Decimal(1000 * n))
        if n % 2:
            ContractFactory(party=other, product=product("multirisk_insurance"))
    compute.refresh_figures(AS_OF, settings.LAKE_DIR)
    year = dt.date.today().year
    services.set_objective(actor=director, year=year, indicator="new_clients", target=Decimal(12))
    services.set_objective(actor=director, year=year, indicator="pnb", target=Decimal(50000),
                           manager=manager1)  # fmt: skip
    return party


@pytest.mark.parametrize("username", ["manager1", "director"])
def test_portfolio_pages_pass_axe_and_reflow(
    live_server: Any, page: Any, axe: Any, portfolio: Any, username: str
) -> None:
    """Every page of the portfolio, wide and at 320 px: axe clean, no sideways scroll."""
    base = live_server.url
    login(page, base, username)
    wide = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in PATHS:
            page.goto(base + path)
            assert page.title().endswith("— probanker")
            size = page.evaluate(SIDEWAYS)
            if size["scroll"] > size["client"]:
                wide[f"{path} at {width}"] = size
            axe(page)
    assert not wide, f"pages scrolling sideways: {wide}"


def test_axis_chosen_with_the_keyboard(
    live_server: Any, page: Any, axe: Any, portfolio: Any
) -> None:
    """Tab to « Découper par », choose the last axis (risk status), Enter on « Afficher »: the table follows."""
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/portefeuille/")
    page.focus("#id_axe")
    page.keyboard.press("End")  # the last axis: risk status
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**axe=risk**")
    assert "par statut de risque" in page.inner_text("#seg-caption")
    axe(page)


def test_a_target_list_saved_and_an_action_planned_with_the_keyboard(
    live_server: Any, page: Any, axe: Any, portfolio: Any
) -> None:
    """From the commerçants of the diagnosis: save a frozen target list, plan a call
    campaign on it and mark it under way — keyboard only, axe clean at 1280 and 320 px."""
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/portefeuille/clients/?axe=segment&valeur=commercant")
    axe(page)
    page.focus("#id_name")  # prefilled with the list's title: replaced
    page.keyboard.press("Control+A")
    page.keyboard.type("Commerçants à équiper")
    page.keyboard.press("Tab")
    page.keyboard.press("End")  # the last mode: frozen
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Liste cible : Commerçants à équiper")
    expect(page.locator(".result-count")).to_contain_text("6 clients")
    axe(page)
    page.focus("#id_label")
    page.keyboard.type("Proposer la prévoyance")
    page.focus("button:has-text('Planifier l\\'action')")
    page.keyboard.press("Enter")
    row = page.locator("#actions-caption + thead + tbody tr").first
    expect(row).to_contain_text("Proposer la prévoyance")
    expect(row).to_contain_text("Clients contactés : 0")
    select = row.locator("select")
    select.focus()
    page.keyboard.press("ArrowDown")  # à faire → en cours
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#actions-caption + thead + tbody tr select").first).to_have_value("doing")
    axe(page)
    page.goto(base + "/portefeuille/listes/")
    expect(page.locator("main")).to_contain_text("Commerçants à équiper")
    axe(page)
    page.set_viewport_size({"width": 320, "height": 900})
    for path in ("/portefeuille/listes/", page.url):
        page.goto(path if path.startswith("http") else base + path)
        size = page.evaluate(SIDEWAYS)
        assert size["scroll"] <= size["client"], (path, size)
        axe(page)
