"""The workspace's own contributions: « Ma journée » in the menu and the client's
full history (every registered source) as the last section of the client page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from probanker.core import registry
from probanker.workspace.history import client_history


def history_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    return {"history": client_history(party.pk)}


def register() -> None:
    registry.menu_entries.register(registry.MenuEntry("home", "Ma journée", "home", 10))
    registry.client_panels.register(
        registry.ClientPanel("historique", "Historique", 100,
                             "workspace/panels/history.html", history_context,
                             action="party.view"),
    )  # fmt: skip
