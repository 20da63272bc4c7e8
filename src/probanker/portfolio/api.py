"""``GET /api/v1/portefeuille``: the figures of the portfolio diagnosis (``portfolio.figures``).

A manager gets their own portfolio — ``?manager=`` naming another manager
changes nothing —, a director their branch or, with ``?manager=USERNAME``, one
of its managers' portfolios (another branch's manager: 422).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from probanker.core.access import api_require
from probanker.core.api_errors import InvalidData
from probanker.core.schemas import responses
from probanker.portfolio import figures, summaries
from probanker.portfolio.schemas import PortfolioOut

router = Router(tags=["portefeuille"])


class PortfolioQuery(Schema):
    manager: str = Field(
        "",
        description="Identifiant de connexion d'un chargé de l'agence (directeur)",
        max_length=150,
    )


@router.get(
    "/portefeuille",
    response=responses({200: PortfolioOut}),
    summary="Diagnostic du portefeuille : segments, équipement, objectifs",
)
def portfolio(request: HttpRequest, query: Query[PortfolioQuery]) -> Any:
    api_require(request, "portfolio.view")
    unknown = sorted(set(request.GET) - {"manager"})
    if unknown:
        raise InvalidData([(name, "Paramètre inconnu.") for name in unknown])
    if len(request.GET.getlist("manager")) > 1:
        raise InvalidData([("manager", "Un seul chargé de clientèle à la fois.")])
    try:
        scope = figures.portfolio_scope(request.user, query.manager)  # type: ignore[arg-type]
    except LookupError as exc:
        raise InvalidData(
            [("manager", "Aucun chargé de clientèle de ce nom dans votre périmètre.")]
        ) from exc
    today = timezone.localdate()
    found = summaries.summary(scope, "segment", today)
    cells = found.segmentation("segment")
    families = [
        {"family": row.family, "holders": row.holders, "rate": row.rate} for row in found.families
    ]
    done = summaries.progress(request.user, scope, found, today)  # type: ignore[arg-type]
    return {
        "clients": sum(c.clients for c in cells),
        "segments": [
            {"segment": c.key, "clients": c.clients, "deposits": c.deposits,
             "credit_outstanding": c.credit_outstanding, "pnb": c.pnb}
            for c in cells
        ],
        "families": families,
        "objectives": [
            {"indicator": p.objective.indicator,
             "family": p.objective.family.code if p.objective.family else None,
             "manager": p.objective.manager.username if p.objective.manager else None,
             "year": p.objective.year, "target": p.objective.target, "realised": p.realised,
             "progress": p.rate, "projection": p.projection}
            for p in done
        ],
    }  # fmt: skip
