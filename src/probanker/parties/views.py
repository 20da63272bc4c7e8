"""Client list, create/edit, reassignment. Parse, call, render.

The client page itself is the workspace's (``workspace.views.client_page``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from probanker.core import registry
from probanker.core.access import action_required, get_visible_or_404, parse_id, visible
from probanker.core.formatting import de
from probanker.core.listing import Column, build_listing
from probanker.core.models import User
from probanker.core.pagecache import cache_per_session
from probanker.core.services import DomainError
from probanker.parties import services
from probanker.parties.filtersets import PartyFilterSet, managers_visible
from probanker.parties.forms import (
    AccessibilityForm,
    LinkForm,
    PartyForm,
    ReassignForm,
    RoleForm,
)
from probanker.parties.models import AccessibilityProfile, Party, PartyLink

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
        for group in registry.party_figures_for(user)
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
    groups = registry.party_figures_for(user)
    for group in groups:
        if sort_key in {key for key, _ in group.columns}:
            # Sorting by a figure needs it for every row; otherwise only the
            # page's rows get their figures, in one small query per group.
            queryset = queryset.annotate(**group.annotations())
    listing = build_listing(queryset, request.GET, _list_columns(user), default_sort="name")
    rows = list(listing.page.object_list)
    ids = [p.pk for p in rows]
    figures = [(group, group.for_parties(ids)) for group in groups]
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


def _party_to_change(request: HttpRequest, party_id: int) -> Party:
    """The visible party whose people and links the user changes (404, then 403)."""
    return get_visible_or_404(  # type: ignore[no-any-return]
        Party.objects.all(), request, pk=party_id, action="party.change"
    )


def _back_to_people(party: Party) -> HttpResponse:
    return redirect(f"{reverse('client', args=[party.pk])}#personnes-title")


def role_add(request: HttpRequest, party_id: int) -> HttpResponse:
    """Add a person (new or already linked) with a role, shares and control to a party."""
    user: User = request.user  # type: ignore[assignment]
    party = _party_to_change(request, party_id)
    form = RoleForm(request.POST or None, party=party)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role = services.add_role(
                actor=user, party=party, person=form.person_from(), role=data["role"],
                share_percent=data["share_percent"], votes_percent=data["votes_percent"],
                control=data["control"] or "",
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{role.person} ajouté(e) : {role.get_role_display()}.")
            return _back_to_people(party)
    return _role_page(request, form, party, f"Ajouter une personne — {party}")


def role_edit(request: HttpRequest, party_id: int, role_id: int) -> HttpResponse:
    """Change a person's role on a party, their shares, control and contact details."""
    user: User = request.user  # type: ignore[assignment]
    party = _party_to_change(request, party_id)
    role = get_object_or_404(party.roles.select_related("person"), pk=role_id)
    person = role.person
    initial = {
        "first_name": person.first_name, "last_name": person.last_name,
        "birth_date": person.birth_date, "email": person.email, "phone": person.phone,
        "role": role.role, "share_percent": role.share_percent,
        "votes_percent": role.votes_percent, "control": role.control,
    }  # fmt: skip
    form = RoleForm(request.POST or None, party=party, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form.person_from(person)
        role.role = data["role"]
        role.share_percent = data["share_percent"]
        role.votes_percent = data["votes_percent"]
        role.control = data["control"] or ""
        person_fields = ("first_name", "last_name", "birth_date", "email", "phone")
        try:
            services.update_role(
                actor=user, role=role,
                person_changed=any(n in form.changed_data for n in person_fields),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{person} : rôle mis à jour.")
            return _back_to_people(party)
    return _role_page(request, form, party, f"Modifier {person} — {party}", role=role)


def _role_page(
    request: HttpRequest, form: RoleForm, party: Party, title: str, role: Any = None
) -> HttpResponse:
    return render(
        request,
        "parties/role_form.html",
        {"form": form, "party": party, "title": title, "role": role, "all_forms": [form]},
    )


@require_POST
def role_remove(request: HttpRequest, party_id: int, role_id: int) -> HttpResponse:
    """Remove a person's role on a party (the person stays if linked elsewhere)."""
    user: User = request.user  # type: ignore[assignment]
    party = _party_to_change(request, party_id)
    role = get_object_or_404(party.roles.select_related("person"), pk=role_id)
    label = f"{role.person} ({role.get_role_display()})"
    services.remove_role(actor=user, role=role)
    messages.success(request, f"{label} retiré(e) {de(party)}.")
    return _back_to_people(party)


def link_add(request: HttpRequest, party_id: int) -> HttpResponse:
    """Link the party to another party the user sees (holding, SCI, household, group)."""
    user: User = request.user  # type: ignore[assignment]
    party = _party_to_change(request, party_id)
    others = visible(Party, request, "party.view").exclude(pk=party.pk).order_by("name")
    form = LinkForm(request.POST or None, parties=others)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_link(
                actor=user, party=party, other=data["other"], kind=data["kind"],
                note=data["note"],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Lien avec {data['other']} enregistré.")
            return _back_to_people(party)
    return render(
        request,
        "parties/link_form.html",
        {"form": form, "party": party, "title": f"Lier {party} à un autre tiers",
         "all_forms": [form]},
    )  # fmt: skip


@require_POST
def link_remove(request: HttpRequest, party_id: int, link_id: int) -> HttpResponse:
    """Remove a link of the party, either way; the other end must be visible too."""
    user: User = request.user  # type: ignore[assignment]
    party = _party_to_change(request, party_id)
    link = get_object_or_404(
        PartyLink.objects.filter(Q(party=party) | Q(other=party)).select_related("party", "other"),
        pk=link_id,
    )
    other = link.other if link.party_id == party.pk else link.party
    # Removing a link changes the other party's page too: it must be in reach.
    get_visible_or_404(Party.objects.all(), request, pk=other.pk, action="party.view")
    services.remove_link(actor=user, link=link)
    messages.success(request, f"Lien avec {other} retiré.")
    return _back_to_people(party)
