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


def test_prescribers_and_referrals_by_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any, branch: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    """From the search page's tabs to the prescribers: one recorded with the keyboard, a
    contact added, a prospect of the register referred; the sponsoring clients' page;
    axe clean at 1280 and 320 px, no sideways scroll."""
    from probanker.parties.tests.factories import PartyFactory

    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    bakery = known_unit(3, "BOULANGERIE DU MARCHE")
    build_register(settings.LAKE_DIR, known=[bakery], establishments=30, as_of=dt.date.today())
    PartyFactory(manager=manager1, kind="client", name="Garage Martin")
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/prospection/")
    page.click("nav[aria-label='Sources de prospects'] >> text=Prescripteurs")
    expect(page.locator("h1")).to_have_text("Prescripteurs de l'agence")
    axe(page)
    page.focus("#id_name")
    page.keyboard.type("Cabinet Leroy, experts-comptables")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first nature: an accounting firm
    page.focus("button:has-text('Enregistrer le prescripteur')")
    page.keyboard.press("Enter")
    page.click("text=Cabinet Leroy, experts-comptables")
    expect(page.locator("h1")).to_have_text("Cabinet Leroy, experts-comptables")
    page.fill("#id_name", "Hélène Leroy")
    page.click("button:has-text('Ajouter le contact')")
    expect(page.locator("main")).to_contain_text("Hélène Leroy")
    page.fill("#id_siret", bakery.siret)
    page.focus("button:has-text('Enregistrer la recommandation')")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("BOULANGERIE DU MARCHE")
    axe(page)
    prescriber_page = page.url
    page.goto(base + "/prospection/parrainages/")
    expect(page.locator("h1")).to_have_text("Parrainages de vos clients")
    axe(page)
    page.set_viewport_size({"width": 320, "height": 900})
    for url in (
        base + "/prospection/prescripteurs/",
        prescriber_page,
        base + "/prospection/parrainages/",
    ):
        page.goto(url)
        size = page.evaluate(SIDEWAYS)
        assert size["scroll"] <= size["client"], (url, size)
        axe(page)


def test_an_event_and_a_contact_met_there_by_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any, branch: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    """From the search page's tabs to the manifestations: one recorded with the keyboard,
    a company of the register met there made a prospect; axe clean at 1280 and 320 px."""
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    garage = known_unit(4, "GARAGE DES TANNEURS")
    build_register(settings.LAKE_DIR, known=[garage], establishments=30, as_of=dt.date.today())
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/prospection/")
    page.click("nav[aria-label='Sources de prospects'] >> text=Manifestations")
    expect(page.locator("h1")).to_have_text("Manifestations de l'agence")
    axe(page)
    page.focus("#id_name")
    page.keyboard.type("Salon de l'artisanat")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first nature: a trade fair
    page.fill("#id_held_on", (dt.date.today() - dt.timedelta(days=2)).isoformat())
    page.focus("#id_place")
    page.keyboard.type("Parc des expositions")
    page.focus("button:has-text('Enregistrer la manifestation')")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Salon de l'artisanat")
    axe(page)
    page.focus("#id_siret")
    page.keyboard.type(garage.siret)
    page.focus("#id_note")
    page.keyboard.type("M. Roux, projet de pont élévateur")
    page.keyboard.press("Enter")
    expect(page.locator(".message").first).to_contain_text("Contact enregistré")
    expect(page.locator("main")).to_contain_text("GARAGE DES TANNEURS")
    axe(page)
    event_page = page.url
    page.set_viewport_size({"width": 320, "height": 900})
    for url in (base + "/prospection/manifestations/", event_page):
        page.goto(url)
        size = page.evaluate(SIDEWAYS)
        assert size["scroll"] <= size["client"], (url, size)
        axe(page)


def test_a_campaign_launched_and_worked_by_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any, branch: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    """From a search to a campaign on it, then the outcome of a call with the keyboard; the
    funnel counts it; axe clean at 1280 and 320 px, no sideways scroll."""
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    bakery = known_unit(4, "BOULANGERIE DU MARCHE")
    build_register(settings.LAKE_DIR, known=[bakery], establishments=60, as_of=dt.date.today())
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/prospection/?naf=10.71")
    page.get_by_role("link", name="Lancer une campagne sur cette recherche").click()
    expect(page.locator("#id_naf")).to_have_value("10.71")
    axe(page)
    page.locator("#id_name").fill("Boulangeries de Tours")
    page.locator("#id_channel").select_option("telephone")
    page.locator("#id_name").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Boulangeries de Tours")
    axe(page)
    row = page.locator("tr", has_text="BOULANGERIE DU MARCHE")
    row.locator("select").select_option("rendez_vous")
    row.get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".message").first).to_contain_text("Rendez-vous obtenu")
    row = page.locator("tr", has_text="BOULANGERIE DU MARCHE")
    expect(row.get_by_role("link", name="BOULANGERIE DU MARCHE", exact=True)).to_be_visible()
    expect(row.get_by_role("link", name="Fixer le rendez-vous")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/prospection/campagnes/", page.url.replace(base, "")):
        page.goto(base + path)
        size = page.evaluate(SIDEWAYS)
        assert size["scroll"] <= size["client"], (path, size)
        axe(page)


def test_a_day_of_visits_planned_optimised_and_booked_by_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any, branch: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    """A day of visits from the week view, three visits added, the route optimised and
    written into the agenda with the keyboard; axe clean at 1280 and 320 px."""
    from probanker.parties.tests.factories import EstablishmentFactory, PartyFactory

    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    units = [known_unit(20 + n, name, commune=c) for n, (name, c) in enumerate(
        (("FOURNIL DE FONDETTES", 7), ("FLEURS D'AMBOISE", 11), ("GARAGE DE BALLAN", 8)))]  # fmt: skip
    build_register(settings.LAKE_DIR, known=units, establishments=30, as_of=dt.date.today())
    Territory.objects.create(branch=branch, communes="37261", latitude="47.3903",
                             longitude="0.6888")  # fmt: skip
    parties = [PartyFactory(manager=manager1, siren=u.siren, name=u.name) for u in units]
    for party, unit in zip(parties, units, strict=True):
        EstablishmentFactory(party=party, siret=unit.siret)
    day = dt.date.today() + dt.timedelta(days=7)
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/prospection/tournees/")
    axe(page)
    page.locator("#id_day").fill(day.isoformat())
    page.locator("#id_day").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(day.strftime("%d/%m/%Y"))
    for party in parties:
        page.locator("#id_party").select_option(str(party.pk))
        page.locator("#id_subject").fill("Revue annuelle")
        page.locator("#id_subject").press("Enter")
        expect(page.locator(".message").first).to_contain_text(party.name)
    axe(page)
    page.get_by_role("button", name="Optimiser l'ordre").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".route-summary")).to_contain_text("Tournée optimisée")
    page.get_by_role("button", name="Inscrire à l'agenda").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Exporter la tournée (ICS)")).to_be_visible()
    axe(page)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/prospection/tournees/?semaine=" + day.isoformat(), page.url.replace(base, "")):
        page.goto(base + path)
        size = page.evaluate(SIDEWAYS)
        assert size["scroll"] <= size["client"], (path, size)
        axe(page)
