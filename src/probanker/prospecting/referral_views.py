"""Prescribers and referrals: the branch's prescribers with their results, a prescriber's
page (contacts, prospects referred), clients' referrals (parrainages)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core.access import get_visible_or_404, managers_in_scope, visible
from probanker.core.permissions import Scope, can, require, scope_of
from probanker.core.services import DomainError
from probanker.parties.choices import PartyKind
from probanker.parties.models import Party
from probanker.prospecting.forms import ContactForm, PrescriberForm, ReferralForm
from probanker.prospecting.models import Prescriber, ProspectSource, SourceKind
from probanker.prospecting.referrals import (
    add_contact,
    create_prescriber,
    prescriber_results,
    record_referral,
)
from probanker.prospecting.services import ProspectOutcome

PNB_NOTE = (
    "PNB apporté : le PNB des douze derniers mois des clients gagnés de votre périmètre (votre "
    "portefeuille ; l'agence pour le directeur), tel que le traitement quotidien l'a calculé."
)


def pnb_note(results: list[Any]) -> str:
    """The note under a results table: what « PNB apporté » is, when the user sees it."""
    return PNB_NOTE if results and results[0].pnb is not None else ""


def source_form(request: HttpRequest, *, sponsor: bool, data: Any = None) -> ReferralForm:
    """The referral form with the user's choices: their prospects of unknown origin,
    their clients (for a parrainage), the managers a director gives the prospect to."""
    prospects = (
        visible(Party, request).filter(kind=PartyKind.PROSPECT, prospect_source__isnull=True)
        .order_by("name")
    )  # fmt: skip
    referrers = (
        visible(Party, request).filter(kind=PartyKind.CLIENT).order_by("name") if sponsor else None
    )
    managers = (
        managers_in_scope(request.user).order_by("last_name", "first_name")
        if scope_of(request.user) != Scope.OWN
        else None
    )
    return ReferralForm(data, prospects=prospects, referrers=referrers, managers=managers)


def _record(request: HttpRequest, form: ReferralForm, **source: Any) -> bool:
    """Record the valid form's referral; the outcome told in messages."""
    data = form.cleaned_data
    try:
        outcome = record_referral(
            actor=request.user,  # type: ignore[arg-type]
            today=timezone.localdate(), siret=data["siret"].replace(" ", ""),
            prospect=data["prospect"], note=data["note"], manager=data.get("manager"),
            referrer=data.get("referrer"), **source,
        )  # fmt: skip
    except DomainError as exc:
        form.add_error("siret" if data["siret"] else "prospect", str(exc))
        return False
    outcome_messages(
        request, outcome, f"Recommandation enregistrée : {outcome.party.name} est prospect."
    )
    return True


def outcome_messages(request: HttpRequest, outcome: ProspectOutcome, done: str) -> None:
    """What was recorded, and each probable duplicate the fuzzy match found."""
    messages.success(request, done)
    for duplicate in outcome.duplicates:
        messages.warning(
            request,
            f"Doublon probable : « {duplicate.party.name} » ({duplicate.party.postal_code}).",
        )


def prescribers(request: HttpRequest) -> HttpResponse:
    """``/prospection/prescripteurs/``: the branch's prescribers, their results; a new one."""
    require(request.user, "prescriber.view")
    form = PrescriberForm()
    if request.method == "POST":
        require(request.user, "prescriber.change")
        form = PrescriberForm(request.POST)
        if form.is_valid():
            try:
                prescriber = create_prescriber(
                    actor=request.user,  # type: ignore[arg-type]
                    prescriber=form.save(commit=False),
                )
            except DomainError as exc:
                form.add_error("name", str(exc))
            else:
                messages.success(request, f"Prescripteur « {prescriber.name} » enregistré.")
                return redirect("prospecting:prescriber", prescriber.pk)
    results = prescriber_results(visible(Prescriber, request, "prescriber.view"), request.user)
    return render(
        request, "prospecting/prescribers.html",
        {"results": results, "form": form, "pnb_note": pnb_note(results),
         "can_change": can(request.user, "prescriber.change"),
         "total_referrals": sum(r.referrals for r in results),
         "total_clients": sum(r.clients_won for r in results)},
    )  # fmt: skip


def _prescriber_page(
    request: HttpRequest,
    prescriber: Prescriber,
    *,
    contact_form: Any = None,
    referral_form: Any = None,
) -> HttpResponse:
    sources = (
        visible(ProspectSource, request).filter(prescriber=prescriber)
        .select_related("party__manager").order_by("-registered_on", "-pk")
    )  # fmt: skip
    result = prescriber_results(Prescriber.objects.filter(pk=prescriber.pk), request.user)[0]
    return render(
        request, "prospecting/prescriber.html",
        {"prescriber": prescriber, "contacts": prescriber.contacts.all(), "sources": sources,
         "result": result, "pnb_note": pnb_note([result]),
         "can_change": can(request.user, "prescriber.change"),
         "can_refer": can(request.user, "referral.create"),
         "contact_form": contact_form or ContactForm(),
         "referral_form": referral_form or source_form(request, sponsor=False)},
    )  # fmt: skip


def prescriber(request: HttpRequest, prescriber_id: int) -> HttpResponse:
    """A prescriber: contacts, results, the prospects it referred that the user reaches."""
    require(request.user, "prescriber.view")
    found = get_visible_or_404(Prescriber, request, pk=prescriber_id)
    return _prescriber_page(request, found)


@require_POST
def prescriber_contact(request: HttpRequest, prescriber_id: int) -> HttpResponse:
    """Add a contact to the prescriber."""
    require(request.user, "prescriber.change")
    found = get_visible_or_404(Prescriber, request, pk=prescriber_id)
    form = ContactForm(request.POST)
    if form.is_valid():
        contact = form.save(commit=False)
        contact.prescriber = found
        add_contact(actor=request.user, contact=contact)  # type: ignore[arg-type]
        messages.success(request, f"Contact « {contact.name} » ajouté.")
        return redirect("prospecting:prescriber", found.pk)
    return _prescriber_page(request, found, contact_form=form)


@require_POST
def prescriber_referral(request: HttpRequest, prescriber_id: int) -> HttpResponse:
    """Record a referral of the prescriber: a company of the register, or a prospect."""
    require(request.user, "referral.create")
    found = get_visible_or_404(Prescriber, request, pk=prescriber_id)
    form = source_form(request, sponsor=False, data=request.POST)
    if form.is_valid() and _record(request, form, prescriber=found):
        return redirect("prospecting:prescriber", found.pk)
    return _prescriber_page(request, found, referral_form=form)


def referrals(request: HttpRequest) -> HttpResponse:
    """``/prospection/parrainages/``: the clients' referrals the user reaches; a new one."""
    require(request.user, "prospecting.view")
    form = source_form(request, sponsor=True) if can(request.user, "referral.create") else None
    if request.method == "POST":
        require(request.user, "referral.create")
        form = source_form(request, sponsor=True, data=request.POST)
        if form.is_valid() and _record(request, form):
            return redirect("prospecting:referrals")
    sources = (
        visible(ProspectSource, request).filter(kind=SourceKind.CLIENT_REFERRAL)
        .select_related("party__manager", "referrer").order_by("-registered_on", "-pk")
    )  # fmt: skip
    return render(request, "prospecting/referrals.html", {"sources": sources, "form": form})
