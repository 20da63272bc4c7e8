"""Pages of the agenda: the week of a manager, booking, an appointment and its outcome,
the ICS exports, and the contact log's forms (posted from the client page)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.agenda import services
from probanker.agenda.forms import AppointmentForm, ContactForm, StatusForm
from probanker.agenda.ics import calendar_of
from probanker.agenda.models import Appointment, Contact
from probanker.core.access import day_managers, get_visible_or_404, visible
from probanker.core.calendar import add_business_days
from probanker.core.forms import form_problems
from probanker.core.models import User
from probanker.core.permissions import can
from probanker.core.services import DomainError, authenticate_token
from probanker.parties.models import Party

VIEW, CHANGE = "agenda.view", "agenda.change"
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FEED_DAYS_BACK, FEED_DAYS_AHEAD = 30, 180


def _week_start(request: HttpRequest) -> dt.date:
    """The Monday of the week asked (``?semaine=AAAA-MM-JJ``), this week otherwise."""
    return services.week_asked(request.GET.get("semaine", ""), timezone.localdate())


def week(request: HttpRequest) -> HttpResponse:
    """The week of the manager (a director: the branch, or one manager with ``?charge=``)."""
    monday = _week_start(request)
    managers, selected = day_managers(request)
    rows = visible(Appointment, request, VIEW).between(monday, monday + dt.timedelta(days=6))
    if selected is not None:
        rows = rows.of_manager(selected.pk)
    rows = rows.select_related("party", "manager").order_by("starts_at", "pk")
    by_day: dict[dt.date, list[Appointment]] = {monday + dt.timedelta(days=n): [] for n in range(7)}
    for appointment in rows:
        by_day[timezone.localtime(appointment.starts_at).date()].append(appointment)
    days = [
        {"date": d, "name": DAY_NAMES[d.weekday()], "appointments": a}
        for d, a in by_day.items()
        if a or d.weekday() < 5
    ]
    count = sum(len(a) for a in by_day.values())
    context = {
        "monday": monday, "sunday": monday + dt.timedelta(days=6), "days": days,
        "previous": monday - dt.timedelta(days=7), "next": monday + dt.timedelta(days=7),
        "managers": managers, "selected_manager": selected, "count": count,
        "feed_url": request.build_absolute_uri(reverse("agenda:feed")),
    }  # fmt: skip
    return render(request, "agenda/week.html", context)


def book(request: HttpRequest, party_id: int) -> HttpResponse:
    """Book an appointment with a client or a prospect; ``?objet=`` prefills the subject
    (from a campaign's meeting)."""
    party = get_visible_or_404(Party, request, pk=party_id, action=CHANGE)
    user: User = request.user  # type: ignore[assignment]
    initial = {
        "day": add_business_days(timezone.localdate(), 1), "time": dt.time(9, 0),
        "subject": request.GET.get("objet", "")[:160],
        **services.default_arrangements(party),
    }  # fmt: skip
    form = AppointmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.book_appointment(
                actor=user, party=party, starts_at=form.starts_at(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                place_kind=form.cleaned_data["place_kind"], subject=form.cleaned_data["subject"],
                address=form.cleaned_data["address"], arrangements=form.arrangements(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Rendez-vous pris avec {party.name}.")
            return redirect("agenda:appointment", appointment_id=appointment.pk)
    return render(request, "agenda/book.html", {"party": party, "form": form})


def _appointment(request: HttpRequest, appointment_id: int, action: str) -> Appointment:
    return get_visible_or_404(  # type: ignore[no-any-return]
        Appointment.objects.select_related("party", "manager"), request,
        pk=appointment_id, action=action,
    )  # fmt: skip


def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = _appointment(request, appointment_id, VIEW)
    history = appointment.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "agenda/appointment.html",
        {"appointment": appointment, "status_form": StatusForm(), "history": history},
    )


@require_POST
def appointment_status(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """Held or cancelled (with a reason)."""
    appointment = _appointment(request, appointment_id, CHANGE)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Formulaire incomplet — {form_problems(form)}")
        return redirect("agenda:appointment", appointment_id=appointment.pk)
    try:
        services.set_appointment_status(
            actor=request.user,  # type: ignore[arg-type]
            appointment=appointment,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Rendez-vous {appointment.get_status_display()}.")
    return redirect("agenda:appointment", appointment_id=appointment.pk)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def appointment_ics(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """One appointment as an iCalendar file, to add to one's own calendar."""
    appointment = _appointment(request, appointment_id, VIEW)
    return _ics(calendar_of([appointment], "probanker"), f"rendez-vous-{appointment.pk}.ics")


def _feed_user(request: HttpRequest) -> User | None:
    """The user of an ``Authorization`` header: Basic (user name, API token as the
    password) or Bearer (the API token); ``None`` when the header is absent or wrong."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return authenticate_token(value.strip())
    if scheme.lower() == "basic":
        try:
            username, _, secret = base64.b64decode(value.strip()).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        user = authenticate_token(secret)
        return user if user is not None and user.get_username() == username else None
    return None


@login_not_required
def feed(request: HttpRequest) -> HttpResponse:
    """The manager's appointments (30 days back, 180 ahead) as a subscribable feed.

    Calendar applications cannot hold a session: they send the user's API token,
    by HTTP Basic (user name and the token as the password) or as a Bearer token.
    A token in the URL would leak into proxies' logs and browser histories. In the
    browser, the session is enough. A director's feed is the branch's.
    """
    user: User | None
    if request.headers.get("Authorization"):
        user = _feed_user(request)
        if user is None:
            response = HttpResponse("Jeton invalide ou révoqué.", status=401)
            response["WWW-Authenticate"] = 'Basic realm="probanker agenda", charset="UTF-8"'
            return response
    elif request.user.is_authenticated:
        user = request.user  # type: ignore[assignment]
    else:
        return redirect_to_login(request.get_full_path())
    if not can(user, VIEW):
        return HttpResponse("Votre rôle ne permet pas cette action.", status=403)
    today = timezone.localdate()
    rows = Appointment.objects.visible_to(user, VIEW).between(
        today - dt.timedelta(days=FEED_DAYS_BACK), today + dt.timedelta(days=FEED_DAYS_AHEAD)
    )
    name = f"probanker — {user.get_full_name() or user.get_username()}"
    return _ics(calendar_of(rows.select_related("party"), name), "agenda.ics")


@require_POST
def contact_add(request: HttpRequest, party_id: int) -> HttpResponse:
    """Record a contact in the client's log (posted from the client page)."""
    party = get_visible_or_404(Party, request, pk=party_id, action=CHANGE)
    target = reverse("client", args=[party.pk]) + "#contacts"
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Contact non enregistré — {form_problems(form)}")
        return redirect(target)
    try:
        services.log_contact(actor=request.user, party=party, **form.cleaned_data)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, f"Contact non enregistré — {exc}")
    else:
        messages.success(request, "Contact enregistré dans le journal.")
    return redirect(target)


@require_POST
def contact_done(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Mark a contact's next step done."""
    contact = get_visible_or_404(Contact, request, pk=contact_id, action=CHANGE)
    services.complete_next_step(actor=request.user, contact=contact)  # type: ignore[arg-type]
    messages.success(request, "Prochaine étape faite.")
    if request.POST.get("next") == "home":  # from « Ma journée »; no other target is followed
        return redirect("home")
    return redirect(reverse("client", args=[contact.party_id]) + "#contacts")
