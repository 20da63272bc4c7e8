"""Every write of sales: interviews and the needs they reveal, the report's sending,
specialists, guide versions, opportunities and their stages.

Each function checks the actor's right (``require``, the last line of defence after
the views and the API) and raises :class:`DomainError` in French for what the rules
refuse.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from probanker.banking.models import Product
from probanker.core.formatting import euros
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.credit import services as credit
from probanker.parties.accessibility import check_channel
from probanker.parties.models import Party
from probanker.sales.guides import (
    SEGMENT_TITLES,
    check_sections,
    denied_needs,
    parse_answer,
    revealed_needs,
)
from probanker.sales.models import (
    CLOSED_STAGES,
    AfterSalesEvent,
    ClientNeed,
    EventStatus,
    Interview,
    InterviewGuide,
    InterviewStatus,
    Opportunity,
    SpecialistReferral,
    Stage,
)

CHANGE = "sales.change"
#: How a written report reaches the client: e-mail, post, or handed over at the branch.
REPORT_CHANNELS = ("email", "mail", "branch")
MAX_AMOUNT = Decimal("1e11")

#: Catalogue products whose opportunity opens a credit file, with the file's purpose.
CREDIT_PURPOSES = {
    "equipment_loan": "equipement",
    "leasing": "equipement",
    "real_estate_loan": "immobilier",
    "overdraft": "tresorerie",
    "dailly": "tresorerie",
}


def guide_for(situation: str, segment: str) -> InterviewGuide:
    """The current guide of the situation for the client's segment (a « société
    patrimoniale » uses the TPE's)."""
    segment = segment if segment in SEGMENT_TITLES else "tpe"
    guide = InterviewGuide.objects.filter(situation=situation, segment=segment, current=True)
    found = guide.first()
    if found is None:
        raise DomainError(f"Aucun guide en vigueur pour la situation « {situation} ».")
    return found


def read_answers(guide: InterviewGuide, raw: dict[str, str]) -> dict[str, Any]:
    """The typed answers of a form (``{key: text}``); :class:`DomainError` naming the
    question whose answer does not fit its type."""
    answers: dict[str, Any] = {}
    for question in guide.questions():
        try:
            value = parse_answer(question, str(raw.get(question["key"], "")))
        except ValueError as error:
            raise DomainError(f"« {question['label']} » : {error}.") from None
        if value is not None:
            answers[question["key"]] = value
    return answers


@transaction.atomic
def hold_interview(
    *,
    actor: User,
    party: Party,
    guide: InterviewGuide,
    held_on: dt.date,
    answers: dict[str, Any],
    summary: str,
    next_steps: str = "",
    today: dt.date | None = None,
) -> Interview:
    """Record an interview held and put the needs its answers reveal into the client's
    profile (one row per need: a later interview updates it). ``today`` is the day it
    is recorded (the local day unless given, as the demo's business date is)."""
    require(actor, CHANGE)
    today = today or timezone.localdate()
    if held_on > today:
        raise DomainError("Un entretien se consigne une fois tenu : la date est dans le futur.")
    if held_on < today - dt.timedelta(days=366):
        raise DomainError("Un entretien se consigne dans l'année où il a été tenu.")
    if not summary.strip():
        raise DomainError("La synthèse de l'entretien est obligatoire.")
    interview = Interview.objects.create(
        party=party, manager=actor, guide=guide, held_on=held_on, answers=answers,
        summary=summary.strip(), next_steps=next_steps.strip(),
    )  # fmt: skip
    revealed = revealed_needs(guide.questions(), answers)
    for need in revealed:
        known = ClientNeed.objects.filter(party=party, code=need.code).first()
        ClientNeed.objects.update_or_create(
            party=party, code=need.code,
            # A need noted again without an amount keeps the one noted before.
            defaults={"detail": need.detail or (known.detail if known else ""),
                      "amount": need.amount if need.amount is not None
                      else (known.amount if known else None),
                      "noted_on": held_on, "interview": interview},
        )  # fmt: skip
    # A need the client now says « non » to is no longer theirs.
    denied = denied_needs(guide.questions(), answers) - {n.code for n in revealed}
    if denied:
        for need_row in ClientNeed.objects.filter(party=party, code__in=denied):
            need_row.delete()
    return interview


@transaction.atomic
def record_report_sent(
    *, actor: User, interview: Interview, channel: str, on: dt.date
) -> Interview:
    """The report sent through ``channel``, which the client's profile must allow."""
    require(actor, CHANGE)
    if channel not in REPORT_CHANNELS:
        raise DomainError(
            "Un compte rendu s'envoie par écrit : courriel, courrier ou remis en agence."
        )
    check_channel(interview.party, channel)
    if interview.report_sent_on is not None:
        raise DomainError(
            f"Le compte rendu est déjà envoyé (le {interview.report_sent_on:%d/%m/%Y})."
        )
    check_past(on, timezone.localdate(), "La date d'envoi")
    if on < interview.held_on:
        raise DomainError("Le compte rendu ne peut pas être envoyé avant l'entretien.")
    interview.report_channel, interview.report_sent_on = channel, on
    interview.status = InterviewStatus.REPORT_SENT
    interview.save(update_fields=["report_channel", "report_sent_on", "status"])
    return interview


def refer_to_specialist(
    *, actor: User, party: Party, specialty: str, question: str, on: dt.date,
    interview: Interview | None = None,
) -> SpecialistReferral:  # fmt: skip
    """Call a specialist in for the client; tracked until answered."""
    require(actor, CHANGE)
    if not question.strip():
        raise DomainError("Précisez la question posée au spécialiste.")
    return SpecialistReferral.objects.create(
        party=party, interview=interview, specialty=specialty, question=question.strip(),
        requested_by=actor, requested_on=on,
    )  # fmt: skip


def answer_referral(
    *, actor: User, referral: SpecialistReferral, answer: str, on: dt.date
) -> SpecialistReferral:
    """The specialist's answer, recorded by the manager."""
    require(actor, CHANGE)
    if referral.answered_on:
        raise DomainError("Ce spécialiste a déjà répondu.")
    if not answer.strip():
        raise DomainError("La réponse du spécialiste est vide.")
    check_past(on, timezone.localdate(), "La date de la réponse")
    if on < referral.requested_on:
        raise DomainError("La réponse ne peut pas précéder la demande.")
    referral.answer, referral.answered_on = answer.strip(), on
    referral.save(update_fields=["answer", "answered_on"])
    return referral


@transaction.atomic
def new_guide_version(
    *, actor: User, guide: InterviewGuide, title: str, sections: Any, on: dt.date
) -> InterviewGuide:
    """Save an edited guide as the next version, which becomes the current one; the
    interviews keep the version they were held with."""
    require(actor, "guide.change")
    check_sections(sections)  # GuideError (a ValueError) says where
    locked = InterviewGuide.objects.select_for_update().filter(
        situation=guide.situation, segment=guide.segment
    )
    last = max(g.version for g in locked)
    locked.filter(current=True).update(current=False)
    return InterviewGuide.objects.create(
        situation=guide.situation, segment=guide.segment, title=title.strip() or guide.title,
        version=last + 1, current=True, sections=sections, created_on=on, created_by=actor,
    )  # fmt: skip


def _credit_granted(opportunity: Opportunity) -> bool:
    """Whether the opportunity's credit file was decided favourably."""
    from probanker.credit.models import Decision

    return Decision.objects.filter(
        file_id=opportunity.credit_file_id,
        outcome__in=(Decision.Outcome.ACCORD, Decision.Outcome.CONDITIONAL),
    ).exists()


def check_expected(expected_on: dt.date, on: dt.date) -> None:
    """An expected date within a year back and ten years ahead."""
    if not on - dt.timedelta(days=366) <= expected_on <= on + dt.timedelta(days=3653):
        raise DomainError(
            "La date de conclusion attendue se situe entre un an en arrière et dix ans devant."
        )


def check_past(day: dt.date, on: dt.date, what: str) -> None:
    """A date recorded for something done: not after ``on``, not before 2000."""
    if day > on:
        raise DomainError(f"{what} ne peut pas être dans le futur.")
    if day < dt.date(2000, 1, 1):
        raise DomainError(f"{what} est antérieure à 2000 : vérifiez l'année.")


def _check_amount(amount: Decimal) -> None:
    if not amount.is_finite() or amount <= 0:
        raise DomainError("Le montant d'une opportunité doit être supérieur à 0 €.")
    if amount >= MAX_AMOUNT:
        raise DomainError("Le montant dépasse 100 milliards d'euros.")


@transaction.atomic
def open_opportunity(
    *, actor: User, party: Party, product: Product, amount: Decimal, on: dt.date,
    stage: str = Stage.DETECTED, expected_on: dt.date | None = None, source: str = "",
    interview: Interview | None = None,
) -> Opportunity:  # fmt: skip
    """A new opportunity; one of credit (loan, leasing, overdraft, Dailly) opens a
    credit file in constitution, linked to it."""
    require(actor, CHANGE)
    _check_amount(amount)
    if stage in CLOSED_STAGES:
        raise DomainError("Une opportunité s'ouvre à une étape en cours, pas gagnée ni perdue.")
    if expected_on is not None:
        check_expected(expected_on, on)
    if party.kind != "client" and product.code in CREDIT_PURPOSES:
        raise DomainError("Un crédit se propose à un client, pas à un prospect.")
    opportunity = Opportunity(
        party=party, manager=party.manager or actor, product=product, amount=amount,
        stage=stage, expected_on=expected_on, source=source[:240], interview=interview,
        created_on=on,
    )  # fmt: skip
    if product.code in CREDIT_PURPOSES:
        opportunity.credit_file = credit.create_file(
            actor=actor, party=party, purpose=CREDIT_PURPOSES[product.code], today=on,
            description=f"{product.label} : {euros(amount)} demandés (opportunité). {source}".strip(),
        )  # fmt: skip
    opportunity.save()
    return opportunity


@transaction.atomic
def move_opportunity(
    *, actor: User, opportunity: Opportunity, stage: str, on: dt.date, lost_reason: str = "",
    amount: Decimal | None = None, expected_on: dt.date | None = None, note: str | None = None,
) -> Opportunity:  # fmt: skip
    """Move to ``stage`` (a lost one needs its reason); a closed one no longer moves."""
    require(actor, CHANGE)
    if stage not in Stage.values:
        raise DomainError(f"Étape inconnue : « {stage[:40]} ».")
    if not opportunity.is_open:
        # What was won or lost stays as it was closed: the sales of a period are counted
        # on their closing date.
        raise DomainError("Cette opportunité est close : elle ne se modifie plus.")
    if stage == Stage.LOST and not lost_reason:
        raise DomainError("Une opportunité perdue demande son motif.")
    if stage == Stage.WON and opportunity.credit_file_id and not _credit_granted(opportunity):
        raise DomainError(
            "Une opportunité de crédit se gagne une fois son dossier accordé "
            f"(dossier n° {opportunity.credit_file_id})."
        )
    if expected_on is not None:
        check_expected(expected_on, on)
    if amount is not None:
        _check_amount(amount)
        opportunity.amount = amount
    if expected_on is not None:
        opportunity.expected_on = expected_on
    if note is not None:
        opportunity.note = note[:400]
    opportunity.stage = stage
    opportunity.lost_reason = lost_reason if stage == Stage.LOST else ""
    opportunity.closed_on = on if stage in CLOSED_STAGES else None
    opportunity.save()
    return opportunity


def close_event(
    *, actor: User, event: AfterSalesEvent, outcome: str, on: dt.date
) -> AfterSalesEvent:
    """An after-sales event handled: the contact made (``fait``) or set aside (``ecarte``)."""
    require(actor, CHANGE)
    if outcome not in (EventStatus.DONE, EventStatus.DISMISSED):
        raise DomainError(f"Issue inconnue : « {outcome[:40]} ».")
    if event.status != EventStatus.OPEN:
        raise DomainError("Cet événement est déjà traité.")
    event.status, event.closed_on, event.closed_by = outcome, on, actor
    event.save(update_fields=["status", "closed_on", "closed_by"])
    return event
