"""Real journeys in Chromium: every page checked by axe-core (WCAG 2.0/2.1 A-AA)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.tests.factories import TEST_PASSWORD, naf
from probanker.parties.models import Party
from probanker.parties.tests.factories import (
    AccessibilityProfileFactory,
    EstablishmentFactory,
    PartyFactory,
    PartyRoleFactory,
    valid_siren,
    valid_siret,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portfolio(manager1: Any, manager2: Any) -> list[Party]:
    naf("96.02A", "Coiffure")
    naf("10.71C", "Boulangerie et boulangerie-pâtisserie")
    parties = []
    for n in range(32):
        party = PartyFactory(
            manager=manager1,
            name=f"{'Coiffure' if n % 2 else 'Restaurant'} Client {n:02d}",
            segment="artisan" if n % 2 else "commercant",
            naf=naf("96.02A") if n % 2 else naf("56.10A"),
        )
        parties.append(party)
    first = parties[0]
    EstablishmentFactory(party=first)
    PartyRoleFactory(party=first)
    AccessibilityProfileFactory(party=first, sign_language_relay=True, preferred_channel="video")
    account = ContractFactory(party=first, balance=Decimal("-320.00"))
    ContractFactory(
        party=first,
        product=product("overdraft"),
        account=account,
        balance=0,
        authorised_limit=Decimal("4000"),
        limit_expiry=dt.date.today() + dt.timedelta(days=40),
    )
    PartyFactory(manager=manager2, name="Hors de mon portefeuille")
    return parties


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_manager_journey(live_server: Any, page: Any, axe: Any, portfolio: list[Party]) -> None:
    base = live_server.url
    page.goto(f"{base}/clients/")
    assert "/connexion/" in page.url
    axe(page)
    login(page, base, "manager1")
    assert page.locator("h1").inner_text().startswith("Ma journée")
    axe(page)

    page.click("text=Clients >> nth=0")
    page.wait_for_selector("table.data-table")
    axe(page)
    assert "Hors de mon portefeuille" not in page.content()
    # Filter (htmx swaps the table in place), then sort, then paginate.
    page.select_option("#id_segment", "artisan")
    expect(page.locator(".result-count")).to_have_text(re.compile(r"^16 résultat"))
    assert "Restaurant Client" not in page.locator("#client-results").inner_text()
    assert "segment=artisan" in page.url
    page.click("#client-results thead a:has-text('Dénomination')")
    page.wait_for_selector("th[aria-sort='descending']")
    assert (
        page.locator("#client-results tbody th").first.inner_text().startswith("Coiffure Client 31")
    )
    axe(page)
    page.select_option("#id_segment", "")
    expect(page.locator(".result-count")).to_have_text(re.compile(r"^32 résultat"))
    page.click(".pagination >> text=Page suivante")
    page.wait_for_selector(".pagination a[aria-current='page']:has-text('2')")
    axe(page)

    page.goto(f"{base}/clients/{portfolio[0].pk}/")
    assert page.locator("h1").inner_text().startswith(portfolio[0].name)
    assert "relais visio en langue des signes" in page.content()
    axe(page)

    page.goto(f"{base}/comptes/?expiring=true")
    assert "Autorisation de découvert" in page.content()
    axe(page)
    page.goto(f"{base}/profil/")
    page.fill("#token-name", "tableur")
    page.click("text=Créer un jeton")
    assert page.locator("code.secret").inner_text().startswith("pbk_")
    axe(page)


def test_create_client_with_invalid_siret_then_fix(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    naf("10.71C", "Boulangerie et boulangerie-pâtisserie")
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/clients/nouveau/")
    axe(page)
    siren = valid_siren(321)
    page.fill("#id_name", "Boulangerie des Halles")
    page.fill("#id_siren", siren)
    good = valid_siret(siren)
    page.fill("#id_head_office_siret", good[:-1] + str((int(good[-1]) + 1) % 10))
    page.select_option("#id_legal_form", "SARL")
    page.select_option("#id_tax_regime", "reel_simplifie")
    page.select_option("#id_segment", "artisan")
    page.fill("#id_naf_code", "10.71C")
    page.click("button:has-text('Enregistrer')")
    error = page.locator("#id_head_office_siret-error")
    assert "SIRET invalide" in error.inner_text()
    assert page.get_attribute("#id_head_office_siret", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    axe(page)
    page.fill("#id_head_office_siret", valid_siret(siren))
    page.click("button:has-text('Enregistrer')")
    page.wait_for_url(f"{base}/clients/*/")
    assert "Boulangerie des Halles a été créé" in page.content()
    assert Party.objects.get().establishments.get().siret == valid_siret(siren)
    axe(page)


def test_keyboard_only_journey(
    live_server: Any, page: Any, axe: Any, portfolio: list[Party]
) -> None:
    """Log in, reach a client's 360 and come back, with the keyboard alone."""
    base = live_server.url
    page.goto(f"{base}/connexion/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("manager1")
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")

    def tab_to(predicate: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(
                f"(() => {{ const e = document.activeElement; return {predicate}; }})()"
            ):
                return
        raise AssertionError(f"keyboard focus never reached: {predicate}")

    tab_to("e.textContent.trim() === 'Clients'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/clients/")
    tab_to("e.id === 'id_q'")
    page.keyboard.type("Client 04")
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_have_text(re.compile(r"^1 résultat"))
    tab_to("e.textContent.trim() === 'Restaurant Client 04'")
    visible_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert visible_outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/clients/{portfolio[4].pk}/")
    axe(page)


def test_director_pages(
    live_server: Any, page: Any, axe: Any, portfolio: list[Party], director: Any, manager1: Any
) -> None:
    base = live_server.url
    login(page, base, "director")
    axe(page)
    page.goto(f"{base}/clients/reaffectation/?source={manager1.pk}")
    axe(page)
    page.goto(f"{base}/clients/{portfolio[1].pk}/")
    assert "Réaffecter ce client" in page.content()
    axe(page)
