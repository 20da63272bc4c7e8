"""Interviews, needs, the report's channel, specialists, guide versions and opportunities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from probanker.banking.tests.factories import product
from probanker.core.services import DomainError
from probanker.core.tests.factories import UserFactory
from probanker.credit.models import Decision
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory
from probanker.sales import services
from probanker.sales.guides import GuideError
from probanker.sales.models import ClientNeed, InterviewGuide, Stage

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def test_an_interview_puts_the_needs_its_answers_reveal_into_the_profile() -> None:
    party = PartyFactory(segment="artisan")
    guide = services.guide_for("projet_financement", "artisan")
    raw = {"nature_projet": "véhicule", "cout_projet": "38 500", "location": "non",
           "vehicule": "oui", "prochain_contact": "2026-12-04"}  # fmt: skip
    answers = services.read_answers(guide, raw)
    assert answers["cout_projet"] == "38500.00"
    interview = services.hold_interview(
        actor=party.manager, party=party, guide=guide, held_on=TODAY, answers=answers,
        summary="Renouvellement du fourgon.",
    )  # fmt: skip
    needs = {n.code: n for n in ClientNeed.objects.filter(party=party)}
    assert set(needs) == {"financement_equipement", "credit_bail"}  # « location : non »
    assert needs["financement_equipement"].interview == interview
    with pytest.raises(DomainError, match="Coût total du projet"):
        services.read_answers(guide, {"cout_projet": "beaucoup"})


def test_the_report_goes_only_through_a_channel_the_profile_allows() -> None:
    party = PartyFactory()
    AccessibilityProfile.objects.create(party=party, screen_reader_documents=True)
    guide = services.guide_for("decouverte", party.segment)
    interview = services.hold_interview(actor=party.manager, party=party, guide=guide,
                                        held_on=TODAY, answers={}, summary="Découverte.")  # fmt: skip
    with pytest.raises(DomainError, match="par écrit"):
        services.record_report_sent(actor=party.manager, interview=interview, channel="phone",
                                    on=TODAY)  # fmt: skip
    with pytest.raises(DomainError, match="lecteur d'écran"):
        services.record_report_sent(actor=party.manager, interview=interview, channel="mail",
                                    on=TODAY)  # fmt: skip
    sent = services.record_report_sent(actor=party.manager, interview=interview,
                                       channel="email", on=TODAY)  # fmt: skip
    assert sent.status == "sent"
    assert sent.report_channel == "email"


def test_an_edited_guide_is_a_new_current_version() -> None:
    admin = UserFactory(role="admin")
    guide = services.guide_for("bilan_annuel", "liberal")
    sections = [{"title": "Court", "questions": [{"key": "q", "label": "Q ?", "type": "text"}]}]
    new = services.new_guide_version(actor=admin, guide=guide, title="", sections=sections,
                                     on=TODAY)  # fmt: skip
    assert new.version == guide.version + 1
    assert new.current
    guide.refresh_from_db()
    assert not guide.current
    assert services.guide_for("bilan_annuel", "liberal") == new
    bad = [{"title": "X", "questions": [{"key": "q", "label": "Q", "type": "couleur"}]}]
    with pytest.raises(GuideError, match="section 1, question 1, champ « type »"):
        services.new_guide_version(actor=admin, guide=new, title="", sections=bad, on=TODAY)
    with pytest.raises(PermissionDenied):
        services.new_guide_version(actor=UserFactory(), guide=new, title="", sections=sections,
                                   on=TODAY)  # fmt: skip
    assert InterviewGuide.objects.filter(situation="bilan_annuel", segment="liberal").count() == 2


def test_a_credit_opportunity_opens_a_credit_file_and_a_lost_one_needs_its_reason() -> None:
    party = PartyFactory()
    manager = party.manager
    loan = services.open_opportunity(actor=manager, party=party, product=product("equipment_loan"),
                                     amount=Decimal("45000"), on=TODAY)  # fmt: skip
    assert loan.credit_file is not None
    assert loan.credit_file.purpose == "equipement"
    card = services.open_opportunity(actor=manager, party=party, product=product("business_card"),
                                     amount=Decimal("60"), on=TODAY)  # fmt: skip
    assert card.credit_file is None
    with pytest.raises(DomainError, match="motif"):
        services.move_opportunity(actor=manager, opportunity=card, stage=Stage.LOST, on=TODAY)
    with pytest.raises(DomainError, match="une fois son dossier accordé"):
        services.move_opportunity(actor=manager, opportunity=loan, stage=Stage.WON, on=TODAY)
    Decision.objects.create(file=loan.credit_file, level="manager", outcome="accord",
                            decided_by=manager)  # fmt: skip
    won = services.move_opportunity(actor=manager, opportunity=loan, stage=Stage.WON, on=TODAY)
    assert won.closed_on == TODAY
    with pytest.raises(DomainError, match="close"):
        services.move_opportunity(actor=manager, opportunity=won, stage=Stage.WON, on=TODAY,
                                  amount=Decimal(5))  # fmt: skip
    with pytest.raises(DomainError, match="close"):
        services.move_opportunity(actor=manager, opportunity=won, stage=Stage.PROPOSED, on=TODAY)
    for amount in (Decimal(0), Decimal(-5), Decimal("1e12")):
        with pytest.raises(DomainError):
            services.open_opportunity(actor=manager, party=party, product=product("leasing"),
                                      amount=amount, on=TODAY)  # fmt: skip
