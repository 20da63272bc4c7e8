"""The REST API (django-ninja) at ``/api/v1/``, with OpenAPI docs.

Every router starts its reads from ``visible_to(request.user)``. The API
answers 401 to anonymous calls (it is exempt from the UI's login redirect);
its documentation pages stay behind the login. Every error has one shape,
``{"detail", "errors": [{field, message}]}`` (``core.api_errors``): invalid data of
any kind is a 422 « Données invalides » naming the fields in French.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from probanker.banking.api import router as banking_router
from probanker.batch.api import router as batch_router
from probanker.certification.api import router as certification_router
from probanker.complaints.api import router as complaints_router
from probanker.core.access import api_permission_denied
from probanker.core.api_auth import api_auth
from probanker.core.api_errors import InvalidData, api_error
from probanker.core.services import DomainError
from probanker.credit.api import router as credit_router
from probanker.diagnosis.api import router as diagnosis_router
from probanker.parties.api import router as parties_router
from probanker.portfolio.api import router as portfolio_router
from probanker.prospecting.api import router as prospecting_router
from probanker.risk.api import router as risk_router
from probanker.sales.api import router as sales_router


class ProbankerAPI(NinjaAPI):
    def _get_urls(self) -> list[Any]:
        patterns: list[URLPattern | URLResolver] = super()._get_urls()
        for pattern in patterns:
            name = getattr(pattern, "name", "") or ""
            if isinstance(pattern, URLPattern) and name not in {
                "api-root",
                "openapi-view",
                "openapi-json",
            }:
                pattern.callback = login_not_required(pattern.callback)
        return patterns


api = ProbankerAPI(
    title="probanker API",
    version="1",
    description=(
        "Clients, prospects, produits détenus, exercices et analyse financière, dossiers de "
        "crédit et leurs décisions, alertes et dossiers de dégradation, réclamations du "
        "portefeuille de l'utilisateur."
    ),
    auth=api_auth(),
    urls_namespace="api",
)
# A role without the action: 403 in the API's JSON error shape (core.permissions).
api.add_exception_handler(PermissionDenied, partial(api_permission_denied, api=api))
# Every other error: one shape, invalid data a 422 in French (core.api_errors).
for _error in (ValidationError, InvalidData, DomainError, HttpError, Http404):
    api.add_exception_handler(_error, partial(api_error, api=api))
api.add_router("/clients", parties_router)
api.add_router("/", banking_router)
api.add_router("/", diagnosis_router)
api.add_router("/", batch_router)
api.add_router("/", credit_router)
api.add_router("/", risk_router)
api.add_router("/", portfolio_router)
api.add_router("/", complaints_router)
api.add_router("/", certification_router)
api.add_router("/", prospecting_router)
api.add_router("/", sales_router)
