"""``/api/v1/reclamations``: record a complaint received, read one.

``POST`` needs ``complaint.change`` and a client the user reaches (another
portfolio's client is an invalid ``client``: 422); its deadlines come from the
département of the client's branch. ``GET`` needs ``complaint.view``; another
manager's complaint is a 404.
"""

from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from probanker.complaints import services
from probanker.complaints.models import OPEN_STATUSES, Attachment, Complaint
from probanker.complaints.schemas import ComplaintIn, ComplaintOut
from probanker.core.access import api_get_visible_for, api_visible, visible
from probanker.core.api_errors import InvalidData
from probanker.core.models import User
from probanker.core.pagination import Pages
from probanker.core.permissions import require
from probanker.core.schemas import responses
from probanker.parties.models import Party

router = Router(tags=["réclamations"])

READ = "complaint.view"


def _complaints(request: HttpRequest) -> QuerySet[Complaint]:
    """The complaints the user reaches for reading (403 without ``complaint.view``)."""
    documents = Attachment.objects.defer("content").order_by("uploaded_at", "pk")
    queryset = Complaint.objects.select_related("party", "branch").prefetch_related(
        Prefetch("attachments", queryset=documents)
    )
    return api_visible(queryset, request, READ)  # type: ignore[no-any-return]


@router.post(
    "/reclamations", response=responses({201: ComplaintOut}), summary="Enregistrer une réclamation"
)
def receive_complaint(request: HttpRequest, payload: ComplaintIn) -> Any:
    """A complaint received: 201 with its deadlines (``acknowledge_by``, ``answer_by``,
    ``final_answer_by``, null outside payment services) and its ``status``."""
    user: User = request.user  # type: ignore[assignment]
    require(user, "complaint.change")
    party = visible(Party, request, "party.view").filter(pk=payload.client).first()
    if party is None:
        raise InvalidData([("client", "client introuvable dans votre portefeuille")])
    complaint = services.receive(  # a DomainError is the API's 422
        actor=user, party=party, received_on=payload.received_on, channel=payload.channel,
        subject=payload.subject, description=payload.description,
        payment_service=payload.payment_service,
    )  # fmt: skip
    return Status(201, _complaints(request).get(pk=complaint.pk))


@router.get(
    "/reclamations/{complaint_id}",
    response=responses({200: ComplaintOut}, 404),
    summary="Une réclamation",
)
def get_complaint(request: HttpRequest, complaint_id: int) -> Any:
    """One complaint of the user's scope (404 otherwise)."""
    return api_get_visible_for(
        Complaint.objects.select_related("party", "branch"), request, READ, pk=complaint_id
    )


@router.get(
    "/reclamations",
    response=responses({200: list[ComplaintOut]}),
    summary="Réclamations visibles (en cours par défaut)",
)
@paginate(Pages, page_size=50)
def list_complaints(
    request: HttpRequest,
    status: Literal["en_cours", "recue", "accusee", "attente", "repondue", "toutes"] = "en_cours",
) -> Any:
    """The complaints of the user's scope, the oldest receipt first. ``status``:
    ``en_cours`` (default: received, acknowledged or on hold), one stage, or ``toutes``."""
    rows = _complaints(request)
    if status == "en_cours":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status != "toutes":
        rows = rows.filter(status=status)
    return rows.order_by("received_on", "pk")
