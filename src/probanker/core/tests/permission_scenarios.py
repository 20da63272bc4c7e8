"""The routes, their actions and one scenario per (route, action) for the role × action test.

Read by ``test_permissions.py``; every role × every action, through the UI and the API.

``ROUTES`` names, for every route of the URL conf and every operation of the
API's OpenAPI document, the actions it performs (``None``: any signed-in
user). ``SCENARIOS`` performs each (route, action) once per role of
:class:`~probanker.core.models.Role`, on an object of the role's scope, and
asserts what :func:`~probanker.core.permissions.can` says: allowed is a 2xx/3xx
and, for a write, the row really changed; refused is a 403 (a 404 for a role
that reaches no row at all) and nothing changed. A new route or endpoint fails
:func:`test_every_route_declares_its_actions` until it is added to ``ROUTES``
and given a scenario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from probanker.certification.tests import permission_scenarios as certification
from probanker.core.tests.factories import naf
from probanker.core.tests.permission_world import TODAY, Request, Scenario, World

#: UI route (``namespace:name``) or API operation (``METHOD /path``) → its actions.
ROUTES: dict[str, frozenset[str | None]] = {
    # one's own session and account
    "home": frozenset({None}),
    "login": frozenset({None}),
    "logout": frozenset({None}),
    "profile": frozenset({None}),
    "password_change": frozenset({None}),
    "token_create": frozenset({"token.manage"}),
    "token_revoke": frozenset({"token.manage"}),
    # clients
    "parties:list": frozenset({"party.view"}),
    "parties:create": frozenset({"party.create"}),
    "parties:reassign": frozenset({"party.reassign"}),
    "client": frozenset({"party.view"}),
    "parties:edit": frozenset({"party.change"}),
    "parties:role_add": frozenset({"party.change"}),
    "parties:role_edit": frozenset({"party.change"}),
    "parties:role_remove": frozenset({"party.change"}),
    "parties:link_add": frozenset({"party.change"}),
    "parties:link_remove": frozenset({"party.change"}),
    "parties:reassign_one": frozenset({"party.reassign"}),
    # financial diagnosis
    "diagnosis:analysis": frozenset({"diagnosis.view"}),
    "diagnosis:pdf": frozenset({"diagnosis.view"}),
    "diagnosis:fec_upload": frozenset({"diagnosis.change"}),
    "diagnosis:fec_confirm": frozenset({"diagnosis.change"}),
    "diagnosis:statement": frozenset({"diagnosis.change"}),
    "diagnosis:year": frozenset({"diagnosis.view"}),
    "diagnosis:year_delete": frozenset({"diagnosis.change"}),
    # accounts and products
    "banking:contracts": frozenset({"contract.view"}),
    # risk
    "risk:alerts": frozenset({"risk.view"}),
    "risk:alert_take": frozenset({"alert.take"}),
    "risk:rules": frozenset({"risk.view", "rule.change"}),
    "risk:cases": frozenset({"case.view"}),
    "risk:case_open": frozenset({"case.change"}),
    "risk:case": frozenset({"case.view"}),
    "risk:case_action": frozenset({"case.change"}),
    # credit
    "credit:list": frozenset({"credit.view"}),
    "credit:delegation": frozenset({"credit.view", "credit.grid.change"}),
    "credit:usury": frozenset({"credit.view", "usury.change"}),
    "credit:renewals": frozenset({"credit.view"}),
    "credit:renew": frozenset({"credit.change"}),
    "credit:letter": frozenset({"letter.view"}),
    "credit:letter_sent": frozenset({"letter.mark_sent"}),
    "credit:create": frozenset({"credit.change"}),
    "credit:file": frozenset({"credit.view"}),
    "credit:note": frozenset({"credit.view"}),
    "credit:action": frozenset({"credit.change", "credit.decide"}),
    # the portfolio diagnosis and the commercial plan
    "portfolio:dashboard": frozenset({"portfolio.view"}),
    "portfolio:review": frozenset({"portfolio.view"}),
    "portfolio:clients": frozenset({"portfolio.view"}),
    "portfolio:matrix": frozenset({"portfolio.view"}),
    "portfolio:pnb": frozenset({"portfolio.view"}),
    "portfolio:objectives": frozenset({"portfolio.view", "objective.change"}),
    "portfolio:transfer_prices": frozenset({"portfolio.view", "transfer_price.change"}),
    # complaints
    "complaints:list": frozenset({"complaint.view"}),
    "complaints:create": frozenset({"complaint.change"}),
    "complaints:register": frozenset({"complaint.view"}),
    "complaints:export": frozenset({"complaint.view"}),
    "complaints:detail": frozenset({"complaint.view"}),
    "complaints:step": frozenset({"complaint.change"}),
    "complaints:letter": frozenset({"complaint.view"}),
    "complaints:attach": frozenset({"complaint.change"}),
    "complaints:attachment": frozenset({"complaint.view"}),
    # RGAA audits, plan, consultations
    "rgaa:overview": frozenset({"rgaa.view", "rgaa.change"}),
    "rgaa:audit": frozenset({"rgaa.view"}),
    "rgaa:results": frozenset({"rgaa.view", "rgaa.change"}),
    "rgaa:statement": frozenset({"rgaa.view"}),
    # prospecting
    "prospecting:search": frozenset({"prospecting.view"}),
    "prospecting:prospect_create": frozenset({"prospect.create"}),
    # agenda
    "agenda:week": frozenset({"agenda.view"}),
    "agenda:feed": frozenset({"agenda.view"}),
    "agenda:book": frozenset({"agenda.change"}),
    "agenda:appointment": frozenset({"agenda.view"}),
    "agenda:appointment_status": frozenset({"agenda.change"}),
    "agenda:appointment_ics": frozenset({"agenda.view"}),
    "agenda:contact_add": frozenset({"agenda.change"}),
    "agenda:contact_done": frozenset({"agenda.change"}),
    "portfolio:target_lists": frozenset({"portfolio.view"}),
    "portfolio:target_save": frozenset({"target.change"}),
    "portfolio:target_list": frozenset({"portfolio.view", "target.change"}),
    "portfolio:action_status": frozenset({"target.change"}),
    "prospecting:prescribers": frozenset({"prescriber.view", "prescriber.change"}),
    "prospecting:prescriber": frozenset({"prescriber.view"}),
    "prospecting:prescriber_contact": frozenset({"prescriber.change"}),
    "prospecting:prescriber_referral": frozenset({"referral.create"}),
    "prospecting:referrals": frozenset({"prospecting.view", "referral.create"}),
    "prospecting:events": frozenset({"prospecting.view", "event.change"}),
    "prospecting:event": frozenset({"prospecting.view"}),
    "prospecting:event_contact": frozenset({"prospect.create"}),
    # the daily batch's journal
    "batch:journal": frozenset({"batch.view"}),
    # the API's documents (behind the login, for everyone)
    "api:openapi-json": frozenset({None}),
    "api:openapi-view": frozenset({None}),
    "api:api-root": frozenset(),  # ninja's root: a 404 for everyone, nothing to permit
    # the API
    "GET /api/v1/clients": frozenset({"party.view"}),
    "POST /api/v1/clients": frozenset({"party.create"}),
    "GET /api/v1/clients/{party_id}": frozenset({"party.view"}),
    "PATCH /api/v1/clients/{party_id}": frozenset({"party.change", "party.reassign"}),
    "GET /api/v1/clients/{party_id}/products": frozenset({"contract.view"}),
    "GET /api/v1/clients/{party_id}/exercices": frozenset({"diagnosis.view"}),
    "GET /api/v1/clients/{party_id}/analyse": frozenset({"diagnosis.view"}),
    "GET /api/v1/clients/{party_id}/credits": frozenset({"credit.view"}),
    "GET /api/v1/credits": frozenset({"credit.view"}),
    "GET /api/v1/credits/{file_id}": frozenset({"credit.view"}),
    "POST /api/v1/credits/{file_id}/decision": frozenset({"credit.decide"}),
    "POST /api/v1/credits/{file_id}/submission": frozenset({"credit.change"}),
    "GET /api/v1/alertes": frozenset({"risk.view"}),
    "GET /api/v1/alertes/{alert_id}": frozenset({"risk.view"}),
    "GET /api/v1/clients/{party_id}/risque": frozenset({"risk.view"}),
    "GET /api/v1/dossiers-degradation": frozenset({"case.view"}),
    "GET /api/v1/dossiers-degradation/{case_id}": frozenset({"case.view"}),
    "GET /api/v1/traitements": frozenset({"batch.view"}),
    "GET /api/v1/portefeuille": frozenset({"portfolio.view"}),
    "GET /api/v1/reclamations": frozenset({"complaint.view"}),
    "POST /api/v1/reclamations": frozenset({"complaint.change"}),
    "GET /api/v1/reclamations/{complaint_id}": frozenset({"complaint.view"}),
    **certification.ROUTES,
    "GET /api/v1/prospection/prospects": frozenset({"prospecting.view"}),
    "POST /api/v1/prospection/prospects": frozenset({"prospect.create"}),
}

#: Actions of the table that no route or endpoint performs yet (their
#: capability is to come); a new action must be routed or listed here.
NOT_ROUTED_YET = frozenset(
    {
        "batch.run",
    }
)

IGNORED_PREFIXES = ("static/",)
API_PREFIX = "api/v1/"


def _walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    """(qualified name, template) of every URL pattern."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            qualified = f"{namespace}{inner}:" if inner else namespace
            yield from _walk(pattern.url_patterns, qualified, route)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or ''}", route


def ui_routes() -> set[str]:
    """Every named UI route (API operations are counted from OpenAPI)."""
    routes = set()
    for name, template in _walk(get_resolver().url_patterns):
        if template.startswith(IGNORED_PREFIXES):
            continue
        if template.startswith(API_PREFIX) and name not in ROUTES:
            continue  # an operation: found in the OpenAPI document below
        routes.add(name)
    return routes


def api_operations() -> set[str]:
    """Every operation of the OpenAPI document, as ``METHOD /path``."""
    from probanker.api import api

    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    }


def _refreshed(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


def _party_form(w: World, **overrides: Any) -> dict[str, Any]:
    """The edit form's current values (as the page would post them), with changes."""
    from probanker.parties.forms import PartyForm

    form = PartyForm(instance=w.party, user=w.actor)
    data = {n: form[n].value() for n in form.fields if form[n].value() is not None}
    data.update({"a11y-preferred_channel": "phone"}, **overrides)
    return data


def _new_party(w: World, api: bool = False) -> dict[str, Any]:
    from probanker.parties.tests.factories import valid_siren, valid_siret

    naf("10.71C", "Boulangerie")
    siren = valid_siren(777)
    data = {
        "kind": "client", "name": "Boulangerie du Marché", "siren": siren,
        "head_office_siret": valid_siret(siren), "legal_form": "SARL",
        "tax_regime": "reel_simplifie", "segment": "artisan",
        "naf_code": "10.71C" if api else "1071C", "headcount_band": "02", "city": "Tours",
        "kyc_status": "complete", "kyc_risk": "standard", **w.manager_field(),
    }  # fmt: skip
    if not api:
        data["a11y-preferred_channel"] = "phone"
    return data


def _created_party() -> bool:
    from probanker.parties.models import Party

    return Party.objects.filter(name="Boulangerie du Marché").exists()


def _moved(w: World) -> Callable[[], bool]:
    return lambda: _refreshed(w.party).manager_id == w.other_manager.pk


def _statement() -> dict[str, Any]:
    values = {
        "start": "2023-01-01", "end": "2023-12-31", "receipts": "90000", "purchases": "0",
        "staff_costs": "0", "own_social_charges": "9000", "taxes": "0",
        "rents_and_other_external": "40500", "financial_charges": "900",
        "depreciation": "3600", "result": "36000", "debt_service": "7200",
    }  # fmt: skip
    return values


def _year_count(w: World) -> int:
    from probanker.diagnosis.models import FiscalYear

    return FiscalYear.objects.filter(party=w.party).count()


def _files(w: World) -> int:
    from probanker.credit.models import CreditFile

    return CreditFile.objects.filter(party=w.party).count()


def _rule_version() -> int:
    from probanker.risk.models import AlertRule

    return AlertRule.objects.get(code="rejets-30j").version


def _limit(amount: str) -> Callable[[], bool]:
    from probanker.credit.models import DelegationLimit

    return lambda: DelegationLimit.objects.filter(max_amount=Decimal(amount)).exists()


def _decided(w: World) -> bool:
    from probanker.credit.models import Decision

    return Decision.objects.filter(file=w.file).exists()


def _token_count(w: World) -> int:
    return w.actor.api_tokens.count()


def _s(route: str, action: str | None, method: str, build: Callable[[World], Request], name: str = "") -> Scenario:  # fmt: skip
    return Scenario(route, action, method, build, name)


def _token_create(w: World) -> Request:
    before = _token_count(w)
    return Request("/profil/jetons/", {"name": "script"}, lambda: _token_count(w) == before + 1)


def _token_revoke(w: World) -> Request:
    token = w.token.token
    return Request(
        f"/profil/jetons/{token.pk}/revoquer/",
        changed=lambda: _refreshed(token).revoked_at is not None,
    )


def _bulk_reassign(w: World) -> Request:
    data = {
        "source": w.owner.pk, "parties": [w.party.pk], "target": w.other_manager.pk,
        "reason": "Départ du chargé",
    }  # fmt: skip
    return Request("/clients/reaffectation/", data, _moved(w))


def _edit(w: World) -> Request:
    party = w.party
    return Request(
        f"/clients/{party.pk}/modifier/",
        _party_form(w, city="Amboise"),
        lambda: _refreshed(party).city == "Amboise",
    )


def _role_add(w: World) -> Request:
    party = w.party
    return Request(
        f"/clients/{party.pk}/personnes/ajouter/",
        {"first_name": "Inès", "last_name": "Moreau", "role": "partner", "share_percent": "40"},
        lambda: party.roles.filter(person__last_name="Moreau").exists(),
    )


def _role(w: World) -> Any:
    from probanker.parties.tests.factories import PartyRoleFactory

    return PartyRoleFactory(party=w.party, role="partner")


def _role_edit(w: World) -> Request:
    role = _role(w)
    person = role.person
    data = {"first_name": person.first_name, "last_name": person.last_name,
            "role": "partner", "share_percent": "30"}  # fmt: skip
    return Request(
        f"/clients/{w.party.pk}/personnes/{role.pk}/modifier/",
        data,
        lambda: _refreshed(role).share_percent == Decimal("30"),
    )


def _role_remove(w: World) -> Request:
    from probanker.parties.models import PartyRole

    role = _role(w)
    return Request(
        f"/clients/{w.party.pk}/personnes/{role.pk}/retirer/",
        changed=lambda: not PartyRole.objects.filter(pk=role.pk).exists(),
    )


def _link_add(w: World) -> Request:
    from probanker.parties.tests.factories import PartyFactory

    party = w.party
    other = PartyFactory(manager=w.owner, city="Tours")
    return Request(
        f"/clients/{party.pk}/liens/ajouter/",
        {"other": other.pk, "kind": "sci"},
        lambda: party.links.filter(other=other).exists(),
    )


def _link_remove(w: World) -> Request:
    from probanker.parties.models import PartyLink
    from probanker.parties.tests.factories import PartyFactory, PartyLinkFactory

    link = PartyLinkFactory(party=w.party, other=PartyFactory(manager=w.owner))
    return Request(
        f"/clients/{w.party.pk}/liens/{link.pk}/retirer/",
        changed=lambda: not PartyLink.objects.filter(pk=link.pk).exists(),
    )


def _statement_create(w: World) -> Request:
    before = _year_count(w)
    return Request(
        f"/clients/{w.party.pk}/analyse/saisir/2035/",
        _statement(),
        lambda: _year_count(w) == before + 1,
    )


def _year_delete(w: World) -> Request:
    year = w.year
    before = _year_count(w)
    return Request(
        f"/clients/{w.party.pk}/analyse/exercices/{year.pk}/supprimer/",
        changed=lambda: _year_count(w) == before - 1,
    )


def _rule_change(w: World) -> Request:
    before = _rule_version()
    data = {"code": "rejets-30j", "threshold": "5", "severity": "2", "active": "on"}
    return Request("/risques/regles/", data, lambda: _rule_version() == before + 1)


def _case_open(w: World) -> Request:
    from probanker.risk.models import DegradationCase

    party = w.party
    return Request(
        f"/risques/dossiers/nouveau/{party.pk}/",
        {"first_contact_due": "2099-01-02", "causes": ""},
        lambda: DegradationCase.objects.filter(party=party).exists(),
    )


def _alert_take(w: World) -> Request:
    alert = w.alert
    return Request(
        f"/risques/alertes/{alert.pk}/prendre-en-charge/",
        changed=lambda: _refreshed(alert).taken_by_id is not None,
    )


def _case_contact(w: World) -> Request:
    case = w.case
    return Request(
        f"/risques/dossiers/{case.pk}/contact/",
        {"contacted_on": TODAY.isoformat(), "causes": "Perte d'un client"},
        lambda: _refreshed(case).first_contact_on is not None,
    )


def _usury(w: World) -> Request:
    from probanker.credit.models import UsuryRate

    data = {"start": "2031-01-01", "end": "2031-03-31", "rate": "12,34"}
    return Request(
        "/credits/usure/", data, lambda: UsuryRate.objects.filter(start="2031-01-01").exists()
    )


def _renew(w: World) -> Request:
    before = _files(w)
    return Request(f"/credits/renouvellements/{w.line.pk}/", changed=lambda: _files(w) > before)


def _letter_sent(w: World) -> Request:
    letter = w.letter
    return Request(
        f"/credits/lettres/{letter.pk}/envoyee/",
        changed=lambda: _refreshed(letter).sent_on is not None,
    )


def _file_create(w: World) -> Request:
    before = _files(w)
    return Request(
        f"/credits/nouveau/{w.party.pk}/",
        {"purpose": "equipement", "description": ""},
        lambda: _files(w) == before + 1,
    )


def _file_rate(w: World) -> Request:
    file = w.file
    return Request(
        f"/credits/{file.pk}/taux/",
        {"rate": "4,25"},
        lambda: _refreshed(file).client_rate == Decimal("4.25"),
    )


def _file_decide(w: World) -> Request:
    file = w.submitted_file()
    return Request(
        f"/credits/{file.pk}/decision/",
        {"outcome": "accord", "conditions": ""},
        lambda: _decided(w),
    )


def _api_create(w: World) -> Request:
    return Request("/api/v1/clients", _new_party(w, api=True), _created_party)


def _api_patch(w: World) -> Request:
    party = w.party
    return Request(
        f"/api/v1/clients/{party.pk}",
        {"city": "Amboise"},
        lambda: _refreshed(party).city == "Amboise",
    )


def _api_reassign(w: World) -> Request:
    return Request(
        f"/api/v1/clients/{w.party.pk}",
        {"manager": w.other_manager.pk, "reason": "Départ du chargé"},
        _moved(w),
    )


def _api_decide(w: World) -> Request:
    file = w.submitted_file()
    return Request(
        f"/api/v1/credits/{file.pk}/decision",
        {"outcome": "accord", "conditions": ""},
        lambda: _decided(w),
    )


def _api_submit(w: World) -> Request:
    file = w.ready_file
    return Request(
        f"/api/v1/credits/{file.pk}/submission",
        changed=lambda: _refreshed(file).status == "soumis",
    )


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


def _complaints(w: World) -> int:
    from probanker.complaints.models import Complaint

    return Complaint.objects.filter(party=w.party).count()


def _complaint_create(w: World) -> Request:
    before = _complaints(w)
    data = {
        "complainant_type": "client", "channel": "agence", "received_on": "2026-06-29",
        "typology": "tarification", "subject": "Frais contestés", "description": "Frais de mai",
    }  # fmt: skip
    return Request(
        f"/reclamations/nouvelle/{w.party.pk}/", data, lambda: _complaints(w) == before + 1
    )


def _complaint_acknowledge(w: World) -> Request:
    complaint = w.complaint
    return Request(
        f"/reclamations/{complaint.pk}/etape/",
        {"step": "accuse", "accuse-on": "2026-06-02", "accuse-via": "email"},
        lambda: _refreshed(complaint).acknowledged_on is not None,
    )


def _complaint_attach(w: World) -> Request:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from probanker.complaints.tests.factories import PDF_BYTES

    complaint = w.complaint
    upload = SimpleUploadedFile("releve.pdf", PDF_BYTES, content_type="application/pdf")
    return Request(
        f"/reclamations/{complaint.pk}/pieces/",
        {"file": upload, "label": "Relevé contesté"},
        lambda: complaint.attachments.exists(),
    )


def _api_complaint(w: World) -> Request:
    before = _complaints(w)
    data = {
        "client": w.party.pk, "received_on": "2026-06-29", "channel": "email",
        "subject": "Virement non reçu", "description": "Un virement SEPA du 25/06 n'est pas arrivé.",
        "payment_service": True,
    }  # fmt: skip
    return Request("/api/v1/reclamations", data, lambda: _complaints(w) == before + 1)


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
                   lambda: _refreshed(action).status == "done")  # fmt: skip


def _get(url: Callable[[World], str]) -> Callable[[World], Request]:
    return lambda w: Request(url(w))


def _prospect(w: World, api: bool = False) -> Request:
    """A register holding one establishment, and its SIRET sent to become a prospect."""
    from django.conf import settings

    from probanker.parties.models import Party
    from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

    naf_codes()
    unit = known_unit(1)
    build_register(settings.LAKE_DIR, known=[unit], establishments=20)
    url = "/api/v1/prospection/prospects" if api else "/prospection/prospects/"
    return Request(url, {"siret": unit.siret, **w.manager_field()},
                   lambda: Party.objects.filter(siren=unit.siren, kind="prospect").exists())  # fmt: skip


def _book(w: World) -> Request:
    from probanker.agenda.models import Appointment

    day = dt.date.today() + dt.timedelta(days=3)
    data = {"day": day.isoformat(), "time": "10:00", "duration_minutes": 45,
            "place_kind": "agence", "subject": "Point annuel"}  # fmt: skip
    return Request(f"/agenda/nouveau/{w.party.pk}/", data,
                   lambda: Appointment.objects.filter(subject="Point annuel").exists())  # fmt: skip


def _appointment_cancel(w: World) -> Request:
    appointment = w.appointment
    return Request(
        f"/agenda/rendez-vous/{appointment.pk}/issue/",
        {"status": "cancelled", "reason": "Client indisponible"},
        lambda: _refreshed(appointment).status == "cancelled",
    )


def _contact_add(w: World) -> Request:
    from probanker.agenda.models import Contact

    data = {"on": dt.date.today().isoformat(), "kind": "call", "channel": "phone",
            "summary": "Appel de courtoisie"}  # fmt: skip
    return Request(f"/agenda/contacts/{w.party.pk}/", data,
                   lambda: Contact.objects.filter(summary="Appel de courtoisie").exists())  # fmt: skip


def _contact_done(w: World) -> Request:
    contact = w.contact
    return Request(
        f"/agenda/contacts/etape-faite/{contact.pk}/",
        changed=lambda: _refreshed(contact).next_step_done,
    )


def _prescriber(w: World) -> Any:
    from probanker.prospecting.models import Prescriber

    return Prescriber.objects.get_or_create(
        branch=w.owner.branch, name="Cabinet Lenoir", defaults={"kind": "expert_comptable"}
    )[0]


def _prescriber_create(w: World) -> Request:
    from probanker.prospecting.models import Prescriber

    return Request("/prospection/prescripteurs/", {"name": "Étude Moreau", "kind": "notaire"},
                   lambda: Prescriber.objects.filter(name="Étude Moreau").exists())  # fmt: skip


def _prescriber_contact(w: World) -> Request:
    prescriber = _prescriber(w)
    return Request(f"/prospection/prescripteurs/{prescriber.pk}/contacts/",
                   {"name": "Claire Lenoir", "position": "Associée"},
                   lambda: prescriber.contacts.filter(name="Claire Lenoir").exists())  # fmt: skip


def _unsourced_prospect(w: World) -> Any:
    from probanker.parties.tests.factories import PartyFactory

    return PartyFactory(manager=w.owner, kind="prospect", city="Tours")


def _prescriber_referral(w: World) -> Request:
    from probanker.prospecting.models import ProspectSource

    prescriber, prospect = _prescriber(w), _unsourced_prospect(w)
    return Request(f"/prospection/prescripteurs/{prescriber.pk}/recommandations/",
                   {"prospect": prospect.pk},
                   lambda: ProspectSource.objects.filter(party=prospect, prescriber=prescriber).exists())  # fmt: skip


def _client_referral(w: World) -> Request:
    from probanker.prospecting.models import ProspectSource

    prospect = _unsourced_prospect(w)
    return Request("/prospection/parrainages/", {"prospect": prospect.pk, "referrer": w.party.pk},
                   lambda: ProspectSource.objects.filter(party=prospect, referrer=w.party).exists())  # fmt: skip


def _event(w: World) -> Any:
    from probanker.prospecting.models import Event

    return Event.objects.get_or_create(
        branch=w.owner.branch,
        name="Salon de l'artisanat",
        defaults={"kind": "salon", "held_on": dt.date(2026, 3, 14)},
    )[0]


def _event_create(w: World) -> Request:
    from probanker.prospecting.models import Event

    data = {"name": "Rencontre CMA", "kind": "rencontre", "held_on": "2026-05-12"}
    return Request("/prospection/manifestations/", data,
                   lambda: Event.objects.filter(name="Rencontre CMA").exists())  # fmt: skip


def _event_contact(w: World) -> Request:
    from probanker.prospecting.models import ProspectSource

    event, prospect = _event(w), _unsourced_prospect(w)
    return Request(f"/prospection/manifestations/{event.pk}/contacts/",
                   {"prospect": prospect.pk, "note": "Gérant rencontré au stand"},
                   lambda: ProspectSource.objects.filter(party=prospect, event=event).exists())  # fmt: skip


SCENARIOS: list[Scenario] = [
    _s("home", None, "get", _get(lambda w: "/")),
    _s("login", None, "get", _get(lambda w: "/connexion/")),
    _s("logout", None, "post", _get(lambda w: "/deconnexion/")),
    _s("profile", None, "get", _get(lambda w: "/profil/")),
    _s("password_change", None, "get", _get(lambda w: "/profil/mot-de-passe/")),
    _s("token_create", "token.manage", "post", _token_create),
    _s("token_revoke", "token.manage", "post", _token_revoke),
    _s("parties:list", "party.view", "get", _get(lambda w: "/clients/")),
    _s("parties:create", "party.create", "post",
       lambda w: Request("/clients/nouveau/", _new_party(w), _created_party)),
    _s("parties:reassign", "party.reassign", "post", _bulk_reassign),
    _s("client", "party.view", "get", _get(lambda w: f"/clients/{w.party.pk}/")),
    _s("parties:edit", "party.change", "post", _edit),
    _s("parties:role_add", "party.change", "post", _role_add),
    _s("parties:role_edit", "party.change", "post", _role_edit),
    _s("parties:role_remove", "party.change", "post", _role_remove),
    _s("parties:link_add", "party.change", "post", _link_add),
    _s("parties:link_remove", "party.change", "post", _link_remove),
    _s("parties:reassign_one", "party.reassign", "post",
       lambda w: Request(f"/clients/{w.party.pk}/reaffecter/",
                         {"target": w.other_manager.pk, "reason": "Départ du chargé"}, _moved(w))),
    _s("diagnosis:analysis", "diagnosis.view", "get",
       _get(lambda w: f"/clients/{w.party.pk}/analyse/")),
    _s("diagnosis:pdf", "diagnosis.view", "get",
       _get(lambda w: f"/clients/{w.party.pk}/analyse/note.pdf?year={w.year.pk}")),
    _s("diagnosis:fec_upload", "diagnosis.change", "get",
       _get(lambda w: f"/clients/{w.party.pk}/analyse/importer-fec/")),
    # An empty confirmation: the role reaches the import (a redirect), nothing to store.
    _s("diagnosis:fec_confirm", "diagnosis.change", "post",
       _get(lambda w: f"/clients/{w.party.pk}/analyse/importer-fec/confirmer/")),
    _s("diagnosis:statement", "diagnosis.change", "post", _statement_create),
    _s("diagnosis:year", "diagnosis.view", "get",
       _get(lambda w: f"/clients/{w.party.pk}/analyse/exercices/{w.year.pk}/")),
    _s("diagnosis:year_delete", "diagnosis.change", "post", _year_delete),
    _s("banking:contracts", "contract.view", "get", _get(lambda w: "/comptes/")),
    _s("risk:alerts", "risk.view", "get", _get(lambda w: "/risques/")),
    _s("risk:alert_take", "alert.take", "post", _alert_take),
    _s("risk:rules", "risk.view", "get", _get(lambda w: "/risques/regles/")),
    _s("risk:rules", "rule.change", "post", _rule_change),
    _s("risk:cases", "case.view", "get", _get(lambda w: "/risques/dossiers/")),
    _s("risk:case_open", "case.change", "post", _case_open),
    _s("risk:case", "case.view", "get", _get(lambda w: f"/risques/dossiers/{w.case.pk}/")),
    _s("risk:case_action", "case.change", "post", _case_contact),
    _s("credit:list", "credit.view", "get", _get(lambda w: "/credits/")),
    _s("credit:delegation", "credit.view", "get", _get(lambda w: "/credits/delegation/")),
    _s("credit:delegation", "credit.grid.change", "post",
       lambda w: Request("/credits/delegation/",
                         {"level": "manager", "worst_status": "sain", "max_amount": "12345"},
                         _limit("12345"))),
    _s("credit:usury", "credit.view", "get", _get(lambda w: "/credits/usure/")),
    _s("credit:usury", "usury.change", "post", _usury),
    _s("credit:renewals", "credit.view", "get", _get(lambda w: "/credits/renouvellements/")),
    _s("credit:renew", "credit.change", "post", _renew),
    _s("credit:letter", "letter.view", "get",
       _get(lambda w: f"/credits/lettres/{w.letter.pk}.pdf")),
    _s("credit:letter_sent", "letter.mark_sent", "post", _letter_sent),
    _s("credit:create", "credit.change", "post", _file_create),
    _s("credit:file", "credit.view", "get", _get(lambda w: f"/credits/{w.file.pk}/")),
    _s("credit:note", "credit.view", "get", _get(lambda w: f"/credits/{w.file.pk}/note.pdf")),
    _s("credit:action", "credit.change", "post", _file_rate, "taux"),
    _s("credit:action", "credit.decide", "post", _file_decide, "decision"),
    _s("complaints:list", "complaint.view", "get", _get(lambda w: "/reclamations/")),
    _s("complaints:create", "complaint.change", "post", _complaint_create),
    _s("complaints:register", "complaint.view", "get", _get(lambda w: "/reclamations/registre/")),
    _s("complaints:export", "complaint.view", "get",
       _get(lambda w: "/reclamations/registre/export/?format=xlsx")),
    _s("complaints:detail", "complaint.view", "get",
       _get(lambda w: f"/reclamations/{w.complaint.pk}/")),
    _s("complaints:step", "complaint.change", "post", _complaint_acknowledge),
    _s("complaints:letter", "complaint.view", "get",
       _get(lambda w: f"/reclamations/{w.complaint.pk}/courrier.pdf?type=accuse")),
    _s("complaints:attach", "complaint.change", "post", _complaint_attach),
    _s("complaints:attachment", "complaint.view", "get",
       _get(lambda w: f"/reclamations/{w.complaint.pk}/pieces/{w.attachment.pk}/")),
    _s("GET /api/v1/reclamations", "complaint.view", "get",
       _get(lambda w: "/api/v1/reclamations?status=toutes")),
    _s("POST /api/v1/reclamations", "complaint.change", "post", _api_complaint),
    _s("GET /api/v1/reclamations/{complaint_id}", "complaint.view", "get",
       _get(lambda w: f"/api/v1/reclamations/{w.complaint.pk}")),
    _s("rgaa:overview", "rgaa.view", "get", _get(lambda w: "/accessibilite/")),
    _s("rgaa:overview", "rgaa.change", "post", _consultation),
    _s("rgaa:audit", "rgaa.view", "get",
       _get(lambda w: f"/accessibilite/audit/?audit={_audit().pk}")),
    _s("rgaa:results", "rgaa.view", "get", lambda w: Request(
        f"/accessibilite/audit/saisie/?audit={(a := _audit()).pk}&echantillon={a.samples.get().pk}")),
    _s("rgaa:results", "rgaa.change", "post", _results),
    _s("rgaa:statement", "rgaa.view", "get",
       _get(lambda w: f"/accessibilite/declaration/?audit={_audit().pk}")),
    _s("prospecting:search", "prospecting.view", "get",
       _get(lambda w: "/prospection/?departement=37")),
    _s("prospecting:prospect_create", "prospect.create", "post", _prospect),
    _s("prospecting:prescribers", "prescriber.view", "get", _get(lambda w: "/prospection/prescripteurs/")),
    _s("prospecting:prescribers", "prescriber.change", "post", _prescriber_create),
    _s("prospecting:prescriber", "prescriber.view", "get",
       _get(lambda w: f"/prospection/prescripteurs/{_prescriber(w).pk}/")),
    _s("prospecting:prescriber_contact", "prescriber.change", "post", _prescriber_contact),
    _s("prospecting:prescriber_referral", "referral.create", "post", _prescriber_referral),
    _s("prospecting:referrals", "prospecting.view", "get", _get(lambda w: "/prospection/parrainages/")),
    _s("prospecting:referrals", "referral.create", "post", _client_referral),
    _s("prospecting:events", "prospecting.view", "get", _get(lambda w: "/prospection/manifestations/")),
    _s("prospecting:events", "event.change", "post", _event_create),
    _s("prospecting:event", "prospecting.view", "get",
       _get(lambda w: f"/prospection/manifestations/{_event(w).pk}/")),
    _s("prospecting:event_contact", "prospect.create", "post", _event_contact),
    _s("GET /api/v1/prospection/prospects", "prospecting.view", "get",
       _get(lambda w: "/api/v1/prospection/prospects")),
    _s("POST /api/v1/prospection/prospects", "prospect.create", "post",
       lambda w: _prospect(w, api=True)),
    _s("agenda:week", "agenda.view", "get", _get(lambda w: "/agenda/")),
    _s("agenda:feed", "agenda.view", "get", _get(lambda w: "/agenda/flux.ics")),
    _s("agenda:book", "agenda.change", "post", _book),
    _s("agenda:appointment", "agenda.view", "get",
       _get(lambda w: f"/agenda/rendez-vous/{w.appointment.pk}/")),
    _s("agenda:appointment_status", "agenda.change", "post", _appointment_cancel),
    _s("agenda:appointment_ics", "agenda.view", "get",
       _get(lambda w: f"/agenda/rendez-vous/{w.appointment.pk}.ics")),
    _s("agenda:contact_add", "agenda.change", "post", _contact_add),
    _s("agenda:contact_done", "agenda.change", "post", _contact_done),
    _s("batch:journal", "batch.view", "get", _get(lambda w: "/traitements/")),
    _s("portfolio:dashboard", "portfolio.view", "get", _get(lambda w: "/portefeuille/")),
    _s("portfolio:review", "portfolio.view", "get", _get(lambda w: "/portefeuille/revue.pdf")),
    _s("portfolio:clients", "portfolio.view", "get", _get(lambda w: "/portefeuille/clients/")),
    _s("portfolio:matrix", "portfolio.view", "get", _get(lambda w: "/portefeuille/equipement/")),
    _s("portfolio:pnb", "portfolio.view", "get", _get(lambda w: "/portefeuille/pnb/")),
    _s("portfolio:objectives", "portfolio.view", "get",
       _get(lambda w: "/portefeuille/objectifs/")),
    _s("portfolio:objectives", "objective.change", "post", _objective),
    _s("portfolio:transfer_prices", "portfolio.view", "get",
       _get(lambda w: "/portefeuille/taux-de-cession/")),
    _s("portfolio:transfer_prices", "transfer_price.change", "post", _transfer_price),
    _s("portfolio:target_lists", "portfolio.view", "get", _get(lambda w: "/portefeuille/listes/")),
    _s("portfolio:target_save", "target.change", "post", _target_save),
    _s("portfolio:target_list", "portfolio.view", "get",
       _get(lambda w: f"/portefeuille/listes/{_target(w).pk}/")),
    _s("portfolio:target_list", "target.change", "post", _action_plan),
    _s("portfolio:action_status", "target.change", "post", _action_status),
    _s("api:openapi-json", None, "get", _get(lambda w: "/api/v1/openapi.json")),
    _s("api:openapi-view", None, "get", _get(lambda w: "/api/v1/docs")),
    _s("GET /api/v1/clients", "party.view", "get", _get(lambda w: "/api/v1/clients")),
    _s("POST /api/v1/clients", "party.create", "post", _api_create),
    _s("GET /api/v1/clients/{party_id}", "party.view", "get",
       _get(lambda w: f"/api/v1/clients/{w.party.pk}")),
    _s("PATCH /api/v1/clients/{party_id}", "party.change", "patch", _api_patch),
    _s("PATCH /api/v1/clients/{party_id}", "party.reassign", "patch", _api_reassign),
    _s("GET /api/v1/clients/{party_id}/products", "contract.view", "get",
       _get(lambda w: f"/api/v1/clients/{w.party.pk}/products")),
    _s("GET /api/v1/clients/{party_id}/exercices", "diagnosis.view", "get",
       _get(lambda w: f"/api/v1/clients/{w.party.pk}/exercices")),
    _s("GET /api/v1/clients/{party_id}/analyse", "diagnosis.view", "get",
       _get(lambda w: f"/api/v1/clients/{w.party.pk}/analyse")),
    _s("GET /api/v1/clients/{party_id}/credits", "credit.view", "get",
       _get(lambda w: f"/api/v1/clients/{w.file.party_id}/credits")),
    _s("GET /api/v1/credits", "credit.view", "get", _get(lambda w: "/api/v1/credits")),
    _s("GET /api/v1/credits/{file_id}", "credit.view", "get",
       _get(lambda w: f"/api/v1/credits/{w.file.pk}")),
    _s("POST /api/v1/credits/{file_id}/decision", "credit.decide", "post", _api_decide),
    _s("POST /api/v1/credits/{file_id}/submission", "credit.change", "post", _api_submit),
    _s("GET /api/v1/alertes", "risk.view", "get", _get(lambda w: "/api/v1/alertes")),
    _s("GET /api/v1/alertes/{alert_id}", "risk.view", "get",
       _get(lambda w: f"/api/v1/alertes/{w.alert.pk}")),
    _s("GET /api/v1/clients/{party_id}/risque", "risk.view", "get",
       _get(lambda w: f"/api/v1/clients/{w.party.pk}/risque")),
    _s("GET /api/v1/dossiers-degradation", "case.view", "get",
       _get(lambda w: "/api/v1/dossiers-degradation")),
    _s("GET /api/v1/dossiers-degradation/{case_id}", "case.view", "get",
       _get(lambda w: f"/api/v1/dossiers-degradation/{w.case.pk}")),
    _s("GET /api/v1/traitements", "batch.view", "get", _get(lambda w: "/api/v1/traitements")),
    _s("GET /api/v1/portefeuille", "portfolio.view", "get", _get(lambda w: "/api/v1/portefeuille")),
    *certification.scenarios(_s),
]  # fmt: skip
