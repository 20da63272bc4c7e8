"""The sales pages: the pipeline's figures, the interview from preparation to report,
specialists, opportunities, the guides' versions, the client panel and the day."""

from __future__ import annotations

import datetime as dt
import html
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.formatting import euros0
from probanker.core.tests.factories import UserFactory
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory
from probanker.reports.tests.pdftools import is_tagged, needs_poppler, pdf_text
from probanker.sales.models import (
    ClientNeed,
    Interview,
    InterviewGuide,
    Opportunity,
    SpecialistReferral,
)

pytestmark = pytest.mark.django_db


def _opportunity(party: Any, code: str, amount: str, stage: str = "detectee", **extra: Any) -> Any:
    return Opportunity.objects.create(
        party=party, manager=party.manager, product=product(code), amount=Decimal(amount),
        stage=stage, created_on=timezone.localdate(), **extra,
    )  # fmt: skip


def test_the_pipeline_totals_each_stage_and_weights_the_open_amount(
    client: Client, manager1: Any, manager2: Any
) -> None:
    """10 % of 10 000 + 50 % of 4 000 + 75 % of 2 000 = 4 500 €; another manager's
    opportunity is neither listed nor counted."""
    mine = PartyFactory(manager=manager1, name="Garage Lenoir")
    _opportunity(mine, "equipment_loan", "10000")
    _opportunity(mine, "multirisk_insurance", "4000", "proposee")
    _opportunity(mine, "savings_account", "2000", "negociation")
    _opportunity(mine, "term_deposit", "7000", "gagnee", closed_on=timezone.localdate())
    _opportunity(PartyFactory(manager=manager2, name="Autre SARL"), "leasing", "99000")
    client.force_login(manager1)
    page = client.get("/ventes/").content.decode()
    assert euros0(Decimal(4500)) in page
    assert "Garage Lenoir" in page
    assert "Autre SARL" not in page
    assert "99\u202f000" not in page
    assert "99 000" not in page
    board = client.get("/ventes/tableau/").content.decode()
    assert 'Gagnée <span class="count">(1 · ' in board
    assert euros0(Decimal(7000)) in board


def test_a_director_narrows_the_pipeline_to_one_manager(
    client: Client, director: Any, manager1: Any, manager2: Any
) -> None:
    _opportunity(PartyFactory(manager=manager1, name="Client Un"), "leasing", "5000")
    _opportunity(PartyFactory(manager=manager2, name="Client Deux"), "leasing", "6000")
    client.force_login(director)
    both = client.get("/ventes/").content.decode()
    assert "Client Un" in both
    assert "Client Deux" in both
    one = client.get(f"/ventes/?charge={manager1.pk}").content.decode()
    assert "Client Un" in one
    assert "Client Deux" not in one


def test_an_interview_from_preparation_to_report(client: Client, manager1: Any) -> None:
    """The preparation shows the 360; the answers go into the needs; the report is a
    tagged PDF with the synthesis; its sending is recorded."""
    party = PartyFactory(manager=manager1, segment="artisan", name="Menuiserie Roux")
    ContractFactory(party=party, product=product("current_account"), balance=Decimal("8400"))
    client.force_login(manager1)
    url = f"/ventes/entretiens/nouveau/{party.pk}/?situation=projet_financement"
    prepared = client.get(url).content.decode()
    assert "Compte courant professionnel" in prepared
    assert "Projet de financement" in prepared
    held_on = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(url, {
        "held_on": held_on.isoformat(), "q_nature_projet": "véhicule", "q_cout_projet": "38 500",
        "q_vehicule": "oui", "summary": "Renouvellement du fourgon de chantier.",
        "next_steps": "Devis à transmettre.",
    })  # fmt: skip
    interview = Interview.objects.get(party=party)
    assert response.status_code == 302
    assert response["Location"] == f"/ventes/entretiens/{interview.pk}/"
    assert set(ClientNeed.objects.filter(party=party).values_list("code", flat=True)) == {
        "financement_equipement", "credit_bail",
    }  # fmt: skip
    detail = client.get(f"/ventes/entretiens/{interview.pk}/").content.decode()
    assert "38\u202f500,00\u00a0€" in detail or "38 500,00 €" in detail
    client.post(f"/ventes/entretiens/{interview.pk}/envoye/",
                {"channel": "email", "on": timezone.localdate().isoformat()})  # fmt: skip
    interview.refresh_from_db()
    assert interview.report_sent_on == timezone.localdate()
    assert interview.report_channel == "email"
    twice = client.post(f"/ventes/entretiens/{interview.pk}/envoye/",
                        {"channel": "mail", "on": timezone.localdate().isoformat()}, follow=True)  # fmt: skip
    assert "déjà envoyé" in html.unescape(twice.content.decode())
    interview.refresh_from_db()
    assert interview.report_channel == "email"


def test_a_wrong_answer_is_named_and_nothing_is_recorded(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1, segment="artisan")
    client.force_login(manager1)
    url = f"/ventes/entretiens/nouveau/{party.pk}/?situation=projet_financement"
    response = client.post(url, {"held_on": timezone.localdate().isoformat(),
                                 "q_cout_projet": "beaucoup", "summary": "Projet"})  # fmt: skip
    assert response.status_code == 200
    assert "« Coût total du projet (€) » : un montant en chiffres est attendu" in (
        response.content.decode()
    )
    future = client.post(url, {"held_on": "2099-01-01", "summary": "Projet"})
    assert "la date est dans le futur" in future.content.decode()
    assert not Interview.objects.filter(party=party).exists()


@needs_poppler
def test_the_report_follows_the_clients_profile(client: Client, manager1: Any) -> None:
    """Plain language (short sentences) and large print when the profile asks for them;
    the standard version on request; always tagged."""
    party = PartyFactory(manager=manager1, name="Boulangerie Marchand")
    AccessibilityProfile.objects.create(party=party, plain_language=True, large_print=True)
    guide = InterviewGuide.objects.get(situation="bilan_annuel", segment="commercant",
                                       current=True)  # fmt: skip
    interview = Interview.objects.create(
        party=party, manager=manager1, guide=guide, held_on=timezone.localdate(),
        summary="Activité en hausse.", next_steps="Rappel en janvier.",
        answers={"tendance": "en hausse"},
    )  # fmt: skip
    client.force_login(manager1)
    response = client.get(f"/ventes/entretiens/{interview.pk}/compte-rendu.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "gros-caracteres-langage-clair" in response["Content-Disposition"]
    assert is_tagged(response.content)
    text = pdf_text(response.content)
    assert "Compte rendu de notre entretien" in text
    assert "Boulangerie Marchand" in text
    assert "Ce que nous allons faire" in text
    assert "Rappel en janvier." in text
    standard = pdf_text(
        client.get(f"/ventes/entretiens/{interview.pk}/compte-rendu.pdf?standard=1").content
    )
    assert "Suites convenues" in standard
    assert "Ce que nous allons faire" not in standard
    assert "Évolution de l'activité cette année en hausse" in standard


def test_the_report_is_not_sent_through_a_channel_the_profile_rules_out(
    client: Client, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1)
    AccessibilityProfile.objects.create(party=party, screen_reader_documents=True)
    guide = InterviewGuide.objects.filter(current=True).first()
    interview = Interview.objects.create(party=party, manager=manager1, guide=guide,
                                         held_on=timezone.localdate(), summary="Point")  # fmt: skip
    client.force_login(manager1)
    response = client.post(f"/ventes/entretiens/{interview.pk}/envoye/",
                           {"channel": "mail", "on": timezone.localdate().isoformat()},
                           follow=True)  # fmt: skip
    assert "lecteur d'écran" in html.unescape(response.content.decode())
    interview.refresh_from_db()
    assert interview.report_sent_on is None


def test_a_specialist_is_called_in_and_answers(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    guide = InterviewGuide.objects.filter(current=True).first()
    interview = Interview.objects.create(party=party, manager=manager1, guide=guide,
                                         held_on=timezone.localdate(), summary="Point")  # fmt: skip
    client.force_login(manager1)
    client.post(f"/ventes/entretiens/{interview.pk}/specialiste/",
                {"specialty": "patrimoine", "question": "Cession dans trois ans ?"})  # fmt: skip
    referral = SpecialistReferral.objects.get(party=party)
    waiting = client.get("/ventes/entretiens/").content.decode()
    assert "Cession dans trois ans ?" in waiting
    client.post(f"/ventes/specialistes/{referral.pk}/reponse/",
                {"answer": "Rendez-vous fixé", "on": timezone.localdate().isoformat()})  # fmt: skip
    referral.refresh_from_db()
    assert referral.answer == "Rendez-vous fixé"
    assert referral.answered_on == timezone.localdate()


def test_an_opportunity_of_credit_opens_its_file_and_a_lost_one_needs_its_reason(
    client: Client, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = client.post(f"/ventes/opportunites/nouvelle/{party.pk}/", {
        "product": "equipment_loan", "amount": "45 000", "stage": "qualifiee",
        "expected_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    })  # fmt: skip
    opportunity = Opportunity.objects.get(party=party)
    assert response["Location"] == f"/ventes/opportunites/{opportunity.pk}/"
    assert opportunity.amount == Decimal("45000")
    assert opportunity.credit_file is not None
    url = f"/ventes/opportunites/{opportunity.pk}/"
    refused = client.post(url, {"stage": "perdue"}).content.decode()
    assert "Une opportunité perdue demande son motif." in refused
    client.post(url, {"stage": "perdue", "lost_reason": "concurrence"})
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.closed_on) == ("perdue", timezone.localdate())
    negative = client.post(f"/ventes/opportunites/nouvelle/{party.pk}/",
                           {"product": "leasing", "amount": "-5", "stage": "detectee"})  # fmt: skip
    assert negative.status_code == 200
    assert Opportunity.objects.filter(party=party).count() == 1


def test_a_guide_edit_is_checked_and_saved_as_the_next_version(
    client: Client, manager1: Any
) -> None:
    admin = UserFactory(username="administrateur", role="admin", branch=None)
    guide = InterviewGuide.objects.get(situation="decouverte", segment="tpe", current=True)
    party = PartyFactory(manager=manager1)
    held = Interview.objects.create(party=party, manager=manager1, guide=guide,
                                    held_on=timezone.localdate(), summary="Point")  # fmt: skip
    client.force_login(admin)
    url = f"/ventes/guides/{guide.pk}/"
    broken = client.post(url, {"title": guide.title, "sections": '[{"title": "A",'})
    assert "JSON illisible, ligne 1" in broken.content.decode()
    for junk, said in (
        ('[{"title": "A", "questions": [{"key": "k", "label": "l", "type": "text", "x": NaN}]}]',
         "NaN, Infinity ou imbrication trop profonde"),
        ("[" * 100_001 + "]" * 100_001, "dépasse 200000 caractères"),
        ("[" * 50_000 + "]" * 50_000, "imbrication trop profonde"),
        ('[{"title": "A", "questions": [{"key": "k", "label": "l", "type": "text", "pad": 1}]}]',
         "champ « pad » : champ inconnu"),
        ('[{"title": "A", "questions": [{"key": "k", "label": "l", "type": "choice", '
         '"choices": ["a", "a"]}]}]', "des textes distincts"),
    ):  # fmt: skip
        refused = client.post(url, {"title": guide.title, "sections": junk})
        assert refused.status_code == 200
        assert said in html.unescape(refused.content.decode()), said
    wrong = [{"title": "Cadre", "questions": [{"key": "x", "label": "X", "type": "couleur"}]}]
    answer = client.post(url, {"title": guide.title, "sections": json.dumps(wrong)})
    assert "section 1, question 1" in answer.content.decode()
    sections = [
        {"title": "Cadre", "questions": [{"key": "objet", "label": "Objet", "type": "text"}]}
    ]
    response = client.post(url, {"title": "Découverte v2", "sections": json.dumps(sections)})
    new = InterviewGuide.objects.get(situation="decouverte", segment="tpe", current=True)
    assert new.version == guide.version + 1
    assert response["Location"] == f"/ventes/guides/{new.pk}/"
    held.refresh_from_db()
    assert held.guide_id == guide.pk  # the interview keeps the version it was held with
    assert client.get(url).status_code == 404  # the old version is no longer edited
    client.force_login(manager1)
    assert (
        client.post(f"/ventes/guides/{new.pk}/", {"title": "x", "sections": "[]"}).status_code
        == 403
    )


def test_the_client_panel_and_the_day_show_what_to_sell(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1, name="Pharmacie Delorme")
    ClientNeed.objects.create(
        party=party, code="protection_activite", noted_on=timezone.localdate()
    )
    _opportunity(party, "leasing", "30000", "proposee",
                 expected_on=timezone.localdate() + dt.timedelta(days=3))  # fmt: skip
    client.force_login(manager1)
    page = client.get(f"/clients/{party.pk}/").content.decode()
    assert "Conseil et ventes" in page
    assert "Multirisque professionnelle" in page
    assert f"/ventes/opportunites/nouvelle/{party.pk}/?produit=multirisk_insurance" in page
    day = client.get("/").content.decode()
    assert "Opportunités à conclure" in day
    assert "Crédit-bail mobilier — Pharmacie Delorme" in day
