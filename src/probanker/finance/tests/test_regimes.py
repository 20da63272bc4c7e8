"""Statements entered by regime: 2033, 2035, micro."""

from __future__ import annotations

from decimal import Decimal

import pytest

from probanker.finance.ratios import evaluate_all
from probanker.finance.regimes import (
    MICRO_ONLY_TURNOVER,
    NO_BALANCE_SHEET,
    Form2033,
    Form2035,
    MicroActivity,
    micro_status,
    micro_threshold,
    ratios_2035,
    ratios_micro,
)

D = Decimal


def test_2033_entered_lines_give_every_ratio() -> None:
    form = Form2033(
        sales_of_goods=D(0), production_sold=D(200_000), purchases_of_goods=D(0), stock_change_goods=D(0),
        raw_materials=D(60_000), external_charges=D(30_000), taxes=D(3_000), wages=D(50_000),
        social_charges=D(20_000), depreciation=D(10_000), financial_charges=D(2_000), net_result=D(22_000),
        equity=D(80_000), financial_debt=D(60_000), trade_receivables=D(24_000), stocks=D(15_000),
        cash=D(20_000), trade_payables=D(18_000), total_balance_sheet=D(200_000), debt_service=D(14_000),
    )  # fmt: skip
    assert form.value_added == D(110_000)
    assert form.ebitda_fr == D(37_000)
    ratios = evaluate_all(form.figures())
    assert ratios["taux_marge_ebe"].value == D("18.50")
    assert ratios["capacite_remboursement"].value == D("1.88")  # 60,000 / 32,000
    assert ratios["dscr"].value == D("2.29")  # 32,000 / 14,000
    assert all(r.value is not None for r in ratios.values())


def test_2035_says_which_ratios_cannot_be_computed() -> None:
    form = Form2035(
        receipts=D(120_000), purchases=D(8_000), staff_costs=D(0), own_social_charges=D(22_000),
        taxes=D(2_000), rents_and_other_external=D(18_000), financial_charges=D(1_000),
        depreciation=D(4_000), result=D(65_000), debt_service=D(12_000),
    )  # fmt: skip
    ratios = ratios_2035(form)
    assert ratios["taux_marge_ebe"].value == D("58.33")  # (65,000 + 4,000 + 1,000) / 120,000
    assert ratios["dscr"].value == D("5.75")  # 69,000 / 12,000
    assert ratios["autonomie_financiere"].value is None
    assert ratios["autonomie_financiere"].reason == NO_BALANCE_SHEET


def test_micro_ratios_and_thresholds() -> None:
    ratios = ratios_micro(D(60_000), D("0.35"))
    assert ratios["dso"].reason == MICRO_ONLY_TURNOVER
    assert micro_threshold(2024, MicroActivity.SERVICES) == D(77_700)
    assert micro_threshold(2021, MicroActivity.SALES) == D(176_200)
    assert micro_threshold(2026, MicroActivity.SALES) is None
    below = micro_status({2024: D(70_000)}, MicroActivity.SERVICES)
    assert below.above is False
    once = micro_status({2023: D(60_000), 2024: D(80_000)}, MicroActivity.SERVICES)
    assert once.above is True
    assert not once.regime_lost
    twice = micro_status({2023: D(79_000), 2024: D(80_000)}, MicroActivity.SERVICES)
    assert twice.regime_lost
    assert "deux années de suite" in twice.message
    unknown = micro_status({2026: D(1)}, MicroActivity.SALES)
    assert unknown.threshold is None
    assert "non renseigné" in unknown.message
    with pytest.raises(ValueError, match="au moins une"):
        micro_status({}, MicroActivity.SALES)
