"""Request/response middleware of the whole site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


def api_prefix() -> str:
    """The path every API URL starts with (``/api/v1/``)."""
    return reverse("api:api-root")


class NoStoreMiddleware:
    """Keep banking data out of browser and proxy caches.

    Every answer to an authenticated user (pages, PDFs, downloads, errors,
    redirects) and every API answer gets ``Cache-Control: no-store`` (with
    Django's other never-cache directives and ``Expires``) and ``Pragma:
    no-cache`` for HTTP/1.0 proxies. Static files are answered by WhiteNoise
    before this middleware and stay cacheable. The versioned page cache
    (``core.pagecache``) is server-side and unaffected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(api_prefix()):
            add_never_cache_headers(response)
            response["Pragma"] = "no-cache"
        return response
