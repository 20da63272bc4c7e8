"""Complaints' services: receipt with the branch's deadlines, each step, refusals, the
channel the accessibility profile rules out, escalation and the daily batch step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from probanker.complaints import services
from probanker.complaints.models import Level, Status
from probanker.complaints.steps import complaints_deadlines
from probanker.complaints.tests.factories import complaint, mediator
from probanker.core.registry import StepContext, batch_steps
from probanker.core.services import DomainError
from probanker.core.tests.factories import BranchFactory, UserFactory
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def strasbourg_manager() -> Any:
    branch = BranchFactory(code="STR01", name="Strasbourg", departement="67")
    return UserFactory(username="alsace", role="manager", branch=branch)


def test_receipt_takes_the_deadlines_of_the_branchs_departement(
    manager1: Any, strasbourg_manager: Any
) -> None:
    """The same payment-service complaint of Thursday 2 April 2026: Good Friday is a holiday
    in Strasbourg, not in Tours — acknowledged by 16 April there, 15 April in Tours, and
    answered by 27 April there, 24 April in Tours (test_deadlines counts them)."""
    manager1.branch.departement = "37"
    manager1.branch.save()
    tours = complaint(PartyFactory(manager=manager1), manager1, received_on=D(2026, 4, 2),
                      payment_service=True)  # fmt: skip
    alsace = complaint(PartyFactory(manager=strasbourg_manager), strasbourg_manager,
                       received_on=D(2026, 4, 2), payment_service=True)  # fmt: skip
    assert (tours.acknowledge_by, alsace.acknowledge_by) == (D(2026, 4, 15), D(2026, 4, 16))
    assert (tours.answer_by, alsace.answer_by) == (D(2026, 4, 24), D(2026, 4, 27))
    assert alsace.branch == strasbourg_manager.branch
    assert alsace.status == Status.RECEIVED
    assert alsace.level == Level.BRANCH


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"received_on": D(2099, 1, 1)}, "futur"),
        ({"received_on": D(1999, 12, 31)}, "précède"),
        ({"channel": "pigeon"}, "Canal inconnu"),
        ({"subject": "   "}, "obligatoires"),
        ({"sent_on": D(2026, 6, 2)}, "envoi"),
        ({"complainant_type": "representant"}, "représentant"),
    ],
)
def test_receipt_refuses_bad_input_in_french(
    manager1: Any, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        complaint(PartyFactory(manager=manager1), manager1, **changes)


def test_a_role_without_complaint_change_cannot_record(manager1: Any, risk_analyst: Any) -> None:
    with pytest.raises(PermissionDenied):
        complaint(PartyFactory(manager=manager1), risk_analyst)


def test_the_steps_move_the_stage_and_are_audited(manager1: Any) -> None:
    """Acknowledge, then answer: stages recue → accusee → repondue, one history row each."""
    mediator()
    c = complaint(PartyFactory(manager=manager1), manager1, received_on=D(2026, 6, 1))
    services.acknowledge(actor=manager1, complaint=c, on=D(2026, 6, 3), via="email")
    assert c.status == Status.ACKNOWLEDGED
    assert c.acknowledged_via == "email"
    with pytest.raises(DomainError, match="déjà"):
        services.acknowledge(actor=manager1, complaint=c, on=D(2026, 6, 3))
    services.answer(
        actor=manager1, complaint=c, on=D(2026, 6, 20), outcome="partielle",
        text="Nous remboursons la moitié des frais.", refund=Decimal("24.50"),
    )  # fmt: skip
    c.refresh_from_db()
    assert c.status == Status.ANSWERED
    assert c.refund == Decimal("24.50")
    reasons = [h.history_change_reason for h in c.history.order_by("history_date")]
    assert reasons == [
        "réception de la réclamation",
        "accusé de réception du 03/06/2026",
        "réponse du 20/06/2026 (Partiellement favorable)",
    ]
    with pytest.raises(DomainError, match="déjà reçu"):
        services.answer(actor=manager1, complaint=c, on=D(2026, 6, 21), outcome="favorable",
                        text="…")  # fmt: skip


def test_a_refusal_needs_a_mediator_on_record(manager1: Any) -> None:
    """A refusal, even partial, states the remedies: without a mediator it is refused."""
    c = complaint(PartyFactory(manager=manager1), manager1)
    with pytest.raises(DomainError, match="médiateur"):
        services.answer(actor=manager1, complaint=c, on=D(2026, 6, 5), outcome="defavorable",
                        text="Les frais sont conformes à la tarification.")  # fmt: skip
    services.answer(actor=manager1, complaint=c, on=D(2026, 6, 5), outcome="favorable",
                    text="Nous remboursons les frais.")  # fmt: skip
    assert c.status == Status.ANSWERED


def test_a_holding_reply_only_for_payment_services(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    ordinary = complaint(party, manager1)
    with pytest.raises(DomainError, match="L133-45"):
        services.holding_reply(actor=manager1, complaint=ordinary, on=D(2026, 6, 5),
                               reason="Enquête")  # fmt: skip
    payment = complaint(party, manager1, payment_service=True)
    with pytest.raises(DomainError, match="raisons"):
        services.holding_reply(actor=manager1, complaint=payment, on=D(2026, 6, 5), reason=" ")
    services.holding_reply(actor=manager1, complaint=payment, on=D(2026, 6, 5),
                           reason="Enquête auprès de la banque du bénéficiaire.")  # fmt: skip
    assert payment.status == Status.HOLDING
    # After a holding reply, the final answer's deadline is what is owed next.
    assert payment.next_deadline() == ("réponse définitive", payment.final_answer_by)


def test_a_channel_the_profile_rules_out_is_refused_with_the_reason(manager1: Any) -> None:
    """A client reading with a screen reader gets no paper letter; a deaf client asking for
    sign-language relay is not phoned. The e-mail goes."""
    party = PartyFactory(manager=manager1, name="Atelier Roux")
    AccessibilityProfile.objects.create(party=party, screen_reader_documents=True)
    c = complaint(party, manager1)
    with pytest.raises(DomainError, match="lecteur d'écran : pas de courrier papier"):
        services.acknowledge(actor=manager1, complaint=c, on=D(2026, 6, 2), via="mail")
    services.acknowledge(actor=manager1, complaint=c, on=D(2026, 6, 2), via="email")
    assert c.acknowledged_on == D(2026, 6, 2)


def test_escalation_goes_one_level_up_then_the_mediator_by_referral(manager1: Any) -> None:
    c = complaint(PartyFactory(manager=manager1), manager1)
    services.escalate(actor=manager1, complaint=c, on=D(2026, 6, 4), reason="Client mécontent")
    assert c.level == Level.DEPARTMENT
    with pytest.raises(DomainError, match="déjà"):
        services.escalate(actor=manager1, complaint=c, on=D(2026, 6, 5), reason="Encore")
    services.refer_to_mediator(actor=manager1, complaint=c, on=D(2026, 8, 10))
    assert c.level == Level.MEDIATOR
    assert c.mediator_referred_on == D(2026, 8, 10)


def test_the_batch_step_flags_what_falls_due_and_escalates_what_is_overdue(
    manager1: Any,
) -> None:
    """On Monday 15 June 2026: a complaint of 1 June (acknowledge by 12 June) is overdue and
    escalated; one of 4 June (by 16 June, within 2 jours ouvrables) is flagged; one of
    10 June (by 22 June) is left alone. A second run the same day changes nothing."""
    party = PartyFactory(manager=manager1)
    late = complaint(party, manager1, received_on=D(2026, 6, 1))
    soon = complaint(party, manager1, received_on=D(2026, 6, 4))
    calm = complaint(party, manager1, received_on=D(2026, 6, 10))
    assert (late.acknowledge_by, soon.acknowledge_by, calm.acknowledge_by) == (
        D(2026, 6, 12), D(2026, 6, 16), D(2026, 6, 22),
    )  # fmt: skip
    context = StepContext(as_of=D(2026, 6, 15), lake_dir=None)  # type: ignore[arg-type]
    assert complaints_deadlines(context) == {"complaints_due_soon": 1, "complaints_escalated": 1}
    for c in (late, soon, calm):
        c.refresh_from_db()
    assert late.level == Level.DEPARTMENT
    assert late.escalated_on == D(2026, 6, 15)
    assert (
        "échéance dépassée : accusé de réception au plus tard le 12/06/2026"
        in late.escalation_reason
    )
    assert soon.due_soon_on == D(2026, 6, 15)
    assert calm.due_soon_on is None
    assert complaints_deadlines(context) == {"complaints_due_soon": 0, "complaints_escalated": 0}
    assert "complaints_deadlines" in [s.name for s in batch_steps]
