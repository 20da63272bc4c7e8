"""API shapes of credit files (amounts as strings with two decimals, rates as decimals)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from probanker.core.schemas import Amount
from probanker.credit.models import CreditFile, Decision, FileStatus


def recorded_decision(file: CreditFile) -> Decision | None:
    """The file's decision once recorded (``None`` before)."""
    if file.status != FileStatus.DECIDED:
        return None
    return getattr(file, "decision", None)


class CreditFileFields(Schema):
    """The list fields of a credit file (the detail fills them from a dict)."""

    id: int
    party_id: int = Field(description="Client (identifiant)")
    party_name: str = Field(description="Raison sociale du client")
    manager: str = Field(description="Chargé de clientèle du client (identifiant de connexion)")
    purpose: str = Field(description="Objet : equipement, fonds, immobilier, tresorerie...")
    purpose_label: str
    status: str = Field(description="État : brouillon, soumis ou decide")
    status_label: str
    level: str | None = Field(
        description="Niveau de décision fixé à la soumission : manager, director ou committee"
    )
    level_label: str | None
    requested_amount: Amount = Field(description="Total des produits demandés (€)")
    client_rate: Decimal | None = Field(description="Taux proposé au client (%)")
    created_on: dt.date
    submitted_on: dt.date | None
    outcome: str | None = Field(
        description="Décision enregistrée : accord, accord_conditions ou refus (null sinon)"
    )


class CreditFileOut(CreditFileFields):
    """A credit file as listed, read from the model."""

    # The resolvers read a CreditFile annotated with ``requested_amount`` (see api.py).

    @staticmethod
    def resolve_party_name(obj: Any) -> str:
        return str(obj.party.name)

    @staticmethod
    def resolve_manager(obj: Any) -> str:
        return str(obj.party.manager.username) if obj.party.manager_id else ""

    @staticmethod
    def resolve_purpose_label(obj: Any) -> str:
        return str(obj.get_purpose_display())

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_level(obj: Any) -> str | None:
        return obj.level or None

    @staticmethod
    def resolve_level_label(obj: Any) -> str | None:
        return str(obj.get_level_display()) if obj.level else None

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        decision = recorded_decision(obj)
        return decision.outcome if decision else None


class PlanLineOut(Schema):
    id: int
    side: str = Field(description="besoin ou ressource")
    label: str
    amount: Amount
    own_contribution: bool = Field(description="Apport personnel")


class PlanOut(Schema):
    """The financing plan: needs, resources and whether they balance."""

    needs: Amount = Field(description="Total des besoins (€)")
    resources: Amount = Field(description="Total des ressources (€)")
    own_contribution: Amount = Field(description="Dont apport personnel (€)")
    balanced: bool = Field(description="Besoins = ressources")
    lines: list[PlanLineOut]


class TegOut(Schema):
    teg: Decimal = Field(description="TEG annuel proportionnel (%), art. R314-2 C. conso.")
    period_rate: Decimal = Field(description="Taux de période actuariel (%)")
    period: str = Field(description="Durée de la période : mois, trimestre...")


class ProductOut(Schema):
    """A product asked for, with its schedule summary when it is a loan."""

    id: int
    kind: str = Field(description="pret, credit_bail, decouvert ou dailly")
    kind_label: str
    amount: Amount
    rate: Decimal = Field(description="Taux nominal annuel (%)")
    months: int = Field(description="Durée (mois)")
    loan_type: str
    frequency: str
    deferral_months: int
    fees: Amount = Field(description="Frais de dossier (€)")
    insurance_rate: Decimal = Field(description="Assurance (% par an du capital initial)")
    payment: Amount | None = Field(
        description="Prêt : première échéance, assurance comprise ; crédit-bail : loyer (€)"
    )
    instalments: int | None = Field(description="Nombre d'échéances (prêt)")
    total_interest: Amount | None = Field(description="Intérêts sur la durée (prêt, €)")
    total_cost: Amount | None = Field(
        description="Coût du crédit : intérêts, assurance et frais (prêt, €)"
    )
    teg: TegOut | None
    yearly_service: Amount = Field(description="Charge des douze premiers mois (€)")
    usury: str | None = Field(description="Découvert : comparaison au taux d'usure")


class GuaranteeOut(Schema):
    """A guarantee, with what it counts for after haircut, ranks and caps."""

    id: int
    kind: str
    label: str
    value: Amount
    limit: Amount | None = Field(description="Plafond de l'engagement (€)")
    prior_claims: Amount = Field(description="Créances de rang antérieur (€)")
    quota: Decimal | None = Field(description="Quotité d'un fonds de garantie (%)")
    guarantor: str
    counted: Amount = Field(description="Valeur retenue pour la couverture (€)")
    note: str = Field(description="Comment la valeur retenue est obtenue")
    mention_ok: bool | None = Field(description="Mention manuscrite conforme (art. 2297)")
    proportionate: bool | None = Field(description="Engagement proportionné (art. 2300)")


class CoverageOut(Schema):
    exposure: Amount = Field(description="Encours demandé (€)")
    secured: Amount = Field(description="Part couverte par les garanties (€)")
    ratio: Decimal = Field(description="Taux de couverture (%)")


class ComplianceItemOut(Schema):
    code: str
    label: str
    reference: str
    blocking: bool
    automatic: bool = Field(description="Vérifiée d'elle-même à partir du dossier")
    state: str = Field(description="manquant ou conforme")
    checked_on: dt.date | None
    checked_by: str | None


class DecisionOut(Schema):
    """The decision: recorded once, never changed."""

    outcome: str = Field(description="accord, accord_conditions ou refus")
    outcome_label: str
    level: str
    level_label: str
    conditions: str
    decided_by: str
    decided_at: dt.datetime


class CreditFileDetailOut(CreditFileFields):
    """A credit file with its plan, products, guarantees, compliance and decision."""

    description: str
    renewal_of: int | None
    plan: PlanOut
    products: list[ProductOut]
    guarantees: list[GuaranteeOut]
    coverage: CoverageOut
    compliance: list[ComplianceItemOut]
    decision: DecisionOut | None


class DecisionIn(Schema):
    """A decision on a submitted file (conditions or motive required unless an accord)."""

    outcome: str = Field("", description="accord, accord_conditions ou refus")
    conditions: str = Field("", description="Conditions de l'accord ou motif du refus")
