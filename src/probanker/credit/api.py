"""``/api/v1/credits``: credit files (list, detail, a client's files) and their decision.

Reads need ``credit.view``, the decision ``credit.decide``; a role without the
action gets 403, another manager's file 404. The decision goes through
:func:`probanker.credit.services.decide`, as from the file page: the
delegation grid's level decides.
"""

from __future__ import annotations

from typing import Any

from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from probanker.core.access import api_get_visible_for, api_visible
from probanker.core.api_errors import InvalidData
from probanker.core.api_filters import filter_parameters
from probanker.core.models import User
from probanker.core.pagination import Pages
from probanker.core.schemas import responses
from probanker.credit import services
from probanker.credit.filtersets import CreditFileFilterSet
from probanker.credit.models import CreditFile, Decision, FileStatus
from probanker.credit.schemas import (
    CreditFileDetailOut,
    CreditFileOut,
    DecisionIn,
    DecisionOut,
    recorded_decision,
)
from probanker.parties.models import Party

router = Router(tags=["crédits"])

READ = "credit.view"
CHANGE = "credit.change"
DECIDE = "credit.decide"


def _files(request: HttpRequest, action: str = READ) -> QuerySet[CreditFile]:
    """Files the user reaches for ``action``, with what :class:`CreditFileOut` reads."""
    queryset = CreditFile.objects.select_related("party", "party__manager", "decision")
    return api_visible(queryset, request, action).annotate(  # type: ignore[no-any-return]
        requested_amount=Coalesce(
            Sum("products__amount"),
            Value(0),
            output_field=DecimalField(max_digits=18, decimal_places=2),
        )
    )


def decision_out(decision: Decision) -> dict[str, Any]:
    return {
        "outcome": decision.outcome,
        "outcome_label": decision.get_outcome_display(),
        "level": decision.level,
        "level_label": decision.get_level_display(),
        "conditions": decision.conditions,
        "decided_by": decision.decided_by.username,
        "decided_at": decision.decided_at,
    }


def _products(figures: services.FileFigures) -> list[dict[str, Any]]:
    rows = []
    for p in figures.products:
        product, schedule = p.product, p.schedule
        rows.append(
            {
                "id": product.pk,
                "kind": product.kind,
                "kind_label": product.get_kind_display(),
                "amount": product.amount,
                "rate": product.rate,
                "months": product.months,
                "loan_type": product.loan_type,
                "frequency": product.frequency,
                "deferral_months": product.deferral_months,
                "fees": product.fees,
                "insurance_rate": product.insurance_rate,
                "payment": schedule.instalments[0].total if schedule else p.rent,
                "instalments": len(schedule.instalments) if schedule else None,
                "total_interest": schedule.total_interest if schedule else None,
                "total_cost": schedule.total_cost if schedule else None,
                "teg": (
                    {"teg": p.teg.teg, "period_rate": p.teg.period_rate, "period": p.teg.period}
                    if p.teg
                    else None
                ),
                "yearly_service": p.yearly_service,
                "usury": p.usury.message if p.usury is not None else None,
            }
        )
    return rows


def _guarantees(figures: services.FileFigures) -> list[dict[str, Any]]:
    return [
        {
            "id": x.guarantee.pk,
            "kind": x.guarantee.kind,
            "label": x.label,
            "value": x.guarantee.value,
            "limit": x.guarantee.limit,
            "prior_claims": x.guarantee.prior_claims,
            "quota": x.guarantee.quota,
            "guarantor": x.guarantee.guarantor,
            "counted": x.counted,
            "note": x.note,
            "mention_ok": x.mention.ok if x.mention else None,
            "proportionate": x.proportionality.ok if x.proportionality else None,
        }
        for x in figures.guarantees
    ]


def file_detail(file: CreditFile) -> dict[str, Any]:
    """Everything :class:`CreditFileDetailOut` shows, from the finance library's figures.

    Only the file's own figures (plan, schedules, TEG, coverage) are computed:
    not the pricing, the debt capacity nor the lake's agios that the file page adds.
    """
    figures = services.core_figures(file)
    items = file.compliance.select_related("rule", "checked_by")
    return {
        **CreditFileOut.from_orm(file).model_dump(),
        "description": file.description,
        "renewal_of": file.renewal_of_id,
        "plan": {
            "needs": figures.needs,
            "resources": figures.resources,
            "own_contribution": figures.own_contribution,
            "balanced": figures.plan_balanced,
            "lines": list(file.plan.values("id", "side", "label", "amount", "own_contribution")),
        },
        "products": _products(figures),
        "guarantees": _guarantees(figures),
        "coverage": {
            "exposure": figures.exposure,
            "secured": figures.secured,
            "ratio": figures.coverage_ratio,
        },
        "compliance": [
            {
                "code": i.rule.code,
                "label": i.rule.label,
                "reference": i.rule.reference,
                "blocking": i.rule.blocking,
                "automatic": bool(i.rule.automatic),
                "state": i.state,
                "checked_on": i.checked_on,
                "checked_by": i.checked_by.username if i.checked_by else None,
            }
            for i in items
        ],
        "decision": decision_out(decision) if (decision := recorded_decision(file)) else None,
    }


@router.get(
    "/credits",
    response=responses({200: list[CreditFileOut]}),
    summary="Dossiers de crédit visibles",
    openapi_extra=filter_parameters(CreditFileFilterSet),
)
@paginate(Pages, page_size=50)
def list_credits(request: HttpRequest) -> Any:
    """Files of the user's scope, newest first; filters ``status``, ``level``, ``party``,
    ``purpose``, ``q`` (client name), ``decided``, ``created_from``/``created_before``
    (half-open). An invalid filter is a 422."""
    filterset = CreditFileFilterSet(request.GET, queryset=_files(request))
    if not filterset.is_valid():
        raise InvalidData.from_form(filterset.errors)
    return filterset.qs.order_by("-created_on", "-pk")


@router.get(
    "/credits/{file_id}",
    response=responses({200: CreditFileDetailOut}, 404),
    summary="Dossier de crédit : plan, produits, garanties, conformité, délégation, décision",
)
def get_credit(request: HttpRequest, file_id: int) -> Any:
    return file_detail(api_get_visible_for(_files(request), request, READ, pk=file_id))


@router.get(
    "/clients/{party_id}/credits",
    response=responses({200: list[CreditFileOut]}, 404),
    summary="Dossiers de crédit d'un client",
)
def client_credits(request: HttpRequest, party_id: int) -> Any:
    party = api_get_visible_for(Party, request, READ, pk=party_id)
    return _files(request).filter(party=party).order_by("-created_on", "-pk")


@router.post(
    "/credits/{file_id}/decision",
    response=responses({201: DecisionOut}, 404, 409),
    summary="Enregistrer la décision sur un dossier soumis (délégation appliquée)",
)
def decide_credit(request: HttpRequest, file_id: int, payload: DecisionIn) -> Any:
    """403 outside the user's delegation, 409 when the file is not awaiting a
    decision (draft, or already decided), 422 when the outcome is unknown or
    conditions are missing."""
    user: User = request.user  # type: ignore[assignment]
    file: CreditFile = api_get_visible_for(
        CreditFile.objects.select_related("party"), request, DECIDE, pk=file_id
    )
    if file.status == FileStatus.DECIDED:
        return Status(409, {"detail": "Ce dossier est déjà décidé : la décision ne change plus."})
    if file.status != FileStatus.SUBMITTED:
        return Status(409, {"detail": "Seul un dossier soumis se décide."})
    if not services.may_decide(user, file):
        return Status(
            403,
            {
                "detail": f"Ce dossier relève du niveau « {file.get_level_display()} » : "
                "vous n'avez pas la délégation."
            },
        )
    if payload.outcome not in Decision.Outcome.values:
        choices = ", ".join(Decision.Outcome.values)
        raise InvalidData([("outcome", f"Décision attendue : {choices}.")])
    # A business rule refused (DomainError): the API's 422 (core.api_errors).
    decision = services.decide(
        actor=user, file=file, outcome=payload.outcome, conditions=payload.conditions
    )
    return Status(201, decision_out(decision))


@router.post(
    "/credits/{file_id}/submission",
    response=responses({200: CreditFileDetailOut}, 404, 409),
    summary="Soumettre un dossier complet à décision (niveau fixé par la grille)",
)
def submit_credit(request: HttpRequest, file_id: int) -> Any:
    """Through :func:`probanker.credit.services.submit`, as the file page's button: 409
    when the file is no longer a draft, 422 when it is incomplete (no product, plan out of
    balance, a blocking item missing: the message says which)."""
    user: User = request.user  # type: ignore[assignment]
    file: CreditFile = api_get_visible_for(
        CreditFile.objects.select_related("party"), request, CHANGE, pk=file_id
    )
    if file.status != FileStatus.DRAFT:
        return Status(409, {"detail": "Le dossier est déjà soumis."})
    services.submit(actor=user, file=file, today=timezone.localdate())  # DomainError: a 422
    return Status(200, file_detail(api_get_visible_for(_files(request), request, READ, pk=file.pk)))
