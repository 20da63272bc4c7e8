"""Deadlines of a complaint: the calendars (jours ouvrables, business days, months, the
public holidays of Alsace-Moselle) and the ``complaints deadlines`` command. Every date
below is counted by hand on the 2026-2028 calendars."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from probanker.complaints.deadlines import deadlines
from probanker.core.calendar import (
    add_business_days,
    add_jours_ouvrables,
    add_months,
    is_jour_ouvrable,
    public_holidays,
)

D = dt.date
NATIONAL_2026 = {
    D(2026, 1, 1), D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 8), D(2026, 5, 14),
    D(2026, 5, 25), D(2026, 7, 14), D(2026, 8, 15), D(2026, 11, 1), D(2026, 11, 11),
    D(2026, 12, 25),
}  # fmt: skip
GOOD_FRIDAY_2026, ST_STEPHEN_2026 = D(2026, 4, 3), D(2026, 12, 26)


def test_holidays_gives_the_eleven_national_days_outside_alsace_moselle() -> None:
    """Indre-et-Loire (37), Paris (75) and no département: New Year, Easter Monday (6 Apr),
    1 and 8 May, Ascension (14 May), Whit Monday (25 May), 14 Jul, 15 Aug, 1 and 11 Nov,
    Christmas — eleven days."""
    for departement in ("37", "75", None):
        assert public_holidays(2026, departement) == NATIONAL_2026


@pytest.mark.parametrize("departement", ["57", "67", "68"])
def test_alsace_moselle_adds_good_friday_and_26_december(departement: str) -> None:
    """Moselle, Bas-Rhin and Haut-Rhin: the eleven, plus Good Friday (3 Apr 2026) and
    Saint-Étienne (26 Dec) — thirteen days."""
    days = public_holidays(2026, departement)
    assert days == NATIONAL_2026 | {GOOD_FRIDAY_2026, ST_STEPHEN_2026}
    assert len(days) == 13


def test_a_jour_ouvrable_is_any_day_but_sunday_and_holidays() -> None:
    """Saturday 4 April 2026 is one; Sunday 5 and Easter Monday 6 are not; Good Friday is
    one in Tours, not in Metz."""
    assert is_jour_ouvrable(D(2026, 4, 4))
    assert not is_jour_ouvrable(D(2026, 4, 5))
    assert not is_jour_ouvrable(D(2026, 4, 6))
    assert is_jour_ouvrable(GOOD_FRIDAY_2026, "37")
    assert not is_jour_ouvrable(GOOD_FRIDAY_2026, "57")


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 3, 15), 2, D(2026, 5, 15)),  # the same day number
        (D(2026, 12, 31), 2, D(2027, 2, 28)),  # no 31 February: the month's last day
        (D(2027, 12, 31), 2, D(2028, 2, 29)),  # a leap year
        (D(2026, 7, 31), 2, D(2026, 9, 30)),
        (D(2026, 11, 30), 2, D(2027, 1, 30)),  # across the year
    ],
)
def test_two_months_end_on_the_same_day_number_or_the_last_day(
    start: dt.date, months: int, end: dt.date
) -> None:
    assert add_months(start, months) == end


def test_ten_jours_ouvrables_from_thursday_2_april_2026() -> None:
    """Counting from Friday 3: 3, 4 (Saturday), [5 Sunday, 6 Easter Monday], 7, 8, 9, 10,
    11, [12], 13, 14, 15 → the 10th is Wednesday 15 April; in Moselle Good Friday is a
    holiday, so 4, 7 … 16 → Thursday 16 April."""
    assert add_jours_ouvrables(D(2026, 4, 2), 10) == D(2026, 4, 15)
    assert add_jours_ouvrables(D(2026, 4, 2), 10, "57") == D(2026, 4, 16)


def test_business_days_skip_saturdays_too() -> None:
    """15 business days after 2 April 2026: 3, [6], 7-10, 13-17, 20-24 → 24 April; in
    Bas-Rhin without Good Friday → 27 April."""
    assert add_business_days(D(2026, 4, 2), 15) == D(2026, 4, 24)
    assert add_business_days(D(2026, 4, 2), 15, "67") == D(2026, 4, 27)


def test_deadlines_of_an_ordinary_complaint() -> None:
    """Received 2 April 2026 in Tours: acknowledge by 15 April, answer by 2 June; no final
    answer outside payment services."""
    due = deadlines(D(2026, 4, 2), departement="37")
    assert (due.acknowledge_by, due.answer_by, due.final_answer_by) == (
        D(2026, 4, 15), D(2026, 6, 2), None,
    )  # fmt: skip


def test_deadlines_of_a_payment_service_complaint() -> None:
    """Received 2 April 2026: 15 business days → 24 April; 35 → 24 Apr is the 15th, then
    27-30 (19), [1 May], 4-7 (23), [8 May], 11-13 (26), [14 Ascension], 15 (27), 18-22
    (32), [25 Whit Monday], 26, 27, 28 → 28 May."""
    due = deadlines(D(2026, 4, 2), payment_service=True)
    assert (due.acknowledge_by, due.answer_by, due.final_answer_by) == (
        D(2026, 4, 15), D(2026, 4, 24), D(2026, 5, 28),
    )  # fmt: skip


def test_christmas_in_bas_rhin() -> None:
    """Received Friday 18 December 2026 in Strasbourg: jours ouvrables 19, 21-24, [25, 26],
    28-31, [1 Jan], 2 January 2027 (a Saturday) is the 10th — in Tours 26 December (a
    Saturday) counts, so the 10th is 31 December. Business days give 12 January 2027
    in both (26 December 2026 is a Saturday)."""
    strasbourg = deadlines(D(2026, 12, 18), payment_service=True, departement="67")
    tours = deadlines(D(2026, 12, 18), payment_service=True, departement="37")
    assert strasbourg.acknowledge_by == D(2027, 1, 2)
    assert tours.acknowledge_by == D(2026, 12, 31)
    assert strasbourg.answer_by == tours.answer_by == D(2027, 1, 12)
    assert strasbourg.final_answer_by == D(2027, 2, 9)


def test_the_command_prints_one_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "complaints", "deadlines", "--received", "2026-12-18", "--payment-service",
        "--departement", "67", "--json",
    )  # fmt: skip
    assert json.loads(capsys.readouterr().out) == {
        "acknowledge_by": "2027-01-02",
        "answer_by": "2027-01-12",
        "final_answer_by": "2027-02-09",
    }


def test_the_command_gives_null_outside_payment_services(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("complaints", "deadlines", "--json", "--received", "2026-12-31")
    assert json.loads(capsys.readouterr().out) == {
        "acknowledge_by": "2027-01-13",
        "answer_by": "2027-02-28",
        "final_answer_by": None,
    }


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "31/12/2026", "2026-1-5", ""])
def test_an_impossible_date_is_a_usage_error(bad: str) -> None:
    """Exit 2 (usage), with the option and the expected format in the message."""
    with pytest.raises(CommandError, match="--received") as info:
        call_command("complaints", "deadlines", "--received", bad)
    assert info.value.returncode == 2


def test_an_unknown_departement_is_a_usage_error() -> None:
    with pytest.raises(CommandError, match="--departement") as info:
        call_command("complaints", "deadlines", "--received", "2026-04-02", "--departement", "99")
    assert info.value.returncode == 2
