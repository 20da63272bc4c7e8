"""Days of visits: the route OR-Tools finds against every order, the time windows, the
typed order's kilometres, a hand-made order, the agenda and its calendar, the pages."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from probanker.agenda.models import Appointment, AppointmentStatus
from probanker.agenda.tests.factories import AppointmentFactory
from probanker.core.services import DomainError
from probanker.parties.tests.factories import EstablishmentFactory, PartyFactory
from probanker.prospecting import routing
from probanker.prospecting.models import RouteOrder, Territory, VisitDay
from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes
from probanker.prospecting.visits import (
    add_stop,
    book_day,
    day_calendar,
    day_plan,
    move_stop,
    optimise_day,
    plan_day,
    remove_stop,
)

TOURS = routing.Place(0.6890, 47.3941)
# Around Tours: west, east, west, east… typed, the worst order for a round trip.
UNITS = [
    known_unit(11, "BOULANGERIE DE FONDETTES", commune=7),
    known_unit(12, "FLEURS D'AMBOISE", commune=11),
    known_unit(13, "GARAGE DE BALLAN", commune=8),
    known_unit(14, "CAVE DE VOUVRAY", commune=10),
    known_unit(15, "PHARMACIE DE JOUE", commune=1),
]


def _random_stops(rng: random.Random, n: int) -> list[routing.Stop]:
    stops = []
    for _ in range(n):
        place = routing.Place(0.55 + rng.random() * 0.45, 47.30 + rng.random() * 0.15)
        earliest = rng.choice([None, None, 9 * 60, 10 * 60 + 30, 14 * 60])
        latest = None if earliest is None else earliest + rng.choice([60, 120, 180])
        stops.append(routing.Stop(place, rng.choice([30, 45, 60]), earliest, latest))
    return stops


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_the_optimiser_finds_the_best_order_that_keeps_the_windows(seed: int) -> None:
    """On six visits with windows, OR-Tools' route takes no more time on the road than the
    best of all 720 orders, and keeps every window; none found when none exists."""
    rng = random.Random(seed)
    stops = _random_stops(rng, 6)
    matrix = routing.travel(TOURS, stops, 1.3, 40)
    best = routing.best_by_enumeration(stops, matrix, 8 * 60 + 30, 19 * 60)
    found = routing.optimise(stops, matrix, 8 * 60 + 30, 19 * 60)
    assert (found is None) == (best is None)
    if found is not None and best is not None:
        assert found.feasible
        assert found.back_at <= 19 * 60
        assert found.travel_minutes == best.travel_minutes
        assert sorted(found.order) == list(range(6))


@pytest.mark.parametrize("seed", [7, 8, 9, 10])
def test_appointments_at_fixed_times_are_slotted_without_losing_the_best_order(
    seed: int,
) -> None:
    """Five visits and two appointments at fixed times: OR-Tools' route is as short as
    the best of every order, and slotting the appointments back into its order of the
    visits alone (what the page does) gives a day as short, keeping every window."""
    rng = random.Random(seed)
    stops = [
        *_random_stops(rng, 5),
        routing.Stop(routing.Place(0.69, 47.39), 60, 11 * 60, 11 * 60),
        routing.Stop(routing.Place(0.6, 47.35), 45, 15 * 60, 15 * 60),
    ]
    matrix = routing.travel(TOURS, stops, 1.3, 40)
    best = routing.best_by_enumeration(stops, matrix, 8 * 60 + 30, 19 * 60)
    found = routing.optimise(stops, matrix, 8 * 60 + 30, 19 * 60)
    assert (found is None) == (best is None)
    if found is None or best is None:
        return
    assert found.travel_minutes == best.travel_minutes
    visits = [i for i in found.order if i < 5]
    slotted = routing.insert_fixed(visits, [5, 6], stops, matrix, 8 * 60 + 30, 19 * 60)
    again = routing.schedule(slotted, stops, matrix, 8 * 60 + 30)
    assert routing.fits(again, 19 * 60)
    assert again.travel_minutes <= found.travel_minutes
    assert [i for i in slotted if i < 5] == visits


def test_a_schedule_waits_for_a_window_and_flags_a_missed_one() -> None:
    """Arriving early, the visit starts when its window opens; arriving after its window
    closes, it is late; the road is counted out and back."""
    here = routing.Stop(routing.Place(0.70, 47.39), 60, earliest=10 * 60, latest=10 * 60 + 30)
    far = routing.Stop(routing.Place(0.98, 47.41), 30, earliest=None, latest=9 * 60)
    matrix = routing.travel(TOURS, [here, far], 1.3, 40)
    day = routing.schedule([0, 1], [here, far], matrix, 8 * 60 + 30)
    assert day.starts[0] == 10 * 60
    assert day.arrivals[0] < 10 * 60
    assert day.late == (1,)
    assert day.km == pytest.approx(matrix.km[0][1] + matrix.km[1][2] + matrix.km[2][0])
    assert routing.optimise([far], routing.travel(TOURS, [far], 1.3, 40), 9 * 60, 18 * 60) is None


@pytest.fixture
def lake(settings: Any, tmp_path: Path) -> Path:
    settings.LAKE_DIR = tmp_path / "lake"
    naf_codes()
    build_register(Path(settings.LAKE_DIR), known=UNITS, establishments=40)
    return Path(settings.LAKE_DIR)


@pytest.fixture
def parties(manager1: Any, lake: Path) -> list[Any]:
    Territory.objects.create(branch=manager1.branch, communes="37261",
                             latitude=Decimal("47.3941"), longitude=Decimal("0.6890"))  # fmt: skip
    found = []
    for unit in UNITS:
        party = PartyFactory(manager=manager1, siren=unit.siren, name=unit.name)
        EstablishmentFactory(party=party, siret=unit.siret)
        found.append(party)
    return found


def _day(manager: Any, days: int = 7) -> VisitDay:
    today = timezone.localdate()
    return plan_day(actor=manager, day=today + dt.timedelta(days=days), today=today)


def _filled(manager: Any, parties: list[Any], lake: Path) -> VisitDay:
    visit_day = _day(manager)
    for party in parties:
        add_stop(actor=manager, visit_day=visit_day, party=party, subject="Revue annuelle",
                 lake_dir=lake)  # fmt: skip
    return visit_day


def test_a_day_is_planned_once_from_a_placed_branch(manager1: Any, parties: list[Any]) -> None:
    """Refused in the past, twice on a day, for another branch's manager, and from a
    branch without a position."""
    today = timezone.localdate()
    with pytest.raises(DomainError, match="passé"):
        plan_day(actor=manager1, day=today - dt.timedelta(days=1), today=today)
    _day(manager1)
    with pytest.raises(DomainError, match="déjà prévue"):
        _day(manager1)
    with pytest.raises(DomainError, match="plus d'un an"):
        _day(manager1, days=367)
    Territory.objects.filter(branch=manager1.branch).delete()
    with pytest.raises(DomainError, match="n'a pas de position"):
        _day(manager1, days=8)


def test_visits_are_placed_by_the_register_and_the_optimiser_saves_road(
    manager1: Any, manager2: Any, parties: list[Any], lake: Path
) -> None:
    """Each visit where the register puts the establishment; another manager's client,
    a party without a SIRET and a reversed window refused; the optimised order against
    the order typed: kilometres and minutes saved, the typed ranks kept."""
    visit_day = _filled(manager1, parties, lake)
    first = visit_day.stops.get(party=parties[0])
    assert (first.typed_rank, first.rank) == (1, 1)
    assert "37230 FONDETTES" in first.address
    assert abs(first.longitude - Decimal("0.597")) < Decimal("0.05")
    with pytest.raises(DomainError, match="portefeuille"):
        add_stop(actor=manager1, visit_day=visit_day, party=PartyFactory(manager=manager2),
                 subject="Visite", lake_dir=lake)  # fmt: skip
    with pytest.raises(DomainError, match="aucun établissement"):
        add_stop(actor=manager1, visit_day=visit_day, party=PartyFactory(manager=manager1),
                 subject="Visite", lake_dir=lake)  # fmt: skip
    with pytest.raises(DomainError, match="déjà dans cette tournée"):
        add_stop(actor=manager1, visit_day=visit_day, party=parties[0], subject="Bis",
                 lake_dir=lake)  # fmt: skip
    typed = day_plan(visit_day)
    assert typed.minutes_saved == 0
    assert visit_day.order == RouteOrder.TYPED
    plan = optimise_day(actor=manager1, visit_day=visit_day)
    assert visit_day.order == RouteOrder.OPTIMISED
    assert plan.route.travel_minutes < typed.route.travel_minutes
    assert plan.minutes_saved == typed.route.travel_minutes - plan.route.travel_minutes
    assert plan.km_saved > 0
    assert plan.typed_km == typed.km
    assert sorted(v.stop.typed_rank for v in plan.visits) == [1, 2, 3, 4, 5]


def test_windows_are_kept_and_an_impossible_day_is_refused(
    manager1: Any, parties: list[Any], lake: Path
) -> None:
    """Amboise only after 15:00 is visited in the afternoon; a window no order can keep
    is refused and the order is left as it was."""
    visit_day = _filled(manager1, parties, lake)
    amboise = visit_day.stops.get(party=parties[1])
    amboise.earliest = dt.time(15, 0)
    amboise.save()
    plan = optimise_day(actor=manager1, visit_day=visit_day)
    [kept] = [v for v in plan.visits if v.stop.pk == amboise.pk]
    assert kept.starts >= dt.time(15, 0)
    assert not plan.late
    assert plan.visits.index(kept) >= 3  # the afternoon, on the way back or last
    before = list(visit_day.stops.values_list("pk", "rank"))
    visit_day.stops.filter(pk=amboise.pk).update(earliest=dt.time(8, 31), latest=dt.time(8, 35))
    with pytest.raises(DomainError, match="Aucun ordre"):
        optimise_day(actor=manager1, visit_day=visit_day)
    assert list(visit_day.stops.values_list("pk", "rank")) == before


def test_reordered_by_hand_booked_into_the_agenda_and_exported(
    manager1: Any, parties: list[Any], lake: Path
) -> None:
    """A visit moved by hand; the day booked (one appointment per visit on the premises,
    at the route's time); moved again and rebooked, the old appointments cancelled; a
    removed visit's appointment cancelled; the calendar has the agenda's UIDs."""
    visit_day = _filled(manager1, parties, lake)
    optimise_day(actor=manager1, visit_day=visit_day)
    plan = day_plan(visit_day)
    second = plan.visits[1].stop
    move_stop(actor=manager1, stop=second, step=-1)
    visit_day.refresh_from_db()
    assert visit_day.order == RouteOrder.MANUAL
    assert day_plan(visit_day).visits[0].stop.pk == second.pk
    with pytest.raises(DomainError, match="première"):
        move_stop(actor=manager1, stop=second, step=-1)
    booked = book_day(actor=manager1, visit_day=visit_day)
    assert booked.booked
    appointments = Appointment.objects.filter(manager=manager1, status=AppointmentStatus.PLANNED)
    assert appointments.count() == 5
    first = booked.visits[0]
    assert first.stop.appointment is not None
    local = timezone.localtime(first.stop.appointment.starts_at)
    assert (local.date(), local.time()) == (visit_day.day, first.starts)
    assert first.stop.appointment.place_kind == "locaux"
    move_stop(actor=manager1, stop=second, step=1)
    assert not day_plan(visit_day).booked
    assert day_plan(visit_day).outdated
    book_day(actor=manager1, visit_day=visit_day)
    assert appointments.count() == 5
    assert Appointment.objects.filter(status=AppointmentStatus.CANCELLED).count() >= 2
    remove_stop(actor=manager1, stop=visit_day.stops.get(pk=second.pk))
    assert appointments.count() == 4
    events = Calendar.from_ical(day_calendar(visit_day)).walk("VEVENT")
    confirmed = {str(e["uid"]).split("@")[0] for e in events if str(e["status"]) == "CONFIRMED"}
    assert confirmed == {f"rdv-{a.pk}" for a in appointments}
    # the events a move replaced leave as cancelled, for a calendar to drop them
    cancelled = {str(e["uid"]).split("@")[0] for e in events if str(e["status"]) == "CANCELLED"}
    moved = Appointment.objects.filter(
        status=AppointmentStatus.CANCELLED, party__in=visit_day.stops.values("party")
    )
    assert cancelled == {f"rdv-{a.pk}" for a in moved} != set()


def test_a_party_reassigned_since_is_no_longer_the_days(
    manager1: Any, manager2: Any, director: Any, parties: list[Any], lake: Path
) -> None:
    """A party moved to another portfolio after its visit was added: shown as such, the
    day refuses to book or move it, and its new manager's appointment leaves the ICS."""
    from probanker.parties.services import reassign_parties

    visit_day = _filled(manager1, parties[:2], lake)
    book_day(actor=manager1, visit_day=visit_day)
    reassign_parties(actor=director, parties=[parties[0]], target=manager2, reason="Départ")
    Appointment.objects.filter(party=parties[0]).update(manager=manager2)
    plan = day_plan(visit_day)
    assert [v.moved for v in plan.visits if v.stop.party_id == parties[0].pk] == [True]
    moved = next(v.stop for v in plan.visits if v.stop.party_id == parties[0].pk)
    with pytest.raises(DomainError, match="autre portefeuille"):
        book_day(actor=manager1, visit_day=visit_day)
    with pytest.raises(DomainError, match="autre portefeuille"):
        move_stop(actor=manager1, stop=moved, step=1)
    events = Calendar.from_ical(day_calendar(visit_day)).walk("VEVENT")
    assert [str(e["summary"]).endswith(parties[1].name) for e in events] == [True]
    remove_stop(actor=manager1, stop=moved)
    # the appointment is the new manager's: taking the visit out does not cancel it
    assert Appointment.objects.get(party=parties[0]).status == AppointmentStatus.PLANNED


def test_a_day_past_midnight_is_late(manager1: Any, parties: list[Any], lake: Path) -> None:
    """Visits that run past midnight make the day late (not « 23:59 » on time)."""
    today = timezone.localdate()
    visit_day = plan_day(actor=manager1, day=today + dt.timedelta(days=3), today=today,
                         leaves_at=dt.time(6, 0), back_by=dt.time(23, 59))  # fmt: skip
    for party in parties:
        add_stop(actor=manager1, visit_day=visit_day, party=party, subject="Visite",
                 minutes=240, lake_dir=lake)  # fmt: skip
    plan = day_plan(visit_day)
    assert plan.late
    assert plan.visits[-1].late
    with pytest.raises(DomainError, match="trop tard"):
        book_day(actor=manager1, visit_day=visit_day)


def _at(visit_day: VisitDay, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(visit_day.day, dt.time(hour, minute),
                               tzinfo=timezone.get_current_timezone())  # fmt: skip


def test_appointments_already_in_the_agenda_are_on_the_route(
    manager1: Any, manager2: Any, parties: list[Any], lake: Path
) -> None:
    """A meeting at the branch at the time a visit would start, and a visit on premises
    booked apart, are on the day at their times: the visits go around them, the
    optimiser keeps them, booking writes no overlap; another manager's appointment and
    the day's own visits are not counted twice."""
    visit_day = _filled(manager1, parties[:4], lake)
    optimise_day(actor=manager1, visit_day=visit_day)
    second = day_plan(visit_day).visits[1]
    at_branch = AppointmentFactory(manager=manager1, party=parties[4], subject="Signature",
                                   starts_at=_at(visit_day, second.starts.hour,
                                                 second.starts.minute))  # fmt: skip
    AppointmentFactory(manager=manager2, party=PartyFactory(manager=manager2),
                       starts_at=_at(visit_day, 9))  # fmt: skip
    plan = day_plan(visit_day)
    assert [e.appointment for e in plan.engagements] == [at_branch]
    [engagement] = plan.engagements
    for visit in plan.visits:  # in the order kept, the visits now go around the meeting
        assert visit.ends <= engagement.starts or visit.starts >= engagement.ends
    plan = optimise_day(actor=manager1, visit_day=visit_day)
    [engagement] = plan.engagements
    assert not plan.late
    assert engagement.starts == timezone.localtime(at_branch.starts_at).time()
    assert engagement.arrives <= engagement.starts
    for visit in plan.visits:  # none overlaps the meeting
        assert visit.ends <= engagement.starts or visit.starts >= engagement.ends
    assert [v.position for v in plan.visits] == [1, 2, 3, 4]
    booked = book_day(actor=manager1, visit_day=visit_day)
    assert booked.booked
    assert [e.appointment for e in booked.engagements] == [at_branch]  # not its own visits
    assert Appointment.objects.filter(manager=manager1).count() == 5


def test_a_meeting_begun_before_leaving_holds_the_departure(
    manager1: Any, parties: list[Any], lake: Path
) -> None:
    """A meeting at the branch from 8:00 to 10:00 keeps the day at the branch until 10:00."""
    visit_day = _filled(manager1, parties[:2], lake)
    AppointmentFactory(manager=manager1, party=parties[4], starts_at=_at(visit_day, 8),
                       duration_minutes=120)  # fmt: skip
    plan = optimise_day(actor=manager1, visit_day=visit_day)
    assert plan.timeline[0] == plan.engagements[0]
    assert plan.engagements[0].starts == dt.time(8, 0)
    assert plan.visits[0].arrives > dt.time(10, 0)
    assert not plan.late


def test_a_day_the_agenda_leaves_no_room_for_is_refused_whole(
    manager1: Any, parties: list[Any], lake: Path
) -> None:
    """A meeting that fills the afternoon and the morning's visits too long for the
    morning: no order fits, booking is refused naming why, no appointment written."""
    visit_day = _filled(manager1, parties[:3], lake)
    visit_day.stops.update(minutes=120)
    AppointmentFactory(manager=manager1, party=parties[4], starts_at=_at(visit_day, 11),
                       duration_minutes=7 * 60, subject="Comité")  # fmt: skip
    with pytest.raises(DomainError, match="rendez-vous déjà à l'agenda"):
        optimise_day(actor=manager1, visit_day=visit_day)
    with pytest.raises(DomainError, match="un rendez-vous de l'agenda"):
        book_day(actor=manager1, visit_day=visit_day)
    assert not visit_day.stops.exclude(appointment=None).exists()
    assert Appointment.objects.count() == 1


def test_the_pages_plan_optimise_and_export(
    manager1: Any, manager2: Any, director: Any, parties: list[Any], lake: Path, settings: Any
) -> None:
    """The week view and a day from the pages; another manager finds neither; a director
    plans for a manager of the branch."""
    client = Client()
    client.force_login(manager1)
    day = timezone.localdate() + dt.timedelta(days=7)
    answer = client.post("/prospection/tournees/", {"day": day.isoformat(), "leaves_at": "08:30",
                                                    "back_by": "18:30"})  # fmt: skip
    visit_day = VisitDay.objects.get(owner=manager1)
    assert answer["Location"] == f"/prospection/tournees/{visit_day.pk}/"
    for party in parties[:3]:
        added = client.post(answer["Location"], {"party": party.pk, "subject": "Visite",
                                                 "minutes": "45"})  # fmt: skip
        assert added.status_code == 302
    late = client.post(answer["Location"], {"party": parties[3].pk, "subject": "Visite",
                       "minutes": "45", "earliest": "12:00", "latest": "11:00"})  # fmt: skip
    assert "« Pas après » doit suivre" in late.content.decode()
    meeting = AppointmentFactory(manager=manager1, party=parties[4], subject="Signature du prêt",
                                 starts_at=_at(visit_day, 12))  # fmt: skip
    client.post(f"/prospection/tournees/{visit_day.pk}/optimiser/")
    client.post(f"/prospection/tournees/{visit_day.pk}/agenda/")
    page = client.get(answer["Location"]).content.decode()
    assert "optimisée" in page
    assert "Exporter la tournée (ICS)" in page
    assert "BOULANGERIE DE FONDETTES" in page
    assert f'id="rdv-{meeting.pk}"' in page
    assert "Signature du prêt" in page
    assert "déjà à l'agenda, à heure fixe" in page
    ics = client.get(f"/prospection/tournees/{visit_day.pk}.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.count(b"BEGIN:VEVENT") == 3
    week = client.get(f"/prospection/tournees/?semaine={day.isoformat()}").content.decode()
    assert f"/prospection/tournees/{visit_day.pk}/" in week
    assert "inscrite" in week
    for far in ("9999-12-31", "0001-01-01", "9999-12-27"):
        assert client.get(f"/prospection/tournees/?semaine={far}").status_code == 200
        assert client.get(f"/agenda/?semaine={far}").status_code == 200
    other = Client()
    other.force_login(manager2)
    assert other.get(answer["Location"]).status_code == 404
    assert other.post(f"/prospection/tournees/{visit_day.pk}/optimiser/").status_code == 404
    assert (
        f"/prospection/tournees/{visit_day.pk}/"
        not in other.get(f"/prospection/tournees/?semaine={day.isoformat()}").content.decode()
    )
    boss = Client()
    boss.force_login(director)
    made = boss.post("/prospection/tournees/", {"day": day.isoformat(), "leaves_at": "09:00",
                     "back_by": "17:00", "owner": manager2.pk})  # fmt: skip
    assert made.status_code == 302
    assert VisitDay.objects.get(owner=manager2).leaves_at == dt.time(9, 0)
