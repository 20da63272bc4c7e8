"""``/api/v1/clients``: list (same filters as the UI), detail, create, update."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from probanker.core.access import api_get_visible, visible
from probanker.core.api_errors import InvalidData
from probanker.core.api_filters import filter_parameters
from probanker.core.models import User
from probanker.core.pagination import Pages
from probanker.core.permissions import require
from probanker.core.schemas import responses
from probanker.parties import services
from probanker.parties.filtersets import PartyFilterSet
from probanker.parties.forms import PartyForm
from probanker.parties.models import Party
from probanker.parties.schemas import PartyIn, PartyOut, PartyPatch

router = Router(tags=["clients"])


def _detail_queryset(request: HttpRequest) -> Any:
    """Visible parties with what ``PartyOut`` reads, without a query per row."""
    return (
        visible(Party, request)
        .select_related("naf", "manager", "branch")
        .prefetch_related("establishments")
    )


def _form_data(values: dict[str, Any]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if value is None:
            continue
        data[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


@router.get(
    "",
    response=responses({200: list[PartyOut]}),
    summary="Clients et prospects visibles",
    openapi_extra=filter_parameters(PartyFilterSet),
)
@paginate(Pages, page_size=50)
def list_clients(request: HttpRequest) -> Any:
    """Same search and filters as the client list page (``q``, ``segment``...); an
    invalid filter (unknown segment, manager out of scope...) is a 422."""
    require(request.user, "party.view")
    filterset = PartyFilterSet(request.GET, queryset=_detail_queryset(request), request=request)
    if not filterset.is_valid():
        raise InvalidData.from_form(filterset.errors)
    return filterset.qs.order_by("name", "pk")


@router.get("/{party_id}", response=responses({200: PartyOut}, 404), summary="Fiche d'un client")
def get_client(request: HttpRequest, party_id: int) -> Any:
    return api_get_visible(_detail_queryset(request), request, pk=party_id, action="party.view")


@router.post(
    "",
    response=responses({201: PartyOut}),
    summary="Créer un client",
)
def create_client(request: HttpRequest, payload: PartyIn) -> Any:
    """Create a client or prospect (``party.create``; 403 for another role)."""
    user: User = request.user  # type: ignore[assignment]
    require(user, "party.create")
    form = PartyForm(_form_data(payload.dict()), user=user)
    if not form.is_valid():
        raise InvalidData.from_form(form.errors)
    party = services.create_party(  # a DomainError is the API's 422
        actor=user,
        party=form.save(commit=False),
        head_office_siret=form.cleaned_data["head_office_siret"],
        manager=form.cleaned_data.get("manager"),
    )
    return Status(201, api_get_visible(_detail_queryset(request), request, pk=party.pk))


@router.patch(
    "/{party_id}",
    response=responses({200: PartyOut}, 404),
    summary="Modifier un client",
)
def update_client(request: HttpRequest, party_id: int, payload: PartyPatch) -> Any:
    """Change the fields sent (``party.change``).

    A different ``manager`` is a reassignment: ``party.reassign`` (403 for
    another role) and a ``reason`` (422 without), recorded in the history.
    """
    user: User = request.user  # type: ignore[assignment]
    party: Party = api_get_visible(Party, request, pk=party_id, action="party.change")
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason", None) or ""
    reassigned = changes.get("manager") not in {None, party.manager_id}
    if reassigned:
        require(user, "party.reassign")
        if not reason.strip():
            raise InvalidData([("reason", "Indiquez le motif de la réaffectation.")])
    current = PartyForm(instance=party, user=user)
    values = {name: current[name].value() for name in current.fields}
    values.update(changes)
    form = PartyForm(_form_data(values), instance=party, user=user)
    if not form.is_valid():
        raise InvalidData.from_form(form.errors)
    services.update_party(  # a DomainError is the API's 422
        actor=user,
        party=form.save(commit=False),
        head_office_siret=form.cleaned_data["head_office_siret"],
        manager=form.cleaned_data.get("manager"),
        reason=reason,
    )
    return Status(200, api_get_visible(_detail_queryset(request), request, pk=party.pk))
