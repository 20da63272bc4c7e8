"""The main pages at 320 CSS px (WCAG 1.4.10 reflow), their action buttons, the 404 page.

A page may hold tables wider than the screen, but only inside their own
horizontal scroll region: the page itself never scrolls sideways. axe-core runs
on each page at that width (scroll regions reachable with the keyboard,
link-styled buttons readable).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.tests.factories import naf
from probanker.credit import services as credit
from probanker.credit.models import GuarantorLetter
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import (
    EstablishmentFactory,
    PartyFactory,
    PartyRoleFactory,
)
from probanker.risk.services import run_risk
from probanker.risk.tests.lake_samples import AS_OF, write_lake
from tests.browser.test_journeys import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDEWAYS = """() => {
  const root = document.documentElement;
  return {scroll: root.scrollWidth, client: root.clientWidth};
}"""


@pytest.fixture
def client_with_everything(manager1: Any, manager2: Any, settings: Any, tmp_path: Path) -> Any:
    """A client with products, a line to renew, alerts, charts, a year, a credit file, a letter."""
    settings.LAKE_DIR = tmp_path / "lake"
    party = PartyFactory(
        manager=manager1,
        name="Boulangerie-pâtisserie artisanale des Halles de Tours",
        naf=naf("10.71C", "Boulangerie et boulangerie-pâtisserie"),
        email="contact.comptabilite-fournisseurs@boulangerie-des-halles-de-tours.example",
    )
    EstablishmentFactory(party=party)
    role = PartyRoleFactory(party=party, role="guarantor")
    account = ContractFactory(party=party, balance=Decimal("-1500.00"))
    ContractFactory(
        party=party,
        product=product("overdraft"),
        account=account,
        balance=0,
        authorised_limit=Decimal("1000"),
        limit_expiry=dt.date.today() + dt.timedelta(days=40),
    )
    healthy = ContractFactory(party=PartyFactory(manager=manager1, name="Fleurs Durand"))
    write_lake(settings.LAKE_DIR, (account.pk, party.pk), (healthy.pk, healthy.party_id))
    run_risk(AS_OF)
    fiscal_year(party, manager1)
    file = credit.create_file(
        actor=manager1, party=party, purpose="equipement", description="Four", today=AS_OF
    )
    credit.add_line(actor=manager1, file=file, side="besoin", label="Four à sole", amount=45000)
    credit.add_product(
        actor=manager1, file=file, kind="pret", amount=Decimal(45000), rate=Decimal("4.5"),
        months=60,
    )  # fmt: skip
    GuarantorLetter.objects.create(
        kind="2302", party=party, guarantor=role.person, reference_date=dt.date(2025, 12, 31),
        due_on=dt.date(2026, 3, 31), principal=1000,
    )  # fmt: skip
    party.credit_file = file  # type: ignore[attr-defined]
    return party


def test_main_pages_do_not_scroll_sideways_at_320px(
    live_server: Any, page: Any, axe: Any, client_with_everything: Any
) -> None:
    """Ma journée, clients, client page, credit file, alerts, renewals: no sideways scroll."""
    party = client_with_everything
    base = live_server.url
    page.set_viewport_size({"width": 320, "height": 800})
    login(page, base, "manager1")
    paths = [
        "/",
        "/clients/",
        f"/clients/{party.pk}/",
        f"/credits/{party.credit_file.pk}/",
        "/risques/",
        "/credits/renouvellements/",
        "/prospection/?departement=37",
    ]
    wide = {}
    for path in paths:
        page.goto(base + path)
        size = page.evaluate(SIDEWAYS)
        if size["scroll"] > size["client"]:
            wide[path] = size
        axe(page)
    assert not wide, f"pages scrolling sideways at 320 px: {wide}"


def test_renewal_actions_are_readable_buttons(
    live_server: Any, page: Any, axe: Any, client_with_everything: Any
) -> None:
    """« Ouvrir le dossier » and « Marquer envoyée » show in the link colour, not white."""
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/credits/renouvellements/")
    axe(page)  # white on white was only « incomplete » for axe: now a failure
    for name in ("Ouvrir le dossier", "Marquer envoyée"):
        button = page.locator(f"button.link-button:has-text('{name}')").first
        color = button.evaluate("e => getComputedStyle(e).color")
        assert color == "rgb(11, 79, 138)", (name, color)


def test_404_page_in_the_layout_passes_axe(
    live_server: Any, page: Any, axe: Any, manager1: Any, manager2: Any, settings: Any
) -> None:
    """A colleague's client: the French 404 page, with the menu and the way back."""
    settings.DEBUG = False
    other = PartyFactory(manager=manager2)
    base = live_server.url
    login(page, base, "manager1")
    response = page.goto(f"{base}/clients/{other.pk}/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Page introuvable"
    axe(page)
    page.click("text=Retour à Ma journée")
    page.wait_for_url(f"{base}/")
