"""Complaints for tests, recorded through the service as in real use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from probanker.complaints import services
from probanker.complaints.models import Attachment, Complaint, Mediator


def complaint(
    party: Any,
    actor: Any,
    *,
    received_on: dt.date = dt.date(2026, 6, 1),
    channel: str = "courrier",
    payment_service: bool = False,
    **extra: Any,
) -> Complaint:
    """A complaint received by ``actor`` (who holds ``complaint.change``) from ``party``."""
    return services.receive(
        actor=actor, party=party, received_on=received_on, channel=channel,
        subject=extra.pop("subject", "Frais de tenue de compte contestés"),
        description=extra.pop("description", "Le client conteste des frais prélevés en mai."),
        payment_service=payment_service, **extra,
    )  # fmt: skip


def mediator() -> Mediator:
    return Mediator.objects.create(
        name="Médiateur auprès de la banque (test)",
        address="1 place du Test\n75001 Paris",
        website="https://mediateur.example.org",
    )


#: The smallest PDF our checks accept: the signature, one empty page.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n"


def attachment(
    complaint: Complaint, actor: Any, *, data: bytes = PDF_BYTES, name: str = "courrier.pdf"
) -> Attachment:
    """A document joined to ``complaint`` by ``actor``."""
    joined, _created = services.attach(
        actor=actor, complaint=complaint, name=name, chunks=[data], label="Courrier du client"
    )
    return joined
