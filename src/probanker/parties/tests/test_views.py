"""Client list, client 360, create and edit, reassignment (UI)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core import formatting
from probanker.core.tests.factories import naf
from probanker.parties import services
from probanker.parties.models import Party
from probanker.parties.tests.factories import (
    AccessibilityProfileFactory,
    EstablishmentFactory,
    PartyFactory,
    PartyLinkFactory,
    PartyRoleFactory,
    valid_siren,
    valid_siret,
)

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_shows_the_portfolio_only(client: Client, manager1: Any, manager2: Any) -> None:
    PartyFactory(manager=manager1, name="Boulangerie Martin")
    PartyFactory(manager=manager2, name="Garage Dupuis")
    client.force_login(manager1)
    html = client.get("/clients/").content.decode()
    assert "Boulangerie Martin" in html
    assert "Garage Dupuis" not in html
    assert "<caption>" in html
    assert 'scope="col"' in html


def test_search_by_name_siren_siret_and_city(client: Client, manager1: Any) -> None:
    target = PartyFactory(manager=manager1, name="Pâtisserie Lenôtre", city="Amboise")
    PartyFactory(manager=manager1, name="Autre", city="Tours")
    EstablishmentFactory(party=target)
    client.force_login(manager1)
    for term in ["lenôtre", target.siren, valid_siret(target.siren), "amboise"]:
        html = client.get("/clients/", {"q": term}).content.decode()
        assert "Pâtisserie Lenôtre" in html, term
        assert ">Autre<" not in html, term


def test_filters_and_sort(client: Client, manager1: Any) -> None:
    PartyFactory(
        manager=manager1, name="B Coiffure", segment="artisan", naf=naf("96.02A", "Coiffure")
    )
    PartyFactory(manager=manager1, name="A Resto", segment="commercant")
    client.force_login(manager1)
    html = client.get("/clients/", {"segment": "artisan"}).content.decode()
    assert "B Coiffure" in html
    assert "A Resto" not in html
    html = client.get("/clients/", {"naf_section": "S"}).content.decode()
    assert "B Coiffure" in html
    assert "A Resto" not in html
    html = client.get("/clients/", {"sort": "-name"}).content.decode()
    assert html.index("B Coiffure") < html.index("A Resto")
    assert 'aria-sort="descending"' in html


def test_pagination_keeps_filters(client: Client, manager1: Any) -> None:
    for n in range(30):
        PartyFactory(manager=manager1, name=f"Client {n:02d}", segment="artisan")
    client.force_login(manager1)
    html = client.get("/clients/", {"segment": "artisan"}).content.decode()
    assert "page 1 sur 2" in html
    assert "?segment=artisan&amp;sort=name&amp;page=2" in html
    page2 = client.get("/clients/", {"segment": "artisan", "page": 2}).content.decode()
    assert "Client 29" in page2
    assert "Client 00" not in page2


def test_htmx_request_gets_only_the_results(client: Client, manager1: Any) -> None:
    PartyFactory(manager=manager1, name="Fleurs Rose")
    client.force_login(manager1)
    response = client.get(
        "/clients/", {"q": "rose"}, headers={"HX-Request": "true", "HX-Target": "client-results"}
    )
    html = response.content.decode()
    assert "Fleurs Rose" in html
    assert "<html" not in html
    assert "<form" not in html


def test_list_query_count_does_not_grow_with_rows(client: Client, manager1: Any) -> None:
    client.force_login(manager1)
    for _ in range(3):
        ContractFactory(party=PartyFactory(manager=manager1))
    few = _queries(client, "/clients/")
    for _ in range(20):
        ContractFactory(party=PartyFactory(manager=manager1))
    assert _queries(client, "/clients/") == few
    # session, user, count, page, one per figure group (deposits and credit; PNB)...
    assert few <= 9


def test_director_filters_by_manager(
    client: Client, director: Any, manager1: Any, manager2: Any
) -> None:
    PartyFactory(manager=manager1, name="Chez Un")
    PartyFactory(manager=manager2, name="Chez Deux")
    client.force_login(director)
    html = client.get("/clients/", {"manager": manager2.pk}).content.decode()
    assert "Chez Deux" in html
    assert "Chez Un" not in html


def _rich_party(manager: Any) -> Party:
    party = PartyFactory(manager=manager, name="SARL Dubois Bâtiment")
    EstablishmentFactory(party=party)
    PartyRoleFactory(party=party, role="principal")
    PartyRoleFactory(party=party, role="guarantor")
    PartyLinkFactory(
        party=party, other=PartyFactory(manager=manager, name="SCI Dubois"), kind="sci"
    )
    AccessibilityProfileFactory(party=party, large_print=True, preferred_times="après 18 h")
    account = ContractFactory(party=party, balance=Decimal("-1234.56"))
    ContractFactory(
        party=party,
        product=product("overdraft"),
        account=account,
        balance=0,
        authorised_limit=Decimal("5000.00"),
        limit_expiry=dt.date(2027, 3, 31),
    )
    return party


def test_client_360_shows_everything(client: Client, manager1: Any) -> None:
    party = _rich_party(manager1)
    client.force_login(manager1)
    html = client.get(f"/clients/{party.pk}/").content.decode()
    for expected in [
        party.siren,
        formatting.siret(valid_siret(party.siren)),  # grouped as read out
        "Restauration traditionnelle",
        "Dirigeant",
        "Caution",
        "SCI Dubois",
        "Autorisation de découvert",
        "\u22121\u202f234,56",
        "5\u202f000,00",
        "31/03/2027",
        "documents en gros caractères",
        "après 18 h",
        "Statut",
        "Historique des modifications",
    ]:
        assert expected in html, expected


def test_client_360_query_count_is_bounded(client: Client, manager1: Any) -> None:
    party = _rich_party(manager1)
    client.force_login(manager1)
    few = _queries(client, f"/clients/{party.pk}/")
    for _ in range(10):
        ContractFactory(party=party)
        PartyRoleFactory(party=party, role="partner")
    assert _queries(client, f"/clients/{party.pk}/") == few


def _form(**overrides: Any) -> dict[str, Any]:
    siren = valid_siren(777)
    data = {
        "kind": "client",
        "name": "Boulangerie du Marché",
        "siren": siren,
        "head_office_siret": valid_siret(siren),
        "legal_form": "SARL",
        "tax_regime": "reel_simplifie",
        "segment": "artisan",
        "naf_code": "1071C",
        "headcount_band": "02",
        "city": "Tours",
        "postal_code": "37000",
        "kyc_status": "complete",
        "kyc_risk": "standard",
        "a11y-preferred_channel": "phone",
        "a11y-plain_language": "on",
    }
    data.update(overrides)
    return data


def test_create_client_with_invalid_siret_then_fix_it(client: Client, manager1: Any) -> None:
    naf("10.71C", "Boulangerie et boulangerie-pâtisserie")
    client.force_login(manager1)
    bad = _form(head_office_siret="77700000000001")
    response = client.post("/clients/nouveau/", bad)
    html = response.content.decode()
    assert response.status_code == 200
    assert "SIRET invalide" in html
    assert 'aria-describedby="id_head_office_siret-error' in html
    assert 'role="alert"' in html
    assert not Party.objects.exists()
    response = client.post("/clients/nouveau/", _form())
    party = Party.objects.get()
    assert response["Location"] == f"/clients/{party.pk}/"
    assert party.manager == manager1
    assert party.branch == manager1.branch
    assert party.naf_id == "10.71C"
    assert party.party_type == "legal_entity"
    assert party.establishments.get().is_head_office
    assert party.accessibility.plain_language
    record = party.history.first()
    assert record.history_user == manager1
    assert record.history_change_reason == "Création"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"legal_form": "SARL", "tax_regime": "micro"}, "tax_regime", "que pour : EI"),
        ({"naf_code": "99.99Z"}, "naf_code", "inconnu de la nomenclature"),
        ({"naf_code": "boulangerie"}, "naf_code", "NN.NNL"),
        ({"siren": "123456789"}, "siren", "Luhn"),
        (
            {"head_office_siret": valid_siret(valid_siren(5))},
            "head_office_siret",
            "commencer par le SIREN",
        ),
        ({"other_bank_iban": "FR7630006000011234567890188"}, "other_bank_iban", "IBAN invalide"),
        ({"siren": ""}, "siren", "obligatoire pour un client"),
    ],
)
def test_create_client_validation(
    client: Client, manager1: Any, overrides: dict[str, str], field: str, message: str
) -> None:
    naf("10.71C", "Boulangerie")
    client.force_login(manager1)
    html = client.post("/clients/nouveau/", _form(**overrides)).content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert not Party.objects.exists()


def test_micro_enterprise_is_fine_for_a_sole_trader(client: Client, manager1: Any) -> None:
    naf("10.71C", "Boulangerie")
    client.force_login(manager1)
    client.post(
        "/clients/nouveau/", _form(legal_form="EI", tax_regime="micro", head_office_siret="")
    )
    assert Party.objects.get().party_type == "sole_trader"


def test_prospect_without_siren(client: Client, manager1: Any) -> None:
    naf("10.71C", "Boulangerie")
    client.force_login(manager1)
    client.post("/clients/nouveau/", _form(kind="prospect", siren="", head_office_siret=""))
    assert Party.objects.get().kind == "prospect"


def test_edit_records_the_change_in_history(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1, city="Tours")
    client.force_login(manager1)
    data = _form(siren=party.siren, head_office_siret="", naf_code="56.10A", city="Amboise")
    response = client.post(f"/clients/{party.pk}/modifier/", data)
    assert response.status_code == 302
    html = client.get(f"/clients/{party.pk}/").content.decode()
    assert "Tours → Amboise" in html
    assert "a11y" not in html


def test_manager_cannot_reassign(client: Client, manager1: Any, manager2: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = client.post(
        f"/clients/{party.pk}/reaffecter/", {"target": manager2.pk, "reason": "x"}
    )
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.manager == manager1


def test_director_reassigns_one_client_with_audit(
    client: Client, director: Any, manager1: Any, manager2: Any
) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(director)
    client.post(
        f"/clients/{party.pk}/reaffecter/", {"target": manager2.pk, "reason": "Départ en congé"}
    )
    party.refresh_from_db()
    assert party.manager == manager2
    record = party.history.first()
    assert record.history_user == director
    assert "Départ en congé" in record.history_change_reason


def test_director_bulk_reassigns(
    client: Client, director: Any, manager1: Any, manager2: Any
) -> None:
    parties = [PartyFactory(manager=manager1) for _ in range(3)]
    client.force_login(director)
    page = client.get("/clients/reaffectation/", {"source": manager1.pk}).content.decode()
    assert parties[0].name in page
    client.post(
        "/clients/reaffectation/",
        {
            "source": manager1.pk,
            "parties": [parties[0].pk, parties[1].pk],
            "target": manager2.pk,
            "reason": "Rééquilibrage",
        },
    )
    assert Party.objects.filter(manager=manager2).count() == 2


def test_director_cannot_reassign_to_another_branch(
    client: Client, director: Any, manager1: Any, manager_other_branch: Any
) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(director)
    client.post(
        f"/clients/{party.pk}/reaffecter/", {"target": manager_other_branch.pk, "reason": "x"}
    )
    party.refresh_from_db()
    assert party.manager == manager1


def test_home_figures_are_real(client: Client, manager1: Any, manager2: Any) -> None:
    today = dt.date.today()
    mine = PartyFactory(manager=manager1, kyc_next_review=today)
    PartyFactory(manager=manager1, kind="prospect")
    ContractFactory(party=mine, balance=Decimal("1500.00"))
    ContractFactory(party=mine, product=product("savings_account"), balance=Decimal("2500.00"))
    ContractFactory(party=mine, product=product("equipment_loan"), balance=Decimal("40000.00"))
    ContractFactory(
        party=mine,
        product=product("overdraft"),
        balance=0,
        authorised_limit=Decimal(3000),
        limit_expiry=today + dt.timedelta(days=30),
    )
    ContractFactory(party=PartyFactory(manager=manager2), balance=Decimal("999999.00"))
    client.force_login(manager1)
    figures = client.get("/").context["figures"]
    assert (figures.clients, figures.prospects) == (1, 1)
    assert figures.deposits == Decimal("4000.00")
    assert figures.credit_outstanding == Decimal("40000.00")
    assert figures.expiring_authorisations == 1
    assert figures.kyc_reviews_due == 1
    html = client.get("/clients/", {"kyc_due": "true"}).content.decode()
    assert mine.name in html
    html = client.get("/comptes/", {"expiring": "true"}).content.decode()
    assert "Autorisation de découvert" in html


def test_error_summary_follows_the_order_of_the_form(client: Client, manager1: Any) -> None:
    """The error summary lists errors in the order of the fields on the page
    (the SIRET, in « Identité », before the IBAN, in « Coordonnées »)."""
    import re as re_

    client.force_login(manager1)
    page = client.post(
        "/clients/nouveau/",
        {"kind": "client", "name": "Boulangerie", "siren": "123", "head_office_siret": "42",
         "other_bank_iban": "FR12", "a11y-preferred_channel": "phone"},
    ).content.decode()  # fmt: skip
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    linked = re_.findall(r'href="#(id_[a-z_]+)"', summary)
    form = page.split('<form method="post"', 1)[1]
    on_page = list(re_.findall(r'<(?:input|select|textarea)[^>]*id="(id_[a-z_]+)"', form))
    assert "id_head_office_siret" in linked
    assert "id_other_bank_iban" in linked
    assert linked == [i for i in on_page if i in linked]


def test_reassignment_elides_before_a_vowel(client: Client, director: Any, manager1: Any) -> None:
    """The director's reassignment page says « Clients d'Inès Moreau », not « de Inès »."""
    import html

    manager1.first_name, manager1.last_name = "Inès", "Moreau"
    manager1.save()
    PartyFactory(manager=manager1)
    client.force_login(director)
    page = html.unescape(
        client.get("/clients/reaffectation/", {"source": manager1.pk}).content.decode()
    )
    assert "Clients d'Inès Moreau (1)" in page
    assert "de Inès" not in page


def test_a_new_client_is_a_client_from_today(client: Client, manager1: Any) -> None:
    """Creating a client sets « client depuis » to today (never « Client depuis — »);
    a prospect has no such date until it becomes a client."""
    naf("10.71C", "Boulangerie et boulangerie-pâtisserie")
    client.force_login(manager1)
    client.post("/clients/nouveau/", _form())
    party = Party.objects.get()
    today = timezone.localdate()
    assert party.client_since == today
    page = client.get(f"/clients/{party.pk}/").content.decode()
    assert f"<dt>Client depuis</dt><dd>{today:%d/%m/%Y}</dd>" in page
    prospect = PartyFactory(manager=manager1, kind="prospect", client_since=None)
    services.update_party(actor=manager1, party=prospect)
    assert Party.objects.get(pk=prospect.pk).client_since is None
    prospect.kind = "client"
    services.update_party(actor=manager1, party=prospect)
    assert Party.objects.get(pk=prospect.pk).client_since == today
