"""Client list, create/edit, reassignment. Parse, call, render.

The client page itself is the workspace's (``workspace.views.client_page``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from probanker.core import registry
from probanker.core.access import action_required, get_visible_or_404, parse_id, visible
from probanker.core.listing import Column, build_listing
from probanker.core.models import User
from probanker.core.pagecache import cache_per_session
from probanker.core.services import DomainError
from probanker.parties import services
from probanker.parties.filtersets import PartyFilterSet, managers_visible
from probanker.parties.forms import AccessibilityForm, PartyForm, ReassignForm
from probanker.parties.models import AccessibilityProfile, Party

LIST_COLUMNS = [
    Column("name", "Dénomination", "name"),
    Column("siren", "SIREN", "siren"),
    Column("segment", "Segment", "segment"),
    Column("naf", "Activité (NAF)", "naf_id"),
    Column("legal_form", "Forme", "legal_form"),
    Column("city", "Ville", "city"),
    Column("manager", "Chargé", "manager__last_name"),
]


LIST_FIELDS = [
    "name",
    "kind",
    "siren",
    "segment",
    "naf__label",
    "legal_form",
    "city",
    "manager__first_name",
    "manager__last_name",
    "manager__username",
]


def _list_columns(user: User) -> list[Column]:
    """The list's own columns, then the figures other apps registered (deposits...)."""
    columns = LIST_COLUMNS + [
        Column(key, label, key, numeric=True)
        for group in registry.party_figures
        for key, label in group.columns
    ]
    if user.is_manager:
        return [c for c in columns if c.key != "manager"]
    return columns


@cache_per_session
def client_list(request: HttpRequest) -> HttpResponse:
    """Clients and prospects of the user's scope, searchable and sortable."""
    user: User = request.user  # type: ignore[assignment]
    # Only the columns the table shows: the list is the hottest page.
    base = visible(Party, request, "party.view").select_related("naf", "manager").only(*LIST_FIELDS)
    filterset = PartyFilterSet(request.GET or None, queryset=base, request=request)
    queryset = filterset.qs
    sort_key = request.GET.get("sort", "").lstrip("-")
    for group in registry.party_figures:
        if sort_key in {key for key, _ in group.columns}:
            # Sorting by a figure needs it for every row; otherwise only the
            # page's rows get their figures, in one small query per group.
            queryset = queryset.annotate(**group.annotations())
    listing = build_listing(queryset, request.GET, _list_columns(user), default_sort="name")
    rows = list(listing.page.object_list)
    ids = [p.pk for p in rows]
    figures = [(group, group.for_parties(ids)) for group in registry.party_figures]
    for party in rows:
        party.figures = {
            key: values.get(party.pk, {}).get(key) for group, values in figures
            for key, _ in group.columns
        }  # fmt: skip
    listing.page.object_list = rows
    context = {"filter": filterset, "listing": listing, "show_manager": not user.is_manager}
    template = "parties/list.html"
    if request.htmx and request.htmx.target == "client-results":  # type: ignore[attr-defined]
        template += "#results"
    return render(request, template, context)


def _form_page(
    request: HttpRequest,
    form: PartyForm,
    access_form: AccessibilityForm,
    party: Party | None,
    title: str,
) -> HttpResponse:
    """The identity + accessibility form page, for creation and edition."""
    context = {
        "form": form,
        "access_form": access_form,
        "all_forms": [form, access_form],
        "party": party,
        "title": title,
    }
    return render(request, "parties/form.html", context)


@action_required("party.create")
def client_create(request: HttpRequest) -> HttpResponse:
    """Create a client or prospect in the user's portfolio."""
    user: User = request.user  # type: ignore[assignment]
    form = PartyForm(
        request.POST or None, user=user, initial={"kind": request.GET.get("kind", "client")}
    )
    access_form = AccessibilityForm(request.POST or None, prefix="a11y")
    if request.method == "POST" and form.is_valid() and access_form.is_valid():
        try:
            party = services.create_party(
                actor=user,
                party=form.save(commit=False),
                head_office_siret=form.cleaned_data["head_office_siret"],
                manager=form.cleaned_data.get("manager"),
                accessibility=dict(access_form.cleaned_data.items()),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{party} a été créé.")
            return redirect("client", party_id=party.pk)
    return _form_page(request, form, access_form, None, "Nouveau client ou prospect")


def client_edit(request: HttpRequest, party_id: int) -> HttpResponse:
    """Edit a visible party's identity and accessibility needs."""
    user: User = request.user  # type: ignore[assignment]
    party = get_visible_or_404(Party.objects.all(), request, pk=party_id, action="party.change")
    profile, _ = AccessibilityProfile.objects.get_or_create(party=party)
    form = PartyForm(request.POST or None, instance=party, user=user)
    access_form = AccessibilityForm(request.POST or None, instance=profile, prefix="a11y")
    if request.method == "POST" and form.is_valid() and access_form.is_valid():
        try:
            services.update_party(
                actor=user,
                party=form.save(commit=False),
                head_office_siret=form.cleaned_data["head_office_siret"],
                manager=form.cleaned_data.get("manager"),
            )
            if access_form.has_changed():
                services.update_accessibility(actor=user, profile=access_form.save(commit=False))
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{party} a été mis à jour.")
            return redirect("client", party_id=party.pk)
    return _form_page(request, form, access_form, party, f"Modifier {party}")


def client_reassign(request: HttpRequest, party_id: int) -> HttpResponse:
    """Director: move one client to another manager (POST only)."""
    user: User = request.user  # type: ignore[assignment]
    party = get_visible_or_404(Party.objects.all(), request, pk=party_id, action="party.reassign")
    if request.method != "POST":
        raise PermissionDenied
    form = ReassignForm(request.POST, managers=managers_visible(request))
    if form.is_valid():
        try:
            services.reassign_parties(
                actor=user,
                parties=[party],
                target=form.cleaned_data["target"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{party} est confié à {form.cleaned_data['target']}.")
    else:
        messages.error(request, "Réaffectation impossible : choisissez un chargé et un motif.")
    return redirect("client", party_id=party.pk)


@action_required("party.reassign")
def bulk_reassign(request: HttpRequest) -> HttpResponse:
    """Director: move several clients of one manager to another."""
    user: User = request.user  # type: ignore[assignment]
    managers = managers_visible(request)
    source_id = request.GET.get("source") or request.POST.get("source")
    source_pk = parse_id(source_id)
    source = managers.filter(pk=source_pk).first() if source_pk is not None else None
    candidates = (
        visible(Party, request).filter(manager=source).select_related("naf").order_by("name")
        if source
        else Party.objects.none()
    )
    form = ReassignForm(request.POST or None, managers=managers)
    selected: list[str] = request.POST.getlist("parties")
    if request.method == "POST" and form.is_valid():
        ids = [pk for pk in map(parse_id, selected) if pk is not None]
        chosen = list(candidates.filter(pk__in=ids))
        if not chosen:
            form.add_error(None, "Cochez au moins un client à réaffecter.")
        else:
            try:
                moved = services.reassign_parties(
                    actor=user,
                    parties=chosen,
                    target=form.cleaned_data["target"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, f"{moved} client(s) confié(s) à {form.cleaned_data['target']}."
                )
                return redirect(f"{request.path}?source={source.pk if source else ''}")
    context: dict[str, Any] = {
        "managers": managers,
        "source": source,
        "candidates": candidates,
        "form": form,
        "selected": set(selected),
    }
    return render(request, "parties/reassign.html", context)
