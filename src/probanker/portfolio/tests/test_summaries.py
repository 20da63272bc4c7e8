"""Portfolio summaries: what the batch stores is what the query layer computes live, per
portfolio, and the dashboard reads it until the next batch."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from probanker.portfolio import compute, figures, summaries
from probanker.portfolio.models import ScopeSummary
from probanker.portfolio.tests.factories import AS_OF
from probanker.portfolio.tests.test_pages import _client, _portfolio

pytestmark = pytest.mark.django_db
D = Decimal


def _same(stored: summaries.Summary, live: summaries.Summary) -> bool:
    return dataclasses.replace(stored, stored=False) == live


def test_the_batch_stores_every_portfolio_as_computed_live(
    manager1: Any, manager2: Any, director: Any, tmp_path: Any
) -> None:
    """One row per manager, per branch and for the bank, each equal to the live figures
    of that portfolio along every axis (the JSON round trip loses nothing)."""
    _portfolio(manager1, 2)
    _portfolio(manager2, 3, segment="commercant")
    compute.refresh_figures(AS_OF, tmp_path)
    keys = set(ScopeSummary.objects.values_list("key", flat=True))
    assert {f"manager:{manager1.pk}", f"manager:{manager2.pk}", "all"} <= keys
    assert f"branch:{director.branch_id}" in keys
    for user, manager in ((manager1, None), (director, None), (director, manager2.pk)):
        scope = figures.portfolio_scope(user, manager)
        row = ScopeSummary.objects.get(key=summaries.scope_key(scope))
        stored = summaries.decode(row.payload, row.day)
        assert stored.stored
        assert stored.day == AS_OF
        live = summaries.compute(
            scope.clients, figures.branch_clients(scope), AS_OF, tuple(figures.AXES)
        )
        assert _same(stored, live)
    branch = summaries.summary(figures.portfolio_scope(director), "segment", AS_OF)
    assert [(c.key, c.clients, c.credit_outstanding) for c in branch.cells["segment"]] == [
        ("commercant", 3, D("30000.00")), ("artisan", 2, D("20000.00"))
    ]  # fmt: skip


def test_the_dashboard_shows_the_batchs_figures_until_the_next(
    manager1: Any, tmp_path: Any
) -> None:
    """Before any batch the figures are computed live; after it the dashboard and the API
    keep the batch's until it runs again (the page says so), then show the new ones."""
    _portfolio(manager1, 2)
    assert _client(manager1).get("/api/v1/portefeuille").json()["clients"] == 2  # live
    compute.refresh_figures(AS_OF, tmp_path)
    _portfolio(manager1, 1)
    assert _client(manager1).get("/api/v1/portefeuille").json()["clients"] == 2
    page = _client(manager1).get("/portefeuille/").content.decode()
    assert "Chiffres arrêtés au 30/06/2026 (calcul de la nuit)" in page
    compute.refresh_figures(AS_OF, tmp_path)
    assert _client(manager1).get("/api/v1/portefeuille").json()["clients"] == 3


def test_the_dashboard_reads_one_summary(manager1: Any, tmp_path: Any) -> None:
    """With the batch's summary the dashboard needs no aggregate over the clients."""
    _portfolio(manager1, 4)
    compute.refresh_figures(AS_OF, tmp_path)
    client = _client(manager1)
    client.get("/portefeuille/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/portefeuille/").status_code == 200
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "portfolio_scopesummary" in tables
    assert "SUM(" not in tables.upper()
    assert "banking_contract" not in tables


def test_a_moved_managers_clients_stay_with_their_branch(
    manager1: Any, director: Any, other_branch: Any, tmp_path: Any
) -> None:
    """A manager moved to another branch keeps their clients in their own portfolio, but
    the new branch's director narrowing to them sees none of the old branch's clients."""
    from probanker.core.tests.factories import UserFactory

    _portfolio(manager1, 2)
    manager1.branch = other_branch
    manager1.save()
    other_director = UserFactory(username="director9", role="director", branch=other_branch)
    compute.refresh_figures(AS_OF, tmp_path)
    assert _client(manager1).get("/api/v1/portefeuille").json()["clients"] == 2
    narrowed = _client(other_director).get("/api/v1/portefeuille?manager=manager1").json()
    assert narrowed["clients"] == 0
    assert _client(director).get("/api/v1/portefeuille").json()["clients"] == 2
