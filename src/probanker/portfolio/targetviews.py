"""Pages of the target lists: save one from the client list, the lists, one list with its
clients and its actions (planned, moved along, their results), exported as CSV or XLSX."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core.access import action_required, get_visible_or_404, managers_in_scope
from probanker.core.models import User
from probanker.core.permissions import can
from probanker.core.services import DomainError
from probanker.portfolio import figures, lists, services
from probanker.portfolio.forms import ActionForm, ActionStatusForm, TargetListForm
from probanker.portfolio.models import ActionStatus, CommercialAction, TargetList
from probanker.portfolio.views import PAGE_SIZE, VIEW, _clients_table, _format, _scope
from probanker.reports import tables as exports

CHANGE = "target.change"


@require_POST
@action_required(CHANGE)
def target_save(request: HttpRequest) -> HttpResponse:
    """Save the client list's filter (re-evaluated) or its clients (frozen) as a target list."""
    form = TargetListForm(request.POST)
    if not form.is_valid():
        messages.error(request, "La liste n'a pas été enregistrée : donnez-lui un nom.")
        return redirect("portfolio:target_lists")
    query = lists.clean_query(form.cleaned_data)
    scope, today = _scope_of(request, query), timezone.localdate()
    rows, title = lists.filtered_clients(scope.clients, query, today)
    try:
        target = services.save_target_list(
            actor=request.user, name=form.cleaned_data["name"], mode=form.cleaned_data["mode"],  # type: ignore[arg-type]
            query=query, title=title, party_ids=list(rows.values_list("pk", flat=True)),
            today=today,
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("portfolio:target_lists")
    messages.success(request, f"Liste cible « {target.name} » enregistrée.")
    return redirect("portfolio:target_list", list_id=target.pk)


def _scope_of(request: HttpRequest, query: dict[str, str]) -> figures.PortfolioScope:
    """The scope the saved filter reads (a director's ``charge`` kept)."""
    try:
        return figures.portfolio_scope(request.user, query.get("charge"))  # type: ignore[arg-type]
    except LookupError:
        query.pop("charge", None)
        return figures.portfolio_scope(request.user)  # type: ignore[arg-type]


@action_required(VIEW)
def target_lists(request: HttpRequest) -> HttpResponse:
    """The target lists of the user's scope, each with its actions' progress."""
    _scope(request)
    rows = TargetList.objects.visible_to(request.user, VIEW).select_related("owner")
    rows = rows.annotate(
        n_actions=Count("actions"), n_done=Count("actions", filter=Q(actions__status="done"))
    )
    return render(request, "portfolio/targets.html", {"rows": rows, "narrow": ""})


def _action_rows(target: TargetList, party_ids: list[int], today: dt.date) -> list[Any]:
    end = today + dt.timedelta(days=1)
    return [
        (a, lists.action_results(party_ids, a.started_on, end), ActionStatusForm(
            initial={"status": a.status}, prefix=f"a{a.pk}"))
        for a in target.actions.select_related("owner")
    ]  # fmt: skip


@action_required(VIEW)
def target_list(request: HttpRequest, list_id: int) -> HttpResponse:
    """One target list: its clients (the filter re-evaluated, or frozen), its actions and
    their results; a manager or director plans a new action (POST)."""
    target = get_visible_or_404(TargetList.objects.select_related("owner"), request, pk=list_id)
    today, user = timezone.localdate(), request.user
    rows = lists.list_clients(target, user, today)
    if fmt := _format(request):
        table = _clients_table(rows)
        return exports.response(exports.Table(f"liste-cible-{target.pk}", "Liste cible",
                                              table.columns, table.rows), fmt)  # fmt: skip
    owners = managers_in_scope(user).order_by("last_name", "first_name")
    may_change = can(user, CHANGE)
    form = None
    if may_change:
        initial = {"owner": target.owner_id, "due_on": today + dt.timedelta(days=30)}
        form = ActionForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(CHANGE)
        if form.is_valid():
            try:
                services.plan_action(actor=user, target=target, today=today, **form.cleaned_data)  # type: ignore[arg-type]
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Action planifiée.")
                return redirect("portfolio:target_list", list_id=target.pk)
    party_ids = list(rows.values_list("pk", flat=True))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"target": target, "page": page, "count": len(party_ids), "form": form,
               "actions": _action_rows(target, party_ids, today), "may_change": may_change,
               "narrow": ""}  # fmt: skip
    return render(request, "portfolio/target.html", context)


@require_POST
@action_required(VIEW)
def action_status(request: HttpRequest, action_id: int) -> HttpResponse:
    """Move an action of a reached list to another status."""
    action: CommercialAction = get_visible_or_404(
        CommercialAction.objects.select_related("target_list"), request, action=CHANGE,
        pk=action_id,
    )  # fmt: skip
    form = ActionStatusForm(request.POST, prefix=f"a{action.pk}")
    if form.is_valid():
        user: User = request.user  # type: ignore[assignment]
        services.set_action_status(actor=user, action=action, status=form.cleaned_data["status"])
        label = ActionStatus(form.cleaned_data["status"]).label
        messages.success(request, f"Statut de l'action : {label}.")
    else:
        messages.error(request, "Statut inconnu : choisissez à faire, en cours ou terminée.")
    return redirect("portfolio:target_list", list_id=action.target_list_id)


def due_actions(user: User, today: dt.date, manager_id: int | None, days: int = 14) -> Any:
    """The open actions of the user's scope due within ``days`` (late ones first)."""
    rows = CommercialAction.objects.visible_to(user, VIEW).exclude(status=ActionStatus.DONE)
    if manager_id is not None:
        rows = rows.filter(owner_id=manager_id)
    rows = rows.filter(due_on__lte=today + dt.timedelta(days=days))
    return rows.select_related("target_list", "owner").order_by("due_on", "pk")
