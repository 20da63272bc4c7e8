"""Every role × every action, through the UI and the API, as the table says.

The routes, their actions and the scenarios live in ``permission_scenarios.py``;
a new route or endpoint fails :func:`test_every_route_declares_its_actions`
until it is declared there with a scenario.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from probanker.core.models import Role
from probanker.core.permissions import PERMISSIONS, Scope, can, scope_of
from probanker.core.tests.permission_scenarios import (
    NOT_ROUTED_YET,
    ROUTES,
    SCENARIOS,
    Request,
    Scenario,
    World,
    api_operations,
    ui_routes,
)

pytestmark = pytest.mark.django_db


def test_every_route_declares_its_actions() -> None:
    """Every UI route and API operation is in ``ROUTES``, and nothing there is stale."""
    found = ui_routes() | api_operations()
    missing = found - set(ROUTES)
    assert not missing, f"declare the actions of these routes in ROUTES: {sorted(missing)}"
    stale = set(ROUTES) - found
    assert not stale, f"these routes no longer exist: {sorted(stale)}"


def test_every_declared_action_has_a_scenario() -> None:
    """Each (route, action) of ``ROUTES`` is performed by a scenario, with known actions."""
    declared = {(route, action) for route, actions in ROUTES.items() for action in actions}
    performed = {(s.route, s.action) for s in SCENARIOS}
    assert declared == performed, {
        "without scenario": declared - performed,
        "not declared": performed - declared,
    }
    unknown = {a for _, a in declared if a is not None} - set(PERMISSIONS)
    assert not unknown, f"actions missing from PERMISSIONS: {unknown}"


def test_every_action_is_routed_or_awaited() -> None:
    """An action of the table is performed somewhere, or listed as not routed yet."""
    routed = {a for actions in ROUTES.values() for a in actions if a is not None}
    assert set(PERMISSIONS) == routed | NOT_ROUTED_YET, set(PERMISSIONS) ^ (routed | NOT_ROUTED_YET)
    assert not routed & NOT_ROUTED_YET


def _send(client: Client, scenario: Scenario, request: Request, secret: str | None) -> Any:
    kwargs: dict[str, Any] = {}
    if scenario.is_api:
        import json

        kwargs["headers"] = {"Authorization": f"Bearer {secret}"}
        if scenario.method != "get":
            kwargs.update(data=json.dumps(request.data), content_type="application/json")
    elif scenario.method != "get":
        kwargs["data"] = request.data
    return getattr(client, scenario.method)(request.url, **kwargs)


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_role_performs_action_as_the_table_says(
    scenario: Scenario, role: str, branch: Any, client: Client, settings: Any, tmp_path: Any
) -> None:
    """A role holding the action gets it done; any other is refused, and nothing changes."""
    # Users are made per test: argon2 (production's hasher) would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    settings.LAKE_DIR = tmp_path / "lake"
    world = World(role, branch)
    request = scenario.build(world)
    client.force_login(world.actor)
    secret = world.token.secret if scenario.is_api else None
    response = _send(client, scenario, request, secret)
    status = response.status_code
    allowed = scenario.action is None or can(world.actor, scenario.action)
    where = f"{role} × {scenario.action} via {scenario.route}: {status}"
    if allowed:
        assert status < 400, where
        if request.changed is not None:
            assert request.changed(), f"{where}, but nothing changed"
    else:
        # A role that reaches no row does not learn the object exists: 404.
        refused = {403, 404} if scope_of(world.actor) == Scope.NONE else {403}
        assert status in refused, where
        if scenario.is_api and status == 403:
            assert response.json()["errors"] == [], where
        if request.changed is not None:
            assert not request.changed(), f"{where}, yet the row changed"


# --------------------------------------------------------------------------
# The helpers others build on.
# --------------------------------------------------------------------------


def test_scope_comes_before_the_action(
    client: Client, manager1: Any, manager_other_branch: Any, risk_analyst: Any
) -> None:
    """Out of scope is a 404 whatever the role holds; in scope without the action, a 403."""
    from probanker.parties.tests.factories import PartyFactory

    party = PartyFactory(manager=manager_other_branch)
    client.force_login(manager1)  # holds party.change, but not on this row
    assert client.get(f"/clients/{party.pk}/modifier/").status_code == 404
    client.force_login(risk_analyst)  # sees every branch, does not edit clients
    assert client.get(f"/clients/{party.pk}/modifier/").status_code == 403


def test_services_refuse_a_role_without_the_action(
    risk_analyst: Any, manager1: Any, manager2: Any
) -> None:
    """Services are the last line: PermissionDenied, whatever the caller checked."""
    from django.core.exceptions import PermissionDenied

    from probanker.parties import services as parties
    from probanker.parties.tests.factories import PartyFactory

    party = PartyFactory(manager=manager1)
    with pytest.raises(PermissionDenied):
        parties.update_party(actor=risk_analyst, party=party)
    with pytest.raises(PermissionDenied):
        parties.reassign_parties(actor=manager1, parties=[party], target=manager2, reason="x")
    party.refresh_from_db()
    assert party.manager == manager1


def test_an_edit_that_changes_the_manager_needs_a_reason(
    director: Any, manager1: Any, manager2: Any
) -> None:
    """Changing the manager while editing is a reassignment: refused without a reason."""
    from probanker.core.services import DomainError
    from probanker.parties import services as parties
    from probanker.parties.tests.factories import PartyFactory

    party = PartyFactory(manager=manager1)
    with pytest.raises(DomainError, match="motif"):
        parties.update_party(actor=director, party=party, manager=manager2)
    assert type(party).objects.get(pk=party.pk).manager == manager1
    parties.update_party(actor=director, party=party, manager=manager2, reason="Congé")
    assert type(party).objects.get(pk=party.pk).manager == manager2
    assert party.history.first().history_change_reason.endswith(": Congé")


def test_templates_ask_the_table(client: Client, manager1: Any, risk_analyst: Any) -> None:
    """The ``can`` filter hides what the role may not do: « Nouveau client » for risk."""
    from django.template import Context, Template

    template = Template('{% load permissions %}{% if user|can:"party.create" %}oui{% endif %}')
    assert template.render(Context({"user": manager1})) == "oui"
    assert template.render(Context({"user": risk_analyst})) == ""
    client.force_login(risk_analyst)
    assert "Nouveau client ou prospect" not in client.get("/clients/").content.decode()
    client.force_login(manager1)
    assert "Nouveau client ou prospect" in client.get("/clients/").content.decode()


def test_action_required_refuses_before_the_view_runs(rf: Any, risk_analyst: Any) -> None:
    """The decorator raises PermissionDenied (a 403) and records its action on the view."""
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from probanker.core.access import action_required

    ran: list[bool] = []

    @action_required("party.create")
    def view(request: Any) -> HttpResponse:
        ran.append(True)
        return HttpResponse()

    request = rf.get("/")
    request.user = risk_analyst
    with pytest.raises(PermissionDenied):
        view(request)
    assert not ran
    assert view.action == "party.create"  # type: ignore[attr-defined]
