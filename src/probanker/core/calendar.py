"""French business days (TARGET-like: weekends and French public holidays)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _french_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.France(years=year).keys())


def is_business_day(day: dt.date) -> bool:
    """Monday to Friday and not a French public holiday."""
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def business_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Business days in the half-open range ``[start, end)``."""
    days = []
    day = start
    while day < end:
        if is_business_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def last_business_day_on_or_before(day: dt.date) -> dt.date:
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_business_days(day: dt.date, count: int) -> dt.date:
    """The ``count``-th business day after ``day`` (``count`` ≥ 0)."""
    current = day
    remaining = count
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


#: The earliest business date a batch accepts: before it the bank had no data here.
EARLIEST_BATCH_DATE = dt.date(2000, 1, 1)


def batch_date(text: str | None, today: dt.date | None = None) -> dt.date:
    """The business date of a batch command's ``--date`` (default: the last business day).

    Raises:
        ValueError: with a French message, for text that is not ``AAAA-MM-JJ``, a
            date after today (a batch cannot run on data that does not exist yet)
            or before 2000.
    """
    today = today or dt.date.today()
    if text is None or text == "":
        return last_business_day_on_or_before(today)
    try:
        if len(text) != 10:
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--date {text} : date invalide (AAAA-MM-JJ).") from None
    if day > today:
        raise ValueError(f"--date {text} : date future (au plus tard {today:%d/%m/%Y}).")
    if day < EARLIEST_BATCH_DATE:
        raise ValueError(f"--date {text} : date antérieure au {EARLIEST_BATCH_DATE:%d/%m/%Y}.")
    return day
