"""The sales pages in the browser: the pipeline, the board, the interviews, the
opportunity and the guides at 1280 and 320 CSS px, axe on each; and the journey of a
manager, keyboard only: prepare an interview from the client's page, run it, get its
report, turn a recommendation into an opportunity and win it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.tests.factories import UserFactory
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory
from probanker.sales.models import ClientNeed, Interview, InterviewGuide, Opportunity
from tests.browser.test_journeys import login
from tests.browser.test_pages import SIDEWAYS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, axe: Any, base: str, paths: list[str]) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            axe(page)
            size = page.evaluate(SIDEWAYS)
            assert size["scroll"] <= size["client"], (path, width, size)


def test_sales_pages_pass_axe_and_reflow(live_server: Any, page: Any, axe: Any, manager1: Any, director: Any) -> None:  # fmt: skip
    party = PartyFactory(manager=manager1, segment="artisan",
                         name="Menuiserie-ébénisterie Lefèvre et fils de Saint-Avertin")  # fmt: skip
    AccessibilityProfile.objects.create(party=party, plain_language=True, preferred_channel="email")
    ClientNeed.objects.create(party=party, code="financement_equipement",
                              amount=Decimal("42000"), noted_on=timezone.localdate())  # fmt: skip
    today = timezone.localdate()
    won = Opportunity.objects.create(
        party=party, manager=manager1, product=product("multirisk_insurance"),
        amount=Decimal("2400"), stage="gagnee", created_on=today, closed_on=today,
    )  # fmt: skip
    Opportunity.objects.create(
        party=party, manager=manager1, product=product("leasing"), amount=Decimal("38000"),
        stage="proposee", created_on=today, expected_on=today - dt.timedelta(days=3),
    )  # fmt: skip
    guide = InterviewGuide.objects.get(situation="bilan_annuel", segment="artisan", current=True)
    interview = Interview.objects.create(
        party=party, manager=manager1, guide=guide, held_on=today, summary="Bilan de l'année.",
        answers={"tendance": "en hausse", "salaries": "4"},
    )  # fmt: skip
    loan = ContractFactory(party=party, product=product("equipment_loan"), balance=Decimal("60000"))
    from probanker.sales import conditions
    from probanker.sales.models import AfterSalesEvent

    conditions.request_condition(
        actor=manager1, contract=loan, kind="taux", label="Taux du prêt", rate_bp=50,
        reason="Offre concurrente", start=today, end=today + dt.timedelta(days=365), on=today,
    )  # fmt: skip
    AfterSalesEvent.objects.create(
        party=party, kind="anniversaire", key="2026", detected_on=today, due_on=today,
        detail="L'entreprise a 10 ans.", action="Un mot du chargé de clientèle.",
    )  # fmt: skip
    base = live_server.url
    login(page, base, "manager1")
    _check(page, axe, base, [
        "/ventes/apres-vente/", "/ventes/conditions/", f"/ventes/conditions/nouvelle/{loan.pk}/",
        "/", "/ventes/", "/ventes/tableau/", "/ventes/entretiens/",
        f"/ventes/entretiens/nouveau/{party.pk}/?situation=projet_financement",
        f"/ventes/entretiens/{interview.pk}/", f"/ventes/opportunites/{won.pk}/",
        f"/ventes/opportunites/nouvelle/{party.pk}/", "/ventes/guides/", f"/clients/{party.pk}/",
    ])  # fmt: skip
    UserFactory(username="admin", role="admin", branch=None)
    page.context.clear_cookies()
    login(page, base, "admin")
    _check(page, axe, base, ["/ventes/guides/", f"/ventes/guides/{guide.pk}/",
                             "/ventes/conditions/"])  # fmt: skip
    page.context.clear_cookies()
    login(page, base, "director")
    _check(page, axe, base, ["/", "/ventes/conditions/"])


def _submit(page: Any, selector: str) -> None:
    """Focus the form's button and press Enter (the keyboard, not the mouse); wait for
    the page the form leads to."""
    page.focus(selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_from_interview_to_a_won_opportunity_with_the_keyboard(
    live_server: Any, page: Any, axe: Any, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1, segment="artisan", name="Plomberie Vasseur")
    ContractFactory(party=party, product=product("current_account"), balance=Decimal("12500"))
    base = live_server.url
    login(page, base, "manager1")
    # prepare from the client's page: the situation, then « Préparer »
    page.goto(f"{base}/clients/{party.pk}/")
    page.select_option("#id_panel_situation", "projet_financement")
    _submit(page, "form[action*='/ventes/entretiens/nouveau/'] button")
    page.wait_for_url("**/ventes/entretiens/nouveau/**")
    assert "Compte courant professionnel" in page.inner_text("main")
    axe(page)
    # run it: the answers, the synthesis
    page.select_option("#id_q_nature_projet", "véhicule")
    page.focus("#id_q_cout_projet")
    page.keyboard.type("38 500")
    page.select_option("#id_q_vehicule", "oui")
    page.focus("#id_summary")
    page.keyboard.type("Renouvellement du fourgon de chantier.")
    _submit(page, "main form.stacked[method=post] button[type=submit]")
    page.wait_for_url("**/ventes/entretiens/*/")
    axe(page)
    interview = Interview.objects.get(party=party)
    assert "besoin" in page.inner_text("[role=status], .messages")
    # the report: a PDF, then its sending recorded
    report = page.request.get(f"{base}/ventes/entretiens/{interview.pk}/compte-rendu.pdf")
    assert report.headers["content-type"] == "application/pdf"
    assert report.body().startswith(b"%PDF")
    page.select_option("#id_sent_channel", "email")
    _submit(page, "form[action$='/envoye/'] button")
    page.wait_for_url(f"**/ventes/entretiens/{interview.pk}/")
    interview.refresh_from_db()
    assert interview.report_sent_on == timezone.localdate()
    # a recommendation from the needs the interview noted, turned into an opportunity
    page.goto(f"{base}/clients/{party.pk}/")
    link = page.locator("a[href*='produit=equipment_loan']")
    assert "financer un équipement" in page.inner_text("#ventes")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/ventes/opportunites/nouvelle/**")
    axe(page)
    page.focus("#id_amount")
    page.keyboard.type("38500")
    _submit(page, "main form.stacked button[type=submit]")
    page.wait_for_url("**/ventes/opportunites/*/")
    opportunity = Opportunity.objects.get(party=party)
    assert opportunity.product.code == "equipment_loan"
    assert opportunity.credit_file is not None  # an opportunity of credit opens its file
    # won, once the credit file is granted (the decision is the credit capability's)
    from probanker.credit.models import Decision

    Decision.objects.create(file=opportunity.credit_file, level="manager", outcome="accord",
                            decided_by=manager1)  # fmt: skip
    page.reload()
    page.select_option("#id_stage_stage", "gagnee")
    _submit(page, "main form.stacked button[type=submit]")
    page.wait_for_url(f"**/ventes/opportunites/{opportunity.pk}/")
    axe(page)
    opportunity.refresh_from_db()
    assert opportunity.stage == "gagnee"
    assert opportunity.closed_on == timezone.localdate()
