"""What the financial diagnosis contributes: its tab on the client page and the
fiscal years' history."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from probanker.core import registry
from probanker.diagnosis.models import FiscalYear


def _is_business(party: Any) -> bool:
    """Fiscal years are a business's: not for a prospect without SIREN."""
    return bool(party.siren) or party.kind == "client"


def register() -> None:
    """Called from ``DiagnosisConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("analyse", "Analyse financière", 40, action="diagnosis.view",
                             applies_to=_is_business,
                             link=lambda party: reverse("diagnosis:analysis", args=[party.pk])),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("fiscal_year", FiscalYear, "Exercice",
                               describe=lambda r: f"clos le {r.end:%d/%m/%Y}"),
    )  # fmt: skip
