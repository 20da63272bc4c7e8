"""Risk pages in Chromium, checked by axe-core; the rules edited with the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.banking.tests.factories import ContractFactory
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import AlertRule
from probanker.risk.services import run_risk
from probanker.risk.tests.factories import AlertFactory, rule
from probanker.risk.tests.lake_samples import AS_OF, write_lake
from tests.browser.test_journeys import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alerts_client_risk_and_rules(
    live_server: Any, page: Any, axe: Any, manager1: Any, risk_analyst: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    settings.LAKE_DIR = tmp_path / "lake"
    troubled = ContractFactory(party=PartyFactory(manager=manager1, name="Garage Martin"))
    healthy = ContractFactory(party=PartyFactory(manager=manager1, name="Fleurs Durand"))
    write_lake(settings.LAKE_DIR, (troubled.pk, troubled.party_id), (healthy.pk, healthy.party_id))
    run_risk(AS_OF)
    base = live_server.url
    login(page, base, "manager1")
    page.click("nav.main-nav >> text=Risques")
    expect(page.locator("h1")).to_contain_text("traitement du 30/06/2026")
    # One row per client: only Garage Martin has alerts, however many.
    assert page.locator("table.data-table tbody tr").count() == 1
    assert page.locator("table.data-table tbody .alert-items > li").count() == 6
    axe(page)
    page.click("text=Garage Martin >> nth=0")
    expect(page.locator("#risques-title")).to_be_visible()
    assert "Dégradé" in page.content()
    axe(page)
    page.click("text=Ouvrir un dossier de dégradation")
    axe(page)
    page.click("button:has-text('Ouvrir le dossier')")
    expect(page.locator("h1")).to_contain_text("Dossier de dégradation")
    page.fill("#id_contact_causes", "Un client important ne paie plus.")
    page.click("button:has-text('Enregistrer le contact')")
    expect(page.locator(".message")).to_contain_text("Contact et analyse des causes enregistrés")
    page.select_option("#id_measure_kind", "reechelonnement")
    page.fill("#id_measure_amount", "12 000")
    page.fill("#id_measure_deadline", "2099-03-31")
    page.click("button:has-text('Ajouter la mesure')")
    expect(page.locator("#mesures-title + table")).to_contain_text("Rééchelonnement")
    axe(page)
    page.goto(f"{base}/risques/dossiers/")
    axe(page)
    page.goto(f"{base}/risques/regles/")
    axe(page)

    page.context.clear_cookies()
    login(page, base, "risk")
    page.goto(f"{base}/risques/regles/")
    field = "#id_rejets-30j_threshold"
    page.focus(field)
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("version 2 enregistrée")
    assert AlertRule.objects.get(code="rejets-30j").threshold == 4
    axe(page)


def test_keyboard_reaches_the_first_alert_in_a_few_tab_presses(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    """From the top of the page, at most 3 Tab presses (and Enter on the skip link)
    reach the first client of the list (24 before the skip link), then the
    alert is taken in charge with the keyboard."""
    party = PartyFactory(manager=manager1, name="Garage Martin")
    for code in ("rejets-30j", "depassement-30j"):
        AlertFactory(party=party, rule=rule(code))
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/risques/?vue=ouvertes")
    first_row_link = "table.data-table tbody tr:first-child th a"
    presses = 0
    while presses < 40:
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == "Aller à la liste des alertes":
            page.keyboard.press("Enter")
        if page.evaluate(f"document.activeElement === document.querySelector({first_row_link!r})"):
            break
    assert presses <= 3, presses
    expect(page.locator(":focus")).to_have_text("Garage Martin")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_contain_text("Prendre en charge")
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("prise en charge")
    expect(page.locator(".alert-taken").first).to_contain_text("Pris en charge par")
    axe(page)
