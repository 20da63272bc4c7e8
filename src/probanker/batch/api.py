"""``/api/v1/traitements``: the journal of the daily batch, for administrators."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from probanker.batch.models import BatchRun
from probanker.batch.schemas import BatchRunOut
from probanker.core.permissions import can

router = Router(tags=["traitements"])


@router.get("/traitements", response=list[BatchRunOut], summary="Journal des traitements")
@paginate(PageNumberPagination, page_size=50)
def list_runs(request: HttpRequest) -> Any:
    """Runs of the daily batch, newest first, each with its steps (administrators only)."""
    if not can(request.user, "batch.view"):
        raise HttpError(403, "Réservé aux administrateurs.")
    return BatchRun.objects.visible_to(request.user, "batch.view").for_journal()
