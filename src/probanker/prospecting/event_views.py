"""Manifestations: the branch's trade fairs, professional meetings and bank events with
what they brought; an event's page, where the contacts met there become prospects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core.access import get_visible_or_404, visible
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.prospecting.forms import EventForm, ReferralForm
from probanker.prospecting.models import Event, ProspectSource
from probanker.prospecting.referral_views import outcome_messages, pnb_note, source_form
from probanker.prospecting.referrals import capture_at_event, create_event, event_results


def events(request: HttpRequest) -> HttpResponse:
    """``/prospection/manifestations/``: the branch's manifestations and their results."""
    require(request.user, "prospecting.view")
    form = EventForm(initial={"held_on": timezone.localdate()})
    if request.method == "POST":
        require(request.user, "event.change")
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                event = create_event(actor=request.user, event=form.save(commit=False))  # type: ignore[arg-type]
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Manifestation « {event.name} » enregistrée.")
                return redirect("prospecting:event", event.pk)
    results = event_results(visible(Event, request, "prospecting.view"), request.user)
    return render(
        request, "prospecting/events.html",
        {"results": results, "form": form, "pnb_note": pnb_note(results),
         "can_change": can(request.user, "event.change"),
         "total_contacts": sum(r.contacts for r in results),
         "total_clients": sum(r.clients_won for r in results)},
    )  # fmt: skip


def _capture_form(request: HttpRequest, data: Any = None) -> ReferralForm:
    form = source_form(request, sponsor=False, data=data)
    form.fields["siret"].label = "SIRET de l'entreprise rencontrée"
    form.fields["note"].label = "Personne rencontrée, besoin exprimé"
    return form


def _event_page(
    request: HttpRequest, event: Event, form: ReferralForm | None = None
) -> HttpResponse:
    sources = (
        visible(ProspectSource, request).filter(event=event)
        .select_related("party__manager").order_by("-registered_on", "-pk")
    )  # fmt: skip
    result = event_results(Event.objects.filter(pk=event.pk), request.user)[0]
    return render(
        request, "prospecting/event.html",
        {"event": event, "sources": sources, "result": result, "pnb_note": pnb_note([result]),
         "can_capture": can(request.user, "prospect.create"),
         "passed": event.held_on <= timezone.localdate(),
         "form": form or _capture_form(request)},
    )  # fmt: skip


def event(request: HttpRequest, event_id: int) -> HttpResponse:
    """A manifestation: its results and the prospects met there that the user reaches."""
    require(request.user, "prospecting.view")
    return _event_page(request, get_visible_or_404(Event, request, pk=event_id))


@require_POST
def event_contact(request: HttpRequest, event_id: int) -> HttpResponse:
    """A contact met at the manifestation becomes a prospect with the event as source."""
    require(request.user, "prospect.create")
    found = get_visible_or_404(Event, request, pk=event_id)
    form = _capture_form(request, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = capture_at_event(
                actor=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(), event=found, siret=data["siret"].replace(" ", ""),
                prospect=data["prospect"], note=data["note"], manager=data.get("manager"),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error("siret" if data["siret"] else "prospect", str(exc))
        else:
            outcome_messages(
                request, outcome, f"Contact enregistré : {outcome.party.name} est prospect."
            )
            return redirect("prospecting:event", found.pk)
    return _event_page(request, found, form)
