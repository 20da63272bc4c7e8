"""``/api/v1/credits``: scoping per role, filters, pagination, exact figures, the decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.core.testing import api_as
from probanker.credit.models import ComplianceItem, CreditFile, Decision, FileStatus, Level
from probanker.credit.tests.factories import (
    ComplianceItemFactory,
    CreditFileFactory,
    DecisionFactory,
    FinancingLineFactory,
    RequestedProductFactory,
    balanced_file,
    rule,
)
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def complete_file(manager: Any) -> CreditFile:
    """A draft file: balanced plan, a 40,000 € loan at 4.50 % over 60 months, a guarantor
    capped at 20,000 €, the K-bis received."""
    file = balanced_file(PartyFactory(manager=manager, name="Boulangerie Roux"), manager)
    ComplianceItemFactory(file=file, rule=rule("teg"))
    return file


def test_detail_gives_the_plan_schedule_teg_coverage_and_compliance(manager1: Any) -> None:
    """The manager reads their file with the finance library's exact figures."""
    file = complete_file(manager1)
    response = api_as(manager1).get(f"/api/v1/credits/{file.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["party_name"] == "Boulangerie Roux"
    assert (body["status"], body["level"], body["decision"]) == ("brouillon", None, None)
    assert body["requested_amount"] == "40000.00"
    assert body["plan"]["needs"] == "50000.00"
    assert body["plan"]["resources"] == "50000.00"
    assert body["plan"]["own_contribution"] == "10000.00"
    assert body["plan"]["balanced"] is True
    assert [line["label"] for line in body["plan"]["lines"]] == ["Four", "Apport", "Prêt"]
    [loan] = body["products"]
    assert (loan["kind"], loan["amount"], loan["rate"], loan["months"]) == (
        "pret", "40000.00", "4.500", 60,
    )  # fmt: skip
    # 40,000 × 0.375 % / (1 − 1.00375^−60) = 745.72 € a month.
    assert loan["payment"] == "745.72"
    assert loan["instalments"] == 60
    assert loan["total_interest"] == "4743.27"
    assert loan["yearly_service"] == "8948.64"
    assert loan["teg"] == {"teg": "4.5000", "period_rate": "0.3750", "period": "mois"}
    [guarantee] = body["guarantees"]
    # 300,000 € less the 50 % haircut, capped by the 20,000 € limit.
    assert (guarantee["value"], guarantee["limit"], guarantee["counted"]) == (
        "300000.00", "20000.00", "20000.00",
    )  # fmt: skip
    assert body["coverage"] == {"exposure": "40000.00", "secured": "20000.00", "ratio": "50.0"}
    assert body["compliance"] == [
        {"code": "kbis", "label": rule("kbis").label, "reference": rule("kbis").reference,
         "blocking": True, "automatic": False, "state": "conforme",
         "checked_on": "2026-11-28", "checked_by": "manager1"},
        {"code": "teg", "label": rule("teg").label, "reference": rule("teg").reference,
         "blocking": True, "automatic": True, "state": "manquant",
         "checked_on": None, "checked_by": None},
    ]  # fmt: skip


def test_a_decided_file_shows_its_level_and_decision(manager1: Any) -> None:
    """Once decided, the file carries the delegation level and the recorded decision."""
    decision = DecisionFactory(
        file__party=PartyFactory(manager=manager1), decided_by=manager1,
        outcome=Decision.Outcome.CONDITIONAL, conditions="Caution du gérant",
    )  # fmt: skip
    body = api_as(manager1).get(f"/api/v1/credits/{decision.file_id}").json()
    assert (body["status"], body["level"], body["level_label"]) == (
        "decide", "manager", "Chargé de clientèle",
    )  # fmt: skip
    assert body["outcome"] == "accord_conditions"
    assert body["decision"]["outcome"] == "accord_conditions"
    assert body["decision"]["conditions"] == "Caution du gérant"
    assert body["decision"]["decided_by"] == "manager1"


def test_another_managers_file_is_404(manager1: Any, manager2: Any) -> None:
    """A colleague's file, their client's files and a decision on it are not found."""
    other = CreditFileFactory(party=PartyFactory(manager=manager2), submitted=True)
    api = api_as(manager1)
    assert api.get(f"/api/v1/credits/{other.pk}").status_code == 404
    assert api.get(f"/api/v1/clients/{other.party_id}/credits").status_code == 404
    response = api.post(
        f"/api/v1/credits/{other.pk}/decision", {"outcome": "accord"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 404
    assert not Decision.objects.exists()
    assert api.get("/api/v1/credits").json()["count"] == 0


def test_each_role_reaches_its_scope(
    manager1: Any, manager2: Any, director: Any, risk_analyst: Any, committee: Any,
    manager_other_branch: Any, jury: Any,
) -> None:  # fmt: skip
    """A director reads the branch, the risk analyst and the committee every branch, the
    jury nothing (403)."""
    own = CreditFileFactory(party=PartyFactory(manager=manager1))
    colleague = CreditFileFactory(party=PartyFactory(manager=manager2))
    elsewhere = CreditFileFactory(party=PartyFactory(manager=manager_other_branch))

    def ids(user: Any) -> set[int]:
        return {f["id"] for f in api_as(user).get("/api/v1/credits").json()["items"]}

    assert ids(manager1) == {own.pk}
    assert ids(director) == {own.pk, colleague.pk}
    assert ids(risk_analyst) == ids(committee) == {own.pk, colleague.pk, elsewhere.pk}
    assert api_as(director).get(f"/api/v1/credits/{elsewhere.pk}").status_code == 404
    assert api_as(risk_analyst).get(f"/api/v1/credits/{elsewhere.pk}").status_code == 200
    api = api_as(jury)
    for url in ("/api/v1/credits", f"/api/v1/credits/{own.pk}",
                f"/api/v1/clients/{own.party_id}/credits"):  # fmt: skip
        response = api.get(url)
        assert response.status_code == 403, url
        assert response.json()["detail"].startswith("Votre rôle ne permet pas cette action (")
        assert response.json()["errors"] == []


def test_list_filters(manager1: Any) -> None:
    """status, level, party, purpose, q, decided and a half-open creation range."""
    party = PartyFactory(manager=manager1, name="Garage Martin")
    draft = CreditFileFactory(party=party, purpose="tresorerie", created_on=dt.date(2026, 1, 5))
    submitted = CreditFileFactory(
        party=PartyFactory(manager=manager1), submitted=True, level=Level.DIRECTOR,
        created_on=dt.date(2026, 2, 1),
    )  # fmt: skip
    decided = DecisionFactory(file__party=PartyFactory(manager=manager1), decided_by=manager1).file
    api = api_as(manager1)

    def ids(**filters: str) -> list[int]:
        response = api.get("/api/v1/credits", filters)
        assert response.status_code == 200, response.content
        return [f["id"] for f in response.json()["items"]]

    assert ids(status="soumis") == [submitted.pk]
    assert ids(level="director") == [submitted.pk]
    assert ids(party=str(party.pk)) == [draft.pk]
    assert ids(purpose="tresorerie") == [draft.pk]
    assert ids(q="garage") == [draft.pk]
    assert ids(decided="true") == [decided.pk]
    assert set(ids(decided="false")) == {draft.pk, submitted.pk}
    assert ids(created_from="2026-01-05", created_before="2026-02-01") == [draft.pk]
    response = api.get("/api/v1/credits", {"status": "perdu"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Données invalides",
        "errors": [
            {
                "field": "status",
                "message": "Sélectionnez un choix valide. perdu n’en fait pas partie.",
            }
        ],
    }


def test_list_is_paginated_by_fifty(manager1: Any) -> None:
    """51 files: 50 on the first page, the last one on the second, newest first."""
    party = PartyFactory(manager=manager1)
    files = [
        CreditFileFactory(party=party, created_on=dt.date(2026, 1, 1) + dt.timedelta(days=n))
        for n in range(51)
    ]
    api = api_as(manager1)
    first = api.get("/api/v1/credits").json()
    assert first["count"] == 51
    assert len(first["items"]) == 50
    assert first["items"][0]["id"] == files[-1].pk
    second = api.get("/api/v1/credits", {"page": 2}).json()
    assert [f["id"] for f in second["items"]] == [files[0].pk]


def test_client_credits_lists_that_clients_files(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    mine = CreditFileFactory(party=party)
    RequestedProductFactory(file=mine, amount=D("12500.50"))
    RequestedProductFactory(file=mine, kind="decouvert", amount=D("5000.00"), rate=D("9.5"))
    CreditFileFactory(party=PartyFactory(manager=manager1))
    body = api_as(manager1).get(f"/api/v1/clients/{party.pk}/credits").json()
    assert [(f["id"], f["requested_amount"]) for f in body] == [(mine.pk, "17500.50")]


def _decide(api: Client, file: CreditFile, **payload: str) -> Any:
    return api.post(f"/api/v1/credits/{file.pk}/decision", payload, content_type="application/json")


def test_decision_writes_the_row_and_the_history(manager1: Any) -> None:
    """The manager decides a file of their level: the decision row, the file decided, the
    history naming them; a second decision is refused (409) and changes nothing."""
    file = CreditFileFactory(party=PartyFactory(manager=manager1), submitted=True)
    api = api_as(manager1)
    response = _decide(api, file, outcome="accord_conditions", conditions="Caution du gérant")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["outcome"], body["level"], body["decided_by"]) == (
        "accord_conditions", "manager", "manager1",
    )  # fmt: skip
    decision = Decision.objects.get(file=file)
    assert (decision.outcome, decision.level, decision.conditions, decision.decided_by) == (
        "accord_conditions", "manager", "Caution du gérant", manager1,
    )  # fmt: skip
    file.refresh_from_db()
    assert file.status == FileStatus.DECIDED
    last = file.history.latest("history_date")
    assert (last.status, last.history_user) == (FileStatus.DECIDED, manager1)
    again = _decide(api, file, outcome="refus", conditions="Non")
    assert again.status_code == 409
    assert again.json() == {
        "detail": "Ce dossier est déjà décidé : la décision ne change plus.", "errors": [],
    }  # fmt: skip
    assert Decision.objects.get(file=file).outcome == "accord_conditions"


def test_decision_outside_the_delegation_is_403(
    manager1: Any, director: Any, risk_analyst: Any, jury: Any
) -> None:
    """A file of the director's level: the manager is refused (403) with the level named,
    the risk analyst and the jury by their role; the director decides."""
    file = CreditFileFactory(
        party=PartyFactory(manager=manager1), submitted=True, level=Level.DIRECTOR
    )
    response = _decide(api_as(manager1), file, outcome="accord")
    assert response.status_code == 403
    assert "« Directeur d'agence »" in response.json()["detail"]
    for user in (risk_analyst, jury):
        assert _decide(api_as(user), file, outcome="accord").status_code == 403
    assert not Decision.objects.exists()
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED
    assert _decide(api_as(director), file, outcome="accord").status_code == 201
    assert Decision.objects.get(file=file).decided_by == director


def test_decision_on_a_draft_or_with_invalid_data(manager1: Any) -> None:
    """A draft is 409; an unknown outcome and a refusal without motive are 422."""
    draft = CreditFileFactory(party=PartyFactory(manager=manager1))
    api = api_as(manager1)
    response = _decide(api, draft, outcome="accord")
    assert response.status_code == 409
    assert response.json() == {"detail": "Seul un dossier soumis se décide.", "errors": []}
    file = CreditFileFactory(party=PartyFactory(manager=manager1), submitted=True)
    response = _decide(api, file, outcome="peut-être")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "outcome"
    response = _decide(api, file)
    assert response.status_code == 422
    response = _decide(api, file, outcome="refus", conditions="  ")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Données invalides",
        "errors": [
            {"field": "__all__", "message": "Indiquez les conditions ou le motif du refus."}
        ],
    }
    assert not Decision.objects.exists()
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED


def test_openapi_documents_every_response(client: Client, manager1: Any) -> None:
    """The schema lists 200/401/403/404/422 for reads of one object, 201/401/403/404/409/422
    for the decision, and amounts as strings."""
    client.force_login(manager1)
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    one = {"200", "401", "403", "404", "422"}
    assert set(paths["/api/v1/credits/{file_id}"]["get"]["responses"]) == one
    assert set(paths["/api/v1/clients/{party_id}/credits"]["get"]["responses"]) == one
    assert set(paths["/api/v1/credits"]["get"]["responses"]) == {"200", "401", "403", "422"}
    assert set(paths["/api/v1/credits/{file_id}/decision"]["post"]["responses"]) == {
        "201", "401", "403", "404", "409", "422",
    }  # fmt: skip
    assert set(paths["/api/v1/credits/{file_id}/submission"]["post"]["responses"]) == {
        "200", "401", "403", "404", "409", "422",
    }  # fmt: skip
    for path in ("/api/v1/alertes/{alert_id}", "/api/v1/dossiers-degradation/{case_id}",
                 "/api/v1/clients/{party_id}/risque"):  # fmt: skip
        assert set(paths[path]["get"]["responses"]) == one, path
    amount = schema["components"]["schemas"]["CreditFileOut"]["properties"]["requested_amount"]
    assert amount["type"] == "string"


def ready_file(manager: Any) -> CreditFile:
    """A draft that may be submitted: up-to-date KYC, a fiscal year, a balanced plan, a
    40,000 € loan and the documents received."""
    party = PartyFactory(
        manager=manager, kyc_status="complete", kyc_next_review=dt.date(2030, 1, 1)
    )
    fiscal_year(party, manager)
    file = CreditFileFactory(party=party)
    FinancingLineFactory(file=file, side="besoin", amount=D("40000.00"))
    FinancingLineFactory(file=file, side="ressource", amount=D("40000.00"))
    RequestedProductFactory(file=file)
    for code in ("kbis", "identite", "assurance"):
        ComplianceItemFactory(file=file, rule=rule(code), state=ComplianceItem.State.OK)
    return file


def test_submission_sets_the_level_from_the_grid(manager1: Any) -> None:
    """A complete file is submitted: the grid gives the manager's level (40,000 €, sound
    client), the row and the history say so; a second submission is 409."""
    file = ready_file(manager1)
    api = api_as(manager1)
    response = api.post(f"/api/v1/credits/{file.pk}/submission")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["level"]) == ("soumis", "manager")
    assert {i["code"]: i["state"] for i in body["compliance"]} == {
        "assurance": "conforme", "identite": "conforme", "kbis": "conforme",
        "kyc": "conforme", "liasses": "conforme", "teg": "conforme",
    }  # fmt: skip
    file.refresh_from_db()
    assert (file.status, file.level, file.submitted_on) == (
        FileStatus.SUBMITTED, Level.MANAGER, timezone.localdate(),
    )  # fmt: skip
    last = file.history.latest("history_date")
    assert (last.status, last.history_user) == (FileStatus.SUBMITTED, manager1)
    again = api.post(f"/api/v1/credits/{file.pk}/submission")
    assert again.status_code == 409


def test_an_incomplete_file_is_not_submitted(manager1: Any, risk_analyst: Any) -> None:
    """A blocking item missing is a 422 naming it; the risk analyst may not submit (403)."""
    file = ready_file(manager1)
    file.compliance.filter(rule__code="assurance").update(state=ComplianceItem.State.MISSING)
    assert api_as(risk_analyst).post(f"/api/v1/credits/{file.pk}/submission").status_code == 403
    response = api_as(manager1).post(f"/api/v1/credits/{file.pk}/submission")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Données invalides",
        "errors": [
            {
                "field": "__all__",
                "message": "Pièces ou contrôles bloquants manquants : "
                "Assurance emprunteur souscrite ou déléguée.",
            }
        ],
    }
    file.refresh_from_db()
    assert (file.status, file.level) == (FileStatus.DRAFT, "")
