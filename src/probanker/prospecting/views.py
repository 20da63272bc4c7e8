"""Prospection: the register's search with its map and list; a result becomes a prospect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from probanker.core.access import managers_in_scope, parse_id, visible
from probanker.core.permissions import Scope, can, require, scope_of
from probanker.core.services import DomainError
from probanker.parties.models import Party
from probanker.prospecting.forms import RegisterSearchForm
from probanker.prospecting.models import Territory
from probanker.prospecting.register.search import SearchResult, search
from probanker.prospecting.relations import relations_of
from probanker.prospecting.services import AlreadyHeld, create_prospect


def territory_of(user: Any) -> Territory | None:
    """The prospecting territory of the user's branch (``None`` when not set)."""
    if getattr(user, "branch_id", None) is None:
        return None
    return Territory.objects.filter(branch_id=user.branch_id).first()


def _initial(request: HttpRequest) -> QueryDict:
    """The query searched: what the user typed, or their branch's territory at first."""
    if request.GET:
        return request.GET
    data = QueryDict(mutable=True)
    territory = territory_of(request.user)
    if territory is not None:
        data["commune"] = ", ".join(territory.commune_list)
        data["departement"] = ", ".join(territory.departement_list)
        data["naf"] = ", ".join(territory.naf_list)
    return data


def decorate(rows: list[dict[str, Any]], request: HttpRequest) -> list[dict[str, Any]]:
    """Each row with its relation to the bank and, when the user reaches it, the party."""
    relations = relations_of(row["siren"] for row in rows)
    reachable = dict(
        visible(Party, request).filter(siren__in=list(relations)).values_list("siren", "pk")
    )
    for row in rows:
        row["relation"] = relations.get(row["siren"])
        row["party_id"] = reachable.get(row["siren"])
        row["partial"] = row["diffusion"] == "P"
    return rows


def map_points(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the map draws: positioned rows only (partial diffusion has no position)."""
    return [
        {"lat": round(r["latitude"], 6), "lon": round(r["longitude"], 6),
         "name": r["name"] or "", "siret": r["siret"], "relation": r["relation"] or ""}
        for r in rows
        if r["latitude"] is not None and r["longitude"] is not None
    ]  # fmt: skip


def search_page(request: HttpRequest) -> HttpResponse:
    """``/prospection/``: filters, the count, a map (Leaflet, no tiles needed) and the list.

    Works without JavaScript: the form is a GET, the list is a table; the map
    is drawn by ``prospecting/map.js`` from the same rows.
    """
    require(request.user, "prospecting.view")
    form = RegisterSearchForm(_initial(request))
    result: SearchResult | None = None
    criteria = form.criteria()
    if criteria is not None and (form.searched or request.GET):
        result = search(criteria)
        decorate(result.rows, request)
    can_create = can(request.user, "prospect.create")
    managers = (
        list(managers_in_scope(request.user).order_by("last_name", "first_name"))
        if can_create and scope_of(request.user) != Scope.OWN
        else []
    )
    territory = territory_of(request.user)
    return render(
        request,
        "prospecting/search.html",
        {
            "form": form,
            "result": result,
            "points": map_points(result.rows) if result else [],
            "branch_point": (
                {"lat": float(territory.latitude), "lon": float(territory.longitude)}
                if territory
                else None
            ),
            "can_create": can_create,
            "managers": managers,
            "back": request.get_full_path(),
        },
    )


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("prospecting:search")


@require_POST
def prospect_create(request: HttpRequest) -> HttpResponse:
    """A register's result becomes a prospect of the user's portfolio (a director's pick)."""
    require(request.user, "prospect.create")
    manager = None
    manager_id = parse_id(request.POST.get("manager"))
    if manager_id is not None:
        manager = managers_in_scope(request.user).filter(pk=manager_id).first()
    try:
        outcome = create_prospect(
            actor=request.user,  # type: ignore[arg-type]
            siret=request.POST.get("siret", "")[:20],
            today=timezone.localdate(),
            manager=manager,
        )
    except AlreadyHeld as exc:
        messages.error(request, str(exc))
        return redirect(_back(request))
    except DomainError as exc:
        messages.error(request, f"Prospect non créé : {exc}")
        return redirect(_back(request))
    party = outcome.party
    messages.success(request, f"{party.name} est désormais un prospect de votre portefeuille.")
    for duplicate in outcome.duplicates:
        messages.warning(
            request,
            f"Doublon probable : « {duplicate.party.name} » ({duplicate.party.postal_code}), "
            f"sans SIREN, suivi par {duplicate.party.manager.get_full_name() or duplicate.party.manager}"
            " — vérifiez avant de le démarcher deux fois.",
        )
    return redirect("client", party.pk)
