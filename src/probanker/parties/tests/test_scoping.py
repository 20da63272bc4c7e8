"""``visible_to``: who sees which parties and contracts."""

from __future__ import annotations

from typing import Any

import pytest

from probanker.banking.models import Contract
from probanker.banking.tests.factories import ContractFactory
from probanker.core.tests.factories import UserFactory
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolios(manager1: Any, manager2: Any, manager_other_branch: Any) -> dict[str, Any]:
    return {
        "p1": PartyFactory(manager=manager1),
        "p2": PartyFactory(manager=manager2),
        "p9": PartyFactory(manager=manager_other_branch),
    }


def names(queryset: Any) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_manager_sees_only_their_portfolio(portfolios: dict[str, Any], manager1: Any) -> None:
    assert names(Party.objects.visible_to(manager1)) == {portfolios["p1"].pk}


def test_director_sees_the_branch(portfolios: dict[str, Any], director: Any) -> None:
    assert names(Party.objects.visible_to(director)) == {portfolios["p1"].pk, portfolios["p2"].pk}


def test_risk_analyst_sees_every_branch(portfolios: dict[str, Any], risk_analyst: Any) -> None:
    assert len(names(Party.objects.visible_to(risk_analyst))) == 3


def test_jury_and_inactive_users_see_nothing(portfolios: dict[str, Any], manager1: Any) -> None:
    jury = UserFactory(username="jury", role="jury")
    assert not Party.objects.visible_to(jury).exists()
    manager1.is_active = False
    assert not Party.objects.visible_to(manager1).exists()


def test_contracts_follow_their_party(portfolios: dict[str, Any], manager1: Any) -> None:
    mine = ContractFactory(party=portfolios["p1"])
    ContractFactory(party=portfolios["p2"])
    assert names(Contract.objects.visible_to(manager1)) == {mine.pk}


def test_director_without_branch_sees_nothing(portfolios: dict[str, Any]) -> None:
    lost = UserFactory(username="lost", role="director", branch=None)
    assert not Party.objects.visible_to(lost).exists()
