"""Guarantees: coverage with haircuts and ranks, fund quotas, art. 2297 and 2300; pricing."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from probanker.finance.guarantees import (
    Guarantee,
    GuaranteeKind,
    check_mention,
    coverage,
    parse_french_amount,
    proportionality,
)
from probanker.finance.pricing import price


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("cinquante mille euros", "50000"),
        ("Cent mille euros", "100000"),
        ("quatre-vingt mille euros", "80000"),
        ("quatre-vingts euros", "80"),
        ("soixante-dix-sept mille cinq cents euros", "77500"),
        ("quatre-vingt-dix-neuf euros", "99"),
        ("vingt et un mille deux cent trente euros et quarante centimes", "21230.40"),
        ("deux cent mille euros", "200000"),
        ("un million deux cent cinquante mille euros", "1250000"),
        ("mille euros", "1000"),
        ("cent quatre-vingts euros", "180"),
        ("cent vingt euros", "120"),
        ("Trente-six mille euros", "36000"),
    ],
)
def test_amounts_in_words(words: str, value: str) -> None:
    assert parse_french_amount(words) == D(value)


def test_mention_words_and_figures() -> None:
    assert check_mention("cinquante mille euros", D(50000)).ok
    wrong = check_mention("cinq mille euros", D(50000))
    assert not wrong.ok
    assert wrong.in_words == D(5000)
    assert "les lettres prévalent" in wrong.message
    unreadable = check_mention("cinquante kilo-euros", D(50000))
    assert not unreadable.ok
    assert "kilo" in unreadable.message


def test_coverage_with_haircuts_ranks_limits_and_quotas() -> None:
    exposure = D(200000)
    result = coverage(
        exposure,
        [
            Guarantee(GuaranteeKind.BPIFRANCE, exposure, quota=D(50)),  # 100,000
            Guarantee(
                GuaranteeKind.MORTGAGE, D(150000), prior_claims=D(50000)
            ),  # (150−50)×70 % = 70,000
            Guarantee(
                GuaranteeKind.PERSONAL_NATURAL, D(400000), limit=D(40000)
            ),  # 50 % = 200,000, capped 40,000
            Guarantee(GuaranteeKind.SIAGI, exposure, quota=D(80)),  # quota out of range: 0
        ],
    )
    assert [line.counted for line in result.lines] == [D(100000), D(70000), D(40000), D(0)]
    assert "hors de 20-70" in result.lines[3].note
    assert result.secured == D(200000)  # capped at the exposure (210,000 counted)
    assert result.ratio == D("100.0")
    assert coverage(D(100000), [Guarantee(GuaranteeKind.EQUIPMENT_PLEDGE, D(50000))]).ratio == D(
        "25.0"
    )


def test_proportionality_art_2300() -> None:
    fine = proportionality(commitment=D(50000), yearly_income=D(40000), net_assets=D(20000))
    assert fine.ok  # 50,000 ≤ 20,000 + 2 × 40,000
    excessive = proportionality(
        commitment=D(150000),
        yearly_income=D(30000),
        net_assets=D(10000),
        other_commitments=D(20000),
    )
    assert not excessive.ok
    assert excessive.capacity == D(70000)
    assert "art. 2300" in excessive.message


def test_pricing_components_and_raroc() -> None:
    p = price(client_rate=D("5.00"), status="sain", coverage_ratio=D(50))
    # risk = 1 % × 45 % × (1 − 50 %) = 0.225 ; capital = 10 % × 10 % = 1.00
    assert (p.funding, p.risk, p.operating, p.capital) == (
        D("3.00"),
        D("0.23"),
        D("0.60"),
        D("1.00"),
    )
    assert p.floor == D("4.83")
    assert p.covers_costs
    assert p.margin == D("2.00")
    assert p.raroc == D("11.8")  # (5 − 3 − 0.6 − 0.225) / 10 %
    degraded = price(client_rate=D("5.00"), status="degrade", coverage_ratio=D(0))
    assert not degraded.covers_costs  # 10 % × 45 % = 4.5 points of risk
