"""``/api/v1``: the interview guides, a client's recommendations, opportunities.

Reads need ``sales.view``, writes ``sales.change``; a client or an opportunity
outside the user's scope is a 404 (in a payload: an invalid ``client``, 422).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from probanker.banking.models import Product
from probanker.core.access import api_get_visible_for, api_require, api_visible, visible
from probanker.core.api_errors import InvalidData
from probanker.core.models import User
from probanker.core.pagination import Pages
from probanker.core.schemas import responses
from probanker.parties.models import Party
from probanker.sales import services
from probanker.sales.models import InterviewGuide, Opportunity
from probanker.sales.recommendations import for_party
from probanker.sales.schemas import (
    GuideOut,
    OpportunityIn,
    OpportunityOut,
    OpportunityPatch,
    RecommendationOut,
)

router = Router(tags=["conseil et ventes"])
READ, CHANGE = "sales.view", "sales.change"


def _opportunities(request: HttpRequest, action: str = READ) -> QuerySet[Opportunity]:
    queryset = Opportunity.objects.select_related("party", "manager", "product")
    return api_visible(queryset, request, action)  # type: ignore[no-any-return]


@router.get("/entretiens/guides", response=responses({200: list[GuideOut]}),
            summary="Guides d'entretien en vigueur")  # fmt: skip
def list_guides(request: HttpRequest) -> Any:
    """Every current guide (situation × segment) with its sections and questions."""
    api_require(request, READ)
    return InterviewGuide.objects.filter(current=True).order_by("situation", "segment")


@router.get("/clients/{client_id}/recommandations",
            response=responses({200: list[RecommendationOut]}, 404),
            summary="Recommandations pour un client")  # fmt: skip
def client_recommendations(request: HttpRequest, client_id: int) -> Any:
    """The client's next best offers, best first, each with its reason."""
    party = api_get_visible_for(Party.objects.all(), request, READ, pk=client_id)
    return for_party(party, timezone.localdate())


@router.post("/opportunites", response=responses({201: OpportunityOut}),
             summary="Ouvrir une opportunité")  # fmt: skip
def create_opportunity(request: HttpRequest, payload: OpportunityIn) -> Any:
    """201 with the opportunity; one of credit carries the credit file it opened."""
    api_require(request, CHANGE)
    user: User = request.user  # type: ignore[assignment]
    party = visible(Party, request, "party.view").filter(pk=payload.client).first()
    if party is None:
        raise InvalidData([("client", "client introuvable dans votre portefeuille")])
    product = Product.objects.filter(code=payload.product).first()
    if product is None:
        raise InvalidData([("product", f"produit « {payload.product} » absent du catalogue")])
    opportunity = services.open_opportunity(  # a DomainError is the API's 422
        actor=user, party=party, product=product, amount=payload.amount,
        stage=payload.stage, expected_on=payload.expected_on, on=timezone.localdate(),
        source="API",
    )  # fmt: skip
    return Status(201, _opportunities(request).get(pk=opportunity.pk))


@router.get("/opportunites/{opportunity_id}", response=responses({200: OpportunityOut}, 404),
            summary="Une opportunité")  # fmt: skip
def get_opportunity(request: HttpRequest, opportunity_id: int) -> Any:
    return api_get_visible_for(_opportunities(request), request, READ, pk=opportunity_id)


@router.patch("/opportunites/{opportunity_id}", response=responses({200: OpportunityOut}, 404),
              summary="Faire avancer une opportunité")  # fmt: skip
def patch_opportunity(request: HttpRequest, opportunity_id: int, payload: OpportunityPatch) -> Any:
    """Change its stage (« perdue » with ``lost_reason``), amount, expected date or note."""
    user: User = request.user  # type: ignore[assignment]
    opportunity = api_get_visible_for(
        Opportunity.objects.select_related("party"), request, CHANGE, pk=opportunity_id
    )
    services.move_opportunity(
        actor=user, opportunity=opportunity, stage=payload.stage or opportunity.stage,
        on=timezone.localdate(), lost_reason=payload.lost_reason or "", amount=payload.amount,
        expected_on=payload.expected_on, note=payload.note,
    )  # fmt: skip
    return _opportunities(request).get(pk=opportunity.pk)


@router.get("/opportunites", response=responses({200: list[OpportunityOut]}),
            summary="Opportunités visibles")  # fmt: skip
@paginate(Pages, page_size=50)
def list_opportunities(request: HttpRequest) -> Any:
    return _opportunities(request).order_by("expected_on", "pk")
