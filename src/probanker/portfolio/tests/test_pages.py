"""The diagnosis pages and the API: scopes, figures from one layer, constant queries, exports."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from probanker.banking.tests.factories import ContractFactory, product
from probanker.parties.tests.factories import PartyFactory
from probanker.portfolio import compute
from probanker.portfolio.models import ClientFigures, Objective
from probanker.portfolio.tests.factories import AS_OF
from probanker.reports.tests.pdftools import is_tagged, needs_poppler, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _portfolio(manager: Any, n: int, segment: str = "artisan") -> list[Any]:
    parties = []
    for _ in range(n):
        party = PartyFactory(manager=manager, segment=segment)
        ContractFactory(party=party, balance=D("1000"))
        ContractFactory(
            party=party, product=product("equipment_loan"), balance=D("10000"), rate=D("4")
        )
        parties.append(party)
    return parties


def test_api_keys_and_scopes(manager1: Any, manager2: Any, director: Any, tmp_path: Any) -> None:
    """The API's keys; a manager naming another gets their own scope; a director narrows."""
    _portfolio(manager1, 2)
    _portfolio(manager2, 3, segment="commercant")
    compute.refresh_figures(AS_OF, tmp_path)
    body = _client(manager1).get("/api/v1/portefeuille?manager=manager2").json()
    assert set(body) == {"clients", "segments", "families", "objectives"}
    assert body["clients"] == 2
    assert body["segments"] == [
        {
            "segment": "artisan",
            "clients": 2,
            "deposits": "2000.00",
            "credit_outstanding": "20000.00",
            "pnb": "800.00",
        }
    ]  # fmt: skip  (10 000 € × 4 % at a transfer price of 0, twice)
    flux = next(f for f in body["families"] if f["family"] == "flux")
    assert (flux["holders"], flux["rate"]) == (2, "1.0000")
    assert _client(director).get("/api/v1/portefeuille").json()["clients"] == 5
    narrowed = _client(director).get("/api/v1/portefeuille?manager=manager2").json()
    assert narrowed["clients"] == 3
    assert narrowed["segments"][0]["segment"] == "commercant"


def test_a_director_cannot_name_another_branchs_manager(
    director: Any, manager_other_branch: Any
) -> None:
    """A manager outside the director's branch is invalid data (422), not their figures."""
    answer = _client(director).get(f"/api/v1/portefeuille?manager={manager_other_branch.username}")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "manager"


def test_the_page_and_the_api_show_the_same_figures(manager1: Any, tmp_path: Any) -> None:
    """The dashboard's segment row carries the API's figures (one query layer)."""
    _portfolio(manager1, 3)
    compute.refresh_figures(AS_OF, tmp_path)
    page = _client(manager1).get("/portefeuille/").content.decode()
    assert "Artisan" in page
    assert "30\u202f000\u00a0€" in page
    assert "1\u202f200\u00a0€" in page


def _queries(user: Any, url: str) -> int:
    client = _client(user)
    client.get(url)  # warm the session and the NAF caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/portefeuille/", "/portefeuille/clients/", "/portefeuille/equipement/",
            "/portefeuille/pnb/", "/portefeuille/objectifs/", "/portefeuille/revue.pdf",
            "/api/v1/portefeuille"],
)  # fmt: skip
def test_queries_do_not_grow_with_clients(manager1: Any, tmp_path: Any, url: str) -> None:
    """Every page answers in as many queries for 3 clients as for 15."""
    _portfolio(manager1, 3)
    compute.refresh_figures(AS_OF, tmp_path)
    few = _queries(manager1, url)
    _portfolio(manager1, 12, segment="commercant")
    compute.refresh_figures(AS_OF, tmp_path)
    assert _queries(manager1, url) == few


def test_every_cell_links_to_its_clients(manager1: Any, tmp_path: Any) -> None:
    """The cell « Commerçant » of the segmentation lists the commerçants only."""
    _portfolio(manager1, 2)
    shops = _portfolio(manager1, 1, segment="commercant")
    page = _client(manager1).get("/portefeuille/clients/?axe=segment&valeur=commercant")
    assert [p.pk for p in page.context["page"]] == [shops[0].pk]


def test_exports_csv_and_xlsx(manager1: Any, tmp_path: Any) -> None:
    """The segmentation as CSV (French figures) and XLSX (exact numbers)."""
    from openpyxl import load_workbook

    _portfolio(manager1, 2)
    client = _client(manager1)
    csv = client.get("/portefeuille/?axe=segment&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Segment;Clients;Dépôts")
    assert lines[1] == "Artisan;2;2\u202f000,00;20\u202f000,00;0,00"
    xlsx = client.get("/portefeuille/equipement/?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == ["Client", "SIREN", "Compte et moyens de paiement"]
    assert sheet.max_row == 3


def test_director_sets_and_splits_objectives(director: Any, manager1: Any) -> None:
    """The branch's objective and a manager's share; the manager sees their progress."""
    client = _client(director)
    client.post(
        "/portefeuille/objectifs/?annee=2026",
        {"indicator": "sales", "family": "epargne", "target": "10"},
    )
    client.post("/portefeuille/objectifs/?annee=2026",
                {"indicator": "sales", "family": "epargne", "target": "4", "manager": manager1.pk})  # fmt: skip
    assert Objective.objects.filter(year=2026).count() == 2
    party = PartyFactory(manager=manager1)
    ContractFactory(party=party, product=product("savings_account"), opened_on=dt.date(2026, 3, 2))
    ContractFactory(party=party, product=product("savings_account"), opened_on=dt.date(2025, 3, 2))
    page = _client(manager1).get("/portefeuille/objectifs/?annee=2026")
    (row,) = page.context["rows"]
    assert (row.objective.target, row.realised) == (D("4"), D("1"))


def test_a_manager_cannot_set_objectives(manager1: Any) -> None:
    """Only the director sets objectives: a manager's post is refused (403), nothing stored."""
    answer = _client(manager1).post("/portefeuille/objectifs/", {"indicator": "pnb", "target": "1"})
    assert answer.status_code == 403
    assert not Objective.objects.exists()


def test_an_objective_form_error_is_tied_to_its_field(director: Any) -> None:
    """A sales objective without its family: the field says so, nothing stored."""
    page = _client(director).post("/portefeuille/objectifs/", {"indicator": "sales", "target": "3"})
    assert page.status_code == 200
    assert "Choisissez la famille" in page.content.decode()
    assert not Objective.objects.exists()


def test_another_managers_portfolio_is_a_404_on_the_page(
    director: Any, manager1: Any, manager_other_branch: Any
) -> None:
    """A director narrowing to another branch's manager gets a 404; to their own, a 200."""
    client = _client(director)
    assert client.get(f"/portefeuille/?charge={manager_other_branch.pk}").status_code == 404
    assert client.get(f"/portefeuille/?charge={manager1.pk}").status_code == 200
    assert client.get("/portefeuille/?charge=abc").status_code == 404


def test_client_panel_shows_figures(manager1: Any, tmp_path: Any) -> None:
    """The client page carries the client's PNB and potential once the batch has run."""
    (party,) = _portfolio(manager1, 1)
    compute.refresh_figures(AS_OF, tmp_path)
    assert ClientFigures.objects.filter(party=party).exists()
    page = _client(manager1).get(f"/clients/{party.pk}/").content.decode()
    assert "Rentabilité et potentiel" in page
    assert "Potentiel" in page


@needs_poppler
def test_the_review_pdf_is_tagged_and_holds_the_scope(
    manager1: Any, manager2: Any, director: Any, tmp_path: Any
) -> None:
    """The « Revue de portefeuille »: a tagged PDF in French with the synthesis, the best
    clients, the year's objectives and the actions with their owner; another manager's
    clients are not in it; the director narrowed to manager1 gets the same clients."""
    from django.utils import timezone

    from probanker.portfolio.models import CommercialAction, TargetList, TargetMode

    mine = _portfolio(manager1, 2)
    mine[0].name = "Boulangerie Lefèvre"
    mine[0].save(update_fields=["name"])
    theirs = _portfolio(manager2, 1, segment="commercant")
    theirs[0].name = "Garage Moreau"
    theirs[0].save(update_fields=["name"])
    compute.refresh_figures(AS_OF, tmp_path)
    today = timezone.localdate()
    target = TargetList.objects.create(name="Artisans à équiper", owner=manager1,
                                       branch=manager1.branch, mode=TargetMode.FROZEN,
                                       created_on=today)  # fmt: skip
    target.parties.set(mine)
    CommercialAction.objects.create(target_list=target, kind="calls", label="Relance prévoyance",
                                    owner=manager1, started_on=today, due_on=today)  # fmt: skip
    Objective.objects.create(year=today.year, branch=manager1.branch, manager=manager1,
                             indicator="new_clients", target=D("12"))  # fmt: skip
    response = _client(manager1).get("/portefeuille/revue.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert is_tagged(response.content)
    text = pdf_text(response.content)
    for expected in ("Revue de portefeuille", "Mon portefeuille", "Synthèse",
                     "Boulangerie Lefèvre", "Relance prévoyance", "Artisans à équiper (2 clients)",
                     "Nouveaux clients", "Statut de risque"):  # fmt: skip
        assert expected in text, expected
    assert "Garage Moreau" not in text
    narrowed = pdf_text(
        _client(director).get(f"/portefeuille/revue.pdf?charge={manager1.pk}").content
    )
    assert "Boulangerie Lefèvre" in narrowed
    assert "Garage Moreau" not in narrowed
    assert "Garage Moreau" in pdf_text(_client(director).get("/portefeuille/revue.pdf").content)
