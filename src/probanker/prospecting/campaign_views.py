"""Campaign pages: the campaigns and their funnels, one campaign's targets and script, the
outcome of a contact."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.agenda.services import next_appointments
from probanker.core.access import get_visible_or_404, managers_in_scope, visible
from probanker.core.permissions import Scope, can, require, scope_of
from probanker.core.services import DomainError
from probanker.prospecting.campaigns import (
    campaign_funnels,
    launch_campaign,
    manager_funnels,
    record_outcome,
)
from probanker.prospecting.forms import CampaignForm, OutcomeForm
from probanker.prospecting.models import Campaign, CampaignTarget, Outcome

PAGE_SIZE = 50
SEARCH_FIELDS = ("departement", "commune", "naf", "created_since", "employer")


def campaigns(request: HttpRequest) -> HttpResponse:
    """``/prospection/campagnes/``: the campaigns with their funnels, per campaign and per
    manager; a new campaign on a search (the search page's query prefills it)."""
    scope = visible(Campaign, request, "campaign.view")
    may_launch = can(request.user, "campaign.change")
    initial = {k: v for k, v in request.GET.items() if k in SEARCH_FIELDS}
    # A director launches a campaign for one of the branch's managers.
    managers = (
        None if scope_of(request.user) == Scope.OWN
        else managers_in_scope(request.user).order_by("last_name", "first_name")
    )  # fmt: skip
    form = CampaignForm(initial=initial, managers=managers) if may_launch else None
    if request.method == "POST":
        require(request.user, "campaign.change")
        form = CampaignForm(request.POST, managers=managers)
        criteria = form.criteria()
        if criteria is not None:
            data = form.cleaned_data
            try:
                campaign = launch_campaign(
                    actor=request.user, name=data["name"], channel=data["channel"],  # type: ignore[arg-type]
                    criteria=criteria, query=form.query(), today=timezone.localdate(),
                    script=data["script"], owner=data.get("owner"),
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                left_out = (
                    f" ; {campaign.left_out} entreprise{'s' if campaign.left_out > 1 else ''}"
                    " écartée(s), déjà sollicitée(s) par une autre campagne de l'agence"
                    if campaign.left_out else ""
                )  # fmt: skip
                messages.success(
                    request, f"Campagne « {campaign.name} » lancée : "
                    f"{campaign.targets.count()} établissements ciblés{left_out}.",
                )  # fmt: skip
                return redirect("prospecting:campaign", campaign.pk)
    return render(
        request, "prospecting/campaigns.html",
        {"rows": campaign_funnels(scope), "managers": manager_funnels(scope), "form": form},
    )  # fmt: skip


def _campaign_page(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    targets = campaign.targets.select_related("party")
    shown = request.GET.get("resultat", "")
    if shown in Outcome.values:
        targets = targets.filter(outcome=shown)
    else:
        shown = ""
    page = Paginator(targets, PAGE_SIZE).get_page(request.GET.get("page"))
    # a meeting obtained shows the appointment once booked, not « Fixer le rendez-vous »
    page.object_list = rows = list(page.object_list)
    meetings = next_appointments(
        (t.party_id for t in rows if t.outcome == Outcome.MEETING and t.party_id),
        campaign.started_on,
    )
    for target in rows:
        target.meeting = meetings.get(target.party_id or 0)  # type: ignore[attr-defined]
    funnel = campaign_funnels(Campaign.objects.filter(pk=campaign.pk))[0][1]
    return render(
        request, "prospecting/campaign.html",
        {"campaign": campaign, "funnel": funnel, "page": page, "shown": shown,
         "outcomes": Outcome.choices, "form": OutcomeForm(),
         "may_record": can(request.user, "campaign.change"),
         "sections": (campaign.script.sections if campaign.script else [])},
    )  # fmt: skip


def campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A campaign: its funnel, its script and its targets with their outcomes."""
    require(request.user, "campaign.view")
    return _campaign_page(request, get_visible_or_404(Campaign, request, pk=campaign_id))


@require_POST
def target_outcome(request: HttpRequest, campaign_id: int, target_id: int) -> HttpResponse:
    """The outcome of the contact with a target (a meeting or an opportunity makes it a
    prospect of the campaign's manager)."""
    require(request.user, "campaign.change")
    found = get_visible_or_404(Campaign, request, pk=campaign_id)
    target = CampaignTarget.objects.filter(campaign=found, pk=target_id).first()
    if target is None:
        raise Http404("Cible inconnue")
    form = OutcomeForm(request.POST)
    url = _back_to(found, request.POST.get("page", ""), request.POST.get("resultat", ""))
    if not form.is_valid():
        if "note" in form.errors:
            typed = len(request.POST.get("note", ""))
            messages.error(request, f"{target.name} : précision de 300 caractères au plus "
                                    f"({typed} saisis).")  # fmt: skip
        else:
            messages.error(request, f"{target.name} : choisissez un résultat parmi ceux proposés.")
        return redirect(url)
    try:
        record_outcome(
            actor=request.user, target=target, outcome=form.cleaned_data["outcome"],  # type: ignore[arg-type]
            note=form.cleaned_data["note"], today=timezone.localdate(),
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, f"{target.name} : {exc}")
    else:
        messages.success(request, f"{target.name} : {target.get_outcome_display()}.")
    return redirect(url)


def _back_to(campaign: Campaign, page: str, shown: str) -> str:
    """The campaign's page the form was sent from: its filter and page number, when valid."""
    params = {}
    if shown in Outcome.values:
        params["resultat"] = shown
    if page.isascii() and page.isdigit() and len(page) < 6:
        params["page"] = page
    url = reverse("prospecting:campaign", args=[campaign.pk])
    return f"{url}?{urlencode(params)}" if params else url
