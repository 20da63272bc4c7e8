"""Financial diagnosis in Chromium: upload with progress, report, confirm, analysis, forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.core.tests.factories import naf
from probanker.diagnosis.models import FiscalYear
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.diagnosis.tests.fec_samples import fec_bytes
from probanker.parties.tests.factories import PartyFactory
from tests.browser.test_journeys import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_import_a_fec_then_read_the_analysis(
    live_server: Any, page: Any, axe: Any, manager1: Any, tmp_path: Path
) -> None:
    party = PartyFactory(
        manager=manager1, name="Cabinet Lambert", naf=naf("69.20Z", "Comptabilité")
    )
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/clients/{party.pk}/")
    page.click("text=Analyse financière")
    expect(page.locator("h1")).to_contain_text("Analyse financière")
    assert "Aucun exercice" in page.content()
    axe(page)

    page.click("text=Importer un FEC")
    axe(page)
    # Not the legal file name: a warning, so the report comes before the import.
    upload = tmp_path / "grand-livre-2024.txt"
    upload.write_bytes(fec_bytes())
    page.set_input_files("#id_file", str(upload))
    page.click("button:has-text('Envoyer et contrôler')")
    expect(page.locator("h1")).to_contain_text("Contrôle du FEC", timeout=15_000)
    assert "FEC-NOM" in page.content()
    assert not FiscalYear.objects.exists()
    axe(page)
    page.click("button:has-text('Importer malgré les avertissements')")
    expect(page.locator("h1")).to_contain_text("Analyse financière")
    assert "importé" in page.content()
    assert page.locator("svg[role=img]").count() >= 1
    expect(page.locator("#sig-title")).to_be_visible()
    axe(page)

    page.click("text=Exercice 2024")
    expect(page.locator("#liasse-title")).to_be_visible()
    assert "2033-B/310" in page.content()
    axe(page)


def test_statement_form_errors_then_capacity_with_the_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1, name="Dr Martin", naf=naf("86.21Z", "Médecine générale"))
    fiscal_year(party, manager1, year=2023)
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/clients/{party.pk}/analyse/saisir/2035/")
    page.fill("#id_start", "2024-12-31")
    page.fill("#id_end", "2024-01-01")
    page.fill("#id_receipts", "quatre-vingt mille")
    page.click("button:has-text('Enregistrer l')")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_attribute("#id_receipts", "aria-invalid") == "true"
    axe(page)
    page.fill("#id_start", "2024-01-01")
    page.fill("#id_end", "2024-12-31")
    page.fill("#id_receipts", "95 000")
    page.fill("#id_result", "41 000")
    page.click("button:has-text('Enregistrer l')")
    expect(page.locator(".message")).to_contain_text("enregistré")
    assert FiscalYear.objects.filter(party=party).count() == 2
    axe(page)

    # The calculator, with the keyboard alone: focus the term, change it, submit.
    page.focus("#id_months")
    page.keyboard.press("Control+A")
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    expect(page.locator(".summary-list")).to_contain_text("60 mois")
    axe(page)
