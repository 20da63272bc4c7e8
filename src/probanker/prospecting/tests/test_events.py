"""Manifestations: a contact met there becomes a prospect with the event as its source;
not before the event; the results; another branch's event does not exist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from probanker.core.services import DomainError
from probanker.core.tests.factories import BranchFactory
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory
from probanker.prospecting.models import Event, ProspectSource, SourceKind
from probanker.prospecting.referrals import capture_at_event, event_results
from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)
GARAGE = known_unit(2, "GARAGE DES TANNEURS")


def _event(branch: Any, held_on: dt.date = dt.date(2026, 3, 14), name: str = "Salon") -> Event:
    return Event.objects.create(branch=branch, name=name, kind="salon", held_on=held_on)


def test_a_contact_met_at_a_fair_becomes_a_prospect_from_the_register(
    client: Client, manager1: Any, settings: Any, tmp_path: Path
) -> None:
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    build_register(Path(settings.LAKE_DIR), known=[GARAGE], establishments=20)
    client.force_login(manager1)
    response = client.post(
        "/prospection/manifestations/",
        {"name": "Salon de l'habitat de Tours", "kind": "salon", "held_on": "2026-03-14",
         "place": "Parc des expositions"},
    )  # fmt: skip
    event = Event.objects.get()
    assert response["Location"] == f"/prospection/manifestations/{event.pk}/"
    assert event.branch == manager1.branch
    response = client.post(
        f"/prospection/manifestations/{event.pk}/contacts/",
        {"siret": GARAGE.siret, "note": "M. Roux, projet de pont élévateur"},
    )
    assert response.status_code == 302
    source = ProspectSource.objects.get(party__siren=GARAGE.siren)
    assert (source.kind, source.event, source.party.manager) == (SourceKind.EVENT, event, manager1)
    page = client.get(f"/prospection/manifestations/{event.pk}/").content.decode()
    assert source.party.name in page
    assert "M. Roux, projet de pont élévateur" in page
    listing = client.get("/prospection/manifestations/").content.decode()
    assert "1 contact devenu prospect, dont 0 client" in listing


def test_no_contact_before_the_event_and_an_origin_once(manager1: Any) -> None:
    coming = _event(manager1.branch, held_on=TODAY + dt.timedelta(days=3), name="Rencontre")
    prospect = PartyFactory(manager=manager1, kind="prospect")
    with pytest.raises(DomainError, match="une fois la manifestation passée"):
        capture_at_event(actor=manager1, today=TODAY, event=coming, prospect=prospect)
    past = _event(manager1.branch)
    capture_at_event(actor=manager1, today=TODAY, event=past, prospect=prospect)
    with pytest.raises(DomainError, match="déjà connue"):
        capture_at_event(actor=manager1, today=TODAY, event=past, prospect=prospect)
    client_party = PartyFactory(manager=manager1, kind="client")
    with pytest.raises(DomainError, match="déjà client"):
        capture_at_event(actor=manager1, today=TODAY, event=past, prospect=client_party)
    assert ProspectSource.objects.count() == 1


def test_results_count_contacts_and_clients_won(manager1: Any) -> None:
    fair = _event(manager1.branch, name="Salon")
    quiet = _event(manager1.branch, held_on=dt.date(2026, 1, 20), name="Vœux")
    met = [PartyFactory(manager=manager1, kind="prospect") for _ in range(2)]
    for prospect in met:
        capture_at_event(actor=manager1, today=TODAY, event=fair, prospect=prospect)
    Party.objects.filter(pk=met[1].pk).update(kind="client")
    results = event_results(Event.objects.all())
    assert [(r.event, r.contacts, r.clients_won) for r in results] == [(fair, 2, 1), (quiet, 0, 0)]


def test_another_branch_event_is_not_found(client: Client, manager1: Any) -> None:
    other = _event(BranchFactory(code="B8"), name="Salon d'ailleurs")
    client.force_login(manager1)
    assert client.get(f"/prospection/manifestations/{other.pk}/").status_code == 404
    prospect = PartyFactory(manager=manager1, kind="prospect")
    response = client.post(
        f"/prospection/manifestations/{other.pk}/contacts/", {"prospect": prospect.pk}
    )
    assert response.status_code == 404
    assert "Salon d'ailleurs" not in client.get("/prospection/manifestations/").content.decode()
    assert not ProspectSource.objects.exists()


def test_a_coming_event_offers_no_capture_form(client: Client, manager1: Any) -> None:
    coming = _event(manager1.branch, held_on=timezone.localdate() + dt.timedelta(days=10))
    client.force_login(manager1)
    page = client.get(f"/prospection/manifestations/{coming.pk}/").content.decode()
    assert "Les contacts s'enregistrent une fois la manifestation passée" in page
    assert "Enregistrer le contact" not in page
