"""Campaigns: targets from a saved search of the register, outcomes of the contacts, a
meeting that makes a prospect, the funnel per campaign and per manager, the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from probanker.agenda.models import Contact
from probanker.core.services import DomainError
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory
from probanker.prospecting.campaigns import (
    REFUSAL_DAYS,
    WORKING_DAYS,
    campaign_funnels,
    launch_campaign,
    manager_funnels,
    record_outcome,
)
from probanker.prospecting.models import Campaign, ProspectSource, SourceKind
from probanker.prospecting.register.search import Criteria, search
from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)
BAKERY = known_unit(1, "BOULANGERIE DU MARCHE")
GARAGE = known_unit(2, "GARAGE DES HALLES", naf_code="45.20A")


@pytest.fixture
def lake(settings: Any, tmp_path: Path) -> Path:
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    build_register(Path(settings.LAKE_DIR), known=[BAKERY, GARAGE], establishments=120)
    return Path(settings.LAKE_DIR)


def _launch(manager: Any, lake: Path, naf: str = "10.71") -> Campaign:
    return launch_campaign(
        actor=manager, name="Boulangeries", channel="telephone", today=TODAY, lake_dir=lake,
        criteria=Criteria.build(naf=[naf]), query={"naf": naf},
    )  # fmt: skip


def test_the_targets_are_what_the_search_finds_at_launch(manager1: Any, lake: Path) -> None:
    """One establishment per company the search finds (its head office when found),
    active and of full diffusion; the search is kept; a search that finds nothing is
    refused."""
    campaign = _launch(manager1, lake)
    found = search(Criteria.build(naf=["10.71"], limit=500), lake)
    sirens = list(campaign.targets.values_list("siren", flat=True))
    assert sorted(sirens) == sorted({r["siren"] for r in found.rows})  # one per company
    heads = {r["siret"] for r in found.rows if r["head_office"]}
    assert all(
        t.siret in heads
        for t in campaign.targets.all()
        if t.siren in {r["siren"] for r in found.rows if r["head_office"]}
    )
    assert BAKERY.siret in {t.siret for t in campaign.targets.all()}
    assert GARAGE.siret not in {t.siret for t in campaign.targets.all()}
    assert campaign.criteria == {"naf": "10.71"}
    with pytest.raises(DomainError, match="aucun établissement"):
        _launch(manager1, lake, naf="01.11")


def test_the_banks_clients_are_not_targets_and_a_director_names_the_manager(
    manager1: Any, manager2: Any, director: Any, lake: Path
) -> None:
    """A client of the bank (any portfolio) is no target, a prospect of the campaign's
    manager is, linked; a director launches for a manager, never for themself; a client
    won before the launch is not counted; a target reassigned since is refused."""
    client = PartyFactory(manager=manager2, kind="client", siren=BAKERY.siren,
                          client_since=dt.date(2019, 1, 1))  # fmt: skip
    with pytest.raises(DomainError, match="chargé de clientèle"):
        launch_campaign(actor=director, name="X", channel="telephone", today=TODAY,
                        criteria=Criteria.build(naf=["10.71"]), query={}, lake_dir=lake)  # fmt: skip
    campaign = launch_campaign(
        actor=director, owner=manager1, name="Boulangeries", channel="telephone", today=TODAY,
        criteria=Criteria.build(naf=["10.71"]), query={}, lake_dir=lake,
    )  # fmt: skip
    assert campaign.owner == manager1
    assert not campaign.targets.filter(siren=BAKERY.siren).exists()
    target = campaign.targets.first()
    mine = PartyFactory(manager=manager1, kind="prospect", siren=target.siren)
    again = _launch_on(manager1, lake, TODAY + dt.timedelta(days=WORKING_DAYS + 1))
    linked = again.targets.get(siren=target.siren)
    assert linked.party == mine
    Party.objects.filter(pk=mine.pk).update(manager=manager2)
    linked.refresh_from_db()
    with pytest.raises(DomainError, match="autre portefeuille"):
        record_outcome(actor=manager1, target=linked, outcome="refus", today=TODAY)
    Party.objects.filter(pk=client.pk).update(manager=manager1)
    ((_, funnel),) = campaign_funnels(Campaign.objects.filter(pk=again.pk))
    assert funnel.clients == 0


def test_outcomes_make_prospects_and_fill_the_funnel(
    manager1: Any, manager2: Any, director: Any, lake: Path
) -> None:
    """Not reached, refused, a meeting (a prospect of the campaign's manager, its source the
    register and the campaign) and an opportunity on a SIREN another manager follows
    (refused, naming it); the funnel counts each stage, then the client won."""
    campaign = _launch(manager1, lake)
    bakery = campaign.targets.get(siret=BAKERY.siret)
    others = list(campaign.targets.exclude(pk=bakery.pk)[:3])
    record_outcome(actor=manager1, target=others[0], outcome="non_joint", today=TODAY)
    record_outcome(actor=manager1, target=others[1], outcome="refus", today=TODAY, note="Équipé")
    record_outcome(actor=manager1, target=bakery, outcome="rendez_vous", today=TODAY)
    bakery.refresh_from_db()
    assert bakery.party is not None
    assert (bakery.party.kind, bakery.party.manager, bakery.contacted_on) == (
        "prospect", manager1, TODAY
    )  # fmt: skip
    source = ProspectSource.objects.get(party=bakery.party)
    assert (source.kind, source.siret) == (SourceKind.SIRENE, BAKERY.siret)
    assert "Boulangeries" in source.note
    PartyFactory(manager=manager2, siren=others[2].siren, name="DÉJÀ SUIVI")
    with pytest.raises(DomainError, match="DÉJÀ SUIVI"):
        record_outcome(actor=manager1, target=others[2], outcome="opportunite", today=TODAY)
    Party.objects.filter(pk=bakery.party.pk).update(kind="client", client_since=TODAY)
    ((_, funnel),) = campaign_funnels(Campaign.objects.filter(pk=campaign.pk))
    total = campaign.targets.count()
    assert (funnel.targets, funnel.contacted, funnel.reached, funnel.meetings,
            funnel.opportunities, funnel.clients) == (total, 3, 2, 1, 0, 1)  # fmt: skip
    assert funnel.conversion == (Decimal(1) / Decimal(total)).quantize(Decimal("0.0001"))
    [mine] = manager_funnels(Campaign.objects.all())
    assert (mine.targets, mine.meetings) == (total, 1)


def test_the_pages_launch_list_and_record(manager1: Any, manager2: Any, lake: Path) -> None:
    """Launch from the page (the search page's query prefills it), the targets listed with
    their outcome form, an outcome recorded; another manager sees none of it."""
    client = Client()
    client.force_login(manager1)
    page = client.get("/prospection/campagnes/?naf=10.71").content.decode()
    assert 'value="10.71"' in page
    answer = client.post(
        "/prospection/campagnes/", {"name": "Fournils", "channel": "visite", "naf": "10.71"}
    )
    campaign = Campaign.objects.get(name="Fournils")
    assert answer.status_code == 302
    assert answer["Location"] == f"/prospection/campagnes/{campaign.pk}/"
    target = campaign.targets.get(siret=BAKERY.siret)
    detail = client.get(answer["Location"]).content.decode()
    assert "BOULANGERIE DU MARCHE" in detail
    assert f'id="outcome-{target.pk}"' in detail
    done = client.post(f"/prospection/campagnes/{campaign.pk}/cibles/{target.pk}/",
                       {"outcome": "refus", "note": "Banque en ligne"})  # fmt: skip
    assert done.status_code == 302
    target.refresh_from_db()
    assert (target.outcome, target.note) == ("refus", "Banque en ligne")
    assert "Fournils" in client.get("/prospection/campagnes/").content.decode()
    empty = client.post("/prospection/campagnes/", {"name": "Rien", "channel": "visite"})
    assert "Précisez au moins un critère" in empty.content.decode()
    other = Client()
    other.force_login(manager2)
    assert other.get(f"/prospection/campagnes/{campaign.pk}/").status_code == 404
    assert "Fournils" not in other.get("/prospection/campagnes/").content.decode()


def test_a_contact_goes_into_the_log_and_a_company_is_not_solicited_twice(
    manager1: Any, lake: Path
) -> None:
    """A meeting, then an opportunity, are two contacts in the prospect's log (a second
    record of the same outcome is none; a refusal without a prospect neither); a launch
    leaves out what another campaign still works and the refusals of six months, and
    keeps their number."""
    first = _launch(manager1, lake)
    total = first.targets.count()
    bakery = first.targets.get(siret=BAKERY.siret)
    refused = first.targets.exclude(pk=bakery.pk).first()
    record_outcome(actor=manager1, target=bakery, outcome="rendez_vous", today=TODAY, note="Mardi")
    record_outcome(actor=manager1, target=bakery, outcome="rendez_vous", today=TODAY)
    record_outcome(actor=manager1, target=refused, outcome="refus", today=TODAY)
    bakery.refresh_from_db()
    [contact] = Contact.objects.filter(party=bakery.party)
    assert (contact.kind, contact.channel, contact.author, contact.on) == (
        "call", "phone", manager1, TODAY
    )  # fmt: skip
    assert contact.summary == (
        "Campagne « Boulangeries » (Campagne d'appels) : Rendez-vous obtenu — Mardi"
    )
    record_outcome(actor=manager1, target=bakery, outcome="opportunite", today=TODAY)
    assert Contact.objects.filter(party=bakery.party).count() == 2
    assert not Contact.objects.exclude(party=bakery.party).exists()

    again = _launch(manager1, lake)  # every other target is still worked or refused
    assert list(again.targets.values_list("siret", flat=True)) == [BAKERY.siret]
    assert again.left_out == total - 1
    later = _launch_on(manager1, lake, TODAY + dt.timedelta(days=WORKING_DAYS + 1))
    assert later.left_out == 1
    assert not later.targets.filter(siren=refused.siren).exists()
    assert _launch_on(manager1, lake, TODAY + dt.timedelta(days=REFUSAL_DAYS + 1)).left_out == 0


def _launch_on(manager: Any, lake: Path, day: dt.date) -> Campaign:
    return launch_campaign(
        actor=manager, name="Relance", channel="courrier", today=day, lake_dir=lake,
        criteria=Criteria.build(naf=["10.71"]), query={"naf": "10.71"},
    )  # fmt: skip


def test_a_meeting_or_an_opportunity_leads_to_the_agenda_or_the_pipeline(
    manager1: Any, lake: Path
) -> None:
    """On the campaign's page a meeting offers to book it (the agenda's form has its
    subject), an opportunity to open it in the pipeline (its origin, the campaign)."""
    campaign = _launch(manager1, lake)
    bakery = campaign.targets.get(siret=BAKERY.siret)
    garage_like = campaign.targets.exclude(pk=bakery.pk).first()
    record_outcome(actor=manager1, target=bakery, outcome="rendez_vous", today=TODAY)
    record_outcome(actor=manager1, target=garage_like, outcome="opportunite", today=TODAY)
    bakery.refresh_from_db()
    garage_like.refresh_from_db()
    client = Client()
    client.force_login(manager1)
    page = client.get(f"/prospection/campagnes/{campaign.pk}/").content.decode()
    book = f"/agenda/nouveau/{bakery.party_id}/?objet="
    assert book in page
    assert f"/ventes/opportunites/nouvelle/{garage_like.party_id}/?origine=" in page
    link = page.split(book)[1].split('"')[0]
    form = client.get(book + link.replace("&amp;", "&")).content.decode()
    assert "Premier rendez-vous (campagne Boulangeries)" in form
    opened = client.get(
        f"/ventes/opportunites/nouvelle/{garage_like.party_id}/?origine="
        + page.split("?origine=")[1].split('"')[0]
    ).content.decode()
    assert "Campagne « Boulangeries »" in opened
    from probanker.agenda.tests.factories import AppointmentFactory

    meeting = AppointmentFactory(
        manager=manager1, party=bakery.party, subject="Premier rendez-vous",
        starts_at=dt.datetime.combine(campaign.started_on + dt.timedelta(days=3), dt.time(10),
                                      tzinfo=dt.UTC),
    )  # fmt: skip
    page = client.get(f"/prospection/campagnes/{campaign.pk}/").content.decode()
    assert book not in page  # booked: the row shows the appointment instead
    assert f'href="/agenda/rendez-vous/{meeting.pk}/">rendez-vous le ' in page
