"""Amounts and dates as FEC files write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probanker.finance.amounts import AmountError, parse_cents, parse_date


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("", 0),
        ("  ", 0),
        ("0", 0),
        ("12,5", 1250),
        ("12.50", 1250),
        ("0000000069,60", 6960),
        ("-3,83", -383),
        ("3,83-", -383),
        ("+10", 1000),
        (",5", 50),
        ("7,500", 750),
        (" 1234,56 ", 123456),
    ],
)
def test_amount_spellings(text: str, cents: int) -> None:
    assert parse_cents(text) == cents


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1 234,56", "séparateur de milliers"),
        ("1.234,56", "séparateur de milliers"),
        ("12,345", "plus de deux décimales"),
        ("-12-", "deux signes"),
        ("abc", "n'est pas un montant"),
        ("1,2,3", "n'est pas un montant"),
    ],
)
def test_bad_amounts_say_why(text: str, reason: str) -> None:
    with pytest.raises(AmountError, match=reason):
        parse_cents(text)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_round_trip_of_any_amount(cents: int) -> None:
    text = f"{'-' if cents < 0 else ''}{abs(cents) // 100},{abs(cents) % 100:02d}"
    assert parse_cents(text) == cents


def test_dates() -> None:
    assert parse_date("20230109") == dt.date(2023, 1, 9)
    assert parse_date("2023-01-09") == dt.date(2023, 1, 9)
    assert parse_date("2023/01/09") == dt.date(2023, 1, 9)
    with pytest.raises(ValueError, match="date valide"):
        parse_date("20230231")
    with pytest.raises(ValueError, match="AAAAMMJJ"):
        parse_date("09/01/2023")
