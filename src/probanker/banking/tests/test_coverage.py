"""Product coverage: families held per client, rates, peers by NAF division and segment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from probanker.banking import coverage
from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.tests.factories import naf
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_a_closed_contract_does_not_make_a_holder() -> None:
    """Only open contracts count: a savings account closed last year is not held."""
    party = PartyFactory()
    ContractFactory(party=party)
    ContractFactory(party=party, product=product("savings_account"), closed_on=dt.date(2025, 3, 1))
    assert coverage.holdings(Party.objects.all()) == {party.pk: {"flux"}}


def test_rates_over_a_portfolio_count_each_client_once() -> None:
    """Two clients, one holding two accounts and a card (all « flux »): flux 2/2, épargne 1/2."""
    first, second = PartyFactory(), PartyFactory()
    ContractFactory(party=first)
    ContractFactory(party=first)
    ContractFactory(party=first, product=product("business_card"))
    ContractFactory(party=second)
    ContractFactory(party=second, product=product("term_deposit"))
    rates = {r.family: r for r in coverage.coverage(Party.objects.all())}
    assert (rates["flux"].holders, rates["flux"].clients, rates["flux"].rate) == (
        2, 2, Decimal("1.0000"),
    )  # fmt: skip
    assert rates["epargne"].rate == Decimal("0.5000")
    assert rates["assurance"].holders == 0


def test_peer_rates_need_five_clients_and_name_the_gaps() -> None:
    """Six bakeries: four hold an insurance (4/6 ≥ 50 %): the other two lack it; a group
    of four restaurants gives no rate at all."""
    bakery = naf("10.71C", "Boulangerie et boulangerie-pâtisserie")
    bakeries = [PartyFactory(naf=bakery, segment="artisan") for _ in range(6)]
    for party in bakeries[:4]:
        ContractFactory(party=party, product=product("multirisk_insurance"))
    for _ in range(4):
        PartyFactory(segment="commercant")
    peers = coverage.peer_rates()
    assert set(peers) == {("10", "artisan")}
    assert peers[("10", "artisan")]["assurance"].rate == Decimal("0.6667")
    held = coverage.holdings(Party.objects.all())
    gaps = [
        p.pk
        for p in bakeries
        if coverage.missing_against_peers(held.get(p.pk, set()), peers[("10", "artisan")])
    ]
    assert gaps == [bakeries[4].pk, bakeries[5].pk]


def test_queries_do_not_grow_with_clients(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Coverage of a portfolio is two queries, for 3 clients as for 30."""
    for _ in range(30):
        ContractFactory()
    with django_assert_max_num_queries(3):
        coverage.coverage(Party.objects.all(), families=["flux"])
    with django_assert_max_num_queries(2):
        coverage.peer_rates()
