"""Every write of a complaint, audited (django-simple-history keeps each change).

Receipt fixes the deadlines from the branch's département; then the acknowledgment
(unless the answer comes within its delay), a holding reply (payment services only,
where L133-45 allows one, with its reason), the answer with its outcome — a refusal,
even partial, needs the remedies, so a mediator must be recorded —, escalation
(branch → complaints department → mediator), the mediator's referral, and the root
cause with its corrective action. The daily batch (:func:`daily_review`) flags what
falls due within :data:`DUE_SOON_JOURS` and escalates what is overdue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from probanker.banking.models import Product
from probanker.complaints.deadlines import deadlines
from probanker.complaints.models import (
    OPEN_STATUSES,
    Attachment,
    Channel,
    ComplainantType,
    Complaint,
    LetterChannel,
    Level,
    Mediator,
    Outcome,
    Status,
    Typology,
)
from probanker.core import uploads
from probanker.core.calendar import add_jours_ouvrables
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties.accessibility import check_channel
from probanker.parties.models import Party

#: The batch flags a complaint whose next deadline is within this many jours ouvrables.
DUE_SOON_JOURS = 2
#: The oldest receipt date accepted: the register's records start there.
EARLIEST_RECEIPT = dt.date(2000, 1, 1)

CHANGE = "complaint.change"


def _save(complaint: Complaint, reason: str, actor: User | None = None) -> Complaint:
    """Save with the history's reason and, when known, its user (the demo and scripts
    have no request for the history middleware to read it from)."""
    complaint._change_reason = reason  # type: ignore[attr-defined]
    if actor is not None:
        complaint._history_user = actor  # type: ignore[attr-defined]
    complaint.save()
    return complaint


def _open(complaint: Complaint) -> None:
    if not complaint.is_open:
        raise DomainError("Cette réclamation a déjà reçu sa réponse.")


def _via(complaint: Complaint, via: str) -> str:
    """The letter's channel, refused with the reason when the client's profile rules it out."""
    if via not in LetterChannel.values:
        raise DomainError(f"Canal d'envoi inconnu : {via}.")
    check_channel(complaint.party, via)
    return via


def _not_future(day: dt.date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(f"{what} ne peut pas être daté(e) dans le futur.")


def _not_before_receipt(complaint: Complaint, day: dt.date, what: str) -> None:
    if day < complaint.received_on:
        raise DomainError(
            f"{what} ne peut pas précéder la réception ({complaint.received_on:%d/%m/%Y})."
        )
    _not_future(day, what)


@transaction.atomic
def receive(
    *,
    actor: User,
    party: Party,
    received_on: dt.date,
    channel: str,
    subject: str,
    description: str,
    payment_service: bool = False,
    sent_on: dt.date | None = None,
    typology: str = Typology.OTHER,
    product: Product | None = None,
    complainant_type: str = ComplainantType.CLIENT,
    complainant: str = "",
) -> Complaint:
    """Record a complaint received on ``received_on``, its deadlines computed from the
    département of the client's branch."""
    require(actor, CHANGE)
    if channel not in Channel.values:
        raise DomainError(f"Canal inconnu : {channel}.")
    if typology not in Typology.values:
        raise DomainError(f"Typologie inconnue : {typology}.")
    if complainant_type not in ComplainantType.values:
        raise DomainError(f"Auteur inconnu : {complainant_type}.")
    if received_on < EARLIEST_RECEIPT:
        raise DomainError(f"La date de réception précède le {EARLIEST_RECEIPT:%d/%m/%Y}.")
    _not_future(received_on, "La réception")
    if sent_on is not None and sent_on > received_on:
        raise DomainError("La date d'envoi ne peut pas suivre la date de réception.")
    if not subject.strip() or not description.strip():
        raise DomainError("L'objet et la description de la réclamation sont obligatoires.")
    if complainant_type == ComplainantType.REPRESENTATIVE and not complainant.strip():
        raise DomainError("Nommez le représentant qui présente la réclamation.")
    due = deadlines(
        received_on, payment_service=payment_service, departement=party.branch.departement
    )
    complaint = Complaint(
        party=party, branch=party.branch, channel=channel, received_on=received_on,
        sent_on=sent_on, subject=subject.strip(), description=description.strip(),
        payment_service=payment_service, typology=typology, product=product,
        complainant_type=complainant_type, complainant=complainant.strip(), created_by=actor,
        acknowledge_by=due.acknowledge_by, answer_by=due.answer_by,
        final_answer_by=due.final_answer_by,
    )  # fmt: skip
    return _save(complaint, "réception de la réclamation", actor)


def max_attachment_bytes() -> int:
    """The largest attachment accepted (``PROBANKER_ATTACHMENT_MAX_BYTES``, 10 Mo by default)."""
    return int(getattr(settings, "PROBANKER_ATTACHMENT_MAX_BYTES", 10 * uploads.MEBIBYTE))


def attachment_too_large(name: str, size: int) -> str:
    return uploads.too_large(name, size, max_attachment_bytes())


def _read_limited(name: str, chunks: Iterable[bytes]) -> bytes:
    """The whole file, refused as soon as it passes the limit (never read further)."""
    limit = max_attachment_bytes()
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise DomainError(attachment_too_large(name, size))
        parts.append(chunk)
    return b"".join(parts)


@transaction.atomic
def attach(
    *, actor: User, complaint: Complaint, name: str, chunks: Iterable[bytes], label: str = ""
) -> tuple[Attachment, bool]:
    """Join a document to the complaint; ``(attachment, created)``.

    Any stage accepts one (a mediator's letter comes after the answer). The kind is read
    from the content (PDF, JPEG, PNG, e-mail or text); an empty, unknown or oversized
    file is refused with the reason; the same content joined again changes nothing.
    """
    require(actor, CHANGE)
    name = uploads.safe_name(name, "piece-jointe")
    data = _read_limited(name, chunks)
    if not data:
        raise DomainError(f"{name} : le fichier est vide.")
    kind = uploads.document_kind(data)
    if kind is None:
        accepted = ", ".join(k.label for k in uploads.DOCUMENT_KINDS)
        raise DomainError(f"{name} : type de document non accepté. Sont acceptés : {accepted}.")
    name = kind.named(name)[-200:]
    digest = hashlib.sha256(data).hexdigest()
    existing = complaint.attachments.filter(sha256=digest).defer("content").first()
    if existing is not None:
        return existing, False
    attachment = Attachment.objects.create(
        complaint=complaint, label=label.strip()[:200], name=name,
        content_type=kind.content_type, size=len(data), sha256=digest, content=data,
        uploaded_by=actor,
    )  # fmt: skip
    _save(complaint, f"pièce jointe : {attachment}", actor)
    return attachment, True


@transaction.atomic
def acknowledge(
    *, actor: User, complaint: Complaint, on: dt.date, via: str = LetterChannel.MAIL
) -> Complaint:
    """The acknowledgment of receipt sent on ``on`` by ``via``."""
    require(actor, CHANGE)
    _open(complaint)
    if complaint.acknowledged_on is not None:
        raise DomainError("L'accusé de réception a déjà été envoyé.")
    _not_before_receipt(complaint, on, "L'accusé de réception")
    complaint.acknowledged_via = _via(complaint, via)
    complaint.acknowledged_on = on
    complaint.due_soon_on = None
    if complaint.status == Status.RECEIVED:
        complaint.status = Status.ACKNOWLEDGED
    return _save(complaint, f"accusé de réception du {on:%d/%m/%Y}", actor)


@transaction.atomic
def holding_reply(
    *, actor: User, complaint: Complaint, on: dt.date, reason: str,
    via: str = LetterChannel.MAIL,
) -> Complaint:  # fmt: skip
    """A holding reply (payment services only: L133-45 allows it, with its reasons and the
    date of the final answer, within 35 business days)."""
    require(actor, CHANGE)
    _open(complaint)
    if not complaint.payment_service or complaint.final_answer_by is None:
        raise DomainError(
            "Une réponse d'attente n'est prévue que pour les services de paiement "
            "(art. L133-45 du Code monétaire et financier)."
        )
    if complaint.holding_reply_on is not None:
        raise DomainError("La réponse d'attente a déjà été envoyée.")
    if not reason.strip():
        raise DomainError("Donnez les raisons du délai supplémentaire.")
    _not_before_receipt(complaint, on, "La réponse d'attente")
    if on > complaint.answer_by:
        raise DomainError(
            f"La réponse d'attente devait partir au plus tard le {complaint.answer_by:%d/%m/%Y}."
        )
    complaint.holding_via = _via(complaint, via)
    complaint.holding_reply_on = on
    complaint.due_soon_on = None
    complaint.holding_reason = reason.strip()
    complaint.status = Status.HOLDING
    return _save(complaint, f"réponse d'attente du {on:%d/%m/%Y}", actor)


def active_mediator() -> Mediator | None:
    return Mediator.objects.filter(active=True).order_by("pk").first()


@transaction.atomic
def answer(
    *,
    actor: User,
    complaint: Complaint,
    on: dt.date,
    outcome: str,
    text: str,
    refund: Decimal | None = None,
    gesture: str = "",
    via: str = LetterChannel.MAIL,
) -> Complaint:
    """The answer: outcome, text, refund or gesture. A refusal (even partial) needs a
    mediator on record, whose details the letter gives with the remedies."""
    require(actor, CHANGE)
    _open(complaint)
    if outcome not in Outcome.values:
        raise DomainError(f"Issue inconnue : {outcome}.")
    if not text.strip():
        raise DomainError("Rédigez la réponse faite au client.")
    if refund is not None and refund <= 0:
        raise DomainError("Le remboursement est un montant positif.")
    _not_before_receipt(complaint, on, "La réponse")
    if outcome != Outcome.FAVOURABLE and active_mediator() is None:
        raise DomainError(
            "Un refus, même partiel, indique les voies de recours et le médiateur : "
            "aucun médiateur n'est enregistré."
        )
    complaint.answered_via = _via(complaint, via)
    complaint.answered_on = on
    complaint.outcome = outcome
    complaint.answer = text.strip()
    complaint.refund = refund
    complaint.gesture = gesture.strip()
    complaint.status = Status.ANSWERED
    return _save(complaint, f"réponse du {on:%d/%m/%Y} ({complaint.get_outcome_display()})", actor)


NEXT_LEVEL = {Level.BRANCH: Level.DEPARTMENT, Level.DEPARTMENT: Level.MEDIATOR}


@transaction.atomic
def escalate(*, actor: User | None, complaint: Complaint, on: dt.date, reason: str) -> Complaint:
    """One level up: branch → complaints department → mediator.

    ``actor`` is ``None`` for the daily batch. The mediator level is reached only by
    the client's referral (:func:`refer_to_mediator`), after an answer or two months.
    """
    if actor is not None:
        require(actor, CHANGE)
    if not reason.strip():
        raise DomainError("Donnez le motif de la remontée.")
    if complaint.level != Level.BRANCH:
        raise DomainError("La réclamation est déjà au service réclamations ou au médiateur.")
    complaint.level = NEXT_LEVEL[Level(complaint.level)]
    complaint.escalated_on = on
    complaint.escalation_reason = reason.strip()[:240]
    return _save(
        complaint, f"remontée au {complaint.get_level_display().lower()} : {reason}", actor
    )


@transaction.atomic
def refer_to_mediator(*, actor: User, complaint: Complaint, on: dt.date) -> Complaint:
    """The client referred the complaint to the mediator on ``on``."""
    require(actor, CHANGE)
    if complaint.mediator_referred_on is not None:
        raise DomainError("La saisine du médiateur est déjà enregistrée.")
    _not_before_receipt(complaint, on, "La saisine du médiateur")
    complaint.mediator_referred_on = on
    complaint.level = Level.MEDIATOR
    return _save(complaint, f"saisine du médiateur le {on:%d/%m/%Y}", actor)


@transaction.atomic
def record_analysis(
    *, actor: User, complaint: Complaint, root_cause: str, corrective_action: str
) -> Complaint:
    """The root cause and the corrective action, for the register's dysfunction report."""
    require(actor, CHANGE)
    if not root_cause.strip():
        raise DomainError("Décrivez la cause racine.")
    complaint.root_cause = root_cause.strip()
    complaint.corrective_action = corrective_action.strip()
    return _save(complaint, "cause racine et action corrective", actor)


def daily_review(as_of: dt.date) -> dict[str, int]:
    """Flag open complaints whose next deadline falls within :data:`DUE_SOON_JOURS`
    jours ouvrables of ``as_of``; escalate to the complaints department those at the
    branch whose deadline has passed. Idempotent for a date."""
    flagged = escalated = 0
    with transaction.atomic():
        for complaint in Complaint.objects.filter(status__in=OPEN_STATUSES).select_related(
            "branch"
        ):
            nxt = complaint.next_deadline()
            if nxt is None:
                continue
            what, due = nxt
            horizon = add_jours_ouvrables(as_of, DUE_SOON_JOURS, complaint.branch.departement)
            if due < as_of and complaint.level == Level.BRANCH:
                escalate(
                    actor=None, complaint=complaint, on=as_of,
                    reason=f"échéance dépassée : {what} au plus tard le {due:%d/%m/%Y}",
                )  # fmt: skip
                escalated += 1
            elif as_of <= due <= horizon and complaint.due_soon_on is None:
                complaint.due_soon_on = as_of
                _save(complaint, f"{what} à faire avant le {due:%d/%m/%Y}")
                flagged += 1
    return {"complaints_due_soon": flagged, "complaints_escalated": escalated}
