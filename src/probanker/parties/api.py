"""``/api/v1/clients``: list (same filters as the UI), detail, create, update."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from probanker.core.access import api_get_visible, visible
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties import services
from probanker.parties.filtersets import PartyFilterSet
from probanker.parties.forms import PartyForm
from probanker.parties.models import Party
from probanker.parties.schemas import PartyIn, PartyOut, PartyPatch, ValidationErrors

router = Router(tags=["clients"])


def _detail_queryset(request: HttpRequest) -> Any:
    """Visible parties with what ``PartyOut`` reads, without a query per row."""
    return (
        visible(Party, request)
        .select_related("naf", "manager", "branch")
        .prefetch_related("establishments")
    )


def _field_error(field: str, message: str) -> dict[str, Any]:
    """A 422 body naming one field, in the documented ``errors`` shape."""
    return {"detail": "Données invalides", "errors": [{"field": field, "message": message}]}


def _errors(form: PartyForm) -> dict[str, Any]:
    errors = [
        {"field": "naf_code" if name == "naf_code" else (name or "__all__"), "message": str(msg)}
        for name, messages in form.errors.items()
        for msg in messages
    ]
    return {"detail": "Données invalides", "errors": errors}


def _form_data(values: dict[str, Any]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if value is None:
            continue
        data[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


@router.get("", response=list[PartyOut], summary="Clients et prospects visibles")
@paginate(PageNumberPagination, page_size=50)
def list_clients(request: HttpRequest) -> Any:
    """Same search and filters as the client list page (``q``, ``segment``...)."""
    require(request.user, "party.view")
    filterset = PartyFilterSet(
        request.GET or None, queryset=_detail_queryset(request), request=request
    )
    return filterset.qs.order_by("name", "pk")


@router.get("/{party_id}", response=PartyOut, summary="Fiche d'un client")
def get_client(request: HttpRequest, party_id: int) -> Any:
    return api_get_visible(_detail_queryset(request), request, pk=party_id, action="party.view")


@router.post(
    "",
    response={201: PartyOut, 403: ValidationErrors, 422: ValidationErrors},
    summary="Créer un client",
)
def create_client(request: HttpRequest, payload: PartyIn) -> Any:
    """Create a client or prospect (``party.create``; 403 for another role)."""
    user: User = request.user  # type: ignore[assignment]
    require(user, "party.create")
    form = PartyForm(_form_data(payload.dict()), user=user)
    if not form.is_valid():
        return Status(422, _errors(form))
    try:
        party = services.create_party(
            actor=user,
            party=form.save(commit=False),
            head_office_siret=form.cleaned_data["head_office_siret"],
            manager=form.cleaned_data.get("manager"),
        )
    except DomainError as exc:
        return Status(422, {"detail": str(exc), "errors": []})
    return Status(201, api_get_visible(_detail_queryset(request), request, pk=party.pk))


@router.patch(
    "/{party_id}",
    response={200: PartyOut, 403: ValidationErrors, 422: ValidationErrors},
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
            return Status(422, _field_error("reason", "Indiquez le motif de la réaffectation."))
    current = PartyForm(instance=party, user=user)
    values = {name: current[name].value() for name in current.fields}
    values.update(changes)
    form = PartyForm(_form_data(values), instance=party, user=user)
    if not form.is_valid():
        return Status(422, _errors(form))
    try:
        services.update_party(
            actor=user,
            party=form.save(commit=False),
            head_office_siret=form.cleaned_data["head_office_siret"],
            manager=form.cleaned_data.get("manager"),
            reason=reason,
        )
    except DomainError as exc:
        return Status(422, {"detail": str(exc), "errors": []})
    return Status(200, api_get_visible(_detail_queryset(request), request, pk=party.pk))
