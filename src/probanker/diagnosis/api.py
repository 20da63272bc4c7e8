"""``/api/v1/clients/{id}/exercices`` and ``/analyse``: a visible client's statements and analysis."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from probanker.core.access import api_get_visible
from probanker.core.schemas import responses
from probanker.diagnosis.analysis import analyse_party, analysis_json
from probanker.diagnosis.models import FiscalYear
from probanker.diagnosis.schemas import AnalysisOut, FiscalYearOut
from probanker.diagnosis.summaries import summary_of
from probanker.parties.models import Party

router = Router(tags=["diagnostic financier"])


@router.get(
    "/clients/{party_id}/exercices",
    response=responses({200: list[FiscalYearOut]}, 404),
    summary="Exercices d'un client et leurs chiffres (SIG, CAF, bilan, liasse)",
)
def client_fiscal_years(request: HttpRequest, party_id: int) -> Any:
    party = api_get_visible(Party, request, pk=party_id, action="diagnosis.view")
    return [
        {"id": y.pk, "start": y.start, "end": y.end, "source": y.source, **summary_of(y).to_json()}
        for y in FiscalYear.objects.filter(party=party).order_by("end")
    ]


@router.get(
    "/clients/{party_id}/analyse",
    response=responses({200: AnalysisOut}, 404),
    summary="Analyse financière d'un client : SIG, ratios, comparaison sectorielle, capacité",
)
def client_analysis(request: HttpRequest, party_id: int) -> Any:
    party = api_get_visible(
        Party.objects.select_related("naf"), request, pk=party_id, action="diagnosis.view"
    )
    return analysis_json(analyse_party(party))
