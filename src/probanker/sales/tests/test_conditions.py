"""Negotiated conditions within the grid, figures worked by hand: the manager grants
25 points, 300 € a year and 12 months alone, the director 75 points, 2,000 € and 36
months, the committee beyond (seeded rows)."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.services import DomainError
from probanker.core.tests.factories import UserFactory
from probanker.parties.tests.factories import PartyFactory
from probanker.sales import conditions
from probanker.sales.models import ConditionLimit, NegotiatedCondition

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
YEAR = TODAY + dt.timedelta(days=365)


def _loan(manager: Any, balance: str) -> Any:
    party = PartyFactory(manager=manager)
    return ContractFactory(party=party, product=product("equipment_loan"), balance=Decimal(balance))


def _rate(actor: Any, contract: Any, bp: int, end: dt.date = YEAR) -> NegotiatedCondition:
    return conditions.request_condition(
        actor=actor, contract=contract, kind="taux", label="Taux du prêt", rate_bp=bp,
        reason="Reprise d'un prêt concurrent", start=TODAY, end=end, on=TODAY,
    )  # fmt: skip


def test_within_the_managers_delegation_it_is_granted_at_once(manager1: Any) -> None:
    """20 points on 50,000 € = 100 € a year: the manager's level, granted."""
    condition = _rate(manager1, _loan(manager1, "50000"), 20)
    assert condition.annual_cost == Decimal("100.00")
    assert (condition.level, condition.status, condition.decided_by) == (
        "manager",
        "accordee",
        manager1,
    )


def test_beyond_it_goes_to_the_level_that_grants_it(
    manager1: Any, director: Any, committee: Any
) -> None:
    """50 points on 80,000 € = 400 € > 300 €: the director; 100 points: the committee;
    10 points for 24 months: the director (the manager grants 12 months)."""
    pending = _rate(manager1, _loan(manager1, "80000"), 50)
    assert (pending.annual_cost, pending.level, pending.status) == (
        Decimal("400.00"), "director", "a_decider",
    )  # fmt: skip
    with pytest.raises(DomainError, match="Au-delà de votre délégation"):
        conditions.decide_condition(actor=manager1, condition=pending, grant=True, on=TODAY)
    conditions.decide_condition(actor=director, condition=pending, grant=True, on=TODAY)
    assert (pending.status, pending.decided_by) == ("accordee", director)
    big = _rate(manager1, _loan(manager1, "80000"), 100)
    assert big.level == "committee"
    with pytest.raises(DomainError, match="Comité"):
        conditions.decide_condition(actor=director, condition=big, grant=True, on=TODAY)
    conditions.decide_condition(actor=committee, condition=big, grant=False, on=TODAY)
    assert big.status == "refusee"
    long = _rate(manager1, _loan(manager1, "10000"), 10, TODAY + dt.timedelta(days=730))
    assert (long.annual_cost, long.level) == (Decimal("10.00"), "director")


def test_fees_waived_cost_what_they_give_up(manager1: Any) -> None:
    account = ContractFactory(party=PartyFactory(manager=manager1), balance=Decimal("4000"))
    waived = conditions.request_condition(
        actor=manager1, contract=account, kind="frais", label="Frais de tenue de compte",
        fees=Decimal("2400"), reason="Flux de trois établissements", start=TODAY, end=YEAR,
        on=TODAY,
    )  # fmt: skip
    assert (waived.annual_cost, waived.level) == (Decimal("2400.00"), "committee")


def test_what_the_rules_refuse(manager1: Any) -> None:
    account = ContractFactory(party=PartyFactory(manager=manager1))
    with pytest.raises(DomainError, match="porte sur un crédit"):
        _rate(manager1, account, 10)
    loan = _loan(manager1, "10000")
    with pytest.raises(DomainError, match="après sa date de début"):
        _rate(manager1, loan, 10, TODAY)
    with pytest.raises(DomainError, match="60 mois au plus"):
        _rate(manager1, loan, 10, TODAY + dt.timedelta(days=365 * 6))
    with pytest.raises(DomainError, match="de 1 à 500"):
        _rate(manager1, loan, 900)
    loan.closed_on = TODAY
    loan.save()
    with pytest.raises(DomainError, match="contrat est clos"):
        _rate(manager1, loan, 10)
    assert not NegotiatedCondition.objects.exists()


def test_the_pages_the_day_and_the_pnb(
    client: Client, manager1: Any, director: Any, tmp_path: Any
) -> None:
    today = timezone.localdate()
    loan = _loan(manager1, "50000")
    client.force_login(manager1)
    response = client.post(f"/ventes/conditions/nouvelle/{loan.pk}/", {
        "kind": "taux", "label": "Taux du prêt d'équipement", "rate_bp": "60",
        "start": today.isoformat(), "end": (today + dt.timedelta(days=365)).isoformat(),
        "reason": "Le client rapatrie ses flux",
    })  # fmt: skip
    assert response.status_code == 302
    condition = NegotiatedCondition.objects.get(contract=loan)
    assert (condition.annual_cost, condition.status) == (Decimal("300.00"), "a_decider")
    # 60 points exceed the manager's 25: the director's day shows it
    client.force_login(director)
    day = html.unescape(client.get("/").content.decode())
    assert "Conditions négociées à décider" in day
    assert "bonification de 60 points de base" in day
    client.post(f"/ventes/conditions/{condition.pk}/decision/", {"decision": "accorder"})
    condition.refresh_from_db()
    assert condition.status == "accordee"
    from probanker.portfolio import compute

    compute.refresh_figures(today, tmp_path)  # the client's PNB, as the daily batch does
    page = html.unescape(client.get(f"/clients/{loan.party_id}/").content.decode())
    assert "Conditions négociées en vigueur : 300" in page
    assert "Taux du prêt d'équipement" in page


def test_the_administrator_sets_the_grid(client: Client) -> None:
    admin = UserFactory(username="adm", role="admin", branch=None)
    client.force_login(admin)
    client.post("/ventes/conditions/grille/", {"level": "manager", "max_rate_bp": "30",
                                               "max_annual_cost": "500", "max_months": "12"})  # fmt: skip
    assert ConditionLimit.objects.get(level="manager").max_rate_bp == 30
    refused = client.post("/ventes/conditions/grille/", {
        "level": "manager", "max_rate_bp": "90", "max_annual_cost": "500", "max_months": "12",
    }, follow=True)  # fmt: skip
    assert "Le directeur accorde au moins ce que le chargé accorde seul." in html.unescape(
        refused.content.decode()
    )
    assert ConditionLimit.objects.get(level="manager").max_rate_bp == 30
