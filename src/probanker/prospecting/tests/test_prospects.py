"""Prospects from the register: page, API, once only, duplicates; « nouveaux installés »."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from probanker.core.testing import api_as
from probanker.parties.models import Establishment, Party
from probanker.parties.tests.factories import PartyFactory
from probanker.prospecting.models import ProspectSource, SourceKind, Territory
from probanker.prospecting.services import legal_form_of, presumed_segment
from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def lake(settings: Any, tmp_path: Path) -> Path:
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    return Path(settings.LAKE_DIR)


BAKERY = known_unit(1, "BOULANGERIE DU MARCHE")
SOLE = known_unit(2, "JEANNE MOREAU", naf_code="96.02A", category="1000")
ASSOCIATION = known_unit(3, "AMICALE DES JARDINS", category="9220")


def test_a_result_becomes_a_prospect_once(
    client: Client, manager1: Any, manager2: Any, lake: Path
) -> None:
    """The page creates the prospect with the register's data and its origin; the second
    attempt, by another manager, is refused naming who follows it."""
    build_register(lake, known=[BAKERY, SOLE], establishments=30)
    client.force_login(manager1)
    response = client.post("/prospection/prospects/", {"siret": BAKERY.siret})
    party = Party.objects.get(siren=BAKERY.siren)
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{party.pk}/"
    assert party.kind == "prospect"
    assert party.manager == manager1
    assert party.name == "BOULANGERIE DU MARCHE"
    assert party.legal_form == "SARL"
    assert party.naf_id == "10.71C"
    assert party.segment == "artisan"
    assert party.postal_code == "37000"
    assert party.city == "TOURS"
    assert Establishment.objects.get(party=party).siret == BAKERY.siret
    source = ProspectSource.objects.get(party=party)
    assert source.kind == SourceKind.SIRENE
    assert source.siret == BAKERY.siret
    assert source.registered_by == manager1
    client.force_login(manager2)
    response = client.post("/prospection/prospects/", {"siret": BAKERY.siret}, follow=True)
    assert "est déjà prospect de la banque, suivi par" in response.content.decode()
    assert Party.objects.filter(siren=BAKERY.siren).count() == 1


def test_the_api_creates_refuses_twice_and_lists(manager1: Any, manager2: Any, lake: Path) -> None:
    """201 with the prospect; 409 the second time naming the holder; 422 on a bad SIRET."""
    build_register(lake, known=[BAKERY, SOLE, ASSOCIATION], establishments=30)
    api = api_as(manager1)
    created = api.post("/api/v1/prospection/prospects", {"siret": SOLE.siret},
                       content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["siren"] == SOLE.siren
    assert body["kind"] == "prospect"
    assert body["source"] == "sirene"
    assert body["manager"] == "manager1"
    assert Party.objects.get(siren=SOLE.siren).party_type == "sole_trader"
    again = api_as(manager2).post("/api/v1/prospection/prospects", {"siret": SOLE.siret},
                                  content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    assert manager1.get_full_name() in again.json()["detail"]
    for siret, message in ((ASSOCIATION.siret, "Catégorie juridique 9220"),
                           ("12345678901234", "SIRET"),
                           (BAKERY.siret[:-1] + "0", "SIRET")):  # fmt: skip
        refused = api.post("/api/v1/prospection/prospects", {"siret": siret},
                           content_type="application/json")  # fmt: skip
        assert refused.status_code == 422, siret
        assert refused.json()["errors"][0]["field"] == "siret"
        assert message in refused.json()["errors"][0]["message"]
    listed = api.get("/api/v1/prospection/prospects").json()
    assert [p["siren"] for p in listed["items"]] == [SOLE.siren]
    assert api_as(manager2).get("/api/v1/prospection/prospects").json()["items"] == []


def test_a_probable_duplicate_without_siren_is_announced(
    client: Client, manager1: Any, manager2: Any, lake: Path
) -> None:
    """A SIREN-less prospect of the same postcode with a close name is a warning, not a refusal."""
    build_register(lake, known=[BAKERY], establishments=10)
    PartyFactory(kind="prospect", siren=None, name="Boulangerie du Marché", postal_code="37000",
                 manager=manager2)  # fmt: skip
    PartyFactory(kind="prospect", siren=None, name="Boulangerie du Marché", postal_code="41000",
                 manager=manager2)  # fmt: skip
    client.force_login(manager1)
    page = client.post("/prospection/prospects/", {"siret": BAKERY.siret}, follow=True)
    text = page.content.decode()
    assert text.count("Doublon probable") == 1
    assert "(37000)" in text
    assert Party.objects.filter(siren=BAKERY.siren).exists()


def test_the_page_lists_maps_and_says_what_the_bank_holds(
    client: Client, manager1: Any, manager2: Any, lake: Path
) -> None:
    """The search lists with relations (a link only to one's own party) and maps the rows."""
    build_register(lake, known=[BAKERY, SOLE], establishments=60)
    mine = PartyFactory(siren=BAKERY.siren, manager=manager1, kind="client")
    PartyFactory(siren=SOLE.siren, manager=manager2, kind="prospect")
    client.force_login(manager1)
    page = client.get("/prospection/", {"commune": "37261", "naf": "10.71, 96.02"})
    text = page.content.decode()
    assert page.status_code == 200
    assert f'href="/clients/{mine.pk}/">déjà client</a>' in text
    assert "déjà prospect (autre portefeuille)" in text
    assert 'id="map-points"' in text
    assert "leaflet.js" in text
    assert "Créer le prospect" not in text.split(BAKERY.siret)[1].split("</tr>")[0]
    bad = client.get("/prospection/", {"naf": "4"})
    assert 'aria-invalid="true"' in bad.content.decode()
    assert "Code NAF « 4 »" in bad.content.decode()


def test_roles_without_prospecting_are_refused(
    client: Client, risk_analyst: Any, lake: Path
) -> None:
    """The risk analyst does not prospect: 403 on the page and the creation."""
    client.force_login(risk_analyst)
    assert client.get("/prospection/").status_code == 403
    assert client.post("/prospection/prospects/", {"siret": BAKERY.siret}).status_code == 403


def test_newcomers_on_my_day(
    client: Client, manager1: Any, branch: Any, lake: Path, settings: Any
) -> None:
    """« Nouveaux installés »: created within 30 days in the territory's communes and sectors."""
    today = dt.date.today()
    recent = known_unit(4, "LE FOURNIL NEUF", created_on=today - dt.timedelta(days=3))
    old = known_unit(5, "LE FOURNIL ANCIEN", created_on=today - dt.timedelta(days=45))
    other = known_unit(6, "SALON NEUF", naf_code="96.02A", created_on=today - dt.timedelta(days=2))
    build_register(lake, known=[recent, old, other], establishments=0, as_of=today)
    Territory.objects.create(branch=branch, communes="37261", naf_prefixes="10.71",
                             latitude="47.39", longitude="0.69")  # fmt: skip
    client.force_login(manager1)
    text = client.get("/").content.decode()
    assert "Nouveaux installés sur mon territoire" in text
    assert "LE FOURNIL NEUF" in text
    assert "LE FOURNIL ANCIEN" not in text
    assert "SALON NEUF" not in text


def test_legal_categories_and_segments() -> None:
    """INSEE's legal categories map onto probanker's forms; the NAF division suggests a segment."""
    assert [legal_form_of(c) for c in ("1000", "5498", "5499", "5710", "5720", "6540", "6589")] == [
        "EI", "EURL", "SARL", "SAS", "SASU", "SCI", "SCM"]  # fmt: skip
    assert presumed_segment("SARL", "56.10A") == "commercant"
    assert presumed_segment("SELARL", "69.20Z") == "liberal"
    assert presumed_segment("SCI", "68.20B") == "patrimonial"


def test_malformed_input_is_told_not_a_500(client: Client, manager1: Any, lake: Path) -> None:
    """Junk in the query or the body: the page names the fields, the API answers 422."""
    build_register(lake, establishments=10)
    client.force_login(manager1)
    page = client.get("/prospection/", {"limit": "99999", "created_since": "31/02/2026",
                                        "commune": "37261' OR 1=1 --"})  # fmt: skip
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="id_limit"' in text
    assert text.count('aria-invalid="true"') >= 2
    api = api_as(manager1)
    for body in (
        {"siret": "x" * 21},
        {"siret": "' OR 1=1"},
        {"siret": BAKERY.siret, "manager": 10**12},
    ):
        answer = api.post("/api/v1/prospection/prospects", body, content_type="application/json")
        assert answer.status_code == 422, body
        assert answer.json()["detail"] == "Données invalides"
    assert not Party.objects.filter(kind="prospect").exists()
    outside = client.post(
        "/prospection/prospects/", {"siret": BAKERY.siret, "next": "https://evil.example/"}
    )
    assert outside["Location"] == "/prospection/"
