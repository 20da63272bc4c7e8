"""API shapes of complaints: the receipt (``POST /api/v1/reclamations``) and a complaint."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from probanker.complaints.models import Attachment, Complaint
from probanker.core.schemas import Amount

ChannelCode = Literal["courrier", "email", "telephone", "agence", "site", "reseaux_sociaux"]


class ComplaintIn(Schema):
    """A complaint received: the client, when and how, what about."""

    client: int = Field(description="Client (identifiant), de votre portefeuille", ge=1)
    received_on: dt.date = Field(description="Date de réception (AAAA-MM-JJ)")
    channel: ChannelCode = Field(description="Canal de réception")
    subject: str = Field(description="Objet", min_length=1, max_length=200)
    description: str = Field(description="Description", min_length=1, max_length=20000)
    payment_service: bool = Field(
        False, description="Service de paiement (art. L133-45 CMF : 15 et 35 jours ouvrés)"
    )


class AttachmentOut(Schema):
    """A document joined to the complaint (its content is read from the complaint's page)."""

    id: int
    name: str = Field(description="Nom du fichier")
    label: str = Field(description="Description")
    content_type: str = Field(
        description="Type lu dans le contenu (PDF, JPEG, PNG, courriel, texte)"
    )
    size: int = Field(description="Taille en octets")
    uploaded_at: dt.datetime


class ComplaintOut(Schema):
    """A complaint, its deadlines and its stage."""

    id: int
    client: int = Field(description="Client (identifiant)")
    client_name: str
    branch: str = Field(description="Agence (code)")
    received_on: dt.date
    channel: ChannelCode
    typology: str
    subject: str
    description: str
    payment_service: bool
    acknowledge_by: dt.date = Field(description="Accusé de réception au plus tard le")
    answer_by: dt.date = Field(description="Réponse au plus tard le")
    final_answer_by: dt.date | None = Field(
        description="Réponse définitive au plus tard le (services de paiement, sinon null)"
    )
    status: str = Field(description="Étape : recue, accusee, attente, repondue")
    status_label: str
    level: str = Field(description="Niveau : agence, service, mediateur")
    acknowledged_on: dt.date | None
    holding_reply_on: dt.date | None
    answered_on: dt.date | None
    outcome: str = Field(description="Issue : favorable, partielle, defavorable ou vide")
    refund: Amount | None = Field(description="Remboursement (€, chaîne à deux décimales)")
    mediator_referred_on: dt.date | None
    attachments: list[AttachmentOut] = Field(description="Pièces jointes")

    @staticmethod
    def resolve_attachments(obj: Complaint) -> list[Attachment]:
        return list(obj.attachments.all())

    @staticmethod
    def resolve_client(obj: Complaint) -> int:
        return obj.party_id

    @staticmethod
    def resolve_client_name(obj: Complaint) -> str:
        return obj.party.name

    @staticmethod
    def resolve_branch(obj: Complaint) -> str:
        return obj.branch.code

    @staticmethod
    def resolve_status_label(obj: Complaint) -> str:
        return str(obj.get_status_display())
