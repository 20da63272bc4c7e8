"""Degradation cases: every write, audited (django-simple-history keeps each change).

A manager opens a case from a client's open alerts, with a first-contact date
counted in business days; records the contact and the analysis of causes;
agrees corrective measures (from a catalogue) with amounts and deadlines and
follows each one; closes the case with its outcome. The daily batch escalates
to the director every open case whose first contact or a measure is overdue.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from probanker.core.calendar import add_business_days
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties.models import Party
from probanker.risk.models import (
    Alert,
    CorrectiveMeasure,
    DegradationCase,
    MeasureStatus,
)

FIRST_CONTACT_BUSINESS_DAYS = 2


def _check_writer(actor: User) -> None:
    """Cases are followed by the roles holding ``case.change`` (PermissionDenied otherwise)."""
    require(actor, "case.change")


def _open(case: DegradationCase) -> None:
    if not case.is_open:
        raise DomainError("Ce dossier est clos.")


@transaction.atomic
def open_case(
    *,
    actor: User,
    party: Party,
    alerts: list[Alert],
    today: dt.date,
    first_contact_due: dt.date | None = None,
    causes: str = "",
) -> DegradationCase:
    """Open a case on ``party`` from some of its open alerts."""
    _check_writer(actor)
    if any(a.party_id != party.pk or a.closed_on is not None for a in alerts):
        raise DomainError("Les alertes choisies doivent être des alertes ouvertes de ce client.")
    if DegradationCase.objects.filter(party=party, closed_on__isnull=True).exists():
        raise DomainError(f"Un dossier de dégradation est déjà ouvert pour {party}.")
    due = first_contact_due or add_business_days(today, FIRST_CONTACT_BUSINESS_DAYS)
    if due < today:
        raise DomainError("La date de premier contact ne peut pas être passée.")
    case = DegradationCase(
        party=party, opened_by=actor, opened_on=today, first_contact_due=due, causes=causes
    )
    case._change_reason = "ouverture du dossier"  # type: ignore[attr-defined]
    case.save()
    case.alerts.set(alerts)
    return case


@transaction.atomic
def record_contact(
    *, actor: User, case: DegradationCase, contacted_on: dt.date, causes: str
) -> DegradationCase:
    """The first contact with the client and the analysis of causes."""
    _check_writer(actor)
    _open(case)
    if contacted_on < case.opened_on:
        raise DomainError("Le contact ne peut pas précéder l'ouverture du dossier.")
    if contacted_on > timezone.localdate():
        raise DomainError("Le contact ne peut pas être daté dans le futur.")
    case.first_contact_on = contacted_on
    case.causes = causes
    case._change_reason = f"contact du {contacted_on:%d/%m/%Y} et analyse des causes"  # type: ignore[attr-defined]
    case.save()
    return case


@transaction.atomic
def add_measure(
    *,
    actor: User,
    case: DegradationCase,
    kind: str,
    deadline: dt.date,
    amount: Decimal | None = None,
    note: str = "",
) -> CorrectiveMeasure:
    _check_writer(actor)
    _open(case)
    if deadline < case.opened_on:
        raise DomainError("L'échéance de la mesure précède l'ouverture du dossier.")
    if amount is not None and amount < 0:
        raise DomainError("Le montant d'une mesure ne peut pas être négatif.")
    measure = CorrectiveMeasure.objects.create(
        case=case, kind=kind, deadline=deadline, amount=amount, note=note
    )
    case._change_reason = f"mesure ajoutée : {measure}"  # type: ignore[attr-defined]
    case.save()  # a history row records the step with its reason
    return measure


@transaction.atomic
def follow_measure(
    *, actor: User, measure: CorrectiveMeasure, status: str, on: dt.date, note: str = ""
) -> CorrectiveMeasure:
    """Record that a measure was carried out, or not kept."""
    _check_writer(actor)
    _open(measure.case)
    if status not in {MeasureStatus.DONE, MeasureStatus.FAILED}:
        raise DomainError("Une mesure suivie est réalisée ou non tenue.")
    measure.status = status
    measure.done_on = on
    if note:
        measure.note = note
    measure.save()
    case = measure.case
    case._change_reason = f"{measure.get_kind_display()} : {measure.get_status_display().lower()}"  # type: ignore[attr-defined]
    case.save()
    return measure


@transaction.atomic
def close_case(
    *, actor: User, case: DegradationCase, outcome: str, note: str, today: dt.date
) -> DegradationCase:
    _check_writer(actor)
    _open(case)
    if case.first_contact_on is None:
        raise DomainError("Enregistrez le contact avec le client avant de clore le dossier.")
    if case.measures.filter(status=MeasureStatus.PLANNED).exists() and outcome != "recouvrement":
        raise DomainError("Des mesures prévues ne sont pas encore suivies.")
    case.outcome = outcome
    case.outcome_note = note
    case.closed_on = today
    case._change_reason = f"clôture : {case.get_outcome_display()}"  # type: ignore[attr-defined]
    case.save()
    return case


def overdue_reason(case: DegradationCase, today: dt.date) -> str:
    """Why an open case is overdue on ``today`` (empty when it is not)."""
    if case.first_contact_on is None and case.first_contact_due < today:
        return f"premier contact attendu le {case.first_contact_due:%d/%m/%Y}"
    late = [
        m for m in case.measures.all() if m.status == MeasureStatus.PLANNED and m.deadline < today
    ]
    if late:
        first = min(late, key=lambda m: m.deadline)
        return f"{first.get_kind_display().lower()} attendue le {first.deadline:%d/%m/%Y}"
    return ""


def escalate_overdue(today: dt.date) -> int:
    """Escalate to the director every open case that is overdue and not escalated yet."""
    count = 0
    candidates = DegradationCase.objects.filter(
        Q(closed_on__isnull=True) & Q(escalated_on__isnull=True)
    ).prefetch_related("measures")
    for case in candidates:
        reason = overdue_reason(case, today)
        if reason:
            case.escalated_on = today
            case.escalation_reason = reason
            case._change_reason = "remontée automatique au directeur"  # type: ignore[attr-defined]
            case.save(update_fields=["escalated_on", "escalation_reason"])
            count += 1
    return count
