"""Versioned page cache for the hottest read pages.

« Ma journée » and the lists are read far more often than the data behind
them changes. Their rendered response is cached per session under a
*data version*: a counter in the database that every write to client data
bumps (``post_save``/``post_delete`` of the tracked models, and explicitly
after bulk operations through :func:`bump_data_version`). A request reads the
version (one indexed query), so a change made by any process or worker is seen
by the very next request; the cache itself (per process) only saves work.

Nothing user-specific leaks: the key holds the session key and the CSRF
cookie; pages with flash messages are neither served from nor stored in the
cache.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import models
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

CACHE_SECONDS = 600


def data_version() -> int:
    """The current data version (0 before the first write)."""
    from probanker.core.models import DataVersion

    value = DataVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(value or 0)


def bump_data_version(**_: Any) -> None:
    """Make every cached page stale (call after bulk writes; signals do the rest)."""
    from probanker.core.models import DataVersion

    if not DataVersion.objects.filter(pk=1).update(version=F("version") + 1):
        DataVersion.objects.bulk_create([DataVersion(pk=1, version=1)], ignore_conflicts=True)


def track(*model_classes: type[models.Model]) -> None:
    """Bump the version whenever a row of these models is saved or deleted."""
    for model in model_classes:
        post_save.connect(
            bump_data_version, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}"
        )
        post_delete.connect(
            bump_data_version, sender=model, dispatch_uid=f"pagecache-del-{model._meta.label}"
        )


def _key(request: HttpRequest, version: int) -> str | None:
    session_key = request.session.session_key
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if not session_key or not csrf_cookie:
        # The page would embed a CSRF token from a new secret: render it.
        return None
    parts = [
        session_key,
        csrf_cookie,
        str(version),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cache_per_session(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a GET view's 200 responses per session and data version."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PAGE_CACHE or request.method != "GET" or len(get_messages(request)):
            return view(request, *args, **kwargs)
        key = _key(request, data_version())
        if key is None:
            return view(request, *args, **kwargs)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            get_token(request)  # keep the CSRF cookie as a rendered page would
            response = HttpResponse(content, content_type=content_type)
            response["X-Probanker-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
        return response

    return wrapper
