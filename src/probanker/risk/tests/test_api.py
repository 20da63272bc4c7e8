"""``/api/v1/alertes``, ``/api/v1/dossiers-degradation``, ``/api/v1/clients/{id}/risque``:
scoping per role, filters, pagination, evidence, measures and the client's status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from probanker.core.testing import api_as
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import MeasureStatus, RiskStatus
from probanker.risk.tests.factories import (
    AlertFactory,
    ClientRiskFactory,
    CorrectiveMeasureFactory,
    DegradationCaseFactory,
    rule,
)

pytestmark = pytest.mark.django_db


def ids(api: Client, url: str, **filters: str) -> list[int]:
    response = api.get(url, filters)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


def test_alerts_are_open_by_default_and_filtered(manager1: Any) -> None:
    """Open alerts only unless ``status`` says otherwise; rule, severity, party and a
    half-open opening range filter them; most severe first."""
    party = PartyFactory(manager=manager1, name="Garage Martin")
    rejects = AlertFactory(party=party, opened_on=dt.date(2026, 6, 1))
    overdraft = AlertFactory(
        party=PartyFactory(manager=manager1), rule=rule("depassement-30j"),
        opened_on=dt.date(2026, 6, 15), evidence={"beyond_limit_days_30": 9},
    )  # fmt: skip
    closed = AlertFactory(
        party=party, rule=rule("ebe-negatif"), opened_on=dt.date(2026, 3, 1),
        closed_on=dt.date(2026, 5, 1), evidence={"ebe_negative": True},
    )  # fmt: skip
    api = api_as(manager1)
    assert ids(api, "/api/v1/alertes") == [rejects.pk, overdraft.pk]  # severity 3, then 2
    assert ids(api, "/api/v1/alertes", status="closed") == [closed.pk]
    assert set(ids(api, "/api/v1/alertes", status="all")) == {rejects.pk, overdraft.pk, closed.pk}
    assert ids(api, "/api/v1/alertes", rule="depassement-30j") == [overdraft.pk]
    assert ids(api, "/api/v1/alertes", severity="3") == [rejects.pk]
    assert ids(api, "/api/v1/alertes", party=str(party.pk)) == [rejects.pk]
    assert ids(api, "/api/v1/alertes", opened_from="2026-06-01", opened_before="2026-06-15") == [
        rejects.pk
    ]
    assert ids(api, "/api/v1/alertes", opened_on="2026-06-15") == [overdraft.pk]
    row = api.get("/api/v1/alertes").json()["items"][0]
    assert row == {
        "id": rejects.pk, "party_id": party.pk, "party_name": "Garage Martin", "account": None,
        "rule": "rejets-30j", "rule_label": "Rejets et impayés répétés", "rule_version": 1,
        "severity": 3, "severity_label": "élevée", "opened_on": "2026-06-01",
        "last_seen_on": "2026-06-30", "closed_on": None,
    }  # fmt: skip
    response = api.get("/api/v1/alertes", {"severity": "9", "rule": "inconnue"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Données invalides"
    assert [e["field"] for e in body["errors"]] == ["rule", "severity"]


def test_alerts_are_paginated_by_fifty(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    for n in range(51):
        AlertFactory(party=PartyFactory(manager=manager1) if n else party)
    api = api_as(manager1)
    first = api.get("/api/v1/alertes").json()
    assert (first["count"], len(first["items"])) == (51, 50)
    assert len(api.get("/api/v1/alertes", {"page": 2}).json()["items"]) == 1


def test_alert_detail_with_its_evidence(manager1: Any, manager2: Any) -> None:
    """The evidence kept at opening and at the last sighting, raw and in words; a
    colleague's alert is 404."""
    alert = AlertFactory(
        party=PartyFactory(manager=manager1),
        evidence={"rejected_30": 3, "past_due_cents": 123456},
        last_evidence={"rejected_30": 4, "past_due_cents": 50},
    )
    case = DegradationCaseFactory(party=alert.party)
    case.alerts.add(alert)
    api = api_as(manager1)
    body = api.get(f"/api/v1/alertes/{alert.pk}").json()
    assert body["condition"] == rule().condition
    assert body["evidence"] == [
        {"metric": "rejected_30", "label": "Rejets et impayés sur 30 jours", "value": 3,
         "text": "3"},
        {"metric": "past_due_cents", "label": "Montant en retard", "value": 123456,
         "text": "1\u202f234,56\u00a0€"},
    ]  # fmt: skip
    assert [e["value"] for e in body["last_evidence"]] == [4, 50]
    assert body["cases"] == [case.pk]
    other = AlertFactory(party=PartyFactory(manager=manager2))
    assert api.get(f"/api/v1/alertes/{other.pk}").status_code == 404
    assert other.pk not in ids(api, "/api/v1/alertes", status="all")


def test_case_detail_causes_measures_follow_up_and_closure(manager1: Any, manager2: Any) -> None:
    """A closed case with its measures (amounts, deadlines, follow-up) and outcome."""
    alert = AlertFactory(party=PartyFactory(manager=manager1))
    case = DegradationCaseFactory(
        party=alert.party, first_contact_on=dt.date(2026, 7, 1), causes="Perte d'un client",
        escalated_on=dt.date(2026, 7, 10), escalation_reason="mesure en retard",
        closed_on=dt.date(2026, 9, 1), outcome="regularise", outcome_note="Soldé",
    )  # fmt: skip
    case.alerts.add(alert)
    done = CorrectiveMeasureFactory(
        case=case, status=MeasureStatus.DONE, done_on=dt.date(2026, 7, 30)
    )
    reduction = CorrectiveMeasureFactory(
        case=case, kind="reduction", amount=None, deadline=dt.date(2026, 8, 15),
        status=MeasureStatus.FAILED, done_on=dt.date(2026, 8, 16), note="refusée",
    )  # fmt: skip
    api = api_as(manager1)
    body = api.get(f"/api/v1/dossiers-degradation/{case.pk}").json()
    assert (body["causes"], body["first_contact_on"], body["escalated_on"]) == (
        "Perte d'un client", "2026-07-01", "2026-07-10",
    )  # fmt: skip
    assert (body["closed_on"], body["outcome"], body["outcome_label"], body["outcome_note"]) == (
        "2026-09-01", "regularise", "Situation régularisée", "Soldé",
    )  # fmt: skip
    assert body["overdue"] == ""
    assert body["measures"] == [
        {"id": done.pk, "kind": "regularisation", "kind_label": "Plan de régularisation",
         "amount": "2500.00", "deadline": "2026-07-31", "status": "realisee",
         "status_label": "Réalisée", "done_on": "2026-07-30", "note": ""},
        {"id": reduction.pk, "kind": "reduction", "kind_label": "Réduction de l'autorisation",
         "amount": None, "deadline": "2026-08-15", "status": "non_tenue",
         "status_label": "Non tenue", "done_on": "2026-08-16", "note": "refusée"},
    ]  # fmt: skip
    assert [a["id"] for a in body["alerts"]] == [alert.pk]
    other = DegradationCaseFactory(party=PartyFactory(manager=manager2))
    assert api.get(f"/api/v1/dossiers-degradation/{other.pk}").status_code == 404


def test_an_open_case_says_what_is_overdue(manager1: Any) -> None:
    case = DegradationCaseFactory(
        party=PartyFactory(manager=manager1), first_contact_due=dt.date(2020, 1, 2)
    )
    body = api_as(manager1).get(f"/api/v1/dossiers-degradation/{case.pk}").json()
    assert body["overdue"] == "premier contact attendu le 02/01/2020"


def test_cases_list_filters(manager1: Any, manager2: Any) -> None:
    """Open cases first; status, party and escalation filter; a colleague's case is absent."""
    party = PartyFactory(manager=manager1)
    open_case = DegradationCaseFactory(party=party, escalated_on=dt.date(2026, 7, 3))
    closed = DegradationCaseFactory(
        party=PartyFactory(manager=manager1), closed_on=dt.date(2026, 8, 1), outcome="sans_suite"
    )
    DegradationCaseFactory(party=PartyFactory(manager=manager2))
    api = api_as(manager1)
    url = "/api/v1/dossiers-degradation"
    assert ids(api, url) == [open_case.pk, closed.pk]
    assert ids(api, url, status="open") == [open_case.pk]
    assert ids(api, url, status="closed") == [closed.pk]
    assert ids(api, url, party=str(party.pk)) == [open_case.pk]
    assert ids(api, url, escalated="true") == [open_case.pk]
    assert ids(api, url, escalated="false") == [closed.pk]


def test_client_risk_status_stage_reason_and_open_alerts(manager1: Any, manager2: Any) -> None:
    """The latest status with its reason and past-due amount, the open alerts only."""
    risk = ClientRiskFactory(
        party=PartyFactory(manager=manager1), status=RiskStatus.DEGRADED, stage=2,
        days_past_due=45, past_due_cents=123456, material=True,
    )  # fmt: skip
    party = risk.party
    alert = AlertFactory(party=party)
    AlertFactory(party=party, rule=rule("ebe-negatif"), closed_on=dt.date(2026, 6, 1))
    case = DegradationCaseFactory(party=party)
    api = api_as(manager1)
    body = api.get(f"/api/v1/clients/{party.pk}/risque").json()
    assert {k: v for k, v in body.items() if k != "open_alerts"} == {
        "party_id": party.pk, "as_of": "2026-06-30", "status": "degrade",
        "status_label": "Dégradé", "stage": 2, "reason": "Rejets et impayés répétés",
        "days_past_due": 45, "past_due": "1234.56", "material": True, "open_case": case.pk,
    }  # fmt: skip
    assert [a["id"] for a in body["open_alerts"]] == [alert.pk]
    other = PartyFactory(manager=manager2)
    assert api.get(f"/api/v1/clients/{other.pk}/risque").status_code == 404


def test_client_risk_before_the_first_run(manager1: Any) -> None:
    """No batch run yet on the client: nothing is made up."""
    party = PartyFactory(manager=manager1)
    body = api_as(manager1).get(f"/api/v1/clients/{party.pk}/risque").json()
    assert (body["status"], body["stage"], body["as_of"], body["past_due"]) == (
        None, None, None, "0.00",
    )  # fmt: skip
    assert (body["open_alerts"], body["open_case"]) == ([], None)


def test_each_role_reaches_its_scope(
    manager1: Any, manager2: Any, director: Any, risk_analyst: Any,
    manager_other_branch: Any, jury: Any,
) -> None:  # fmt: skip
    """Director: the branch; risk analyst: every branch; jury: 403 everywhere."""
    own = AlertFactory(party=PartyFactory(manager=manager1))
    colleague = AlertFactory(party=PartyFactory(manager=manager2))
    elsewhere = AlertFactory(party=PartyFactory(manager=manager_other_branch))
    case = DegradationCaseFactory(party=elsewhere.party)
    assert set(ids(api_as(director), "/api/v1/alertes")) == {own.pk, colleague.pk}
    assert set(ids(api_as(risk_analyst), "/api/v1/alertes")) == {
        own.pk, colleague.pk, elsewhere.pk,
    }  # fmt: skip
    assert api_as(director).get(f"/api/v1/alertes/{elsewhere.pk}").status_code == 404
    assert api_as(director).get(f"/api/v1/dossiers-degradation/{case.pk}").status_code == 404
    analyst = api_as(risk_analyst)
    assert analyst.get(f"/api/v1/dossiers-degradation/{case.pk}").status_code == 200
    assert analyst.get(f"/api/v1/clients/{elsewhere.party_id}/risque").status_code == 200
    api = api_as(jury)
    for url in ("/api/v1/alertes", f"/api/v1/alertes/{own.pk}", "/api/v1/dossiers-degradation",
                f"/api/v1/dossiers-degradation/{case.pk}",
                f"/api/v1/clients/{own.party_id}/risque"):  # fmt: skip
        response = api.get(url)
        assert response.status_code == 403, url
        assert response.json()["detail"].startswith("Votre rôle ne permet pas cette action (")
        assert response.json()["errors"] == []


def test_measure_amounts_keep_two_decimals(manager1: Any) -> None:
    case = DegradationCaseFactory(party=PartyFactory(manager=manager1))
    CorrectiveMeasureFactory(case=case, amount=D("1500"))
    body = api_as(manager1).get(f"/api/v1/dossiers-degradation/{case.pk}").json()
    assert body["measures"][0]["amount"] == "1500.00"
