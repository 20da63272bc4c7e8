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
and given a scenario. The later capabilities keep theirs beside their tests
(``<app>/tests/permission_scenarios.py``: ``ROUTES`` and ``scenarios(_s)``), merged here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from probanker.agenda.tests import permission_scenarios as agenda
from probanker.certification.tests import permission_scenarios as certification
from probanker.complaints.tests import permission_scenarios as complaints
from probanker.core.tests.factories import naf
from probanker.core.tests.permission_world import TODAY, Request, Scenario, World, get, refreshed
from probanker.parties.tests import permission_scenarios as parties
from probanker.portfolio.tests import permission_scenarios as portfolio
from probanker.prospecting.tests import permission_scenarios as prospecting
from probanker.sales.tests import permission_scenarios as sales

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
    **certification.ROUTES,
    **parties.ROUTES,
    **agenda.ROUTES,
    **portfolio.ROUTES,
    **complaints.ROUTES,
    **sales.ROUTES,
    **prospecting.ROUTES,
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
    return lambda: refreshed(w.party).manager_id == w.other_manager.pk


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
        changed=lambda: refreshed(token).revoked_at is not None,
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
        lambda: refreshed(party).city == "Amboise",
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
        lambda: refreshed(role).share_percent == Decimal("30"),
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
        changed=lambda: refreshed(alert).taken_by_id is not None,
    )


def _case_contact(w: World) -> Request:
    case = w.case
    return Request(
        f"/risques/dossiers/{case.pk}/contact/",
        {"contacted_on": TODAY.isoformat(), "causes": "Perte d'un client"},
        lambda: refreshed(case).first_contact_on is not None,
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
        changed=lambda: refreshed(letter).sent_on is not None,
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
        lambda: refreshed(file).client_rate == Decimal("4.25"),
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
        lambda: refreshed(party).city == "Amboise",
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
        changed=lambda: refreshed(file).status == "soumis",
    )


SCENARIOS: list[Scenario] = [
    _s("home", None, "get", get(lambda w: "/")),
    _s("login", None, "get", get(lambda w: "/connexion/")),
    _s("logout", None, "post", get(lambda w: "/deconnexion/")),
    _s("profile", None, "get", get(lambda w: "/profil/")),
    _s("password_change", None, "get", get(lambda w: "/profil/mot-de-passe/")),
    _s("token_create", "token.manage", "post", _token_create),
    _s("token_revoke", "token.manage", "post", _token_revoke),
    _s("parties:list", "party.view", "get", get(lambda w: "/clients/")),
    _s("parties:create", "party.create", "post",
       lambda w: Request("/clients/nouveau/", _new_party(w), _created_party)),
    _s("parties:reassign", "party.reassign", "post", _bulk_reassign),
    _s("client", "party.view", "get", get(lambda w: f"/clients/{w.party.pk}/")),
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
       get(lambda w: f"/clients/{w.party.pk}/analyse/")),
    _s("diagnosis:pdf", "diagnosis.view", "get",
       get(lambda w: f"/clients/{w.party.pk}/analyse/note.pdf?year={w.year.pk}")),
    _s("diagnosis:fec_upload", "diagnosis.change", "get",
       get(lambda w: f"/clients/{w.party.pk}/analyse/importer-fec/")),
    # An empty confirmation: the role reaches the import (a redirect), nothing to store.
    _s("diagnosis:fec_confirm", "diagnosis.change", "post",
       get(lambda w: f"/clients/{w.party.pk}/analyse/importer-fec/confirmer/")),
    _s("diagnosis:statement", "diagnosis.change", "post", _statement_create),
    _s("diagnosis:year", "diagnosis.view", "get",
       get(lambda w: f"/clients/{w.party.pk}/analyse/exercices/{w.year.pk}/")),
    _s("diagnosis:year_delete", "diagnosis.change", "post", _year_delete),
    _s("banking:contracts", "contract.view", "get", get(lambda w: "/comptes/")),
    _s("risk:alerts", "risk.view", "get", get(lambda w: "/risques/")),
    _s("risk:alert_take", "alert.take", "post", _alert_take),
    _s("risk:rules", "risk.view", "get", get(lambda w: "/risques/regles/")),
    _s("risk:rules", "rule.change", "post", _rule_change),
    _s("risk:cases", "case.view", "get", get(lambda w: "/risques/dossiers/")),
    _s("risk:case_open", "case.change", "post", _case_open),
    _s("risk:case", "case.view", "get", get(lambda w: f"/risques/dossiers/{w.case.pk}/")),
    _s("risk:case_action", "case.change", "post", _case_contact),
    _s("credit:list", "credit.view", "get", get(lambda w: "/credits/")),
    _s("credit:delegation", "credit.view", "get", get(lambda w: "/credits/delegation/")),
    _s("credit:delegation", "credit.grid.change", "post",
       lambda w: Request("/credits/delegation/",
                         {"level": "manager", "worst_status": "sain", "max_amount": "12345"},
                         _limit("12345"))),
    _s("credit:usury", "credit.view", "get", get(lambda w: "/credits/usure/")),
    _s("credit:usury", "usury.change", "post", _usury),
    _s("credit:renewals", "credit.view", "get", get(lambda w: "/credits/renouvellements/")),
    _s("credit:renew", "credit.change", "post", _renew),
    _s("credit:letter", "letter.view", "get",
       get(lambda w: f"/credits/lettres/{w.letter.pk}.pdf")),
    _s("credit:letter_sent", "letter.mark_sent", "post", _letter_sent),
    _s("credit:create", "credit.change", "post", _file_create),
    _s("credit:file", "credit.view", "get", get(lambda w: f"/credits/{w.file.pk}/")),
    _s("credit:note", "credit.view", "get", get(lambda w: f"/credits/{w.file.pk}/note.pdf")),
    _s("credit:action", "credit.change", "post", _file_rate, "taux"),
    _s("credit:action", "credit.decide", "post", _file_decide, "decision"),
    _s("batch:journal", "batch.view", "get", get(lambda w: "/traitements/")),
    _s("api:openapi-json", None, "get", get(lambda w: "/api/v1/openapi.json")),
    _s("api:openapi-view", None, "get", get(lambda w: "/api/v1/docs")),
    _s("GET /api/v1/clients", "party.view", "get", get(lambda w: "/api/v1/clients")),
    _s("POST /api/v1/clients", "party.create", "post", _api_create),
    _s("GET /api/v1/clients/{party_id}", "party.view", "get",
       get(lambda w: f"/api/v1/clients/{w.party.pk}")),
    _s("PATCH /api/v1/clients/{party_id}", "party.change", "patch", _api_patch),
    _s("PATCH /api/v1/clients/{party_id}", "party.reassign", "patch", _api_reassign),
    _s("GET /api/v1/clients/{party_id}/products", "contract.view", "get",
       get(lambda w: f"/api/v1/clients/{w.party.pk}/products")),
    _s("GET /api/v1/clients/{party_id}/exercices", "diagnosis.view", "get",
       get(lambda w: f"/api/v1/clients/{w.party.pk}/exercices")),
    _s("GET /api/v1/clients/{party_id}/analyse", "diagnosis.view", "get",
       get(lambda w: f"/api/v1/clients/{w.party.pk}/analyse")),
    _s("GET /api/v1/clients/{party_id}/credits", "credit.view", "get",
       get(lambda w: f"/api/v1/clients/{w.file.party_id}/credits")),
    _s("GET /api/v1/credits", "credit.view", "get", get(lambda w: "/api/v1/credits")),
    _s("GET /api/v1/credits/{file_id}", "credit.view", "get",
       get(lambda w: f"/api/v1/credits/{w.file.pk}")),
    _s("POST /api/v1/credits/{file_id}/decision", "credit.decide", "post", _api_decide),
    _s("POST /api/v1/credits/{file_id}/submission", "credit.change", "post", _api_submit),
    _s("GET /api/v1/alertes", "risk.view", "get", get(lambda w: "/api/v1/alertes")),
    _s("GET /api/v1/alertes/{alert_id}", "risk.view", "get",
       get(lambda w: f"/api/v1/alertes/{w.alert.pk}")),
    _s("GET /api/v1/clients/{party_id}/risque", "risk.view", "get",
       get(lambda w: f"/api/v1/clients/{w.party.pk}/risque")),
    _s("GET /api/v1/dossiers-degradation", "case.view", "get",
       get(lambda w: "/api/v1/dossiers-degradation")),
    _s("GET /api/v1/dossiers-degradation/{case_id}", "case.view", "get",
       get(lambda w: f"/api/v1/dossiers-degradation/{w.case.pk}")),
    _s("GET /api/v1/traitements", "batch.view", "get", get(lambda w: "/api/v1/traitements")),
    *certification.scenarios(_s),
    *parties.scenarios(_s),
    *agenda.scenarios(_s),
    *portfolio.scenarios(_s),
    *complaints.scenarios(_s),
    *sales.scenarios(_s),
    *prospecting.scenarios(_s),
]  # fmt: skip
