"""API shapes of sales: guides, recommendations, opportunities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from probanker.core.schemas import Amount
from probanker.sales.models import Opportunity

OpenStageCode = Literal["detectee", "qualifiee", "proposee", "negociation"]
StageCode = Literal["detectee", "qualifiee", "proposee", "negociation", "gagnee", "perdue"]
LostCode = Literal["prix", "concurrence", "abandon", "refus", "sans_besoin"]


class GuideOut(Schema):
    """The current version of an interview guide."""

    id: int
    situation: str = Field(description="decouverte, bilan_annuel, projet_financement, …")
    segment: str = Field(description="artisan, commercant, liberal, tpe")
    title: str
    version: int
    sections: list[dict[str, Any]] = Field(
        description="[{title, questions: [{key, label, type, choices?, need?, need_when?}]}]"
    )


class RecommendationOut(Schema):
    """A product to offer, why, and how strongly (0–100)."""

    product: str = Field(description="Code du produit au catalogue")
    label: str
    basis: str = Field(description="need (besoin noté), peer (pairs), event (événement)")
    reason: str
    score: int


class OpportunityIn(Schema):
    model_config = {"extra": "forbid"}  # an unknown field is a 422, not silently dropped

    client: int = Field(description="Client (identifiant), de votre portefeuille", ge=1)
    product: str = Field(description="Code du produit au catalogue, par ex. equipment_loan",
                         min_length=1, max_length=30)  # fmt: skip
    amount: Decimal = Field(description="Montant (€), positif", gt=0, lt=Decimal("1e11"),
                            max_digits=13, decimal_places=2)  # fmt: skip
    stage: OpenStageCode = Field("detectee", description="Étape en cours à l'ouverture")
    expected_on: dt.date | None = Field(None, description="Conclusion attendue le")


class OpportunityPatch(Schema):
    model_config = {"extra": "forbid"}

    stage: StageCode | None = None
    lost_reason: LostCode | None = Field(None, description="Obligatoire pour « perdue »")
    amount: Decimal | None = Field(None, gt=0, lt=Decimal("1e11"), max_digits=13,
                                   decimal_places=2)  # fmt: skip
    expected_on: dt.date | None = None
    note: str | None = Field(None, max_length=400)


class OpportunityOut(Schema):
    id: int
    client: int
    client_name: str
    manager: str = Field(description="Chargé de clientèle (identifiant de connexion)")
    product: str
    product_label: str
    amount: Amount
    stage: StageCode
    lost_reason: str
    expected_on: dt.date | None
    created_on: dt.date
    closed_on: dt.date | None
    credit_file: int | None = Field(description="Dossier de crédit ouvert (crédit uniquement)")

    @staticmethod
    def resolve_client(obj: Opportunity) -> int:
        return obj.party_id

    @staticmethod
    def resolve_client_name(obj: Opportunity) -> str:
        return obj.party.name

    @staticmethod
    def resolve_manager(obj: Opportunity) -> str:
        return obj.manager.username

    @staticmethod
    def resolve_product(obj: Opportunity) -> str:
        return obj.product.code

    @staticmethod
    def resolve_product_label(obj: Opportunity) -> str:
        return obj.product.label

    @staticmethod
    def resolve_credit_file(obj: Opportunity) -> int | None:
        return obj.credit_file_id
