"""Error pages (400, 403, 404, 405, 500): French, in the layout, with a way back.

The UI gets a page of ``base.html`` (header, menu, breadcrumbs) that links back
to « Ma journée » and to the section the address belongs to; the API
(``/api/v1/``) keeps JSON answers. The 500 page renders without a database or
request context, and falls back to a fixed page if even that fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from probanker.core.middleware import api_prefix

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErrorPage:
    status: int
    title: str
    message: str


BAD_REQUEST = ErrorPage(
    400,
    "Requête incorrecte",
    "La demande n'a pas pu être comprise. Revenez à la page précédente et réessayez.",
)
FORBIDDEN = ErrorPage(
    403,
    "Accès refusé",
    "Votre rôle ne permet pas cette action. Si vous en avez besoin, "
    "adressez-vous à votre directeur d'agence ou à l'administrateur.",
)
CSRF_FAILED = ErrorPage(
    403,
    "Formulaire expiré",
    "Le formulaire a expiré ou a été envoyé depuis une autre page. "
    "Rechargez la page et recommencez.",
)
NOT_FOUND = ErrorPage(
    404,
    "Page introuvable",
    "Cette page n'existe pas ou ne fait pas partie de votre portefeuille.",
)
METHOD_NOT_ALLOWED = ErrorPage(
    405,
    "Méthode non autorisée",
    "Cette adresse ne s'ouvre pas ainsi : elle reçoit un formulaire envoyé depuis sa page. "
    "Revenez à la page précédente et utilisez son bouton.",
)
SERVER_ERROR = ErrorPage(
    500,
    "Erreur du serveur",
    "Une erreur inattendue s'est produite ; elle a été enregistrée. "
    "Réessayez dans un instant ; si elle se reproduit, signalez-la à l'administrateur.",
)

FALLBACK_500 = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Erreur du serveur — probanker</title></head>
<body><main><h1>Erreur du serveur</h1>
<p>Une erreur inattendue s'est produite ; elle a été enregistrée.</p>
<p><a href="/">Retour à Ma journée</a></p></main></body></html>"""


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(api_prefix())


def _json(error: ErrorPage) -> JsonResponse:
    return JsonResponse({"detail": error.message, "errors": []}, status=error.status)


def render_error(request: HttpRequest, error: ErrorPage) -> HttpResponse:
    """The error as JSON for the API, else a page of the layout for this request."""
    if _is_api(request):
        return _json(error)
    html = render_to_string("core/errors/error.html", {"error": error}, request=request)
    return HttpResponse(html, status=error.status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: a malformed request (e.g. a suspicious operation)."""
    return render_error(request, BAD_REQUEST)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler403``: the role may not do this."""
    return render_error(request, FORBIDDEN)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: an expired or foreign form, said in French."""
    return render_error(request, CSRF_FAILED)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: no such page, or an object outside the user's portfolio."""
    return render_error(request, NOT_FOUND)


def server_page() -> str:
    """The 500 page: the layout without user, menu or database, or a fixed page."""
    try:
        return render_to_string("core/errors/500.html", {"error": SERVER_ERROR})
    except Exception:  # the page of last resort must not fail in turn
        logger.exception("the 500 page could not be rendered")
        return FALLBACK_500


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: rendered without the request context (no database, no session)."""
    if _is_api(request):
        return _json(SERVER_ERROR)
    return HttpResponse(server_page(), status=500)


class MethodNotAllowedMiddleware:
    """A 405 (a link opened on an address that only takes a form, an API verb the
    endpoint does not have) said in French like the other errors, in the layout or as
    the API's JSON; the ``Allow`` header is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405:
            return response
        french = render_error(request, METHOD_NOT_ALLOWED)
        if "Allow" in response:
            french["Allow"] = response["Allow"]
        return french
