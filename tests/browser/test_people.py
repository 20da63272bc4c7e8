"""People pages in Chromium, checked by axe-core: a partner added with the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.parties.tests.factories import PartyFactory
from tests.browser.test_journeys import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_is_added_and_shown_as_beneficial_owner(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    """From the « Personnes et liens » panel, the form adds a 40 % partner, who is then
    a beneficial owner in the panel and in KYC; every page passes axe."""
    party = PartyFactory(manager=manager1, name="Boulangerie Petit", party_type="legal_entity")
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/clients/{party.pk}/")
    expect(page.locator(".kyc-checks")).to_contain_text("Aucun bénéficiaire effectif")
    axe(page)
    page.click("text=Ajouter une personne ou un rôle")
    axe(page)
    page.fill("#id_first_name", "Inès")
    page.fill("#id_last_name", "Moreau")
    page.select_option("#id_role", "partner")
    page.fill("#id_share_percent", "40")
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("Inès Moreau ajouté(e)")
    expect(page.locator("table", has_text="Personnes liées et rôles")).to_contain_text(
        "plus de 25 % du capital"
    )
    assert page.locator(".kyc-checks").count() == 0
    axe(page)
