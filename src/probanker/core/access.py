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


#: The query parameter by which a director narrows « Ma journée » to one manager.
DAY_MANAGER_PARAM = "charge"


def day_manager_id(request: HttpRequest) -> int | None:
    """The manager a director (or a bank-wide role) narrowed the day to, if any.

    A manager always sees their own portfolio: the parameter is ignored for them.
    Rows stay restricted by ``visible_to``, so an id outside the user's scope
    only narrows to nothing.
    """
    from probanker.core.permissions import Scope, scope_of

    if scope_of(request.user) not in {Scope.BRANCH, Scope.ALL}:
        return None
    value = request.GET.get(DAY_MANAGER_PARAM, "")
    return int(value) if value.isdigit() else None


def day_visible(source: type[models.Model] | models.QuerySet[Any], request: HttpRequest) -> Any:
    """:func:`visible`, narrowed to the manager chosen on « Ma journée » (if any)."""
    queryset = visible(source, request)
    manager_id = day_manager_id(request)
    if manager_id is not None:
        queryset = queryset.filter(**{f"{queryset.party_path}manager_id": manager_id})
    return queryset


def managers_in_scope(user: Any) -> Any:
    """The active managers whose portfolios the user reaches (a manager: themself)."""
    from probanker.core.models import Role, User
    from probanker.core.permissions import Scope, scope_of

    if user is None or not user.is_authenticated:
        return User.objects.none()
    managers = User.objects.filter(role=Role.MANAGER, is_active=True)
    scope = scope_of(user)
    if scope == Scope.ALL:
        return managers
    if scope == Scope.BRANCH:
        return managers.filter(branch_id=user.branch_id)
    return managers.filter(pk=user.pk)


def day_managers(request: HttpRequest) -> tuple[list[Any], Any]:
    """The managers a director may narrow « Ma journée » to, and the one chosen.

    Empty for a manager (their day is their own portfolio).
    """
    from probanker.core.permissions import Scope, scope_of

    if scope_of(request.user) not in {Scope.BRANCH, Scope.ALL}:
        return [], None
    listed = list(managers_in_scope(request.user).order_by("last_name", "first_name"))
    chosen = day_manager_id(request)
    return listed, next((m for m in listed if m.pk == chosen), None)


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
