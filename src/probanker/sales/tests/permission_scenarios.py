"""Sales' routes and their scenarios for ``core/tests/test_permissions.py``: the
pipeline, opportunities, interviews and their report, specialists, the guides, and
the API's guides, recommendations and opportunities."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from probanker.core.tests.permission_world import (
    TODAY,
    Request,
    Scenario,
    World,
    get,
    refreshed,
)

ROUTES: dict[str, frozenset[str | None]] = {
    "sales:pipeline": frozenset({"sales.view"}),
    "sales:board": frozenset({"sales.view"}),
    "sales:opportunity_new": frozenset({"sales.change"}),
    "sales:opportunity": frozenset({"sales.view", "sales.change"}),
    "sales:interviews": frozenset({"sales.view"}),
    "sales:interview_new": frozenset({"sales.change"}),
    "sales:interview": frozenset({"sales.view"}),
    "sales:report": frozenset({"sales.view"}),
    "sales:report_sent": frozenset({"sales.change"}),
    "sales:referral_new": frozenset({"sales.change"}),
    "sales:referral_answer": frozenset({"sales.change"}),
    "sales:events": frozenset({"sales.view"}),
    "sales:event_close": frozenset({"sales.change"}),
    "sales:conditions": frozenset({"sales.view"}),
    "sales:condition_grid": frozenset({"credit.grid.change"}),
    "sales:condition_new": frozenset({"sales.change"}),
    "sales:condition_decide": frozenset({"conditions.decide"}),
    "sales:guides": frozenset({"sales.view"}),
    "sales:guide": frozenset({"sales.view", "guide.change"}),
    "GET /api/v1/entretiens/guides": frozenset({"sales.view"}),
    "GET /api/v1/clients/{client_id}/recommandations": frozenset({"sales.view"}),
    "POST /api/v1/opportunites": frozenset({"sales.change"}),
    "GET /api/v1/opportunites": frozenset({"sales.view"}),
    "GET /api/v1/opportunites/{opportunity_id}": frozenset({"sales.view"}),
    "PATCH /api/v1/opportunites/{opportunity_id}": frozenset({"sales.change"}),
}


def _opportunities() -> int:
    from probanker.sales.models import Opportunity

    return int(Opportunity.objects.count())


def _api_open(w: World) -> Request:
    before = _opportunities()
    data = {"client": w.party.pk, "product": "multirisk_insurance", "amount": "1850"}
    return Request("/api/v1/opportunites", data, lambda: _opportunities() == before + 1)


def _api_move(w: World) -> Request:
    opportunity = w.opportunity
    return Request(
        f"/api/v1/opportunites/{opportunity.pk}",
        {"stage": "proposee"},
        lambda: refreshed(opportunity).stage == "proposee",
    )


def _count(model: str) -> int:
    from django.apps import apps

    return int(apps.get_model("sales", model).objects.count())


def _opportunity_new(w: World) -> Request:
    before = _count("Opportunity")
    data = {"product": "multirisk_insurance", "amount": "1850", "stage": "detectee"}
    return Request(f"/ventes/opportunites/nouvelle/{w.party.pk}/", data,
                   lambda: _count("Opportunity") == before + 1)  # fmt: skip


def _opportunity_move(w: World) -> Request:
    opportunity = w.opportunity
    return Request(
        f"/ventes/opportunites/{opportunity.pk}/",
        {"stage": "qualifiee", "amount": "1200"},
        lambda: refreshed(opportunity).stage == "qualifiee",
    )


def _interview_new(w: World) -> Request:
    before = _count("Interview")
    data = {"held_on": TODAY.isoformat(), "summary": "Premier entretien", "q_objet": "Projet"}
    return Request(f"/ventes/entretiens/nouveau/{w.party.pk}/", data,
                   lambda: _count("Interview") == before + 1)  # fmt: skip


def _report_sent(w: World) -> Request:
    interview = w.interview
    return Request(
        f"/ventes/entretiens/{interview.pk}/envoye/",
        {"channel": "email", "on": TODAY.isoformat()},
        lambda: refreshed(interview).report_sent_on == TODAY,
    )


def _referral_new(w: World) -> Request:
    interview = w.interview
    before = _count("SpecialistReferral")
    return Request(
        f"/ventes/entretiens/{interview.pk}/specialiste/",
        {"specialty": "credit_bail", "question": "Crédit-bail du véhicule ?"},
        lambda: _count("SpecialistReferral") == before + 1,
    )


def _referral_answer(w: World) -> Request:
    referral = w.referral
    return Request(
        f"/ventes/specialistes/{referral.pk}/reponse/",
        {"answer": "Contrat madelin conseillé", "on": TODAY.isoformat()},
        lambda: refreshed(referral).answered_on == TODAY,
    )


def _event_close(w: World) -> Request:
    from probanker.sales.models import AfterSalesEvent

    event = AfterSalesEvent.objects.create(
        party=w.party, kind="anniversaire", key="2026", detected_on=TODAY, due_on=TODAY,
        detail="L'entreprise a 10 ans.", action="Un mot du chargé de clientèle.",
    )  # fmt: skip
    return Request(f"/ventes/apres-vente/{event.pk}/", {"issue": "fait"},
                   lambda: refreshed(event).status == "fait")  # fmt: skip


def _condition_new(w: World) -> Request:
    before = _count("NegotiatedCondition")
    data = {"kind": "frais", "label": "Frais de tenue de compte", "fees": "240",
            "start": TODAY.isoformat(), "end": (TODAY + dt.timedelta(days=365)).isoformat(),
            "reason": "Domiciliation des flux du second établissement"}  # fmt: skip
    return Request(f"/ventes/conditions/nouvelle/{w.line.pk}/", data,
                   lambda: _count("NegotiatedCondition") == before + 1)  # fmt: skip


def _condition_decide(w: World) -> Request:
    from probanker.sales.models import NegotiatedCondition

    condition = NegotiatedCondition.objects.create(
        party=w.party, contract=w.line, kind="frais", label="Frais", annual_cost=120,
        start=TODAY, end=TODAY + dt.timedelta(days=365), reason="Flux", level="manager",
        status="a_decider", requested_by=w.owner, requested_on=TODAY,
    )  # fmt: skip
    return Request(f"/ventes/conditions/{condition.pk}/decision/", {"decision": "accorder"},
                   lambda: refreshed(condition).status == "accordee")  # fmt: skip


def _condition_grid(w: World) -> Request:
    from probanker.sales.models import ConditionLimit

    data = {"level": "manager", "max_rate_bp": "20", "max_annual_cost": "250", "max_months": "12"}
    return Request("/ventes/conditions/grille/", data,
                   lambda: ConditionLimit.objects.get(level="manager").max_rate_bp == 20)  # fmt: skip


def _current_guide() -> Any:
    from probanker.sales.models import InterviewGuide

    return InterviewGuide.objects.get(situation="decouverte", segment="tpe", current=True)


def _guide_edit(w: World) -> Request:
    guide = _current_guide()
    sections = json.dumps([{"title": "Cadre", "questions": [
        {"key": "objet", "label": "Objet de l'entretien", "type": "text"}]}])  # fmt: skip
    return Request(
        f"/ventes/guides/{guide.pk}/",
        {"title": guide.title, "sections": sections},
        lambda: _current_guide().version == guide.version + 1,
    )


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("sales:pipeline", "sales.view", "get", get(lambda w: "/ventes/")),
        s("sales:board", "sales.view", "get", get(lambda w: "/ventes/tableau/")),
        s("sales:opportunity_new", "sales.change", "post", _opportunity_new),
        s("sales:opportunity", "sales.view", "get",
           get(lambda w: f"/ventes/opportunites/{w.opportunity.pk}/")),
        s("sales:opportunity", "sales.change", "post", _opportunity_move),
        s("sales:interviews", "sales.view", "get", get(lambda w: "/ventes/entretiens/")),
        s("sales:interview_new", "sales.change", "post", _interview_new),
        s("sales:interview", "sales.view", "get",
           get(lambda w: f"/ventes/entretiens/{w.interview.pk}/")),
        s("sales:report", "sales.view", "get",
           get(lambda w: f"/ventes/entretiens/{w.interview.pk}/compte-rendu.pdf")),
        s("sales:report_sent", "sales.change", "post", _report_sent),
        s("sales:referral_new", "sales.change", "post", _referral_new),
        s("sales:referral_answer", "sales.change", "post", _referral_answer),
        s("sales:events", "sales.view", "get", get(lambda w: "/ventes/apres-vente/")),
        s("sales:event_close", "sales.change", "post", _event_close),
        s("sales:conditions", "sales.view", "get", get(lambda w: "/ventes/conditions/")),
        s("sales:condition_grid", "credit.grid.change", "post", _condition_grid),
        s("sales:condition_new", "sales.change", "post", _condition_new),
        s("sales:condition_decide", "conditions.decide", "post", _condition_decide),
        s("sales:guides", "sales.view", "get", get(lambda w: "/ventes/guides/")),
        s("sales:guide", "sales.view", "get",
           get(lambda w: f"/ventes/guides/{_current_guide().pk}/")),
        s("sales:guide", "guide.change", "post", _guide_edit),
        s("GET /api/v1/entretiens/guides", "sales.view", "get",
           get(lambda w: "/api/v1/entretiens/guides")),
        s("GET /api/v1/clients/{client_id}/recommandations", "sales.view", "get",
           get(lambda w: f"/api/v1/clients/{w.party.pk}/recommandations")),
        s("POST /api/v1/opportunites", "sales.change", "post", _api_open),
        s("GET /api/v1/opportunites", "sales.view", "get", get(lambda w: "/api/v1/opportunites")),
        s("GET /api/v1/opportunites/{opportunity_id}", "sales.view", "get",
           get(lambda w: f"/api/v1/opportunites/{w.opportunity.pk}")),
        s("PATCH /api/v1/opportunites/{opportunity_id}", "sales.change", "patch", _api_move),
    ]  # fmt: skip
