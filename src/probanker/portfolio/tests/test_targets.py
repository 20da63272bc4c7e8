"""Target lists saved from the client list, the actions planned on them and their results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.core import registry
from probanker.parties.tests.factories import PartyFactory
from probanker.portfolio.models import ActionStatus, CommercialAction, TargetList

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _save(client: Client, mode: str, name: str = "Artisans") -> TargetList:
    data = {"name": name, "mode": mode, "axe": "segment", "valeur": "artisan", "tri": "pnb"}
    response = client.post("/portefeuille/listes/enregistrer/", data)
    assert response.status_code == 302, response.content
    return TargetList.objects.get(name=name)


def _names(client: Client, target: TargetList) -> str:
    return client.get(f"/portefeuille/listes/{target.pk}/?format=csv").content.decode("utf-8-sig")


def test_query_list_is_re_evaluated_and_frozen_list_keeps_its_clients(manager1: Any) -> None:
    """Two artisans then a third: the filter list shows three, the frozen one the first two;
    a commerçant and another manager's artisan are in neither."""
    PartyFactory(manager=manager1, segment="artisan", name="Menuiserie Alpha")
    PartyFactory(manager=manager1, segment="artisan", name="Plomberie Beta")
    PartyFactory(manager=manager1, segment="commercant", name="Épicerie Gamma")
    client = _client(manager1)
    page = client.get("/portefeuille/clients/?axe=segment&valeur=artisan").content.decode()
    assert "Enregistrer comme liste cible" in page
    live, frozen = _save(client, "query", "Filtre"), _save(client, "frozen", "Figée")
    assert live.query == {"axe": "segment", "valeur": "artisan", "tri": "pnb"}
    assert frozen.parties.count() == 2
    PartyFactory(manager=manager1, segment="artisan", name="Couverture Delta")
    assert "Couverture Delta" in _names(client, live)
    assert "Couverture Delta" not in _names(client, frozen)
    for target in (live, frozen):
        text = _names(client, target)
        assert "Menuiserie Alpha" in text
        assert "Plomberie Beta" in text
        assert "Épicerie Gamma" not in text
    page = client.get(f"/portefeuille/listes/{frozen.pk}/").content.decode()
    assert "2 clients" in page
    assert "Liste figée" in page


def test_lists_are_scoped(manager1: Any, manager2: Any, director: Any) -> None:
    """Another manager gets 404 on the list and its action; the director sees both."""
    PartyFactory(manager=manager1, segment="artisan")
    target = _save(_client(manager1), "query")
    action = CommercialAction.objects.create(
        target_list=target, kind="calls", owner=manager1, started_on=timezone.localdate(),
        due_on=timezone.localdate(),
    )  # fmt: skip
    other = _client(manager2)
    assert other.get(f"/portefeuille/listes/{target.pk}/").status_code == 404
    assert other.post(f"/portefeuille/actions/{action.pk}/", {f"a{action.pk}-status": "done"}).status_code == 404  # fmt: skip
    assert "Artisans" not in other.get("/portefeuille/listes/").content.decode()
    boss = _client(director)
    assert "Artisans" in boss.get("/portefeuille/listes/").content.decode()
    assert boss.get(f"/portefeuille/listes/{target.pk}/").status_code == 200


def test_action_planned_with_an_owner_of_the_scope(manager1: Any, manager2: Any) -> None:
    """A manager cannot give an action to another manager; a status change is in the history."""
    PartyFactory(manager=manager1, segment="artisan")
    client = _client(manager1)
    target = _save(client, "query")
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    data = {"kind": "calls", "label": "Relance", "owner": manager2.pk, "due_on": due,
            "status": "todo"}  # fmt: skip
    response = client.post(f"/portefeuille/listes/{target.pk}/", data)
    assert response.status_code == 200
    assert not target.actions.exists()
    data["owner"] = manager1.pk
    assert client.post(f"/portefeuille/listes/{target.pk}/", data).status_code == 302
    action = target.actions.get()
    assert (action.kind, action.status, action.label) == ("calls", "todo", "Relance")
    client.post(f"/portefeuille/actions/{action.pk}/", {f"a{action.pk}-status": "doing"})
    action.refresh_from_db()
    assert action.status == ActionStatus.DOING
    assert [h.status for h in action.history.order_by("history_date")] == ["todo", "doing"]
    response = client.post(f"/portefeuille/actions/{action.pk}/", {f"a{action.pk}-status": "x"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DOING
    home = client.get("/").content.decode()
    assert "Actions commerciales à échéance" in home
    assert "Relance" not in home
    assert "Campagne d&#x27;appels — Artisans" in home or "Campagne d'appels — Artisans" in home


def test_results_are_absent_until_a_capability_counts_them(
    manager1: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing registered: « aucun résultat enregistré »; the agenda's contacts alone: no
    client contacted; a contact source and a results source registered: one of the two
    clients contacted since the start, three opportunities."""
    first = PartyFactory(manager=manager1, segment="artisan")
    second = PartyFactory(manager=manager1, segment="artisan")
    client = _client(manager1)
    target = _save(client, "frozen")
    today = timezone.localdate()
    CommercialAction.objects.create(target_list=target, kind="calls", owner=manager1,
                                    started_on=today - dt.timedelta(days=5), due_on=today)  # fmt: skip
    url = f"/portefeuille/listes/{target.pk}/"
    with monkeypatch.context() as bare:
        bare.setattr(registry.contact_sources, "_items", {})
        bare.setattr(registry.action_results, "_items", {})
        assert "aucun résultat enregistré" in client.get(url).content.decode()
    assert registry.contact_sources.get("agenda") is not None
    assert "Clients contactés : 0" in client.get(url).content.decode()
    seen: list[Any] = []

    def last_contacts(ids: list[int]) -> dict[int, dt.date]:
        seen.append(sorted(ids))
        return {first.pk: today - dt.timedelta(days=2), second.pk: today - dt.timedelta(days=9)}

    registry.contact_sources.register(registry.ContactSource("test", last_contacts))
    registry.action_results.register(
        registry.ActionResults("test", 1, lambda ids, start, end: {"Opportunités": 3})
    )
    try:
        page = client.get(url).content.decode()
    finally:
        registry.contact_sources.unregister("test")
        registry.action_results.unregister("test")
    assert "aucun résultat enregistré" not in page
    assert "Clients contactés : 1" in page
    assert "Opportunités : 3" in page
    assert seen == [sorted([first.pk, second.pk])]


def test_bad_save_and_roles(manager1: Any, branch: Any) -> None:
    """A list without a name is refused with a message; a risk analyst reads but cannot save."""
    from probanker.core.models import Role
    from probanker.core.tests.factories import UserFactory

    client = _client(manager1)
    response = client.post("/portefeuille/listes/enregistrer/", {"name": "", "mode": "query"},
                           follow=True)  # fmt: skip
    assert "donnez-lui un nom" in response.content.decode()
    assert not TargetList.objects.exists()
    analyst = _client(UserFactory(role=Role.RISK, branch=branch))
    assert analyst.post("/portefeuille/listes/enregistrer/", {"name": "x", "mode": "query"}).status_code == 403  # fmt: skip
    assert (
        "Enregistrer comme liste cible"
        not in analyst.get("/portefeuille/clients/").content.decode()
    )


def test_the_suggested_due_date_reaches_the_date_picker(manager1: Any) -> None:
    """The action form's due date in 30 days is rendered ISO, the only value a browser's
    date picker shows (a French date left it empty and the form was refused)."""
    PartyFactory(manager=manager1, segment="artisan")
    client = _client(manager1)
    target = _save(client, "query")
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    page = client.get(f"/portefeuille/listes/{target.pk}/").content.decode()
    assert f'value="{due}"' in page
