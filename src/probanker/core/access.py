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


def api_require(request: HttpRequest, action: str) -> None:
    """The API's 403 (JSON ``detail``) unless the user's role may perform ``action``.

    Asked before any lookup, so it depends on the role only and reveals
    nothing about the object asked for.
    """
    from probanker.core.permissions import can

    if not can(request.user, action):
        raise HttpError(403, "Votre rôle ne permet pas cette action.")


def api_visible(
    source: type[models.Model] | models.QuerySet[Any], request: HttpRequest, action: str
) -> Any:
    """``source`` restricted to the rows the user reaches for ``action``, after
    :func:`api_require` (403 when the role lacks the action)."""
    api_require(request, action)
    queryset: Any = source.objects.all() if isinstance(source, type) else source  # type: ignore[attr-defined]
    return queryset.visible_to(request.user, action)


def api_get_visible_for(
    source: type[models.Model] | models.QuerySet[Any],
    request: HttpRequest,
    action: str,
    **lookup: Any,
) -> Any:
    """One object the user reaches for ``action``: 403 when the role lacks the
    action, 404 when the object is not in the user's scope (or does not exist)."""
    try:
        return api_visible(source, request, action).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise HttpError(404, "Introuvable") from exc
