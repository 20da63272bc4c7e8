"""The API's error answers: one shape, in French, for every 4xx.

``{"detail": "...", "errors": [{"field": "...", "message": "..."}]}``
(:class:`probanker.core.schemas.ErrorOut`). Invalid data — a query, path or body
parameter that ninja's validation refuses, a filter, a form, a business rule of the
services (:class:`~probanker.core.services.DomainError`) — is a 422 whose ``detail``
is « Données invalides » and whose ``errors`` name the fields (dotted, without
``body``/``query``/``path``; ``__all__`` for the request as a whole). The other
errors (401, 404, 409...) keep their French ``detail`` with ``errors: []``.
:func:`api_error` answers them all; ``api.py`` registers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from probanker.core.services import DomainError

#: The ``detail`` of every 422.
INVALID_DETAIL = "Données invalides"
#: The ``field`` of an error about the request as a whole.
WHOLE = "__all__"
UNAUTHORIZED_DETAIL = (
    "Authentification requise : un jeton personnel (Authorization: Bearer pbk_...) ou une session."
)
NOT_FOUND_DETAIL = "Introuvable"
UNREADABLE_BODY = "corps de la requête illisible : du JSON est attendu"
CSRF_DETAIL = (
    "Vérification CSRF échouée : avec une session, envoyez l'en-tête X-CSRFToken ; "
    "ou authentifiez-vous par un jeton personnel (Authorization: Bearer pbk_...)."
)

#: Where ninja says a parameter came from: not part of the field's name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}

#: Pydantic's error types in French; ``{...}`` takes the error's context.
_MESSAGES = {
    "missing": "champ obligatoire",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "int_parsing_size": "valeur trop grande",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "finite_number": "nombre fini attendu",
    "decimal_parsing": "nombre décimal attendu",
    "decimal_type": "nombre décimal attendu",
    "decimal_max_digits": "trop de chiffres (au plus {max_digits})",
    "decimal_max_places": "trop de décimales (au plus {decimal_places})",
    "decimal_whole_digits": "trop de chiffres avant la virgule (au plus {whole_digits})",
    "string_type": "texte attendu",
    "string_unicode": "texte attendu",
    "string_too_short": "texte trop court (au moins {min_length} caractères)",
    "string_too_long": "texte trop long (au plus {max_length} caractères)",
    "string_pattern_mismatch": "format invalide",
    "bool_parsing": "booléen attendu (true ou false)",
    "bool_type": "booléen attendu (true ou false)",
    "date_parsing": "date attendue (AAAA-MM-JJ)",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "date_from_datetime_parsing": "date attendue (AAAA-MM-JJ)",
    "date_from_datetime_inexact": "date attendue (AAAA-MM-JJ), sans heure",
    "datetime_parsing": "date et heure attendues (ISO 8601)",
    "datetime_type": "date et heure attendues (ISO 8601)",
    "datetime_from_date_parsing": "date et heure attendues (ISO 8601)",
    "greater_than": "valeur trop petite (plus de {gt} attendu)",
    "greater_than_equal": "valeur trop petite (au moins {ge})",
    "less_than": "valeur trop grande (moins de {lt} attendu)",
    "less_than_equal": "valeur trop grande (au plus {le})",
    "literal_error": "valeur non autorisée (attendu : {expected})",
    "enum": "valeur non autorisée (attendu : {expected})",
    "list_type": "liste attendue",
    "too_short": "pas assez d'éléments (au moins {min_length})",
    "too_long": "trop d'éléments (au plus {max_length})",
    "dict_type": "objet JSON attendu",
    "model_type": "objet JSON attendu",
    "model_attributes_type": "objet JSON attendu",
    "json_invalid": "JSON invalide",
    "json_type": "JSON invalide",
    "extra_forbidden": "champ inconnu",
    "none_required": "aucune valeur attendue",
}
_DEFAULT_MESSAGE = "valeur invalide"


class InvalidData(Exception):
    """Invalid fields found by our code (a filter, a form): a 422 naming them."""

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors = [{"field": field, "message": message} for field, message in errors]
        super().__init__(INVALID_DETAIL)

    @classmethod
    def from_form(cls, errors: Mapping[str, Sequence[Any]]) -> InvalidData:
        """From a Django form's (or filterset's) ``errors``, in their French words."""
        return cls(
            (name or WHOLE, str(message))
            for name, messages in errors.items()
            for message in messages
        )


def field_name(loc: Sequence[Any]) -> str:
    """The dotted field of a pydantic location, without where it came from.

    ninja puts the body under its argument's name (``("body", "payload", "naf_code")``):
    that name is dropped too, so the field reads as the client sent it.
    """
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts and parts[0] in _SOURCES:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or WHOLE


def french_message(error: Mapping[str, Any]) -> str:
    """Pydantic's error in French (its type and context; our validators' own words)."""
    kind = str(error.get("type", ""))
    if kind in {"value_error", "assertion_error"}:
        context = error.get("ctx") or {}
        if "error" in context:
            return str(context["error"])
    template = _MESSAGES.get(kind)
    if template is None:
        return _DEFAULT_MESSAGE
    context = dict(error.get("ctx") or {})
    if "expected" in context:  # pydantic lists the values « 'a', 'b' or 'c' »
        context["expected"] = str(context["expected"]).replace("' or '", "' ou '")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template.split(" (")[0]


def _body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def error_body(exc: Exception) -> tuple[int, dict[str, Any]]:
    """The status and the body of the API's answer to ``exc``."""
    if isinstance(exc, ValidationError):
        errors = [
            {"field": field_name(e.get("loc", ())), "message": french_message(e)}
            for e in exc.errors
        ]
        return 422, _body(INVALID_DETAIL, errors)
    if isinstance(exc, InvalidData):
        return 422, _body(INVALID_DETAIL, exc.errors)
    if isinstance(exc, DomainError):
        return 422, _body(INVALID_DETAIL, [{"field": WHOLE, "message": str(exc)}])
    if isinstance(exc, AuthenticationError) or (
        isinstance(exc, HttpError) and exc.status_code == 401
    ):
        return 401, _body(UNAUTHORIZED_DETAIL)
    if isinstance(exc, HttpError) and exc.status_code == 400:
        # ninja's only 400: a body that is not JSON. Invalid data, like any other.
        return 422, _body(INVALID_DETAIL, [{"field": WHOLE, "message": UNREADABLE_BODY}])
    if isinstance(exc, HttpError) and exc.status_code == 403 and "CSRF" in str(exc):
        return 403, _body(CSRF_DETAIL)
    if isinstance(exc, HttpError):
        return exc.status_code, _body(str(exc))
    if isinstance(exc, Http404):
        return 404, _body(NOT_FOUND_DETAIL)
    raise exc


def api_error(request: HttpRequest, exc: Exception, api: Any) -> HttpResponse:
    """The exception handler of ``api.py`` for every 4xx but the 403 (``core.access``)."""
    status, body = error_body(exc)
    return api.create_response(request, body, status=status)  # type: ignore[no-any-return]
