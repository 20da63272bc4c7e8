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
