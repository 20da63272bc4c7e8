"""The portfolio's routes and their scenarios for ``core/tests/test_permissions.py``:
the diagnosis pages, objectives, transfer prices, target lists and their actions.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from probanker.core.tests.permission_world import TODAY, Request, Scenario, World, get, refreshed

ROUTES: dict[str, frozenset[str | None]] = {
    "portfolio:dashboard": frozenset({"portfolio.view"}),
    "portfolio:review": frozenset({"portfolio.view"}),
    "portfolio:clients": frozenset({"portfolio.view"}),
    "portfolio:matrix": frozenset({"portfolio.view"}),
    "portfolio:pnb": frozenset({"portfolio.view"}),
    "portfolio:objectives": frozenset({"portfolio.view", "objective.change"}),
    "portfolio:transfer_prices": frozenset({"portfolio.view", "transfer_price.change"}),
    "portfolio:target_lists": frozenset({"portfolio.view"}),
    "portfolio:target_save": frozenset({"target.change"}),
    "portfolio:target_list": frozenset({"portfolio.view", "target.change"}),
    "portfolio:action_status": frozenset({"target.change"}),
    "GET /api/v1/portefeuille": frozenset({"portfolio.view"}),
}


def _objective(w: World) -> Request:
    from probanker.portfolio.models import Objective

    return Request(
        "/portefeuille/objectifs/?annee=2031",
        {"indicator": "new_clients", "target": "12"},
        lambda: Objective.objects.filter(year=2031, indicator="new_clients").exists(),
    )


def _transfer_price(w: World) -> Request:
    from probanker.portfolio.models import TransferPrice

    return Request(
        "/portefeuille/taux-de-cession/",
        {"kind": "credit", "start": "2031-01-01", "rate": "3,25"},
        lambda: TransferPrice.objects.filter(start="2031-01-01", rate=Decimal("3.25")).exists(),
    )


def _target(w: World) -> Any:
    """A target list of the owner's portfolio (with the world's party, frozen)."""
    from probanker.portfolio.models import TargetList

    target = TargetList.objects.create(name="Cible", owner=w.owner, branch=w.owner.branch,
                                       mode="frozen", title="Clients", created_on=TODAY)  # fmt: skip
    target.parties.add(w.party)
    return target


def _target_save(w: World) -> Request:
    from probanker.portfolio.models import TargetList

    return Request("/portefeuille/listes/enregistrer/", {"name": "Relancer", "mode": "frozen"},
                   lambda: TargetList.objects.filter(name="Relancer").exists())  # fmt: skip


def _action_plan(w: World) -> Request:
    target = _target(w)
    data = {"kind": "calls", "owner": w.owner.pk, "due_on": TODAY.isoformat(), "status": "todo"}
    return Request(f"/portefeuille/listes/{target.pk}/", data, lambda: target.actions.exists())


def _action_status(w: World) -> Request:
    from probanker.portfolio.models import CommercialAction

    action = CommercialAction.objects.create(target_list=_target(w), kind="calls", owner=w.owner,
                                             started_on=TODAY, due_on=TODAY)  # fmt: skip
    return Request(f"/portefeuille/actions/{action.pk}/", {f"a{action.pk}-status": "done"},
                   lambda: refreshed(action).status == "done")  # fmt: skip


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("portfolio:dashboard", "portfolio.view", "get", get(lambda w: "/portefeuille/")),
        s("portfolio:review", "portfolio.view", "get", get(lambda w: "/portefeuille/revue.pdf")),
        s("portfolio:clients", "portfolio.view", "get", get(lambda w: "/portefeuille/clients/")),
        s("portfolio:matrix", "portfolio.view", "get", get(lambda w: "/portefeuille/equipement/")),
        s("portfolio:pnb", "portfolio.view", "get", get(lambda w: "/portefeuille/pnb/")),
        s("portfolio:objectives", "portfolio.view", "get",
           get(lambda w: "/portefeuille/objectifs/")),
        s("portfolio:objectives", "objective.change", "post", _objective),
        s("portfolio:transfer_prices", "portfolio.view", "get",
           get(lambda w: "/portefeuille/taux-de-cession/")),
        s("portfolio:transfer_prices", "transfer_price.change", "post", _transfer_price),
        s("portfolio:target_lists", "portfolio.view", "get", get(lambda w: "/portefeuille/listes/")),
        s("portfolio:target_save", "target.change", "post", _target_save),
        s("portfolio:target_list", "portfolio.view", "get",
           get(lambda w: f"/portefeuille/listes/{_target(w).pk}/")),
        s("portfolio:target_list", "target.change", "post", _action_plan),
        s("portfolio:action_status", "target.change", "post", _action_status),
        s("GET /api/v1/portefeuille", "portfolio.view", "get", get(lambda w: "/api/v1/portefeuille")),
    ]  # fmt: skip
