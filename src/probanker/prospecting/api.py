"""``/api/v1/prospection``: a register's establishment becomes a prospect, once.

``prospect.create`` is needed (403 otherwise). A SIREN the bank already
holds, in any portfolio, is a 409 naming who follows it; a SIRET that is
invalid, absent from the register, closed, of partial diffusion or of a form
probanker does not follow is a 422 on ``siret``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from probanker.core.access import api_require, api_visible, managers_in_scope
from probanker.core.api_errors import InvalidData
from probanker.core.models import User
from probanker.core.pagination import Pages
from probanker.core.schemas import responses
from probanker.core.services import DomainError
from probanker.prospecting.models import ProspectSource
from probanker.prospecting.schemas import ProspectIn, ProspectOut, ProspectSourceOut
from probanker.prospecting.services import AlreadyHeld, create_prospect

router = Router(tags=["prospection"])


@router.get(
    "/prospection/prospects",
    response=responses({200: list[ProspectSourceOut]}),
    summary="Prospects visibles et leur origine (répertoire, recommandation, manifestation)",
)
@paginate(Pages, page_size=50)
def list_prospects(request: HttpRequest) -> Any:
    """The user's prospects (a director: the branch's), newest first, with their origin."""
    sources = api_visible(ProspectSource, request, "prospecting.view")
    return sources.select_related("party__manager").order_by("-registered_on", "-pk")


@router.post(
    "/prospection/prospects",
    response=responses({201: ProspectOut}, 409),
    summary="Créer un prospect depuis un établissement du répertoire SIRENE",
)
def create(request: HttpRequest, payload: ProspectIn) -> Any:
    """201 with the prospect and its probable duplicates; 409 when already held."""
    api_require(request, "prospect.create")
    user: User = request.user  # type: ignore[assignment]
    manager = None
    if payload.manager is not None:
        manager = managers_in_scope(user).filter(pk=payload.manager).first()
        if manager is None:
            raise InvalidData([("manager", "Chargé de clientèle inconnu de votre périmètre.")])
    try:
        outcome = create_prospect(
            actor=user, siret=payload.siret, today=timezone.localdate(), manager=manager
        )
    except AlreadyHeld as exc:
        return Status(409, {"detail": str(exc), "errors": []})
    except DomainError as exc:
        field = "manager" if "chargé de clientèle" in str(exc) else "siret"
        raise InvalidData([(field, str(exc))]) from exc
    party = outcome.party
    return Status(
        201,
        {
            "id": party.pk, "name": party.name, "siren": party.siren or "",
            "siret": party.prospect_source.siret, "kind": party.kind,
            "manager": party.manager.username, "source": party.prospect_source.kind,
            "duplicates": [
                {"name": d.party.name, "postal_code": d.party.postal_code,
                 "manager": d.party.manager.username, "score": round(d.score, 1)}
                for d in outcome.duplicates
            ],
        },
    )  # fmt: skip
