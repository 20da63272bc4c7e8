"""People, roles, links and beneficial owners: pages, services, history and KYC."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from probanker.core.services import DomainError
from probanker.parties import services
from probanker.parties.models import PartyLink, PartyRole, Person
from probanker.parties.tests.factories import PartyFactory, PartyRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _page(client: Client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def test_client_page_links_to_the_people_pages(client: Client, manager1: Any) -> None:
    """The « Personnes et liens » panel offers to add a person and a link."""
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    page = _page(client, f"/clients/{party.pk}/")
    assert f"/clients/{party.pk}/personnes/ajouter/" in page
    assert f"/clients/{party.pk}/liens/ajouter/" in page


def test_a_manager_adds_edits_and_removes_a_partner(client: Client, manager1: Any) -> None:
    """A partner with 40 % of the capital is a beneficial owner, shown on the client page
    and in KYC; the history names who added, changed and removed the role."""
    party = PartyFactory(manager=manager1, party_type="legal_entity", legal_form="SARL")
    client.force_login(manager1)
    response = client.post(
        f"/clients/{party.pk}/personnes/ajouter/",
        {"first_name": "Inès", "last_name": "Moreau", "role": "partner",
         "share_percent": "40", "votes_percent": "40,5"},
    )  # fmt: skip
    assert response.status_code == 302
    role = PartyRole.objects.get(party=party, person__last_name="Moreau")
    assert role.share_percent == Decimal("40")
    assert role.votes_percent == Decimal("40.5")
    assert role.is_beneficial_owner
    page = _page(client, f"/clients/{party.pk}/")
    assert "Inès Moreau (plus de 25 % du capital (40\u00a0%)" in page
    assert "Aucun bénéficiaire effectif enregistré" not in page

    edit = f"/clients/{party.pk}/personnes/{role.pk}/modifier/"
    assert client.get(edit).status_code == 200
    client.post(edit, {"first_name": "Inès", "last_name": "Moreau", "role": "partner",
                       "share_percent": "20"})  # fmt: skip
    role.refresh_from_db()
    assert role.share_percent == Decimal("20")
    assert not role.is_beneficial_owner

    client.post(f"/clients/{party.pk}/personnes/{role.pk}/retirer/")
    assert not PartyRole.objects.filter(pk=role.pk).exists()
    history = list(PartyRole.history.filter(id=role.pk))
    assert {h.history_type for h in history} == {"+", "~", "-"}
    assert all(h.history_user == manager1 for h in history)
    page = _page(client, f"/clients/{party.pk}/")
    assert "Retrait d'Inès Moreau (Associé)" in page


def test_a_new_person_needs_a_name_errors_tied_to_fields(client: Client, manager1: Any) -> None:
    """Without a name nothing is saved, and the error sits on the field."""
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = client.post(f"/clients/{party.pk}/personnes/ajouter/", {"role": "principal"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_last_name-error"' in page
    assert not Person.objects.exists()


def test_control_by_other_means_makes_a_beneficial_owner(manager1: Any) -> None:
    """A principal with no shares who controls the company is a beneficial owner;
    25 % exactly is not « more than 25 % »."""
    party = PartyFactory(manager=manager1)
    quarter = services.add_role(
        actor=manager1, party=party, person=PersonFactory.build(), role="partner",
        share_percent=Decimal("25"),
    )  # fmt: skip
    assert not quarter.is_beneficial_owner
    boss = services.add_role(
        actor=manager1, party=party, person=PersonFactory.build(last_name="Roux"),
        role="principal", control="other_means",
    )  # fmt: skip
    assert [p for p, _ in party.beneficial_owners()] == [boss.person]
    assert party.beneficial_owners()[0][1] == ["contrôle par tout autre moyen"]


def test_kyc_flags_a_company_without_beneficial_owner(client: Client, manager1: Any) -> None:
    """A company with only a 10 % partner is flagged in KYC; a sole trader is not."""
    company = PartyFactory(manager=manager1, party_type="legal_entity", legal_form="SAS")
    PartyRoleFactory(party=company, role="partner", share_percent=Decimal("10"))
    assert company.kyc_checks()
    client.force_login(manager1)
    assert "Aucun bénéficiaire effectif enregistré" in _page(client, f"/clients/{company.pk}/")
    trader = PartyFactory(manager=manager1, party_type="sole_trader", legal_form="EI")
    assert trader.kyc_checks() == []


def test_shares_stay_between_0_and_100(manager1: Any) -> None:
    """A share above 100 % is refused with a French message."""
    with pytest.raises(DomainError, match="entre 0 et 100"):
        services.add_role(
            actor=manager1, party=PartyFactory(manager=manager1), person=PersonFactory.build(),
            role="partner", share_percent=Decimal("120"),
        )  # fmt: skip


def test_links_are_added_and_removed_with_their_author(client: Client, manager1: Any) -> None:
    """A link to a visible party is recorded, shown both ways, then removed; the
    history names the manager."""
    party = PartyFactory(manager=manager1, name="Boulangerie Petit")
    sci = PartyFactory(manager=manager1, name="SCI du Four", legal_form="SCI")
    client.force_login(manager1)
    client.post(f"/clients/{party.pk}/liens/ajouter/", {"other": sci.pk, "kind": "sci"})
    link = PartyLink.objects.get(party=party, other=sci)
    assert "Boulangerie Petit" in _page(client, f"/clients/{sci.pk}/")
    client.post(f"/clients/{sci.pk}/liens/{link.pk}/retirer/")
    assert not PartyLink.objects.filter(pk=link.pk).exists()
    assert {h.history_user for h in PartyLink.history.filter(id=link.pk)} == {manager1}


def test_a_link_cannot_reach_another_portfolio(
    client: Client, manager1: Any, manager2: Any
) -> None:
    """The other party must be visible: another manager's client is not offered."""
    party = PartyFactory(manager=manager1)
    theirs = PartyFactory(manager=manager2, name="Garage Dupuis")
    client.force_login(manager1)
    assert "Garage Dupuis" not in _page(client, f"/clients/{party.pk}/liens/ajouter/")
    client.post(f"/clients/{party.pk}/liens/ajouter/", {"other": theirs.pk, "kind": "group"})
    assert not PartyLink.objects.exists()


def test_only_party_change_writes_people(risk_analyst: Any) -> None:
    """The risk analyst reads the client but does not change its people."""
    with pytest.raises(PermissionDenied):
        services.add_role(
            actor=risk_analyst, party=PartyFactory(), person=PersonFactory.build(),
            role="partner",
        )  # fmt: skip
