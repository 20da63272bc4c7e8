"""The recommendation rules, with figures worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.formatting import euros0, fraction_percent
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory, PartyRoleFactory, PersonFactory
from probanker.risk.models import ClientRisk
from probanker.sales.models import ClientNeed, Opportunity
from probanker.sales.recommendations import for_party, recommend

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def _peers(holding_card: int, without: int) -> list[Party]:
    """Shopkeepers of NAF division 56: ``holding_card`` hold a business card."""
    parties = [PartyFactory(segment="commercant") for _ in range(holding_card + without)]
    for party in parties[:holding_card]:
        ContractFactory(party=party, product=product("business_card"), balance=0)
    return parties


def test_peers_need_and_event_each_give_their_reason_and_score() -> None:
    parties = _peers(4, 2)  # 4 of 6 hold a card: 66,67 % ≥ 50 %
    client = parties[-1]
    ClientNeed.objects.create(party=client, code="financement_equipement",
                              amount=Decimal("45000"), noted_on=dt.date(2026, 11, 3))  # fmt: skip
    born = dt.date(1968, 1, 15)  # 58 on 1 December 2026
    PartyRoleFactory(party=client, person=PersonFactory(first_name="Jean", last_name="Martin",
                                                        birth_date=born))  # fmt: skip
    offers = {r.product: r for r in for_party(client, TODAY)}
    assert offers["equipment_loan"].score == 90
    assert euros0(45000) in offers["equipment_loan"].reason
    assert "03/11/2026" in offers["equipment_loan"].reason
    assert offers["leasing"].score == 60
    card = offers["business_card"]
    assert card.score == 40  # 60 × 4/6 = 40
    assert "(4 sur 6)" in card.reason
    assert fraction_percent(Decimal("0.6667"), 0) in card.reason
    assert "division NAF 56" in card.reason
    assert offers["retirement_savings"].score == 60
    assert "Jean Martin" in offers["retirement_savings"].reason
    assert "58 ans" in offers["retirement_savings"].reason
    assert next(r.product for r in for_party(client, TODAY)) == "equipment_loan"


def test_never_a_product_held_nor_credit_to_a_degraded_client() -> None:
    parties = _peers(5, 1)
    holder, degraded = parties[0], parties[-1]
    ClientNeed.objects.create(party=holder, code="financement_equipement", noted_on=TODAY)
    ContractFactory(party=holder, product=product("equipment_loan"), balance=Decimal("20000"))
    assert "equipment_loan" not in {r.product for r in for_party(holder, TODAY)}
    assert "business_card" not in {r.product for r in for_party(holder, TODAY)}
    ClientNeed.objects.create(party=degraded, code="tresorerie", noted_on=TODAY)
    ClientNeed.objects.create(party=degraded, code="epargne_excedent", noted_on=TODAY)
    ClientRisk.objects.create(party=degraded, status="degrade", stage=2, as_of=TODAY, reason="test")
    offers = {r.product for r in for_party(degraded, TODAY)}
    assert "overdraft" not in offers
    assert "dailly" not in offers
    assert "savings_account" in offers  # savings is not credit
    assert "business_card" in offers


def test_a_product_already_offered_is_not_recommended_again_until_closed() -> None:
    """An open opportunity takes its product out of the list; once lost, it comes back."""
    client = PartyFactory()
    ClientNeed.objects.create(party=client, code="protection_activite", noted_on=TODAY)
    assert "multirisk_insurance" in {r.product for r in for_party(client, TODAY)}
    opportunity = Opportunity.objects.create(
        party=client, manager=client.manager, product=product("multirisk_insurance"),
        amount=Decimal("1800"), created_on=TODAY,
    )  # fmt: skip
    assert "multirisk_insurance" not in {r.product for r in for_party(client, TODAY)}
    opportunity.stage, opportunity.lost_reason = "perdue", "prix"
    opportunity.save()
    assert "multirisk_insurance" in {r.product for r in for_party(client, TODAY)}


def test_a_paid_off_credit_frees_borrowing_capacity() -> None:
    client = PartyFactory()
    ContractFactory(party=client, product=product("equipment_loan"), balance=0,
                    closed_on=dt.date(2026, 6, 15))  # fmt: skip
    offer = {r.product: r for r in for_party(client, TODAY)}["equipment_loan"]
    assert offer.score == 55
    assert "15/06/2026" in offer.reason


def test_one_pass_for_many_clients_does_not_grow_its_queries(
    django_assert_max_num_queries: object,
) -> None:
    _peers(10, 10)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        result = recommend(Party.objects.all(), TODAY)
    assert len(result) == 20
    assert sum(1 for offers in result.values() if offers) == 10


def test_what_a_legal_form_cannot_hold_and_no_credit_to_a_prospect() -> None:
    """An SAS president is no self-employed worker; a prospect gets no credit offer."""
    sas = PartyFactory(legal_form="SAS")
    ClientNeed.objects.create(party=sas, code="prevoyance_dirigeant", noted_on=TODAY)
    assert "provident_insurance" not in {r.product for r in for_party(sas, TODAY)}
    prospect = PartyFactory(kind="prospect")
    ClientNeed.objects.create(party=prospect, code="financement_equipement", noted_on=TODAY)
    ClientNeed.objects.create(party=prospect, code="protection_activite", noted_on=TODAY)
    offers = {r.product for r in for_party(prospect, TODAY)}
    assert "equipment_loan" not in offers
    assert "multirisk_insurance" in offers


def test_a_need_denied_later_is_closed_and_an_amount_is_kept() -> None:
    from probanker.sales import services

    party = PartyFactory(segment="artisan")
    guide = services.guide_for("bilan_annuel", "artisan")
    first = services.read_answers(guide, {"vehicule": "oui", "montant_equipement": "88 000"})
    services.hold_interview(actor=party.manager, party=party, guide=guide, held_on=TODAY,
                            answers=first, summary="Projet")  # fmt: skip
    assert ClientNeed.objects.get(party=party, code="financement_equipement").amount == 88000
    later = services.read_answers(guide, {"vehicule": "non", "projet_equipement": "oui"})
    services.hold_interview(actor=party.manager, party=party, guide=guide, held_on=TODAY,
                            answers=later, summary="Projet revu")  # fmt: skip
    needs = {n.code: n for n in ClientNeed.objects.filter(party=party)}
    assert "credit_bail" not in needs  # « non » to the vehicle: the leasing need is closed
    assert needs["financement_equipement"].amount == 88000  # no new amount: the old one stays
