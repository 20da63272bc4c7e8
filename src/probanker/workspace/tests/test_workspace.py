"""The workspace: a client page and « Ma journée » composed from what apps register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core import registry
from probanker.core.formatting import de
from probanker.core.tests.factories import UserFactory
from probanker.credit import services as credit
from probanker.credit.models import GuarantorLetter
from probanker.parties.tests.factories import PartyFactory, PersonFactory
from probanker.risk import cases
from probanker.risk.models import Alert, AlertRule, RiskRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_panel() -> Iterator[registry.ClientPanel]:
    """A panel from an app the workspace does not know, registered as an app would."""
    panel = registry.ClientPanel(
        "essai", "Section d'essai", 55, "workspace/tests/panel.html",
        lambda request, party: {"figure": f"n° {party.pk}"},
        action="party.view", applies_to=lambda party: party.kind == "client",
    )  # fmt: skip
    registry.client_panels.register(panel)
    yield panel
    registry.client_panels.unregister("essai")


def test_a_registered_panel_appears_without_editing_the_workspace(
    client: Client, manager1: Any, extra_panel: registry.ClientPanel, settings: Any, tmp_path: Any
) -> None:
    """The panel is rendered with its own context, in its order, for the parties it applies to."""
    templates = tmp_path / "workspace" / "tests"
    templates.mkdir(parents=True)
    (templates / "panel.html").write_text("<p>Contribution {{ figure }}</p>")
    # Reassigned (not mutated) so that Django rebuilds its template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    party = PartyFactory(manager=manager1, kind="client")
    prospect = PartyFactory(manager=manager1, kind="prospect")
    client.force_login(manager1)
    html = client.get(f"/clients/{party.pk}/").content.decode()
    assert f"<p>Contribution n° {party.pk}</p>" in html
    assert '<a href="#essai">Section d&#x27;essai</a>' in html
    # In the registered order: after credit (50), before risk (60).
    assert html.index('id="credits"') < html.index('id="essai"') < html.index('id="risques"')
    assert "Section d&#x27;essai" not in client.get(f"/clients/{prospect.pk}/").content.decode()


def test_panels_follow_the_permission_table(client: Client, manager1: Any) -> None:
    """The jury reaches no client; the risk analyst sees the page without the edit button."""
    party = PartyFactory(manager=manager1)
    analyst = UserFactory(role="risk", branch=None)
    client.force_login(analyst)
    html = client.get(f"/clients/{party.pk}/").content.decode()
    assert 'id="risques"' in html
    assert "Modifier la fiche" not in html
    assert "Nouveau dossier de crédit" not in html
    client.force_login(UserFactory(role="jury", branch=None))
    assert client.get(f"/clients/{party.pk}/").status_code == 404


def test_history_merges_every_app(client: Client, manager1: Any) -> None:
    """Changes of credit files, degradation cases and contracts are in the client's history."""
    party = PartyFactory(manager=manager1)
    ContractFactory(party=party)
    file = credit.create_file(
        actor=manager1,
        party=party,
        purpose="equipement",
        description="Four",
        today=dt.date(2026, 11, 2),
    )
    credit.add_line(actor=manager1, file=file, side="besoin", label="Four", amount=Decimal(5000))
    case = cases.open_case(actor=manager1, party=party, alerts=[], today=dt.date(2026, 11, 2))
    cases.add_measure(actor=manager1, case=case, kind="regularisation",
                      deadline=dt.date(2026, 12, 31), amount=Decimal("800.00"))  # fmt: skip
    client.force_login(manager1)
    html = client.get(f"/clients/{party.pk}/").content.decode()
    history = html[html.index('id="historique"') :]
    for label in [
        "Fiche client",
        "Contrat",
        f"Dossier de crédit — n° {file.pk}",
        f"Plan de financement — dossier n° {file.pk}",
        f"Dossier de dégradation — n° {case.pk}",
        f"Mesure corrective — dossier n° {case.pk}",
    ]:
        assert label in history, label


def _rule() -> AlertRule:
    return AlertRule.objects.order_by("-severity", "code").first()  # type: ignore[return-value]


def test_my_day_shows_the_days_work(client: Client, manager1: Any, manager2: Any) -> None:
    """New alerts grouped by client, cases due, lines to renew, letters, KYC reviews; mine only."""
    today = timezone.localdate()
    mine = PartyFactory(manager=manager1, name="Garage Martin", kyc_next_review=today)
    theirs = PartyFactory(manager=manager2, name="Fleurs Durand")
    RiskRun.objects.create(
        as_of=today, engine="duckdb", started_at=timezone.now(), finished_at=timezone.now()
    )
    rules = list(AlertRule.objects.order_by("code")[:2])
    for rule in rules:
        Alert.objects.create(rule=rule, rule_version=1, party=mine, opened_on=today,
                             last_seen_on=today)  # fmt: skip
    Alert.objects.create(rule=rules[0], rule_version=1, party=theirs, opened_on=today,
                         last_seen_on=today)  # fmt: skip
    cases.open_case(actor=manager1, party=mine, alerts=[], today=today)
    ContractFactory(party=mine, product=product("overdraft"), balance=0,
                    authorised_limit=Decimal(8000), limit_expiry=today + dt.timedelta(days=45))  # fmt: skip
    GuarantorLetter.objects.create(kind="2302", party=mine, guarantor=PersonFactory(),
                                   reference_date=today, due_on=today + dt.timedelta(days=20),
                                   principal=Decimal("12000.00"))  # fmt: skip
    client.force_login(manager1)
    html = client.get("/").content.decode()
    alerts = html[html.index('id="alertes"') : html.index('id="dossiers"')]
    assert alerts.count("Garage Martin") == 1  # one line per client
    assert all(rule.label in alerts for rule in rules)
    assert "Fleurs Durand" not in html
    assert "premier contact" in html[html.index('id="dossiers"') :]
    renewals = html[html.index('id="renouvellements"') :]
    assert "8\u202f000\u00a0€" in renewals
    assert "décider" in renewals
    assert (
        "Information annuelle de la caution (art. 2302 C. civ.)"
        in html[html.index('id="lettres"') :]
    )
    assert "Révisions KYC" in html
    assert "Aucun dossier en attente de votre décision." in html  # nothing submitted
    # Blocks the manager can act on only: the risk analyst gets none of these.


def test_director_sees_the_day_per_manager(
    client: Client, manager1: Any, manager2: Any, director: Any
) -> None:
    """The director sees the branch, or one manager's day with ?charge=<id>."""
    today = timezone.localdate()
    PartyFactory(manager=manager1, name="Garage Martin", kyc_next_review=today)
    PartyFactory(manager=manager2, name="Fleurs Durand", kyc_next_review=today)
    client.force_login(director)
    html = client.get("/").content.decode()
    assert "Garage Martin" in html
    assert "Fleurs Durand" in html
    assert 'name="charge"' in html
    html = client.get("/", {"charge": manager2.pk}).content.decode()
    assert "Fleurs Durand" in html
    assert "Garage Martin" not in html
    # A manager's day is their own portfolio whatever the parameter.
    client.force_login(manager1)
    html = client.get("/", {"charge": manager2.pk}).content.decode()
    assert "Garage Martin" in html
    assert "Fleurs Durand" not in html


def test_files_awaiting_my_decision(client: Client, manager1: Any, director: Any) -> None:
    """A file submitted at the director's level is on the director's day, not the manager's."""
    from probanker.credit.tests.test_credit import TODAY, ready_file

    file = ready_file(manager1, amount=Decimal(150000))
    credit.submit(actor=manager1, file=file, today=TODAY)
    file.refresh_from_db()
    assert file.level == "director"
    client.force_login(director)
    html = client.get("/").content.decode()
    assert f"Dossier n° {file.pk}" in html[html.index('id="decisions"') :]
    client.force_login(manager1)
    assert "Aucun dossier en attente de votre décision." in client.get("/").content.decode()


def test_menu_comes_from_the_registry(client: Client, manager1: Any, director: Any) -> None:
    """Entries in their order, each shown to the roles that hold its action."""
    client.force_login(manager1)
    menu = [str(item.label) for item in client.get("/").context["menu"]]
    assert menu == [
        "Ma journée", "Clients", "Portefeuille", "Comptes et produits", "Prospection", "Ventes",
        "Agenda", "Crédits", "Risques", "Réclamations",
    ]  # fmt: skip
    assert "Réaffectations" not in menu
    client.force_login(director)
    assert "Réaffectations" in [str(i.label) for i in client.get("/").context["menu"]]


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_my_day_query_count_does_not_grow_with_the_portfolio(
    client: Client, manager1: Any, settings: Any
) -> None:
    """Each block reads a bounded page of rows: more clients, alerts, cases, same queries."""
    settings.PAGE_CACHE = False
    today = timezone.localdate()
    RiskRun.objects.create(
        as_of=today, engine="duckdb", started_at=timezone.now(), finished_at=timezone.now()
    )
    rule = _rule()

    def add(n: int) -> None:
        for _ in range(n):
            party = PartyFactory(manager=manager1, kyc_next_review=today)
            Alert.objects.create(rule=rule, rule_version=1, party=party, opened_on=today,
                                 last_seen_on=today)  # fmt: skip
            cases.open_case(actor=manager1, party=party, alerts=[], today=today)

    add(2)
    client.force_login(manager1)
    few = _queries(client, "/")
    add(15)
    assert _queries(client, "/") == few


def test_read_only_roles_get_no_block_they_cannot_act_on(client: Client, manager1: Any) -> None:
    """The risk analyst sees the alerts, not the renewals, letters or KYC reviews to do."""
    today = timezone.localdate()
    PartyFactory(manager=manager1, kyc_next_review=today)
    client.force_login(UserFactory(role="risk", branch=None))
    html = client.get("/").content.decode()
    assert 'id="alertes"' in html
    for key in ("renouvellements", "lettres", "kyc", "decisions"):
        assert f'id="{key}"' not in html, key


def test_a_directors_day_for_one_manager_is_named_and_its_links_narrowed(
    client: Client, manager1: Any, director: Any
) -> None:
    """« Portefeuille de X en chiffres », and each figure's list filtered to X."""
    PartyFactory(manager=manager1)
    client.force_login(director)
    html = client.get("/", {"charge": manager1.pk}).content.decode()
    assert f"Portefeuille {de(manager1)} en chiffres" in html
    assert f"/clients/?kind=client&amp;manager={manager1.pk}" in html
    assert f"/comptes/?deposits=true&amp;sort=-balance&amp;manager={manager1.pk}" in html


@pytest.mark.parametrize("junk", ["²", "99999999999999999999999", "-1", "1e3"])
def test_junk_manager_ids_on_the_day_are_ignored(client: Client, director: Any, junk: str) -> None:
    """A parameter that is no row id shows the branch's day, never an error."""
    client.force_login(director)
    assert client.get("/", {"charge": junk}).status_code == 200
