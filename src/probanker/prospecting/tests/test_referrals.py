"""Prescribers and referrals: a referral creates or links a prospect with its source;
the prescribers' results; another branch's prescriber does not exist."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from probanker.core.services import DomainError
from probanker.core.tests.factories import BranchFactory
from probanker.parties.models import Party
from probanker.parties.tests.factories import PartyFactory
from probanker.prospecting.models import Prescriber, ProspectSource, SourceKind
from probanker.prospecting.referrals import prescriber_results, record_referral
from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)
BAKERY = known_unit(1, "BOULANGERIE DU MARCHE")


@pytest.fixture
def lake(settings: Any, tmp_path: Path) -> Path:
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    return Path(settings.LAKE_DIR)


def test_a_prescriber_referral_creates_the_prospect_with_its_source(
    client: Client, manager1: Any, lake: Path
) -> None:
    """The SIRET sent from the prescriber's page becomes a prospect whose source names it."""
    build_register(lake, known=[BAKERY], establishments=20)
    prescriber = Prescriber.objects.create(branch=manager1.branch, name="Cabinet L", kind="notaire")
    client.force_login(manager1)
    response = client.post(
        f"/prospection/prescripteurs/{prescriber.pk}/recommandations/",
        {"siret": BAKERY.siret, "note": "reprise du fonds"},
    )
    assert response.status_code == 302
    source = ProspectSource.objects.get(party__siren=BAKERY.siren)
    assert source.kind == SourceKind.PRESCRIBER
    assert source.prescriber == prescriber
    assert source.note == "reprise du fonds"
    assert source.party.manager == manager1


def test_a_client_referral_links_a_prospect_of_unknown_origin(manager1: Any) -> None:
    """A prospect already followed, without origin, gets the sponsoring client as source;
    a second referral of it is refused, and a prospect cannot sponsor."""
    sponsor = PartyFactory(manager=manager1, kind="client")
    prospect = PartyFactory(manager=manager1, kind="prospect")
    record_referral(actor=manager1, today=TODAY, prospect=prospect, referrer=sponsor)
    source = ProspectSource.objects.get(party=prospect)
    assert (source.kind, source.referrer) == (SourceKind.CLIENT_REFERRAL, sponsor)
    with pytest.raises(DomainError, match="déjà connue"):
        record_referral(actor=manager1, today=TODAY, prospect=prospect, referrer=sponsor)
    with pytest.raises(DomainError, match="seul un client parraine"):
        record_referral(actor=manager1, today=TODAY, prospect=PartyFactory(
            manager=manager1, kind="prospect"), referrer=prospect)  # fmt: skip


def test_results_count_referrals_and_clients_won(manager1: Any) -> None:
    """Three referrals of which one became a client: 3 and 1; a prescriber without any: 0."""
    busy = Prescriber.objects.create(branch=manager1.branch, name="A", kind="cci")
    idle = Prescriber.objects.create(branch=manager1.branch, name="B", kind="cma")
    prospects = [PartyFactory(manager=manager1, kind="prospect") for _ in range(3)]
    for prospect in prospects:
        record_referral(actor=manager1, today=TODAY, prospect=prospect, prescriber=busy)
    Party.objects.filter(pk=prospects[0].pk).update(kind="client")
    results = prescriber_results(Prescriber.objects.all())
    assert [(r.prescriber, r.referrals, r.clients_won) for r in results] == [
        (busy, 3, 1), (idle, 0, 0)
    ]  # fmt: skip


def test_another_branch_prescriber_is_not_found(client: Client, manager1: Any) -> None:
    """Another branch's prescriber is a 404 and not listed; a duplicate name is refused."""
    other = Prescriber.objects.create(
        branch=BranchFactory(code="B7"), name="Cabinet Ailleurs", kind="cci"
    )
    client.force_login(manager1)
    assert client.get(f"/prospection/prescripteurs/{other.pk}/").status_code == 404
    assert "Cabinet Ailleurs" not in client.get("/prospection/prescripteurs/").content.decode()
    client.post("/prospection/prescripteurs/", {"name": "Étude X", "kind": "notaire"})
    response = client.post("/prospection/prescripteurs/", {"name": "étude x", "kind": "notaire"})
    assert response.status_code == 200
    assert "existe déjà" in response.content.decode()
    assert Prescriber.objects.filter(branch=manager1.branch).count() == 1


def test_results_bring_the_pnb_of_the_clients_won(
    manager1: Any, manager2: Any, director: Any, tmp_path: Path
) -> None:
    """The PNB brought is the twelve months' PNB the portfolio computed for the clients a
    prescriber referred (prospects count for nothing); a role without the portfolio's
    figures sees no PNB, and the page says what it is."""
    from probanker.banking.tests.factories import ContractFactory, product
    from probanker.core.tests.factories import UserFactory
    from probanker.portfolio import compute

    busy = Prescriber.objects.create(branch=manager1.branch, name="A", kind="expert_comptable")
    idle = Prescriber.objects.create(branch=manager1.branch, name="B", kind="cma")
    won = [PartyFactory(manager=manager1, kind="prospect") for _ in range(3)]
    for prospect in won:
        record_referral(actor=manager1, today=TODAY, prospect=prospect, prescriber=busy)
    for party in won[:2]:
        Party.objects.filter(pk=party.pk).update(kind="client")
        ContractFactory(
            party=party,
            product=product("equipment_loan"),
            balance=Decimal("10000"),
            rate=Decimal("4"),
        )
    colleague = PartyFactory(manager=manager2, kind="prospect")
    record_referral(actor=manager2, today=TODAY, prospect=colleague, prescriber=busy)
    Party.objects.filter(pk=colleague.pk).update(kind="client")
    ContractFactory(party=colleague, product=product("equipment_loan"), balance=Decimal("5000"),
                    rate=Decimal("4"))  # fmt: skip
    compute.refresh_figures(TODAY, tmp_path)  # 10,000 € × 4 % at a transfer price of 0
    # The director sees the branch's; a manager only their own clients' (no colleague's
    # PNB to infer by difference).
    assert prescriber_results(Prescriber.objects.all(), director)[0].pnb == Decimal("1000.00")
    results = prescriber_results(Prescriber.objects.all(), manager1)
    assert [(r.prescriber, r.clients_won, r.pnb) for r in results] == [
        (busy, 3, Decimal("800.00")), (idle, 0, Decimal("0.00"))
    ]  # fmt: skip
    complaints = UserFactory(username="reclam", role="complaints", branch=manager1.branch)
    assert prescriber_results(Prescriber.objects.all(), complaints)[0].pnb is None
    client = Client()
    client.force_login(manager1)
    page = client.get(f"/prospection/prescripteurs/{busy.pk}/").content.decode()
    assert "dont un PNB de 800\u00a0€ sur douze mois dans votre périmètre" in page
    assert (
        "PNB apporté (12 mois, votre périmètre)"
        in client.get("/prospection/prescripteurs/").content.decode()
    )
