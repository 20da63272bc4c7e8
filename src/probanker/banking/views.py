"""The contracts list across the user's portfolio."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from probanker.banking.filtersets import ContractFilterSet
from probanker.banking.models import Contract
from probanker.core.access import visible
from probanker.core.listing import Column, build_listing
from probanker.core.pagecache import cache_per_session

COLUMNS = [
    Column("party", "Client", "party__name"),
    Column("product", "Produit", "product__position"),
    Column("number", "Numéro", "number"),
    Column("balance", "Solde / encours (€)", "balance", numeric=True),
    Column("limit", "Autorisé (€)", "authorised_limit", numeric=True),
    Column("expiry", "Échéance", "limit_expiry"),
    Column("rate", "Taux (%)", "rate", numeric=True),
]


@cache_per_session
def contract_list(request: HttpRequest) -> HttpResponse:
    """Open contracts of the portfolio, filtered (deposits, credits, expiries)."""
    base = (
        visible(Contract, request, "contract.view")
        .filter(closed_on__isnull=True)
        .select_related("party", "product")
    )
    filterset = ContractFilterSet(request.GET or None, queryset=base, request=request)
    default = "expiry" if request.GET.get("expiring") else "party"
    listing = build_listing(filterset.qs, request.GET, COLUMNS, default_sort=default)
    template = "banking/contracts.html"
    if request.htmx and request.htmx.target == "contract-results":  # type: ignore[attr-defined]
        template += "#results"
    return render(request, template, {"filter": filterset, "listing": listing})
