"""What the portfolio contributes: the client's figures panel, the objectives widget,
the « Portefeuille » menu entry and the daily figures step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F
from django.http import HttpRequest

from probanker.banking.models import ProductFamily
from probanker.core import registry
from probanker.core.access import day_manager_id
from probanker.portfolio import figures, presentation, summaries
from probanker.portfolio.models import ClientFigures


def client_panel(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """The client's PNB by component (and what the negotiated conditions in force give
    up a year), potential with its components, attrition signals."""
    from django.utils import timezone

    from probanker.sales.conditions import yearly_cost_in_force

    row = ClientFigures.objects.filter(party=party).first()
    if row is None:
        return {"row": None}
    labels = dict(ProductFamily.objects.values_list("code", "label"))
    parts = [(label, getattr(row, key)) for key, label in figures.PNB_PARTS]
    return {
        "row": row,
        "parts": parts,
        "potential": presentation.potential_rows(row.potential_parts),
        "signals": presentation.attrition_labels(row.attrition),
        "missing": [labels.get(code, code) for code in row.missing_families],
        "conditions_cost": yearly_cost_in_force(party, timezone.localdate()),
    }


def objectives_widget(request: HttpRequest, today: dt.date) -> dict[str, Any] | None:
    """The year's objectives of the user's portfolio (or of the manager a director chose)."""
    manager_id = day_manager_id(request)
    try:
        scope = figures.portfolio_scope(request.user, manager_id)  # type: ignore[arg-type]
    except LookupError:
        return None
    found = summaries.summary(scope, "segment", today)
    done = summaries.progress(request.user, scope, found, today)  # type: ignore[arg-type]
    return {"progress": done, "count": len(done), "year": today.year}


def pnb_annotations() -> dict[str, Any]:
    """The client list's sort on the PNB of the last batch."""
    return {"pnb": F("portfolio_figures__pnb")}


def pnb_for(ids: list[int]) -> dict[int, dict[str, Any]]:
    """``{party_id: {"pnb": twelve months' PNB}}`` of the clients the batch computed."""
    rows = ClientFigures.objects.filter(party_id__in=ids).values_list("party_id", "pnb")
    return {party_id: {"pnb": pnb} for party_id, pnb in rows}


def actions_widget(request: HttpRequest, today: dt.date) -> dict[str, Any] | None:
    """The open commercial actions due within two weeks (late ones first)."""
    from probanker.portfolio.targetviews import due_actions

    rows = list(due_actions(request.user, today, day_manager_id(request))[:10])  # type: ignore[arg-type]
    return {"actions": rows, "count": len(rows), "today": today}


def register() -> None:
    """Called from ``PortfolioConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("portefeuille", "Rentabilité et potentiel", 35,
                             "portfolio/panels/client.html", client_panel,
                             action="portfolio.view",
                             applies_to=lambda party: party.kind == "client"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("objectives", "Objectifs de l'année", 15,
                           "portfolio/widgets/objectives.html", objectives_widget,
                           action="portfolio.view", hide_when_empty=True),
        registry.DayWidget("commercial_actions", "Actions commerciales à échéance", 16,
                           "portfolio/widgets/actions.html", actions_widget,
                           action="portfolio.view", hide_when_empty=True),
    )  # fmt: skip
    registry.party_figures.register(
        registry.PartyFigures("portfolio", 20, (("pnb", "PNB 12 mois (€)"),), pnb_annotations,
                              pnb_for, action="portfolio.view"),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("portfolio", "Portefeuille", "portfolio:dashboard", 25,
                           action="portfolio.view"),
    )  # fmt: skip
    from probanker.portfolio.steps import portfolio_figures

    registry.batch_steps.register(
        registry.BatchStep(name="portfolio_figures", label="Chiffres du portefeuille",
                           order=45, run=portfolio_figures),
    )  # fmt: skip
