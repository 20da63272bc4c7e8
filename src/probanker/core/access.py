"""Helpers that make every view and endpoint start from ``visible_to(user)``.

Two questions, in this order: is the row in the user's scope (else 404: another
manager's object does not exist), then may the user's role perform the action
on it (else 403, from ``core.permissions``). The API answers the 403 with its
JSON error shape (:func:`api_permission_denied`, registered in ``api.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import HttpError

from probanker.core.permissions import require

#: The ``detail`` of the API's 403, followed by the action refused.
FORBIDDEN_DETAIL = "Votre rôle ne permet pas cette action"


def visible(
    source: type[models.Model] | models.QuerySet[Any],
    request: HttpRequest,
    action: str | None = None,
) -> Any:
    """``source`` (a model or one of its querysets) restricted to the user.

    With an ``action`` the role must hold it: :class:`PermissionDenied` (a 403)
    otherwise, so that a list the role may not use is refused, not empty.
    """
    if action is not None:
        require(request.user, action)
    queryset: Any = source.objects.all() if isinstance(source, type) else source  # type: ignore[attr-defined]
    return queryset.visible_to(request.user, action)


def _get_visible(
    source: type[models.Model] | models.QuerySet[Any],
    request: HttpRequest,
    action: str | None,
    lookup: dict[str, Any],
) -> Any:
    """The row in the user's scope (``DoesNotExist`` otherwise), then the action checked."""
    row = visible(source, request).get(**lookup)
    if action is not None:
        require(request.user, action)
    return row


def get_visible_or_404(
    source: type[models.Model] | models.QuerySet[Any],
    request: HttpRequest,
    *,
    action: str | None = None,
    **lookup: Any,
) -> Any:
    """One visible object or a 404: another manager's object does not exist.

    With an ``action``, a visible object whose action the role lacks is a 403
    (:class:`PermissionDenied`).
    """
    try:
        return _get_visible(source, request, action, lookup)
    except ObjectDoesNotExist as exc:
        raise Http404("Objet introuvable") from exc


def api_get_visible(
    source: type[models.Model] | models.QuerySet[Any],
    request: HttpRequest,
    *,
    action: str | None = None,
    **lookup: Any,
) -> Any:
    """The API twin of :func:`get_visible_or_404` (JSON 404; 403 for a missing action)."""
    try:
        return _get_visible(source, request, action, lookup)
    except ObjectDoesNotExist as exc:
        raise HttpError(404, "Introuvable") from exc


#: The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def parse_id(value: str | None) -> int | None:
    """A row id typed in a URL or a form, or ``None`` when it cannot be one.

    ASCII digits only (``"²".isdigit()`` is true in Python but not a number for
    ``int``), and within a database integer, so junk never reaches a query.
    """
    # The length first: Python refuses to convert more than 4,300 digits (ValueError).
    if not value or len(value) > len(str(MAX_ID)) or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if number <= MAX_ID else None


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
    return parse_id(request.GET.get(DAY_MANAGER_PARAM))


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
    """The API's 403 unless the user's role may perform ``action``.

    Asked before any lookup, so it depends on the role only and reveals
    nothing about the object asked for; :func:`api_permission_denied` answers
    it in the API's JSON shape.
    """
    require(request.user, action)


def api_visible(
    source: type[models.Model] | models.QuerySet[Any], request: HttpRequest, action: str
) -> Any:
    """``source`` restricted to the rows the user reaches for ``action`` (403 first
    when the role lacks the action: the API's lists are refused, not empty)."""
    return visible(source, request, action)


def api_get_visible_for(
    source: type[models.Model] | models.QuerySet[Any],
    request: HttpRequest,
    action: str,
    **lookup: Any,
) -> Any:
    """One object the user reaches for ``action``: 403 when the role lacks the
    action (asked before the lookup, so it reveals nothing), 404 when the object
    is not in the user's scope (or does not exist)."""
    api_require(request, action)
    return api_get_visible(source, request, action=action, **lookup)


def action_required(action: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view or endpoint decorator: 403 unless the user's role holds ``action``.

    For routes that start from no object (a list, a creation form); routes on one
    object pass ``action=`` to :func:`get_visible_or_404` so that scope comes first.
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require(request.user, action)
            return view(request, *args, **kwargs)

        wrapper.action = action  # type: ignore[attr-defined]
        return wrapper

    return decorator


def api_permission_denied(request: HttpRequest, exc: Exception, api: Any) -> HttpResponse:
    """The API's 403: ``{"detail": ..., "errors": []}``, the shape of its other errors."""
    action = str(exc.args[0]) if exc.args else ""
    detail = f"{FORBIDDEN_DETAIL} ({action})." if action else f"{FORBIDDEN_DETAIL}."
    return api.create_response(request, {"detail": detail, "errors": []}, status=403)  # type: ignore[no-any-return]
