"""Multi-year trends and their commentary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from probanker.finance.trends import YearFigures, commentary, growth


def year(y: int, turnover: int, ebe: int, result: int, equity: int, debt: int) -> YearFigures:
    return YearFigures(
        dt.date(y, 12, 31),
        Decimal(turnover),
        Decimal(ebe),
        Decimal(result),
        Decimal(equity),
        Decimal(debt),
    )


def test_growth() -> None:
    assert growth(Decimal(100), Decimal(125)) == Decimal("25.0")
    assert growth(Decimal(0), Decimal(10)) is None
    assert growth(Decimal(-5), Decimal(10)) is None


def test_commentary_states_the_numbers() -> None:
    text = commentary([
        year(2024, 150_000, 12_750, 4_000, 30_000, 60_000),
        year(2022, 120_000, 14_400, 6_000, 25_000, 40_000),
        year(2023, 135_000, 13_500, 5_000, 28_000, 50_000),
    ])  # fmt: skip
    assert (
        text[0]
        == "Le chiffre d'affaires progresse de 120\u202f000\u00a0€ à 150\u202f000\u00a0€ entre 2022 et 2024 (+25,0\u00a0%)."
    )
    assert (
        text[1]
        == "La marge d'EBE se dégrade, de 12,0\u00a0% à 8,5\u00a0% du chiffre d'affaires (−3,5 point(s))."
    )
    assert (
        text[2]
        == "Les capitaux propres progressent de 25\u202f000\u00a0€ à 30\u202f000\u00a0€ entre 2022 et 2024 (+20,0\u00a0%)."
    )
    assert text[3].startswith(
        "L'endettement financier progresse de 40\u202f000\u00a0€ à 60\u202f000\u00a0€"
    )
    assert len(text) == 4


def test_alerts_and_single_year() -> None:
    text = commentary(
        [
            year(2024, 80_000, -3_000, -9_000, -2_000, 10_000),
            year(2023, 90_000, 1_000, -1_000, 7_000, 12_000),
        ]
    )
    assert any(s.startswith("Alerte : l'EBE 2024 est négatif (−3\u202f000\u00a0€)") for s in text)
    assert any("capitaux propres 2024 sont négatifs" in s for s in text)
    assert "Pertes sur 2 exercices (2023, 2024)." in text
    single = commentary([year(2024, 50_000, 9_000, 7_000, 10_000, 0)])
    assert single[0].startswith("Un seul exercice (2024)")


def test_keeps_the_last_five_years_and_refuses_duplicates() -> None:
    years = [year(2015 + n, 100_000 + n * 1000, 10_000, 1_000, 5_000, 0) for n in range(8)]
    assert "entre 2018 et 2022" in commentary(years)[0]
    with pytest.raises(ValueError, match="même date"):
        commentary([year(2024, 1, 1, 1, 1, 1), year(2024, 2, 2, 2, 2, 2)])
    with pytest.raises(ValueError, match="au moins un"):
        commentary([])
