"""Visit-day pages: the week's days of visits, one day's route (add, optimise, reorder,
remove, book into the agenda) and its calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.agenda.services import week_asked, week_of
from probanker.core.access import get_visible_or_404, managers_in_scope, visible
from probanker.core.formatting import date_fr
from probanker.core.permissions import Scope, can, require, scope_of
from probanker.core.services import DomainError
from probanker.parties.choices import PartyKind
from probanker.parties.models import Party
from probanker.prospecting import visits
from probanker.prospecting.forms import VisitDayForm, VisitStopForm
from probanker.prospecting.models import VisitDay, VisitStop

VIEW, CHANGE = "visit.view", "visit.change"
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _monday(request: HttpRequest) -> dt.date:
    """The Monday of the week asked (``?semaine=AAAA-MM-JJ``), this week's otherwise."""
    return week_asked(request.GET.get("semaine", ""), timezone.localdate())


def _managers(request: HttpRequest) -> Any:
    """The managers a director plans for (``None`` for a manager: their own days)."""
    if scope_of(request.user) == Scope.OWN:
        return None
    return managers_in_scope(request.user).order_by("last_name", "first_name")


def visit_days(request: HttpRequest) -> HttpResponse:
    """``/prospection/tournees/``: the week's days of visits with their kilometres and the
    minutes the route saves; a new day."""
    require(request.user, VIEW)
    monday = _monday(request)
    managers = _managers(request)
    may_plan = can(request.user, CHANGE)
    # the week browsed, when it is to come, is where the next day is likely planned
    form = VisitDayForm(initial={"day": max(timezone.localdate(), monday)}, managers=managers)
    if request.method == "POST":
        require(request.user, CHANGE)
        form = VisitDayForm(request.POST, managers=managers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                visit_day = visits.plan_day(
                    actor=request.user, day=data["day"], today=timezone.localdate(),  # type: ignore[arg-type]
                    owner=data.get("owner"), leaves_at=data["leaves_at"], back_by=data["back_by"],
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Tournée du {date_fr(visit_day.day)} créée : "
                                          "ajoutez ses visites.")  # fmt: skip
                return redirect("prospecting:visit_day", visit_day.pk)
    rows = visible(VisitDay, request, VIEW).filter(
        day__range=(monday, monday + dt.timedelta(days=6))
    ).select_related("owner", "branch")  # fmt: skip
    by_day: dict[dt.date, list[tuple[VisitDay, visits.DayPlan | None]]] = {
        monday + dt.timedelta(days=n): [] for n in range(7)
    }
    for visit_day in rows:
        by_day[visit_day.day].append((visit_day, _plan_or_none(visit_day)))
    days = [{"date": d, "name": DAY_NAMES[d.weekday()], "rows": r}
            for d, r in by_day.items() if r or d.weekday() < 5]  # fmt: skip
    return render(request, "prospecting/visit_days.html", {
        "days": days, "monday": monday, "sunday": monday + dt.timedelta(days=6),
        "previous": monday - dt.timedelta(days=7), "next": monday + dt.timedelta(days=7),
        "form": form if may_plan else None, "count": sum(len(r) for r in by_day.values()),
    })  # fmt: skip


def _plan_or_none(visit_day: VisitDay) -> visits.DayPlan | None:
    """The day's plan, or ``None`` when its branch lost its position since."""
    try:
        return visits.day_plan(visit_day)
    except DomainError:
        return None


def _parties(visit_day: VisitDay) -> Any:
    """Whom the day may visit: the clients and prospects of its manager."""
    return Party.objects.filter(
        manager_id=visit_day.owner_id, kind__in=PartyKind.values
    ).exclude(visit_stops__visit_day=visit_day).order_by("name", "pk")  # fmt: skip


def visit_day(request: HttpRequest, visit_day_id: int) -> HttpResponse:
    """A day of visits: the route in its order with each visit's time, what it saves on
    the typed order, the actions; a visit added (POST)."""
    require(request.user, VIEW)
    found = get_visible_or_404(VisitDay, request, action=VIEW, pk=visit_day_id)
    form = VisitStopForm(parties=_parties(found))
    if request.method == "POST":
        require(request.user, CHANGE)
        form = VisitStopForm(request.POST, parties=_parties(found))
        if form.is_valid():
            data = form.cleaned_data
            try:
                stop = visits.add_stop(
                    actor=request.user, visit_day=found, party=data["party"],  # type: ignore[arg-type]
                    subject=data["subject"], minutes=data["minutes"], earliest=data["earliest"],
                    latest=data["latest"],
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Visite à {stop.party.name} ajoutée.")
                return redirect("prospecting:visit_day", found.pk)
    try:
        plan = visits.day_plan(found)
    except DomainError as exc:
        plan = None
        messages.error(request, str(exc))
    return render(request, "prospecting/visit_day.html", {
        "visit_day": found, "plan": plan, "form": form if can(request.user, CHANGE) else None,
        "may_change": can(request.user, CHANGE), "week": week_of(found.day)[0],
    })  # fmt: skip


def _act(request: HttpRequest, visit_day_id: int, action: Any, done: str) -> HttpResponse:
    """Run ``action(actor, visit_day)`` on a reachable day; its refusal as a message."""
    require(request.user, CHANGE)
    found = get_visible_or_404(VisitDay, request, action=CHANGE, pk=visit_day_id)
    try:
        action(request.user, found)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("prospecting:visit_day", found.pk)


@require_POST
def visit_day_optimise(request: HttpRequest, visit_day_id: int) -> HttpResponse:
    """Reorder the day's visits with the optimiser."""
    return _act(request, visit_day_id,
                lambda actor, day: visits.optimise_day(actor=actor, visit_day=day),
                "Tournée optimisée : voyez ci-dessous ce qu'elle fait gagner.")  # fmt: skip


@require_POST
def visit_day_book(request: HttpRequest, visit_day_id: int) -> HttpResponse:
    """Write the day's visits into the agenda at the route's times."""
    return _act(request, visit_day_id,
                lambda actor, day: visits.book_day(actor=actor, visit_day=day),
                "Visites inscrites à l'agenda aux heures de la tournée.")  # fmt: skip


@require_POST
def visit_stop(request: HttpRequest, visit_day_id: int, stop_id: int) -> HttpResponse:
    """Move a visit earlier or later, or take it out of the day (``action``)."""
    require(request.user, CHANGE)
    found = get_visible_or_404(VisitDay, request, action=CHANGE, pk=visit_day_id)
    stop = VisitStop.objects.filter(visit_day=found, pk=stop_id).select_related("party").first()
    if stop is None:
        raise Http404("Visite inconnue")
    action = request.POST.get("action", "")
    actor: Any = request.user
    try:
        if action in {"monter", "descendre"}:
            visits.move_stop(actor=actor, stop=stop, step=-1 if action == "monter" else 1)
            messages.success(request, f"Visite à {stop.party.name} déplacée.")
        elif action == "retirer":
            visits.remove_stop(actor=actor, stop=stop)
            messages.success(request, f"Visite à {stop.party.name} retirée de la tournée.")
        else:
            messages.error(request, "Action inconnue : monter, descendre ou retirer.")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("prospecting:visit_day", args=[found.pk]) + f"#visite-{stop.pk}")


def visit_day_ics(request: HttpRequest, visit_day_id: int) -> HttpResponse:
    """The day's booked visits as an iCalendar file (the agenda's events)."""
    require(request.user, VIEW)
    found = get_visible_or_404(VisitDay, request, action=VIEW, pk=visit_day_id)
    response = HttpResponse(visits.day_calendar(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tournee-{found.day:%Y-%m-%d}.ics"'
    return response
