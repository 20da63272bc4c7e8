"""``/api/v1/alertes``, ``/api/v1/dossiers-degradation``, ``/api/v1/clients/{id}/risque``.

Alerts and the client's risk need ``risk.view``, cases ``case.view``: a role
without the action gets 403, another manager's object 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from probanker.core.access import api_get_visible_for, api_visible
from probanker.core.api_errors import InvalidData
from probanker.core.api_filters import filter_parameters
from probanker.core.pagination import Pages
from probanker.core.schemas import responses
from probanker.parties.models import Party
from probanker.risk import cases as case_services
from probanker.risk.filtersets import OPEN, AlertFilterSet, CaseFilterSet
from probanker.risk.models import Alert, ClientRisk, DegradationCase
from probanker.risk.schemas import (
    AlertDetailOut,
    AlertOut,
    CaseDetailOut,
    CaseOut,
    ClientRiskOut,
    evidence_out,
)

router = Router(tags=["risques"])

RISK = "risk.view"
CASES = "case.view"


def _alerts(request: HttpRequest) -> QuerySet[Alert]:
    """Alerts the user reaches, with what :class:`AlertOut` reads."""
    queryset = Alert.objects.select_related("rule", "party", "account")
    return api_visible(queryset, request, RISK)  # type: ignore[no-any-return]


def _cases(request: HttpRequest) -> QuerySet[DegradationCase]:
    queryset = DegradationCase.objects.select_related("party", "party__manager", "opened_by")
    return api_visible(queryset, request, CASES)  # type: ignore[no-any-return]


def _filtered(filterset: Any) -> Any:
    """The filtered rows, or a 422 naming the invalid filters."""
    if not filterset.is_valid():
        raise InvalidData.from_form(filterset.errors)
    return filterset.qs


@router.get(
    "/alertes",
    response=responses({200: list[AlertOut]}),
    summary="Alertes visibles (ouvertes par défaut)",
    openapi_extra=filter_parameters(AlertFilterSet),
)
@paginate(Pages, page_size=50)
def list_alerts(request: HttpRequest) -> Any:
    """Most severe and most recent first. Filters: ``status`` (``open`` by default,
    ``closed``, ``all``), ``rule`` (code), ``severity`` (1-3), ``party``,
    ``opened_on``, ``opened_from``/``opened_before`` (half-open)."""
    data = request.GET.copy()
    data.setdefault("status", OPEN)
    rows = _filtered(AlertFilterSet(data, queryset=_alerts(request)))
    return rows.order_by("-rule__severity", "-opened_on", "pk")


@router.get(
    "/alertes/{alert_id}",
    response=responses({200: AlertDetailOut}, 404),
    summary="Une alerte et sa preuve",
)
def get_alert(request: HttpRequest, alert_id: int) -> Any:
    alert: Alert = api_get_visible_for(_alerts(request), request, RISK, pk=alert_id)
    return {
        **AlertOut.from_orm(alert).model_dump(),
        "condition": alert.rule.condition,
        "explanation": alert.rule.explanation,
        "evidence": evidence_out(alert.evidence),
        "last_evidence": evidence_out(alert.last_evidence),
        "cases": sorted(alert.cases.values_list("pk", flat=True)),
    }


@router.get(
    "/dossiers-degradation",
    response=responses({200: list[CaseOut]}),
    summary="Dossiers de dégradation visibles",
    openapi_extra=filter_parameters(CaseFilterSet),
)
@paginate(Pages, page_size=50)
def list_cases(request: HttpRequest) -> Any:
    """Open cases first (by first-contact date), then closed ones. Filters: ``status``
    (``open``, ``closed``, ``all`` by default), ``party``, ``escalated``,
    ``opened_from``/``opened_before`` (half-open)."""
    rows = _filtered(CaseFilterSet(request.GET, queryset=_cases(request)))
    # Open cases first (NULLs placed explicitly: SQLite and PostgreSQL differ).
    return rows.order_by(F("closed_on").asc(nulls_first=True), "first_contact_due", "pk")


@router.get(
    "/dossiers-degradation/{case_id}",
    response=responses({200: CaseDetailOut}, 404),
    summary="Dossier de dégradation : causes, mesures, suivi, clôture",
)
def get_case(request: HttpRequest, case_id: int) -> Any:
    case: DegradationCase = api_get_visible_for(_cases(request), request, CASES, pk=case_id)
    measures = list(case.measures.all())
    return {
        **CaseOut.from_orm(case).model_dump(),
        "opened_by": case.opened_by.username if case.opened_by else None,
        "causes": case.causes,
        "escalation_reason": case.escalation_reason,
        "overdue": (
            case_services.overdue_reason(case, timezone.localdate()) if case.is_open else ""
        ),
        "outcome_label": case.get_outcome_display() if case.outcome else None,
        "outcome_note": case.outcome_note,
        "measures": [
            {
                "id": m.pk,
                "kind": m.kind,
                "kind_label": m.get_kind_display(),
                "amount": m.amount,
                "deadline": m.deadline,
                "status": m.status,
                "status_label": m.get_status_display(),
                "done_on": m.done_on,
                "note": m.note,
            }
            for m in measures
        ],
        "alerts": list(case.alerts.select_related("rule", "party", "account").order_by("pk")),
    }


@router.get(
    "/clients/{party_id}/risque",
    response=responses({200: ClientRiskOut}, 404),
    summary="Situation de risque d'un client : statut, stage IFRS 9, motif, alertes ouvertes",
)
def client_risk(request: HttpRequest, party_id: int) -> Any:
    """Before the first batch run on the client, status, stage and date are null."""
    party: Party = api_get_visible_for(Party, request, RISK, pk=party_id)
    risk = ClientRisk.objects.filter(party=party).first()
    open_case = (
        DegradationCase.objects.filter(party=party, closed_on__isnull=True)
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "party_id": party.pk,
        "as_of": risk.as_of if risk else None,
        "status": risk.status if risk else None,
        "status_label": risk.get_status_display() if risk else None,
        "stage": risk.stage if risk else None,
        "reason": risk.reason if risk else "",
        "days_past_due": risk.days_past_due if risk else 0,
        "past_due": Decimal(risk.past_due_cents) / 100 if risk else Decimal(0),
        "material": risk.material if risk else False,
        "open_alerts": list(
            _alerts(request)
            .filter(party=party, closed_on__isnull=True)
            .order_by("-rule__severity", "pk")
        ),
        "open_case": open_case,
    }
