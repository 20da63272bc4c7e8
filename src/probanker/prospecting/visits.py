"""Days of visits: appointments on clients' and prospects' premises planned as a round
trip from the branch, the order OR-Tools finds, a hand-made order, the agenda.

A day belongs to a manager (a director plans it for one of the branch's managers).
Each visit is placed where the register puts the party's establishment (its head
office first) and keeps its rank as typed, so that the optimised route is always
compared with the order the manager typed: kilometres and minutes saved. Booking
the day writes its visits into the agenda (``agenda.services``) at the times the
route gives; the day's calendar is then the agenda's own events (one UID each).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from probanker.agenda import services as agenda
from probanker.agenda.ics import calendar_of
from probanker.agenda.models import MAX_DURATION_MINUTES, Appointment, AppointmentStatus, PlaceKind
from probanker.core.formatting import date_fr
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties.choices import PartyKind
from probanker.parties.models import Party
from probanker.prospecting import routing
from probanker.prospecting.models import (
    ProspectSource,
    RouteOrder,
    Territory,
    VisitDay,
    VisitStop,
)
from probanker.prospecting.register.search import Criteria, search
from probanker.prospecting.services import owning_manager

CHANGE = "visit.change"
DAY_MINUTES = 24 * 60
MAX_STOPS = 10


@dataclass(frozen=True)
class PlannedVisit:
    """A visit of the day with the time the route gives it."""

    stop: VisitStop
    arrives: dt.time
    starts: dt.time
    ends: dt.time
    late: bool
    #: The party is now another manager's: the visit is no longer this day's to book.
    moved: bool = False
    #: Its rank among the day's visits (1 first), the appointments aside.
    position: int = 0


@dataclass(frozen=True)
class Engagement:
    """An appointment of the manager already in the agenda during the day, not one of
    its visits: the route goes by it at its time (at the branch for a meeting there or
    by video, on the party's premises for a visit booked elsewhere)."""

    appointment: Appointment
    arrives: dt.time
    starts: dt.time
    ends: dt.time
    late: bool
    #: Where it takes place could not be placed on the map: counted at the branch.
    unplaced: bool = False


@dataclass(frozen=True)
class DayPlan:
    """The day along its current order, the same day in the order typed, and what the
    current order saves on it."""

    day: VisitDay
    visits: list[PlannedVisit]
    route: routing.Schedule
    typed: routing.Schedule
    back_at: dt.time
    #: The agenda's other appointments during the day, in the route's order.
    engagements: list[Engagement] = field(default_factory=list)
    #: The visits and the engagements together, in the route's order.
    timeline: list[PlannedVisit | Engagement] = field(default_factory=list)

    @property
    def km_saved(self) -> Decimal:
        return _km(self.typed.km) - _km(self.route.km)

    @property
    def minutes_saved(self) -> int:
        return self.typed.travel_minutes - self.route.travel_minutes

    @property
    def minutes_lost(self) -> int:
        """The minutes the current order costs more than the typed one (0 if none)."""
        return max(0, -self.minutes_saved)

    @property
    def km(self) -> Decimal:
        return _km(self.route.km)

    @property
    def typed_km(self) -> Decimal:
        return _km(self.typed.km)

    @property
    def late(self) -> bool:
        # on the route's minutes, not the clock: a day past midnight is late, not « 23:59 »
        return (
            any(v.late for v in self.timeline)
            or any(v.late for v in self.visits)
            or self.route.back_at > _minutes(self.day.back_by)
        )

    @property
    def booked(self) -> bool:
        """Every visit is in the agenda at the time the route gives it."""
        return bool(self.visits) and all(_booked_at(v) for v in self.visits)

    @property
    def outdated(self) -> bool:
        """Visits are in the agenda, but some no longer at the route's time (the day was
        reordered, or a visit added, since it was booked)."""
        planned = [v for v in self.visits if v.stop.appointment is not None
                   and v.stop.appointment.status == AppointmentStatus.PLANNED]  # fmt: skip
        return bool(planned) and not self.booked


def _km(value: float) -> Decimal:
    """A distance shown to the tenth of a kilometre."""
    return Decimal(str(round(value, 1)))


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _clock(minutes: int) -> dt.time:
    """A time of day from minutes since midnight (a day that runs past midnight stops at
    23:59: it is late anyway)."""
    minutes = min(minutes, routing.DAY_MINUTES - 1)
    return dt.time(minutes // 60, minutes % 60)


def _branch_place(day: VisitDay) -> routing.Place:
    """Where the day starts and ends: the branch's position, kept with its territory."""
    territory = Territory.objects.filter(branch_id=day.branch_id).first()
    if territory is None:
        raise DomainError(
            f"L'agence {day.branch.name} n'a pas de position : un administrateur renseigne "
            "son territoire de prospection (latitude et longitude de l'agence) avant qu'une "
            "tournée parte d'elle."
        )
    return routing.Place(float(territory.longitude), float(territory.latitude))


#: How far ahead a day of visits may be planned.
PLAN_AHEAD = dt.timedelta(days=366)


@transaction.atomic
def plan_day(
    *,
    actor: User,
    day: dt.date,
    today: dt.date,
    owner: User | None = None,
    leaves_at: dt.time = dt.time(8, 30),
    back_by: dt.time = dt.time(18, 30),
) -> VisitDay:
    """A new day of visits of ``owner`` (the actor; a director names a manager of the
    branch), leaving the branch at ``leaves_at`` and back by ``back_by``. Refused in
    the past, twice on one day, or from a branch without a position."""
    require(actor, CHANGE)
    owner, branch_id = owning_manager(actor, owner, "Une tournée")
    if day < today:
        raise DomainError(f"Le {date_fr(day)} est passé : une tournée se prépare à l'avance.")
    if day > today + PLAN_AHEAD:
        raise DomainError(
            f"Le {date_fr(day)} est à plus d'un an : une tournée se prépare dans l'année."
        )
    if leaves_at >= back_by:
        raise DomainError("Le retour à l'agence doit suivre le départ.")
    if VisitDay.objects.filter(owner=owner, day=day).exists():
        raise DomainError(f"Une tournée est déjà prévue le {date_fr(day)} : complétez-la.")
    visit_day = VisitDay(branch_id=branch_id, owner=owner, day=day,
                         leaves_at=leaves_at, back_by=back_by)  # fmt: skip
    _branch_place(visit_day)
    visit_day.save()
    return visit_day


def _position(party: Party, lake_dir: Path | None) -> tuple[Decimal, Decimal, str]:
    """Where the register puts the party (latitude, longitude, address): its head office
    first, then its other establishments and the SIRET it was prospected from."""
    sirets = list(
        party.establishments.order_by("-is_head_office", "siret").values_list("siret", flat=True)
    )
    sirets += [s for s in ProspectSource.objects.filter(party=party).values_list("siret", flat=True)
               if s and s not in sirets]  # fmt: skip
    if not sirets:
        raise DomainError(f"{party.name} n'a aucun établissement connu (SIRET) : "
                          "sa position ne peut être lue dans le répertoire.")  # fmt: skip
    found = search(Criteria(sirets=tuple(sirets), include_closed=True, include_partial=True,
                            limit=len(sirets)), lake_dir)  # fmt: skip
    if not found.available:
        raise DomainError("Le répertoire SIRENE n'est pas importé : aucune position connue.")
    rows = {r["siret"]: r for r in found.rows if r["latitude"] is not None}
    for siret in sirets:
        if siret in rows:
            row = rows[siret]
            town = " ".join(p for p in (row["postal_code"], row["city"]) if p)
            address = ", ".join(p for p in (row["street"], town) if p)
            return (Decimal(str(round(row["latitude"], 6))),
                    Decimal(str(round(row["longitude"], 6))), address[:240])  # fmt: skip
    raise DomainError(f"Le répertoire ne donne pas de position à {party.name} "
                      f"(SIRET {', '.join(sirets)}).")  # fmt: skip


@transaction.atomic
def add_stop(
    *,
    actor: User,
    visit_day: VisitDay,
    party: Party,
    subject: str,
    minutes: int = 45,
    earliest: dt.time | None = None,
    latest: dt.time | None = None,
    lake_dir: Path | None = None,
) -> VisitStop:
    """A visit to ``party`` (a client or prospect of the day's manager) at the end of
    the typed order, placed where the register puts it; its window, when given, is when
    the visit may start."""
    require(actor, CHANGE)
    if party.manager_id != visit_day.owner_id or party.kind not in PartyKind.values:
        raise DomainError(f"{party.name} n'est pas dans le portefeuille de cette tournée.")
    if not subject.strip():
        raise DomainError("Indiquez l'objet de la visite.")
    if not 10 <= minutes <= 240:
        raise DomainError("Une visite dure de 10 à 240 minutes.")
    if earliest is not None and latest is not None and earliest > latest:
        raise DomainError("La plage horaire est à l'envers : « pas avant » suit « pas après ».")
    stops = visit_day.stops.all()
    if stops.filter(party=party).exists():
        raise DomainError(f"{party.name} est déjà dans cette tournée.")
    if stops.count() >= MAX_STOPS:
        raise DomainError(f"Une tournée compte {MAX_STOPS} visites au plus.")
    latitude, longitude, address = _position(party, lake_dir)
    last = stops.aggregate(typed=Max("typed_rank"), rank=Max("rank"))
    return VisitStop.objects.create(
        visit_day=visit_day, party=party, subject=subject.strip()[:160], minutes=minutes,
        earliest=earliest, latest=latest, typed_rank=(last["typed"] or 0) + 1,
        rank=(last["rank"] or 0) + 1, latitude=latitude, longitude=longitude, address=address,
    )  # fmt: skip


def _route_stops(stops: list[VisitStop]) -> list[routing.Stop]:
    return [
        routing.Stop(
            place=routing.Place(float(s.longitude), float(s.latitude)),
            minutes=s.minutes,
            earliest=None if s.earliest is None else _minutes(s.earliest),
            latest=None if s.latest is None else _minutes(s.latest),
        )
        for s in stops
    ]


@dataclass(frozen=True)
class _Points:
    """What a day's route is computed on: the visits (first) and the engagements (after
    them) as stops, their travel matrix, the engagements and which were not placed."""

    stops: list[routing.Stop]
    matrix: routing.Travel
    engagements: list[Appointment]
    unplaced: list[bool]


def _points(visit_day: VisitDay, stops: list[VisitStop]) -> _Points:
    engagements = _engagements(visit_day, stops)
    branch = _branch_place(visit_day)
    places = [_engagement_place(a, stops, branch) for a in engagements]
    points = _route_stops(stops) + [
        _fixed_stop(a, place, _minutes(visit_day.leaves_at))
        for a, (place, _) in zip(engagements, places, strict=True)
    ]
    matrix = routing.travel(branch, points, float(visit_day.detour), float(visit_day.speed_kmh))
    return _Points(points, matrix, engagements, [unplaced for _, unplaced in places])


def _engagements(visit_day: VisitDay, stops: list[VisitStop]) -> list[Appointment]:
    """The owner's planned appointments under way while the day is out (ending after
    the departure, starting before the latest return), other than the day's own visits."""
    zone = timezone.get_current_timezone()
    leaves = dt.datetime.combine(visit_day.day, visit_day.leaves_at, tzinfo=zone)
    back = dt.datetime.combine(visit_day.day, visit_day.back_by, tzinfo=zone)
    own = [s.appointment_id for s in stops if s.appointment_id is not None]
    rows = (
        Appointment.objects.of_manager(visit_day.owner_id)
        .planned()
        .filter(starts_at__lt=back,
                starts_at__gte=leaves - dt.timedelta(minutes=MAX_DURATION_MINUTES))
        .exclude(pk__in=own)
        .select_related("party")
        .order_by("starts_at", "pk")
    )  # fmt: skip
    return [a for a in rows if a.ends_at > leaves]


def _engagement_place(
    appointment: Appointment, stops: list[VisitStop], branch: routing.Place
) -> tuple[routing.Place, bool]:
    """Where an engagement takes place, and whether it could not be placed (then the
    branch): the branch for a meeting there or by video; the party's premises, read
    from a visit to it (this day's or another's) or from the register, for one there."""
    if appointment.place_kind in (PlaceKind.BRANCH, PlaceKind.VIDEO):
        return branch, False
    if appointment.place_kind == PlaceKind.PREMISES:
        known = next((s for s in stops if s.party_id == appointment.party_id), None)
        if known is None:
            known = VisitStop.objects.filter(party_id=appointment.party_id).order_by("-pk").first()
        if known is not None:
            return routing.Place(float(known.longitude), float(known.latitude)), False
        try:
            latitude, longitude, _ = _position(appointment.party, None)
        except DomainError:
            return branch, True
        return routing.Place(float(longitude), float(latitude)), False
    return branch, True


def day_plan(visit_day: VisitDay) -> DayPlan:
    """The day in its current order with the time of each visit, and the typed order's
    kilometres and minutes for comparison. The manager's other appointments of the day
    are on the way at their times, slotted where they cost the least road time in
    either order."""
    stops = list(visit_day.stops.select_related("party", "appointment").order_by("rank", "pk"))
    day = _points(visit_day, stops)
    points, matrix, engagements = day.stops, day.matrix, day.engagements
    leave, back_by = _minutes(visit_day.leaves_at), _minutes(visit_day.back_by)
    fixed = range(len(stops), len(points))
    current = routing.insert_fixed(range(len(stops)), fixed, points, matrix, leave, back_by)
    route = routing.schedule(current, points, matrix, leave)
    typed_order = sorted(range(len(stops)), key=lambda i: (stops[i].typed_rank, stops[i].pk))
    typed = routing.schedule(
        routing.insert_fixed(typed_order, fixed, points, matrix, leave, back_by),
        points, matrix, leave,
    )  # fmt: skip
    timeline: list[PlannedVisit | Engagement] = []
    for n, i in enumerate(route.order):
        arrives, starts = _clock(route.arrivals[n]), _clock(route.starts[n])
        ends = _clock(route.starts[n] + points[i].minutes)
        late = i in route.late or route.starts[n] + points[i].minutes >= DAY_MINUTES
        if i < len(stops):
            timeline.append(PlannedVisit(
                stop=stops[i], arrives=arrives, starts=starts, ends=ends, late=late,
                moved=stops[i].party.manager_id != visit_day.owner_id,
                position=sum(isinstance(t, PlannedVisit) for t in timeline) + 1,
            ))  # fmt: skip
        else:
            k = i - len(stops)
            appointment = engagements[k]  # shown at its own times, the route's at arrival
            timeline.append(Engagement(
                appointment=appointment, arrives=arrives, late=late, unplaced=day.unplaced[k],
                starts=timezone.localtime(appointment.starts_at).time(),
                ends=timezone.localtime(appointment.ends_at).time(),
            ))  # fmt: skip
    return DayPlan(
        day=visit_day, visits=[t for t in timeline if isinstance(t, PlannedVisit)],
        route=route, typed=typed, back_at=_clock(route.back_at),
        engagements=[t for t in timeline if isinstance(t, Engagement)], timeline=timeline,
    )  # fmt: skip


def _fixed_stop(appointment: Appointment, place: routing.Place, leave: int) -> routing.Stop:
    """An engagement as a stop that must start at its time; one begun before the day
    leaves holds the departure until it ends (the part of it still to come)."""
    at = _minutes(timezone.localtime(appointment.starts_at).time())
    minutes = appointment.duration_minutes - max(0, leave - at)
    return routing.Stop(place=place, minutes=minutes, earliest=max(at, leave),
                        latest=max(at, leave))  # fmt: skip


def _rerank(visit_day: VisitDay, stops: list[VisitStop], order: str) -> None:
    for rank, stop in enumerate(stops, start=1):
        if stop.rank != rank:
            stop.rank = rank
            stop.save(update_fields=["rank"])
    visit_day.order = order
    visit_day.save(update_fields=["order"])


@transaction.atomic
def optimise_day(*, actor: User, visit_day: VisitDay) -> DayPlan:
    """Reorder the visits for the least time on the road that starts each within its
    window and is back at the branch in time; refused, the order unchanged, when no
    order can."""
    require(actor, CHANGE)
    stops = list(visit_day.stops.order_by("rank", "pk"))
    if len(stops) < 2:
        raise DomainError("Il faut au moins deux visites pour chercher un meilleur ordre.")
    day = _points(visit_day, stops)
    best = routing.optimise(day.stops, day.matrix, _minutes(visit_day.leaves_at),
                            _minutes(visit_day.back_by))  # fmt: skip
    if best is None:
        around = " et les rendez-vous déjà à l'agenda" if day.engagements else ""
        raise DomainError(
            "Aucun ordre ne permet de commencer chaque visite dans sa plage horaire"
            f"{around} et de rentrer à l'agence avant {visit_day.back_by:%H:%M} : "
            "élargissez une plage, raccourcissez une visite ou reportez-en une."
        )
    _rerank(visit_day, [stops[i] for i in best.order if i < len(stops)], RouteOrder.OPTIMISED)
    return day_plan(visit_day)


@transaction.atomic
def move_stop(*, actor: User, stop: VisitStop, step: int) -> None:
    """Move a visit one place earlier (``-1``) or later (``+1``) in the route, by hand."""
    require(actor, CHANGE)
    _still_ours(stop)
    stops = list(stop.visit_day.stops.order_by("rank", "pk"))
    index = next(n for n, s in enumerate(stops) if s.pk == stop.pk)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(stops):
        raise DomainError(
            f"{stop.party.name} est déjà {'la dernière' if step > 0 else 'la première'} visite."
        )
    stops[index], stops[other] = stops[other], stops[index]
    _rerank(stop.visit_day, stops, RouteOrder.MANUAL)


@transaction.atomic
def remove_stop(*, actor: User, stop: VisitStop) -> None:
    """Take a visit out of the day; its appointment, if booked, is cancelled."""
    require(actor, CHANGE)
    visit_day = stop.visit_day
    _cancel(actor, stop, "visite retirée de la tournée")
    stop.delete()
    _rerank(visit_day, list(visit_day.stops.order_by("rank", "pk")), visit_day.order)


def _still_ours(stop: VisitStop) -> None:
    """Refuse to plan a visit of a party reassigned to another manager since it was added."""
    if stop.party.manager_id != stop.visit_day.owner_id:
        raise DomainError(
            f"{stop.party.name} est désormais suivi dans un autre portefeuille : "
            "retirez cette visite de la tournée."
        )


def _cancel(actor: User, stop: VisitStop, reason: str) -> None:
    appointment = stop.appointment
    # an appointment the party's new manager holds is theirs to cancel, not this day's
    if (
        appointment is not None
        and appointment.status == AppointmentStatus.PLANNED
        and appointment.manager_id == stop.visit_day.owner_id
    ):
        agenda.set_appointment_status(actor=actor, appointment=appointment,
                                      status=AppointmentStatus.CANCELLED, reason=reason)  # fmt: skip


@transaction.atomic
def book_day(*, actor: User, visit_day: VisitDay) -> DayPlan:
    """Write the day's visits into the agenda at the route's times, on the parties'
    premises. A visit already booked at its time stays; one whose time changed has its
    appointment cancelled and booked again (a calendar drops the old one), so that
    visits never overlap one another while they move. A visit that would overlap
    another appointment of the manager is refused with it, nothing written."""
    require(actor, CHANGE)
    plan = day_plan(visit_day)
    if not plan.visits:
        raise DomainError("La tournée ne compte encore aucune visite.")
    for visit in plan.visits:
        _still_ours(visit.stop)
    if plan.late:
        raise DomainError(
            "Dans cet ordre, une visite manque sa plage horaire, un rendez-vous de l'agenda "
            "ou le retour est trop tard : optimisez la tournée ou réordonnez-la avant de l'inscrire à l'agenda."
        )
    zone = timezone.get_current_timezone()
    moving = [v for v in plan.visits if not _booked_at(v)]
    for visit in moving:
        _cancel(actor, visit.stop, "tournée réorganisée")
    for visit in moving:
        starts_at = dt.datetime.combine(visit_day.day, visit.starts, tzinfo=zone)
        try:
            appointment = agenda.book_appointment(
                actor=actor, party=visit.stop.party, starts_at=starts_at,
                duration_minutes=visit.stop.minutes, place_kind=PlaceKind.PREMISES,
                subject=visit.stop.subject, address=visit.stop.address,
            )  # fmt: skip
        except DomainError as exc:
            raise DomainError(f"{visit.stop.party.name} à {visit.starts:%H:%M} : {exc}") from exc
        visit.stop.appointment = appointment
        visit.stop.save(update_fields=["appointment"])
    return day_plan(visit_day)


def _booked_at(visit: PlannedVisit) -> bool:
    appointment = visit.stop.appointment
    return (
        appointment is not None
        and appointment.status == AppointmentStatus.PLANNED
        and timezone.localtime(appointment.starts_at).time() == visit.starts
        and appointment.duration_minutes == visit.stop.minutes
    )


def day_calendar(visit_day: VisitDay) -> bytes:
    """The day's booked visits as iCalendar: the agenda's events, with their UIDs, so
    that importing it again updates a calendar instead of doubling it. The manager's
    appointments of that day with the day's parties that were cancelled (a visit moved
    and booked again) go with them as cancelled, so that a calendar drops them."""
    stops = visit_day.stops.all()
    booked = Q(pk__in=stops.exclude(appointment=None).values("appointment"))
    dropped = Q(status=AppointmentStatus.CANCELLED, party__in=stops.values("party"))
    appointments = (
        Appointment.objects.of_manager(visit_day.owner_id)
        .on_day(visit_day.day)
        .filter(booked | dropped)
        .select_related("party")
        .order_by("starts_at", "pk")
    )
    return calendar_of(appointments, f"Tournée du {date_fr(visit_day.day)}")
