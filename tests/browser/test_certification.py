"""Certification pages in Chromium, checked by axe-core: the officer constitutes a jury,
enrols and evaluates a candidate, deliberates; a manager reads their own file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from probanker.certification.tests.factories import CandidateFactory, acquire
from probanker.core.models import Role
from probanker.core.tests.factories import UserFactory
from tests.browser.test_journeys import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_runs_a_session(live_server: Any, page: Any, axe: Any, manager1: Any) -> None:
    """A jury of two colleges is refused on the page; three: constituted; a block validated."""
    officer = UserFactory(username="certif", role=Role.CERTIFICATION, branch=None)
    candidate = CandidateFactory(first_name="Léa", last_name="Fontaine", access_route="vae",
                                 enrolled_on=dt.date(2025, 1, 6))  # fmt: skip
    acquire(candidate, "BC01", evaluator=officer, on=dt.date(2025, 6, 2))
    CandidateFactory(user=manager1, branch=manager1.branch)
    base = live_server.url
    login(page, base, "certif")
    for path in ("/certification/", "/certification/referentiel/", "/certification/statistiques/",
                 "/certification/candidats/nouveau/", "/certification/jurys/"):  # fmt: skip
        page.goto(base + path)
        axe(page)
    page.goto(f"{base}/certification/jurys/nouveau/")
    axe(page)
    page.fill("#id_session_on", "2025-06-20")
    for n, name in ((1, "Sophie Arnaud"), (2, "Marc Lemoine"), (3, "Hélène Vidal")):
        page.fill(f"#id_seat{n}_name", name)
    page.select_option("#id_seat3_college", "employeur")
    page.click("button:has-text('Constituer le jury')")
    expect(page.locator(".error-summary, .errorlist, .error").first).to_contain_text(
        "trois membres"
    )
    axe(page)
    page.select_option("#id_seat3_college", "cncm")
    page.click("button:has-text('Constituer le jury')")
    expect(page.locator("h1")).to_contain_text("Jury du 20/06/2025")
    page.select_option("#id_present_candidate", label="Léa Fontaine")
    page.click("button:has-text('Présenter au jury')")
    expect(page.locator("#presented-caption")).to_be_visible()
    axe(page)
    page.select_option("#id_deliberation_candidate", label="Léa Fontaine")
    page.check("text=RNCP38026BC01 — Organiser")
    page.fill("#id_deliberation_deliberated_on", "2025-06-20")
    page.click("button:has-text('Enregistrer la délibération')")
    expect(page.locator("#delibs-title + ul")).to_contain_text("BC01")
    page.goto(f"{base}/certification/candidats/{candidate.pk}/")
    expect(page.locator("#bs-1, h3").first).to_contain_text("validé le 20/06/2025")
    axe(page)
    page.set_viewport_size({"width": 360, "height": 800})
    axe(page)


def test_a_manager_reads_their_own_file(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    """The menu's « Certification » leads a candidate manager to their own file."""
    CandidateFactory(user=manager1, branch=manager1.branch)
    base = live_server.url
    login(page, base, "manager1")
    page.click("nav >> text=Certification")
    expect(page.locator("h1")).to_have_text("Mon dossier de certification")
    axe(page)


def test_a_candidate_takes_a_questionnaire_with_the_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    """From « Mon dossier », a questionnaire answered with the arrow keys: a question left
    out is named, then the score and the correction; the officer's page of the keys;
    axe clean, and at 320 px."""
    CandidateFactory(user=manager1, branch=manager1.branch)
    UserFactory(username="certif", role=Role.CERTIFICATION, branch=None)
    base = live_server.url
    login(page, base, "manager1")
    page.goto(base + "/certification/mon-dossier/")
    page.click("text=BC04 — Risques, réclamations et conformité")
    expect(page.locator("h1")).to_contain_text("Risques, réclamations et conformité")
    axe(page)
    radios = page.locator("fieldset.question")
    for n in range(4):  # the fifth question left out
        radios.nth(n).locator("input").first.focus()
        page.keyboard.press("Space")
    page.focus("button:has-text('Valider mes réponses')")
    page.keyboard.press("Enter")
    expect(page.locator("#error-summary")).to_contain_text("question 5")
    axe(page)
    radios.nth(4).locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # the second answer
    page.focus("button:has-text('Valider mes réponses')")
    page.keyboard.press("Enter")
    expect(page.locator("#result-title")).to_contain_text("/ 5")
    axe(page)
    page.set_viewport_size({"width": 320, "height": 800})
    axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("text=Se déconnecter")
    login(page, base, "certif")
    page.goto(base + "/certification/questionnaires/")
    expect(page.locator("main")).to_contain_text("1 passage par 1 candidat")
    axe(page)
