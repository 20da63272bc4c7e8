"""Pages of negotiated conditions: those to decide at the user's level, those in force,
the request on a contract, the decision, and the grid an administrator sets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core.access import day_managers, day_visible, get_visible_or_404
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.sales import conditions
from probanker.sales.forms import ConditionForm, ConditionLimitForm
from probanker.sales.models import ConditionLimit, ConditionStatus, NegotiatedCondition
from probanker.sales.views import CHANGE, READ, acting_user, apply_form


def condition_list(request: HttpRequest) -> HttpResponse:
    """The conditions awaiting the user's decision, those in force and lately ended or
    refused, the grid (editable by an administrator)."""
    require(request.user, READ)
    managers, chosen = day_managers(request)
    rows = day_visible(NegotiatedCondition, request).select_related(
        "party", "contract__product", "requested_by", "decided_by"
    )
    today = timezone.localdate()
    pending = [c for c in rows.filter(status=ConditionStatus.PENDING)
               if conditions.may_decide(request.user, c)]  # fmt: skip
    in_force = list(conditions.in_force(rows, today).order_by("end", "pk"))
    can_edit = can(request.user, "credit.grid.change")
    grid = [
        (row, ConditionLimitForm(initial={"level": row.level, "max_rate_bp": row.max_rate_bp,
                                          "max_annual_cost": row.max_annual_cost,
                                          "max_months": row.max_months},
                                 auto_id=f"id_{row.level}_%s") if can_edit else None)
        for row in ConditionLimit.objects.order_by("max_annual_cost")
    ]  # fmt: skip
    return render(
        request,
        "sales/conditions.html",
        {"managers": managers, "chosen": chosen, "today": today, "pending": pending,
         "waiting": list(rows.filter(status=ConditionStatus.PENDING).exclude(
             pk__in=[c.pk for c in pending])),
         "in_force": in_force, "total": sum((c.annual_cost for c in in_force), Decimal(0)),
         "ended": list(rows.exclude(pk__in=[c.pk for c in in_force])
                       .exclude(status=ConditionStatus.PENDING)
                       .filter(requested_on__gte=today - dt.timedelta(days=365))[:50]),
         "grid": grid, "can_decide": can(request.user, "conditions.decide")},
    )  # fmt: skip


def condition_new(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Negotiate a condition on one of the client's contracts."""
    from probanker.banking.models import Contract

    contract = get_visible_or_404(
        Contract.objects.select_related("party", "product"), request, pk=contract_id,
        action=CHANGE,
    )  # fmt: skip
    today = timezone.localdate()
    form = ConditionForm(
        request.POST or None,
        initial={"start": today, "end": today + dt.timedelta(days=365),
                 "label": contract.product.label,
                 "kind": "taux" if contract.product.kind in ("credit", "line") else "frais"},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            condition = conditions.request_condition(
                actor=acting_user(request), contract=contract, kind=data["kind"], label=data["label"],
                reason=data["reason"], start=data["start"], end=data["end"], on=today,
                rate_bp=data["rate_bp"], fees=data["fees"],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if condition.status == ConditionStatus.GRANTED:
                messages.success(request, f"Condition accordée dans votre délégation : "
                                          f"{conditions.describe(condition)}.")  # fmt: skip
            else:
                messages.success(request, f"Condition transmise pour décision "
                                          f"({condition.get_level_display().lower()}) : "
                                          f"{conditions.describe(condition)}.")  # fmt: skip
            return redirect("sales:conditions")
    return render(request, "sales/condition_new.html", {"contract": contract, "form": form})


@require_POST
def condition_decide(request: HttpRequest, condition_id: int) -> HttpResponse:
    """Grant (``decision=accorder``) or refuse (``decision=refuser``) a waiting condition."""
    condition = get_visible_or_404(
        NegotiatedCondition, request, pk=condition_id, action="conditions.decide"
    )
    decision = request.POST.get("decision", "")
    if decision not in ("accorder", "refuser"):
        messages.error(request, "Décision inconnue : accordez ou refusez.")
    else:
        try:
            conditions.decide_condition(actor=acting_user(request), condition=condition,
                                        grant=decision == "accorder", on=timezone.localdate())  # fmt: skip
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Condition {condition.get_status_display()} : "
                                      f"{conditions.describe(condition)}.")  # fmt: skip
    return redirect("sales:conditions")


@require_POST
def condition_grid(request: HttpRequest) -> HttpResponse:
    """An administrator sets a row of the conditions' delegation grid."""
    require(request.user, "credit.grid.change")
    apply_form(
        request, ConditionLimitForm(request.POST),
        lambda data: conditions.update_limit(actor=acting_user(request), **data),
        "Délégation des conditions mise à jour.",
    )  # fmt: skip
    return redirect("sales:conditions")
