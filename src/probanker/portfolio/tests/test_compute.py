"""The daily figures of a client, worked by hand: PNB, flows, potential, attrition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from probanker.portfolio import compute
from probanker.portfolio.lakefigures import fee_kind
from probanker.portfolio.models import ClientFigures
from probanker.portfolio.tests.factories import AS_OF, prices, worked_client

pytestmark = pytest.mark.django_db
D = Decimal


def test_transfer_price_in_force_is_the_latest_started() -> None:
    """On 30 June 2026 the credit price is the 3 % of January, not the 9 % of July."""
    prices()
    assert compute.transfer_prices(AS_OF) == {
        "credit": D("3"),
        "deposit": D("2.5"),
        "sight": D("1"),
    }


def test_fee_kinds_from_labels() -> None:
    """Labels sort fees; debit interest is no fee (the Hamburg numbers price it)."""
    assert fee_kind("FRAIS TENUE DE COMPTE") == "account"
    assert fee_kind("COTISATION CARTE AFFAIRES") == "card"
    assert fee_kind("FRAIS REJET PRELEVEMENT") == "intervention"
    assert fee_kind("INTERETS DEBITEURS") is None
    assert fee_kind("FRAIS DE DOSSIER") == "other"


def test_worked_client(manager1: Any, tmp_path: Any, settings: Any) -> None:
    """Every figure of the worked client, computed by hand.

    Credit 100 000 € × (4 − 3) % = 1 000; savings 20 000 € × (2.5 − 1) % = 300; current
    account in credit by 5 000 € 292 days of 365: average 4 000 € × 1 % = 40; overdrawn
    by 1 000 € 73 days at the line's 10 %: 1 000 × 73 × 10 % / 365 = 20; fees of the
    twelve months 35 + 50 + 8 (the interest line and last year's fee left out).
    PNB 1 453. Flows: 60 000 € of receipts (the drawdown is no turnover) for 120 000 €
    of turnover: 50 %. Attrition: receipts fell from 100 000 €, a product closed in
    May, the principal is 66.
    """
    settings.LAKE_DIR = tmp_path
    prices()
    party = worked_client(manager1, tmp_path)
    assert compute.refresh_figures(AS_OF, tmp_path) == 1
    f = ClientFigures.objects.get(party=party)
    assert (f.credit_margin, f.deposit_margin, f.overdraft_interest) == (
        D("1000"),
        D("340"),
        D("20"),
    )
    assert (f.fees_account, f.fees_card, f.fees_intervention, f.fees_other) == (
        D("35"), D("50"), D("8"), D("0"),
    )  # fmt: skip
    assert f.pnb == D("1453.00")
    # Year to date: margins × 180/365 (1 340 × 180 / 365 = 660.82), no overdraft in 2026, fees 93.
    assert f.pnb_ytd == D("753.82")
    assert (f.credit_turnover, f.credit_turnover_before) == (D("60000"), D("100000"))
    assert f.fiscal_turnover == D("120000")
    assert f.flows_share == D("0.5000")
    assert f.attrition == ["falling_turnover", "closed_products", "owner_retirement"]
    # Potential: flows (1 − 0.5) × 30 = 15, no peer group, size 5 (under 250 000 €), receipts down.
    assert f.potential_parts == {"flows": 15, "families": 0, "size": 5, "growth": 0}
    assert f.potential == 20


def test_a_degraded_client_is_a_risk_not_a_target() -> None:
    """Whatever its flows and size, a degraded client scores 0, and says why."""
    score = compute.potential(
        flows_share=D("0.1"), missing=3, fiscal_turnover=D("900000"), turnover=D("2"),
        turnover_before=D("1"), degraded=True,
    )  # fmt: skip
    assert (score.score, score.parts) == (0, {"risk": 0})


def test_potential_components_add_up() -> None:
    """Flows 10 % entrusted (27), two families missing (20), 600 000 € (15), +25 % (20)."""
    score = compute.potential(
        flows_share=D("0.1"), missing=2, fiscal_turnover=D("600000"), turnover=D("125"),
        turnover_before=D("100"), degraded=False,
    )  # fmt: skip
    assert score.parts == {"flows": 27, "families": 20, "size": 15, "growth": 20}
    assert score.score == 82


def test_rerun_of_a_date_replaces_the_figures(manager1: Any, tmp_path: Any, settings: Any) -> None:
    """Idempotent: a second run of the same date leaves one row per client."""
    settings.LAKE_DIR = tmp_path
    worked_client(manager1, tmp_path)
    compute.refresh_figures(AS_OF, tmp_path)
    compute.refresh_figures(AS_OF, tmp_path)
    assert ClientFigures.objects.count() == 1


def test_an_empty_lake_gives_contract_margins_only(manager1: Any, tmp_path: Any) -> None:
    """Without lake data the figures hold what the contracts give, and no lake signal."""
    from probanker.banking.tests.factories import ContractFactory, product

    prices()
    loan = ContractFactory(party__manager=manager1, product=product("equipment_loan"),
                           balance=D("50000"), rate=D("5"))  # fmt: skip
    compute.refresh_figures(AS_OF, tmp_path)
    f = ClientFigures.objects.get(party=loan.party)
    assert f.pnb == D("1000.00")
    assert f.attrition == []
    assert f.flows_share is None
    assert f.as_of == AS_OF
    assert isinstance(f.as_of, dt.date)


def test_a_young_lake_compares_six_months_with_the_six_before() -> None:
    """Without a year before, receipts down from 60 000 to 40 000 € over six months fall."""
    from probanker.portfolio.lakefigures import LakeFigures

    row = LakeFigures(turnover=10_000_000, turnover_recent_half=4_000_000,
                      turnover_prior_half=6_000_000)  # fmt: skip
    signals = compute.attrition_signals(
        lake_row=row, closed=0, retiring=False, last_contact=None, contacts_known=False,
        as_of=AS_OF,
    )  # fmt: skip
    assert signals == ["falling_turnover"]


def test_no_contact_signal_needs_a_contact_source() -> None:
    """« No contact for a year » is only raised once contacts are logged somewhere."""
    from probanker.portfolio.lakefigures import LakeFigures

    def signals(known: bool, last: dt.date | None) -> list[str]:
        return compute.attrition_signals(
            lake_row=LakeFigures(), closed=0, retiring=False, last_contact=last,
            contacts_known=known, as_of=AS_OF,
        )  # fmt: skip

    assert signals(False, None) == []
    assert signals(True, None) == ["no_contact"]
    assert signals(True, dt.date(2025, 6, 29)) == ["no_contact"]
    assert signals(True, dt.date(2025, 7, 1)) == []
