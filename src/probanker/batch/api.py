"""``/api/v1/traitements``: the journal of the daily batch, for administrators."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from probanker.batch.models import BatchRun
from probanker.batch.schemas import BatchRunOut
from probanker.core.access import api_require
from probanker.core.pagination import Pages
from probanker.core.schemas import responses

router = Router(tags=["traitements"])


@router.get(
    "/traitements",
    response=responses({200: list[BatchRunOut]}),
    summary="Journal des traitements",
)
@paginate(Pages, page_size=50)
def list_runs(request: HttpRequest) -> Any:
    """Runs of the daily batch, newest first, each with its steps (administrators only)."""
    api_require(request, "batch.view")
    return BatchRun.objects.visible_to(request.user, "batch.view").for_journal()
