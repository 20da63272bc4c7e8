"""French calendars: business days, jours ouvrables, months, public holidays by département.

Public holidays come from the ``holidays`` library: the eleven national days, plus
Good Friday and 26 December in Moselle, Bas-Rhin and Haut-Rhin (local law of
Alsace-Moselle). ``holidays`` knows Moselle as subdivision ``57`` and the two
Alsatian départements together as ``6AE`` (the Collectivité européenne d'Alsace).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from functools import lru_cache

import holidays

#: The départements of local law, and the ``holidays`` subdivision that carries them.
ALSACE_MOSELLE = {"57": "57", "67": "6AE", "68": "6AE"}


@lru_cache(maxsize=64)
def _french_holidays(year: int, subdivision: str | None = None) -> frozenset[dt.date]:
    return frozenset(holidays.France(years=year, subdiv=subdivision).keys())


def public_holidays(year: int, departement: str | None = None) -> frozenset[dt.date]:
    """The public holidays of ``year`` in the département (national ones when ``None``).

    Overseas and other subdivisions are not distinguished: only Alsace-Moselle adds days
    to the national list here.
    """
    return _french_holidays(year, ALSACE_MOSELLE.get((departement or "").strip()))


def is_business_day(day: dt.date, departement: str | None = None) -> bool:
    """Monday to Friday and not a public holiday (of the département when given).

    This is a payment-service provider's business day (L133-4 CMF) as banks apply it.
    """
    return day.weekday() < 5 and day not in public_holidays(day.year, departement)


def is_jour_ouvrable(day: dt.date, departement: str | None = None) -> bool:
    """Every day but Sunday and the public holidays (Saturdays count)."""
    return day.weekday() != 6 and day not in public_holidays(day.year, departement)


def add_jours_ouvrables(day: dt.date, count: int, departement: str | None = None) -> dt.date:
    """The ``count``-th jour ouvrable after ``day`` (counting starts the day after)."""
    current, remaining = day, count
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_jour_ouvrable(current, departement):
            remaining -= 1
    return current


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number ``months`` later, or that month's last day when it has none.

    31 December + 2 months = 28 (or 29) February; 15 March + 2 months = 15 May.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


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


def add_business_days(day: dt.date, count: int, departement: str | None = None) -> dt.date:
    """The ``count``-th business day after ``day`` (``count`` ≥ 0)."""
    current = day
    remaining = count
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_business_day(current, departement):
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
