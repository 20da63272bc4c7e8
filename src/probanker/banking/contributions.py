"""What banking contributes to the workstation: the products section of the client
page, the contracts' history, the menu entry and the key figures of « Ma journée »."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from probanker.banking import services
from probanker.banking.models import Contract
from probanker.core import registry
from probanker.core.access import day_manager_id
from probanker.core.models import User


def products_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    return {"contracts": list(services.contracts_of(party)), "today": timezone.localdate()}


def figures_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """The key figures of the portfolio (or of the manager a director chose)."""
    manager_id = day_manager_id(request)
    figures = services.portfolio_figures(
        request.user,  # type: ignore[arg-type]
        today,
        manager_id=manager_id,
    )
    manager = User.objects.filter(pk=manager_id).first() if manager_id is not None else None
    # The lists behind the figures, narrowed to the same manager.
    narrow = f"&manager={manager_id}" if manager is not None else ""
    return {"figures": figures, "manager": manager, "narrow": narrow}


def _figures_for(ids: list[int]) -> dict[int, dict[str, Any]]:
    return {
        pk: {"deposits": deposits, "credit": credit}
        for pk, (deposits, credit) in services.totals_for(ids).items()
    }


def register() -> None:
    """Called from ``BankingConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("produits", "Comptes et produits", 30,
                             "banking/panels/products.html", products_context,
                             action="contract.view"),
    )  # fmt: skip
    registry.history_sources.register(registry.HistorySource("contract", Contract, "Contrat"))
    registry.party_figures.register(
        registry.PartyFigures("banking", 10, (("deposits", "Dépôts (€)"), ("credit", "Crédits (€)")),
                              services.party_totals, _figures_for),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("contracts", "Comptes et produits", "banking:contracts", 30,
                           action="contract.view"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("figures", "Le portefeuille en chiffres", 10,
                           "banking/widgets/figures.html", figures_widget,
                           action="party.view"),
    )  # fmt: skip
