"""``/api/v1/clients/{id}/products``: products held by a visible client."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from probanker.banking import services
from probanker.banking.schemas import ContractOut
from probanker.core.access import api_get_visible
from probanker.core.schemas import responses
from probanker.parties.models import Party

router = Router(tags=["produits détenus"])


@router.get(
    "/clients/{party_id}/products",
    response=responses({200: list[ContractOut]}, 404),
    summary="Produits détenus par un client",
)
def client_products(request: HttpRequest, party_id: int) -> Any:
    party = api_get_visible(Party, request, pk=party_id, action="contract.view")
    return list(services.contracts_of(party))
