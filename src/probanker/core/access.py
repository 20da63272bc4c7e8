"""Helpers that make every view and endpoint start from ``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404, HttpRequest
from ninja.errors import HttpError


def visible(source: type[models.Model] | models.QuerySet[Any], request: HttpRequest) -> Any:
    """``source`` (a model or one of its querysets) restricted to the user."""
    queryset: Any = source.objects.all() if isinstance(source, type) else source  # type: ignore[attr-defined]
    return queryset.visible_to(request.user)


def get_visible_or_404(
    source: type[models.Model] | models.QuerySet[Any], request: HttpRequest, **lookup: Any
) -> Any:
    """One visible object or a 404: another manager's object does not exist."""
    try:
        return visible(source, request).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404("Objet introuvable") from exc


def api_get_visible(
    source: type[models.Model] | models.QuerySet[Any], request: HttpRequest, **lookup: Any
) -> Any:
    """The API twin of :func:`get_visible_or_404` (JSON 404)."""
    try:
        return visible(source, request).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise HttpError(404, "Introuvable") from exc
