"""Risk pages: a manager sees their portfolio's alerts only; the analyst edits the rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from probanker.banking.tests.factories import ContractFactory
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import AlertRule
from probanker.risk.services import run_risk
from probanker.risk.tests.lake_samples import AS_OF, write_lake

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(tmp_path: Path, settings: Any, manager1: Any, manager2: Any) -> dict[str, Any]:
    settings.LAKE_DIR = tmp_path / "lake"
    mine = ContractFactory(party=PartyFactory(manager=manager1, name="Garage Martin"))
    theirs = ContractFactory(party=PartyFactory(manager=manager2, name="Garage Dupuis"))
    write_lake(settings.LAKE_DIR, (mine.pk, mine.party_id), (theirs.pk, theirs.party_id))
    run_risk(AS_OF)
    return {"mine": mine.party, "theirs": theirs.party}


def test_daily_list_shows_own_alerts_most_severe_first(
    client: Client, manager1: Any, manager2: Any, alerts: dict[str, Any]
) -> None:
    client.force_login(manager1)
    html = client.get("/risques/").content.decode()
    assert "Garage Martin" in html
    assert "Rejets et impayés répétés" in html
    assert "Rejets et impayés sur 30 jours : 2" in html  # the evidence
    badges = re.findall(r'class="severity severity-(\d)"', html)
    assert badges
    assert badges == sorted(badges, reverse=True)  # most severe first
    assert "traitement du 30/06/2026" in html
    # manager2's client has no alert; manager2 does not see manager1's.
    client.force_login(manager2)
    assert "Garage Martin" not in client.get("/risques/?vue=ouvertes").content.decode()


def test_client_page_shows_status_reason_and_alerts(
    client: Client, manager1: Any, alerts: dict[str, Any]
) -> None:
    client.force_login(manager1)
    html = client.get(f"/clients/{alerts['mine'].pk}/").content.decode()
    assert "Dégradé" in html
    assert "stage IFRS 9 2" in html
    assert "Échéance de prêt impayée" in html
    assert "Montant en retard : 850,00\u00a0€" in html
    # Balance against the authorisation and credit turnover, with their data tables.
    assert '<svg role="img" aria-label="Solde et découvert autorisé sur 12 mois"' in html
    assert '<svg role="img" aria-label="Flux créditeurs confiés par mois"' in html


def test_rules_are_read_by_all_and_edited_by_the_analyst(
    client: Client, manager1: Any, risk_analyst: Any
) -> None:
    client.force_login(manager1)
    page = client.get("/risques/regles/").content.decode()
    assert "Rejets et impayés sur 30 jours ≥ 2" in page  # the label, not the code name
    assert "Seul l'analyste risques" in page
    body = {"code": "rejets-30j", "threshold": "3", "severity": "3", "active": "on"}
    assert client.post("/risques/regles/", body).status_code == 403
    client.force_login(risk_analyst)
    response = client.post("/risques/regles/", body, follow=True)
    assert "version 2 enregistrée" in response.content.decode()
    rule = AlertRule.objects.get(code="rejets-30j")
    assert (rule.threshold, rule.version, rule.updated_by) == (3, 2, risk_analyst)
    bad = client.post("/risques/regles/", {**body, "threshold": "trois"}, follow=True)
    assert "Seuil invalide" in bad.content.decode()


def test_an_account_alert_names_its_account(
    client: Client, manager1: Any, alerts: dict[str, Any]
) -> None:
    from probanker.banking.models import Contract

    AlertRule.objects.create(
        code="compte-debiteur", label="Compte débiteur", severity=1, level="account",
        metric="overdraft_days_30", comparator=">=", threshold=10, unit="jours",
        explanation="Un compte débiteur au moins 10 jours sur 30.", evidence=[],
    )  # fmt: skip
    run_risk(AS_OF)
    number = Contract.objects.get(party=alerts["mine"]).number
    client.force_login(manager1)
    assert f"compte {number}" in client.get("/risques/").content.decode()
    assert f"(compte {number})" in client.get(f"/clients/{alerts['mine'].pk}/").content.decode()
