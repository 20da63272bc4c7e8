"""Degradation cases: open from alerts, contact, measures, escalation, closure, access."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from probanker.banking.tests.factories import ContractFactory
from probanker.core.services import DomainError
from probanker.parties.tests.factories import PartyFactory
from probanker.risk import cases
from probanker.risk.models import Alert, DegradationCase
from probanker.risk.services import run_risk
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 6, 29)


@pytest.fixture
def troubled(tmp_path: Path, settings: Any, manager1: Any) -> Any:
    settings.LAKE_DIR = tmp_path / "lake"
    mine = ContractFactory(party=PartyFactory(manager=manager1, name="Garage Martin"))
    other = ContractFactory(party=PartyFactory(manager=manager1, name="Fleurs"))
    write_lake(settings.LAKE_DIR, (mine.pk, mine.party_id), (other.pk, other.party_id))
    run_risk(AS_OF)
    return mine.party


def test_case_lifecycle(troubled: Any, manager1: Any) -> None:
    alerts = list(Alert.objects.open().filter(party=troubled))
    case = cases.open_case(actor=manager1, party=troubled, alerts=alerts, today=MONDAY)
    assert case.first_contact_due == dt.date(2026, 7, 1)  # two business days
    with pytest.raises(DomainError, match="déjà ouvert"):
        cases.open_case(actor=manager1, party=troubled, alerts=[], today=MONDAY)
    with pytest.raises(DomainError, match="contact"):
        cases.close_case(actor=manager1, case=case, outcome="regularise", note="", today=MONDAY)
    cases.record_contact(
        actor=manager1, case=case, contacted_on=MONDAY, causes="Perte d'un client important."
    )
    plan = cases.add_measure(
        actor=manager1, case=case, kind="regularisation", deadline=dt.date(2026, 7, 31),
        amount=Decimal("1500.00"),
    )  # fmt: skip
    with pytest.raises(DomainError, match="mesures prévues"):
        cases.close_case(actor=manager1, case=case, outcome="regularise", note="", today=MONDAY)
    cases.follow_measure(actor=manager1, measure=plan, status="realisee", on=dt.date(2026, 7, 20))
    cases.close_case(actor=manager1, case=case, outcome="regularise", note="Soldé.", today=MONDAY)
    case.refresh_from_db()
    assert case.outcome == "regularise"
    reasons = [h.history_change_reason for h in case.history.order_by("history_date")]
    assert reasons[0] == "ouverture du dossier"
    assert "Plan de régularisation : réalisée" in reasons
    assert reasons[-1] == "clôture : Situation régularisée"


def test_overdue_cases_are_escalated_by_the_batch(troubled: Any, manager1: Any) -> None:
    """The daily batch's escalation step escalates an overdue case once, with its reason."""
    from probanker.batch.services import run_daily, step_counts

    case = cases.open_case(actor=manager1, party=troubled, alerts=[], today=MONDAY)
    assert cases.escalate_overdue(dt.date(2026, 7, 1)) == 0  # due that day
    run = run_daily(as_of=dt.date(2026, 7, 2))
    assert step_counts(run, "cases_escalation") == {"cases_escalated": 1}
    case.refresh_from_db()
    assert case.escalated_on == dt.date(2026, 7, 2)
    assert "premier contact attendu le 01/07/2026" in case.escalation_reason
    assert cases.escalate_overdue(dt.date(2026, 7, 3)) == 0  # once


def test_case_pages(
    client: Client, troubled: Any, manager1: Any, manager2: Any, director: Any
) -> None:
    client.force_login(manager1)
    page = client.get(f"/clients/{troubled.pk}/").content.decode()
    assert "Ouvrir un dossier de dégradation" in page
    form = client.get(f"/risques/dossiers/nouveau/{troubled.pk}/").content.decode()
    assert "Rejets et impayés répétés" in form
    alert_ids = [str(a.pk) for a in Alert.objects.open().filter(party=troubled)]
    response = client.post(
        f"/risques/dossiers/nouveau/{troubled.pk}/",
        {"alerts": alert_ids, "first_contact_due": "2099-01-02", "causes": ""},
    )
    case = DegradationCase.objects.get()
    assert response["Location"] == f"/risques/dossiers/{case.pk}/"
    assert case.alerts.count() == len(alert_ids)
    url = f"/risques/dossiers/{case.pk}/"
    client.post(url + "contact/", {"contacted_on": "2099-01-02", "causes": "Impayé d'un client."})
    client.post(
        url + "measure/", {"kind": "reduction", "amount": "2 000,00", "deadline": "2099-02-01"}
    )
    html = client.get(url).content.decode()
    assert "Réduction de l&#x27;autorisation" in html
    assert "2\u202f000,00\u00a0€" in html
    bad = client.post(url + "measure/", {"kind": "reduction", "deadline": ""}, follow=True)
    assert "Formulaire incomplet" in bad.content.decode()
    # The director sees the branch's cases; another manager does not.
    client.force_login(director)
    assert "Garage Martin" in client.get("/risques/dossiers/").content.decode()
    client.force_login(manager2)
    assert client.get(url).status_code == 404
    assert client.post(url + "close/", {"outcome": "sans_suite", "note": "x"}).status_code == 404
    assert "Garage Martin" not in client.get("/risques/dossiers/").content.decode()


def test_a_first_contact_cannot_be_dated_in_the_future(troubled: Any, manager1: Any) -> None:
    """A contact is a fact: one dated after today is refused, nothing recorded."""
    from django.utils import timezone

    today = timezone.localdate()
    case = cases.open_case(actor=manager1, party=troubled, alerts=[], today=today)
    with pytest.raises(DomainError, match="futur"):
        cases.record_contact(
            actor=manager1, case=case, contacted_on=today + dt.timedelta(days=1), causes="x"
        )
    case.refresh_from_db()
    assert case.first_contact_on is None


def test_a_huge_rule_threshold_is_a_form_error(client: Client, risk_analyst: Any) -> None:
    """A threshold beyond what the rule can store is refused with a message, not a 500."""
    client.force_login(risk_analyst)
    response = client.post(
        "/risques/regles/",
        {"code": "rejets-30j", "threshold": "9" * 23, "severity": "2", "active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Seuil invalide" in response.content.decode()
