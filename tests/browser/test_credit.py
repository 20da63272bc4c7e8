"""Credit file pages in Chromium, checked by axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.parties.tests.factories import PartyFactory
from tests.browser.test_journeys import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_build_a_credit_file(live_server: Any, page: Any, axe: Any, manager1: Any) -> None:
    party = PartyFactory(manager=manager1, name="Menuiserie Roux")
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/clients/{party.pk}/")
    page.click("text=Nouveau dossier de crédit")
    axe(page)
    page.select_option("#id_purpose", "equipement")
    page.click("button:has-text('Ouvrir le dossier')")
    expect(page.locator("h1")).to_contain_text("Dossier de crédit")
    page.select_option("#id_line_side", "besoin")
    page.fill("#id_line_label", "Scie à format")
    page.fill("#id_line_amount", "45000")
    page.click("button:has-text('Ajouter la ligne')")
    page.fill("#id_product_amount", "45000")
    page.fill("#id_product_rate", "4,5")
    page.fill("#id_product_months", "60")
    page.click("button:has-text('Ajouter le produit')")
    expect(page.locator("#products-title + table")).to_contain_text("TEG")
    page.select_option("#id_guarantee_kind", "caution_physique")
    page.fill("#id_guarantee_value", "200000")
    page.fill("#id_guarantee_limit", "20000")
    page.fill("#id_guarantee_mention_words", "vingt mille euros")
    page.click("button:has-text('Ajouter la garantie')")
    expect(page.locator("#guarantees-title + table")).to_contain_text("concordent")
    page.fill("#id_rate_rate", "4,5")
    page.click("button:has-text('Enregistrer le taux')")
    expect(page.locator("#pricing-title ~ dl")).to_contain_text("RAROC")
    page.click("button:has-text('Soumettre à décision')")
    expect(page.locator(".message")).to_contain_text("déséquilibré : besoins 45\u202f000,00\u00a0€")
    axe(page)
    page.goto(f"{base}/credits/")
    axe(page)
    page.goto(f"{base}/credits/delegation/")
    axe(page)
    page.goto(f"{base}/credits/renouvellements/")
    axe(page)
    page.goto(f"{base}/credits/usure/")
    axe(page)
