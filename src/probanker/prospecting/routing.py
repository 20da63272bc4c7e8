"""The route of a day of visits: travel from distances, a schedule along an order, and
the order OR-Tools finds.

No routing server: the distance by road is the great-circle distance times a detour
factor (1.3 is the usual ratio between road and straight line in France outside
cities), the travel time that distance at an average speed. Times are whole minutes
since midnight. Distances are lengths, not amounts: floats are fine here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from probanker.prospecting.register.geo import haversine_km

#: How long the guided local search improves the first route (it runs to this limit).
SEARCH_MILLISECONDS = 400
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Place:
    """A position in WGS 84."""

    longitude: float
    latitude: float


@dataclass(frozen=True)
class Stop:
    """A visit: where, how long, and the window in which it must start (minutes since
    midnight, ``None``: any time)."""

    place: Place
    minutes: int
    earliest: int | None = None
    latest: int | None = None


@dataclass(frozen=True)
class Travel:
    """Road distances (km) and travel times (minutes) between the branch (index 0) and the
    stops (1..n)."""

    km: tuple[tuple[float, ...], ...]
    minutes: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Schedule:
    """A day along one order of the stops (indexes into the stops): the arrival and the
    start of each visit (a visit starts at its window's opening when one arrives
    early), the return to the branch, the kilometres and the minutes on the road, and
    the stops whose window is missed."""

    order: tuple[int, ...]
    arrivals: tuple[int, ...]
    starts: tuple[int, ...]
    back_at: int
    km: float
    travel_minutes: int
    late: tuple[int, ...]

    @property
    def feasible(self) -> bool:
        return not self.late


def travel(branch: Place, stops: Sequence[Stop], detour: float, speed_kmh: float) -> Travel:
    """The distance and time matrices of the branch and the stops."""
    places = [branch, *(s.place for s in stops)]
    km = tuple(
        tuple(
            haversine_km(a.longitude, a.latitude, b.longitude, b.latitude) * detour for b in places
        )
        for a in places
    )
    minutes = tuple(tuple(math.ceil(d / speed_kmh * 60) for d in row) for row in km)
    return Travel(km=km, minutes=minutes)


def schedule(order: Sequence[int], stops: Sequence[Stop], matrix: Travel, leave: int) -> Schedule:
    """The day when one leaves the branch at ``leave`` and visits the stops in ``order``."""
    now, here, km, driven = leave, 0, 0.0, 0
    arrivals: list[int] = []
    starts: list[int] = []
    late: list[int] = []
    for index in order:
        node = index + 1
        km += matrix.km[here][node]
        driven += matrix.minutes[here][node]
        now += matrix.minutes[here][node]
        arrivals.append(now)
        stop = stops[index]
        if stop.earliest is not None and now < stop.earliest:
            now = stop.earliest
        if stop.latest is not None and now > stop.latest:
            late.append(index)
        starts.append(now)
        now += stop.minutes
        here = node
    km += matrix.km[here][0]
    driven += matrix.minutes[here][0]
    return Schedule(
        order=tuple(order), arrivals=tuple(arrivals), starts=tuple(starts),
        back_at=now + matrix.minutes[here][0], km=km, travel_minutes=driven, late=tuple(late),
    )  # fmt: skip


def optimise(stops: Sequence[Stop], matrix: Travel, leave: int, back_by: int) -> Schedule | None:
    """The order of least travel time that starts every visit within its window and is
    back at the branch by ``back_by`` (OR-Tools' routing solver, guided local search
    for a few hundred milliseconds); ``None`` when no order keeps every window."""
    if not stops:
        return schedule((), stops, matrix, leave)
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2  # heavy: on demand

    manager = pywrapcp.RoutingIndexManager(len(stops) + 1, 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    service = [0, *(s.minutes for s in stops)]

    def drive(from_index: int, to_index: int) -> int:
        return matrix.minutes[manager.IndexToNode(from_index)][manager.IndexToNode(to_index)]

    def busy(from_index: int, to_index: int) -> int:
        return service[manager.IndexToNode(from_index)] + drive(from_index, to_index)

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(drive))
    # The time dimension counts the visit at the node one leaves, then the road; slack
    # is the wait for a window to open.
    routing.AddDimension(routing.RegisterTransitCallback(busy), DAY_MINUTES, DAY_MINUTES,
                         False, "Time")  # fmt: skip
    clock = routing.GetDimensionOrDie("Time")
    clock.CumulVar(routing.Start(0)).SetRange(leave, leave)
    clock.CumulVar(routing.End(0)).SetRange(leave, back_by)
    for index, stop in enumerate(stops):
        earliest = leave if stop.earliest is None else max(leave, stop.earliest)
        latest = back_by if stop.latest is None else stop.latest
        if latest < earliest:
            return None
        clock.CumulVar(manager.NodeToIndex(index + 1)).SetRange(earliest, latest)
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    parameters.time_limit.FromMilliseconds(SEARCH_MILLISECONDS)
    solution = routing.SolveWithParameters(parameters)
    if solution is None:
        return None
    order: list[int] = []
    index = solution.Value(routing.NextVar(routing.Start(0)))
    while not routing.IsEnd(index):
        order.append(manager.IndexToNode(index) - 1)
        index = solution.Value(routing.NextVar(index))
    return schedule(order, stops, matrix, leave)


#: Above this many ways of slotting the appointments already in the agenda into an
#: order, they are slotted one at a time instead of all ways tried.
SLOTTINGS_TRIED = 5000


def fits(day: Schedule, back_by: int) -> bool:
    """Every visit within its window and back at the branch in time."""
    return day.feasible and day.back_at <= back_by


def insert_fixed(
    order: Sequence[int],
    fixed: Sequence[int],
    stops: Sequence[Stop],
    matrix: Travel,
    leave: int,
    back_by: int,
) -> tuple[int, ...]:
    """``order`` with the stops ``fixed`` (appointments already in the agenda, each with a
    window of one minute) slotted in, in the order of their time, where the day keeps
    every window with the least road time; where no slotting keeps them all, the one
    that misses fewest. Every slotting is tried while there are few, so that an order
    the optimiser found is never made worse by putting its appointments back."""
    if not fixed:
        return tuple(order)
    timed = sorted(fixed, key=lambda i: (stops[i].earliest or 0, i))

    def merged(slots: Sequence[int]) -> tuple[int, ...]:
        out, k = [], 0
        for position in range(len(order) + 1):
            while k < len(timed) and slots[k] == position:
                out.append(timed[k])
                k += 1
            if position < len(order):
                out.append(order[position])
        return tuple(out)

    def cost(candidate: tuple[int, ...]) -> tuple[int, int, int]:
        day = schedule(candidate, stops, matrix, leave)
        return (len(day.late) + (day.back_at > back_by), day.travel_minutes, day.back_at)

    if math.comb(len(order) + len(timed), len(timed)) <= SLOTTINGS_TRIED:
        candidates = (
            merged(slots)
            for slots in itertools.combinations_with_replacement(range(len(order) + 1),
                                                                 len(timed))
        )  # fmt: skip
        return min(candidates, key=cost)
    current: tuple[int, ...] = tuple(order)
    for index in timed:  # one at a time, each after the ones before it
        after = max((n + 1 for n, i in enumerate(current) if i in timed), default=0)
        options: list[tuple[int, ...]] = [
            (*current[:p], index, *current[p:]) for p in range(after, len(current) + 1)
        ]
        current = min(options, key=cost)
    return current


def best_by_enumeration(
    stops: Sequence[Stop], matrix: Travel, leave: int, back_by: int
) -> Schedule | None:
    """Every order tried (a handful of stops only): the reference the tests and the
    benchmark hold the optimiser to."""
    best: Schedule | None = None
    for order in itertools.permutations(range(len(stops))):
        day = schedule(order, stops, matrix, leave)
        if fits(day, back_by) and (best is None or day.travel_minutes < best.travel_minutes):
            best = day
    return best
