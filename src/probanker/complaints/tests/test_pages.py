"""Complaints' pages, API, letters and register: scope, French errors, the letters'
variants from the accessibility profile, the exports."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from probanker.complaints import services
from probanker.complaints.models import Complaint
from probanker.complaints.tests.factories import complaint, mediator
from probanker.core.tests.factories import UserFactory
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory
from probanker.reports.tests.pdftools import is_tagged, needs_poppler, pdf_text

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_api_records_a_complaint_with_its_deadlines(client: Client, manager1: Any) -> None:
    """201 with the id, the three deadlines (final one for a payment service) and the stage."""
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    body = {
        "client": party.pk, "received_on": "2026-04-02", "channel": "reseaux_sociaux",
        "subject": "Prélèvement rejeté", "description": "Rejet d'un prélèvement SEPA.",
        "payment_service": True,
    }  # fmt: skip
    response = client.post("/api/v1/reclamations", body, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert {k: data[k] for k in ("acknowledge_by", "answer_by", "final_answer_by", "status")} == {
        "acknowledge_by": "2026-04-15", "answer_by": "2026-04-24",
        "final_answer_by": "2026-05-28", "status": "recue",
    }  # fmt: skip
    assert Complaint.objects.get(pk=data["id"]).channel == "reseaux_sociaux"
    got = client.get(f"/api/v1/reclamations/{data['id']}").json()
    assert got["final_answer_by"] == "2026-05-28"
    assert got["client"] == party.pk


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"channel": "fax"}, "channel", "'site' ou 'reseaux_sociaux')"),
        ({"received_on": "2026-02-30"}, "received_on", "date attendue"),
        ({"client": 999999}, "client", "client introuvable"),
        ({"subject": ""}, "subject", "texte trop court"),
        ({"received_on": "2099-01-01"}, "__all__", "futur"),
    ],
)
def test_the_api_refuses_bad_input_with_french_messages(
    client: Client, manager1: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    body = {"client": party.pk, "received_on": "2026-04-02", "channel": "email",
            "subject": "Frais", "description": "Frais contestés", **changes}  # fmt: skip
    response = client.post("/api/v1/reclamations", body, content_type="application/json")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(e["field"] == field and message in e["message"] for e in errors), errors


def test_another_managers_complaint_is_a_404_and_their_client_a_422(
    client: Client, manager1: Any, manager2: Any
) -> None:
    theirs = complaint(PartyFactory(manager=manager2), manager2)
    client.force_login(manager1)
    assert client.get(f"/api/v1/reclamations/{theirs.pk}").status_code == 404
    assert client.get(f"/reclamations/{theirs.pk}/").status_code == 404
    assert client.get(f"/reclamations/{theirs.pk}/courrier.pdf").status_code == 404
    body = {"client": theirs.party_id, "received_on": "2026-04-02", "channel": "email",
            "subject": "Frais", "description": "Frais"}  # fmt: skip
    response = client.post("/api/v1/reclamations", body, content_type="application/json")
    assert response.status_code == 422


def test_the_complaints_officer_sees_the_whole_banks_queue(
    client: Client, manager1: Any, manager_other_branch: Any
) -> None:
    """Bank-wide: the officer reads both branches' complaints, and may act on them."""
    officer = UserFactory(username="officer", role="complaints", branch=None)
    one = complaint(PartyFactory(manager=manager1), manager1, received_on=D(2026, 6, 1))
    two = complaint(PartyFactory(manager=manager_other_branch), manager_other_branch)
    client.force_login(officer)
    html = client.get("/reclamations/").content.decode()
    assert f"/reclamations/{one.pk}/" in html
    assert f"/reclamations/{two.pk}/" in html
    client.force_login(manager1)
    html = client.get("/reclamations/").content.decode()
    assert f"/reclamations/{one.pk}/" in html
    assert f"/reclamations/{two.pk}/" not in html


def test_the_queue_puts_the_overdue_first(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    old = complaint(party, manager1, received_on=D(2026, 1, 5), subject="Vieille")
    new = complaint(party, manager1, received_on=D(2026, 11, 30), subject="Récente")
    client.force_login(manager1)
    html = client.get("/reclamations/?vue=retard").content.decode()
    assert "Vieille" in html
    assert "Récente" not in html
    # 10 jours ouvrables after Monday 5 January: 6-10 (the Saturday counts), [11], 12-16.
    assert "en retard (échéance du 16/01/2026)" in html
    assert old.acknowledge_by == D(2026, 1, 16)
    assert new.is_open


def test_a_complaint_is_recorded_from_the_form_and_errors_sit_on_fields(
    client: Client, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    url = f"/reclamations/nouvelle/{party.pk}/"
    bad = client.post(url, {"complainant_type": "client", "channel": "agence"})
    assert bad.status_code == 200
    assert 'aria-invalid="true"' in bad.content.decode()
    data = {"complainant_type": "client", "channel": "agence", "received_on": "2026-06-01",
            "typology": "accessibilite", "subject": "Agence inaccessible en fauteuil",
            "description": "Pas de rampe à l'entrée."}  # fmt: skip
    response = client.post(url, data)
    created = Complaint.objects.get(party=party)
    assert response.status_code == 302
    assert response["Location"] == f"/reclamations/{created.pk}/"
    page = client.get(f"/reclamations/{created.pk}/").content.decode()
    assert "Agence inaccessible en fauteuil" in page
    assert "16/06/2026" not in page


def test_a_step_posted_with_a_ruled_out_channel_shows_the_reason(
    client: Client, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1)
    AccessibilityProfile.objects.create(party=party, screen_reader_documents=True)
    c = complaint(party, manager1)
    client.force_login(manager1)
    data = {"step": "accuse", "accuse-on": "2026-06-02", "accuse-via": "mail"}
    response = client.post(f"/reclamations/{c.pk}/etape/", data)
    assert response.status_code == 200
    assert "pas de courrier papier" in response.content.decode()
    c.refresh_from_db()
    assert c.acknowledged_on is None


@needs_poppler
def test_letters_follow_the_clients_profile(client: Client, manager1: Any) -> None:
    """A client asking for large print and plain language gets both: body at 18 pt and the
    short sentences; a refusal carries the mediator's details; every letter is tagged."""
    mediator()
    party = PartyFactory(manager=manager1, name="Fromagerie Roux")
    AccessibilityProfile.objects.create(party=party, large_print=True, plain_language=True)
    c = complaint(party, manager1, received_on=D(2026, 6, 1))
    client.force_login(manager1)
    # No answer letter before the answer (its text, outcome and remedies) is recorded.
    assert client.get(f"/reclamations/{c.pk}/courrier.pdf?type=reponse").status_code == 404
    services.answer(actor=manager1, complaint=c, on=D(2026, 6, 10), outcome="defavorable",
                    text="Les frais appliqués sont ceux de la tarification.")  # fmt: skip
    response = client.get(f"/reclamations/{c.pk}/courrier.pdf?type=reponse")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "gros-caracteres-langage-clair" in response["Content-Disposition"]
    assert is_tagged(response.content)
    text = pdf_text(response.content)
    assert "nous ne pouvons pas vous donner raison" in text
    assert "Médiateur auprès de la banque (test)" in text
    assert "Document en gros caractères et langage clair" in text
    standard = pdf_text(
        client.get(f"/reclamations/{c.pk}/courrier.pdf?type=reponse&standard=1").content
    )
    assert "notre réponse est défavorable" in standard
    assert "Voies de recours" in standard
    assert "saisir notre service réclamations puis" in standard
    # Answered by the complaints department: the mediator is the next step, and the
    # department signs.
    services.escalate(actor=manager1, complaint=c, on=D(2026, 6, 11), reason="demande du client")
    escalated = pdf_text(
        client.get(f"/reclamations/{c.pk}/courrier.pdf?type=reponse&standard=1").content
    )
    assert "vous pouvez saisir gratuitement le médiateur" in escalated
    assert "Service réclamations" in escalated
    ack = pdf_text(client.get(f"/reclamations/{c.pk}/courrier.pdf?type=accuse&standard=1").content)
    assert "au plus tard le 01/08/2026, dans les deux mois" in ack
    assert client.get(f"/reclamations/{c.pk}/courrier.pdf?type=attente").status_code == 404


def test_the_register_figures_and_exports(client: Client, manager1: Any) -> None:
    """Two complaints of 2026: one acknowledged on time and answered after 19 days, one
    acknowledged late (due 12 June, done 15 June) and not answered yet."""
    party = PartyFactory(manager=manager1)
    a = complaint(party, manager1, received_on=D(2026, 6, 1), typology="tarification")
    b = complaint(party, manager1, received_on=D(2026, 6, 1), channel="email")
    services.acknowledge(actor=manager1, complaint=a, on=D(2026, 6, 2))
    services.answer(actor=manager1, complaint=a, on=D(2026, 6, 20), outcome="favorable",
                    text="Remboursement.", refund=Decimal("1234.50"))  # fmt: skip
    services.acknowledge(actor=manager1, complaint=b, on=D(2026, 6, 15))
    client.force_login(manager1)
    html = client.get("/reclamations/registre/?annee=2026").content.decode()
    assert "50,0\u00a0% (1 sur 2 échues)" in html  # acknowledged within the deadline
    # Answers: a on time; b's 2-month deadline (1 August) has passed → late.
    assert "Répondues dans le délai</dt><dd>50,0\u00a0%" in html
    assert "19,0 jours" in html
    csv = client.get("/reclamations/registre/export/?annee=2026&format=csv").content
    lines = csv.decode("utf-8-sig").splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("N°;Agence;Client")
    assert "1\u202f234,50\u00a0€" in lines[1] or "1 234,50" in lines[1].replace("\u202f", " ")
    from openpyxl import load_workbook

    xlsx = client.get("/reclamations/registre/export/?annee=2026&format=xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet is not None
    assert sheet.max_row == 3
    assert sheet["G2"].value.date() == D(2026, 6, 1)  # a date, not text
    assert sheet["G2"].number_format == "DD/MM/YYYY"
    assert sheet["S2"].value == 1234.5  # an amount a spreadsheet sums
    assert sheet["A2"].value == a.pk


def test_the_client_page_shows_its_complaints(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    c = complaint(party, manager1, subject="Carte bloquée")
    client.force_login(manager1)
    html = client.get(f"/clients/{party.pk}/").content.decode()
    assert "Carte bloquée" in html
    assert f"/reclamations/{c.pk}/" in html
    assert f"/reclamations/nouvelle/{party.pk}/" in html
