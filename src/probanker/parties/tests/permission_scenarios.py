"""The accessibility part's routes (RGAA audits, statement, consultations) and their
scenarios for ``core/tests/test_permissions.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from probanker.core.tests.permission_world import TODAY, Request, Scenario, World, get

ROUTES: dict[str, frozenset[str | None]] = {
    "rgaa:overview": frozenset({"rgaa.view", "rgaa.change"}),
    "rgaa:audit": frozenset({"rgaa.view"}),
    "rgaa:results": frozenset({"rgaa.view", "rgaa.change"}),
    "rgaa:statement": frozenset({"rgaa.view"}),
}


def _audit() -> Any:
    from probanker.parties.models import RgaaAudit, RgaaSample

    audit = RgaaAudit.objects.create(
        title="Audit test", scope="Espace client", auditor="Équipe", audited_on=TODAY
    )
    RgaaSample.objects.create(audit=audit, kind="page", name="Accueil", location="/")
    return audit


def _consultation(w: World) -> Request:
    from probanker.parties.models import AssociationConsultation

    data = {"form": "concertation", "concertation-held_on": "2026-06-01",
            "concertation-association": "APF France handicap", "concertation-topic": "Agence",
            "concertation-decisions": "Rampe amovible"}  # fmt: skip
    return Request(
        "/accessibilite/", data, lambda: AssociationConsultation.objects.filter(
            association="APF France handicap").exists(),
    )  # fmt: skip


def _results(w: World) -> Request:
    from probanker.parties.models import RgaaResult

    audit = _audit()
    sample = audit.samples.get()
    return Request(
        f"/accessibilite/audit/saisie/?audit={audit.pk}&echantillon={sample.pk}",
        {"v_1.1": "C", "n_1.1": ""},
        lambda: RgaaResult.objects.filter(sample=sample).exists(),
    )


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("rgaa:overview", "rgaa.view", "get", get(lambda w: "/accessibilite/")),
        s("rgaa:overview", "rgaa.change", "post", _consultation),
        s("rgaa:audit", "rgaa.view", "get",
           get(lambda w: f"/accessibilite/audit/?audit={_audit().pk}")),
        s("rgaa:results", "rgaa.view", "get", lambda w: Request(
            f"/accessibilite/audit/saisie/?audit={(a := _audit()).pk}&echantillon={a.samples.get().pk}")),
        s("rgaa:results", "rgaa.change", "post", _results),
        s("rgaa:statement", "rgaa.view", "get",
           get(lambda w: f"/accessibilite/declaration/?audit={_audit().pk}")),
    ]  # fmt: skip
