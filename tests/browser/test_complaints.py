"""Complaints and RGAA pages in Chromium, checked by axe-core at 1280 and 320 px; a
complaint recorded and acknowledged with the keyboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.complaints import services
from probanker.complaints.tests.factories import PDF_BYTES, attachment, complaint, mediator
from probanker.core.tests.factories import UserFactory
from probanker.parties import rgaa_services
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory
from tests.browser.test_journeys import login
from tests.browser.test_pages import SIDEWAYS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_complaints_pages_pass_axe_and_reflow(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    """Queue, complaint, form, register, client panel, and the RGAA pages as the officer:
    no axe violation, nothing scrolls sideways at 320 px."""
    mediator()
    party = PartyFactory(manager=manager1, name="Boulangerie-pâtisserie des Halles de Tours")
    AccessibilityProfile.objects.create(party=party, large_print=True)
    late = complaint(party, manager1, received_on=dt.date(2026, 6, 1), payment_service=True)
    done = complaint(party, manager1, received_on=dt.date(2026, 6, 2), channel="email")
    services.acknowledge(actor=manager1, complaint=done, on=dt.date(2026, 6, 3))
    services.answer(actor=manager1, complaint=done, on=dt.date(2026, 6, 20),
                    outcome="partielle", text="Remboursement de la moitié des frais.")  # fmt: skip
    attachment(done, manager1)
    officer = UserFactory(username="officer", role="complaints", branch=None)
    audit = rgaa_services.create_audit(
        actor=officer, title="Audit", scope="probanker", auditor="Référent",
        audited_on=dt.date(2026, 6, 1), samples=[("page", "Ma journée", "/")],
    )  # fmt: skip
    sample = audit.samples.get()
    rgaa_services.record_results(actor=officer, sample=sample, results={"8.5": ("C", "")})
    base = live_server.url
    manager_paths = [
        "/reclamations/", f"/reclamations/{late.pk}/", f"/reclamations/{done.pk}/",
        f"/reclamations/nouvelle/{party.pk}/", "/reclamations/registre/?annee=2026",
        f"/clients/{party.pk}/",
    ]  # fmt: skip
    officer_paths = [
        "/", "/reclamations/", "/accessibilite/", f"/accessibilite/audit/?audit={audit.pk}",
        f"/accessibilite/audit/saisie/?audit={audit.pk}&echantillon={sample.pk}",
        f"/accessibilite/declaration/?audit={audit.pk}",
    ]  # fmt: skip
    wide = {}
    for user, paths in (("manager1", manager_paths), ("officer", officer_paths)):
        page.context.clear_cookies()
        page.set_viewport_size({"width": 1280, "height": 900})
        login(page, base, user)
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                page.goto(base + path)
                size = page.evaluate(SIDEWAYS)
                if size["scroll"] > size["client"]:
                    wide[(width, path)] = size
                axe(page)
    assert not wide, f"pages scrolling sideways: {wide}"


def test_a_complaint_recorded_and_acknowledged_with_the_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1, name="Garage Martin")
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/reclamations/nouvelle/{party.pk}/")
    page.focus("#id_complainant_type")
    page.keyboard.press("Tab")  # the representative's name: left empty
    page.keyboard.press("Tab")
    page.keyboard.type("tel")  # the channel's select: « Téléphone »
    page.fill("#id_received_on", "2026-06-01")
    page.fill("#id_subject", "Commission contestée")
    page.fill("#id_description", "Commission d'intervention prélevée deux fois.")
    page.focus("#id_description")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Réclamation n°")
    expect(page.locator(".summary-list")).to_contain_text("téléphone")
    axe(page)
    page.fill("#id_accuse-on", "2026-06-02")
    page.focus("#id_accuse-on")
    page.keyboard.press("Tab")  # the channel
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("Accusé de réception enregistré")
    axe(page)


def test_a_document_joined_then_opened_from_the_complaint(
    live_server: Any, page: Any, axe: Any, manager1: Any, tmp_path: Any
) -> None:
    """The file is chosen (a browser's file dialog is the system's), the rest by keyboard:
    the description typed, the form sent with Enter, the document listed and downloaded."""
    party = PartyFactory(manager=manager1, name="Garage Martin")
    c = complaint(party, manager1)
    scan = tmp_path / "courrier du 3 mai.pdf"
    scan.write_bytes(PDF_BYTES)
    base = live_server.url
    login(page, base, "manager1")
    page.goto(f"{base}/reclamations/{c.pk}/")
    page.set_input_files("#id_file", str(scan))
    page.focus("#id_file")
    page.keyboard.press("Tab")
    page.keyboard.type("Courrier recommandé du client")
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("Pièce jointe ajoutée")
    link = page.get_by_role("link", name="Courrier recommandé du client")
    expect(link).to_be_visible()
    axe(page)
    with page.expect_download() as info:
        link.focus()
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "courrier du 3 mai.pdf"
