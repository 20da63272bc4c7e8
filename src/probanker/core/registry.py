"""What each app contributes to the workstation, registered in ``AppConfig.ready()``.

The client page and « Ma journée » (``workspace``), the main menu, the client's
history and the daily batch (``batch``) read these registries in order; an app
adds a panel, a widget, a menu entry, a history source, a batch step or a signal
provider without editing another app (NetBox's ``register_model_view``,
Datasette's ``menu_links``). Each record carries the permission it needs.

Records are small frozen dataclasses; registering the same key twice replaces the
first record (``ready()`` may run more than once in tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Context = Mapping[str, Any]


@dataclass(frozen=True)
class ClientPanel:
    """A section of the client page.

    ``context(request, party)`` returns the partial's context (``None`` hides the
    panel for this party); ``applies_to(party)`` says to which parties it
    applies (all when ``None``), e.g. clients only, or businesses only. A panel
    with ``link`` is a tab that leads to a page of its own instead of a section.
    """

    key: str
    title: str
    order: int
    template: str = ""
    context: Callable[[Any, Any], Context | None] | None = None
    action: str | None = None
    applies_to: Callable[[Any], bool] | None = None
    link: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class DayWidget:
    """A block of « Ma journée »: ``context(request, today)`` → its partial's context.

    ``None`` (or a context whose ``count`` is 0 when ``hide_when_empty``) hides it.
    """

    key: str
    title: str
    order: int
    template: str
    context: Callable[[Any, dt.date], Context | None]
    action: str | None = None
    hide_when_empty: bool = False


@dataclass(frozen=True)
class MenuEntry:
    """An entry of the main menu, shown to the roles that may perform ``action``
    (and, with ``visible``, to the users for whom ``visible(user)`` is true)."""

    key: str
    label: str
    url_name: str
    order: int
    action: str | None = None
    visible: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class HistorySource:
    """A historied model bound to a client, merged into the client's history.

    ``party_lookup`` leads from the historical record to the party's id
    (``"party_id"``, ``"file__party_id"``...); ``label`` names the element;
    ``describe(record)`` may name the row (e.g. « Dossier n° 12 »).
    """

    key: str
    model: type[Any]
    label: str
    party_lookup: str = "party_id"
    describe: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class StepContext:
    """What a batch step receives: the business date and where to work."""

    as_of: dt.date
    lake_dir: Path
    engine: str = "duckdb"


@dataclass(frozen=True)
class BatchStep:
    """A step of ``probanker daily``, idempotent for a business date.

    ``run(context)`` returns counts (``{"alerts_opened": 3, ...}``) for the journal.
    """

    name: str
    label: str
    order: int
    run: Callable[[StepContext], Mapping[str, Any]]


@dataclass(frozen=True)
class SignalProvider:
    """Per-client signals another app computes for the risk engine.

    ``columns`` maps each signal to its type (``"int64"`` or ``"boolean"``);
    ``provide()`` returns ``{party_id: {signal: value}}``.
    """

    key: str
    columns: Mapping[str, str]
    provide: Callable[[], Mapping[int, Mapping[str, Any]]]


@dataclass(frozen=True)
class PartyFigures:
    """Money columns of the client list that another app computes (e.g. deposits).

    ``columns`` are ``(key, label)`` pairs; ``annotations()`` gives the Party
    queryset annotations to sort on them; ``for_parties(ids)`` returns
    ``{party_id: {key: Decimal}}`` for one page's rows, in one query. With an
    ``action``, only users holding it see the columns (:func:`party_figures_for`).
    """

    key: str
    order: int
    columns: tuple[tuple[str, str], ...]
    annotations: Callable[[], Mapping[str, Any]]
    for_parties: Callable[[list[int]], Mapping[int, Mapping[str, Any]]]
    action: str | None = None


@dataclass(frozen=True)
class ContactSource:
    """Where contacts with clients are logged (agenda, sales): the portfolio's attrition
    signal « no contact for a year » reads them once at least one source is registered.

    ``last_contacts(party_ids)`` returns ``{party_id: date of the latest contact}``
    in one query.
    """

    key: str
    last_contacts: Callable[[list[int]], Mapping[int, dt.date]]


@dataclass(frozen=True)
class ActionResults:
    """What a commercial action of the portfolio led to, counted by another capability.

    ``count(party_ids, start, end)`` returns ``{label: number}`` (e.g.
    ``{"Opportunités": 3, "Ventes": 1}``) for the action's clients between
    ``start`` and ``end`` (half-open), in a constant number of queries.
    """

    key: str
    order: int
    count: Callable[[list[int], dt.date, dt.date], Mapping[str, int]]


@dataclass(frozen=True)
class ActivityItem:
    """One thing a user did (a credit file set up, an interview held...), for their report."""

    day: dt.date
    text: str


@dataclass(frozen=True)
class ActivitySource:
    """A kind of a user's commercial activity, read for the certification's activity report.

    ``count(user, start, end)`` and ``items(user, start, end)`` cover the closed
    period ``[start, end]``; the app owning the rows registers the source, so the
    report reads every capability without importing it.
    """

    key: str
    label: str
    order: int
    count: Callable[[Any, dt.date, dt.date], int]
    items: Callable[[Any, dt.date, dt.date], list[ActivityItem]]


class Registry[T]:
    """An ordered set of records of one kind, keyed by their ``key`` (or ``name``)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, *items: T) -> None:
        for item in items:
            key = getattr(item, "key", None) or item.name  # type: ignore[attr-defined]
            self._items[key] = item

    def unregister(self, key: str) -> None:
        self._items.pop(key, None)

    def __iter__(self) -> Any:
        return iter(sorted(self._items.values(), key=lambda i: getattr(i, "order", 0)))

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> T | None:
        return self._items.get(key)


client_panels: Registry[ClientPanel] = Registry("client panel")
day_widgets: Registry[DayWidget] = Registry("day widget")
menu_entries: Registry[MenuEntry] = Registry("menu entry")
history_sources: Registry[HistorySource] = Registry("history source")
batch_steps: Registry[BatchStep] = Registry("batch step")
signal_providers: Registry[SignalProvider] = Registry("signal provider")
party_figures: Registry[PartyFigures] = Registry("party figures")
contact_sources: Registry[ContactSource] = Registry("contact source")
action_results: Registry[ActionResults] = Registry("action results")
activity_sources: Registry[ActivitySource] = Registry("activity source")


def party_figures_for(user: Any) -> list[PartyFigures]:
    """The figure groups ``user`` may read (a group's ``action`` in the permission table)."""
    from probanker.core.permissions import can

    return [g for g in party_figures if g.action is None or can(user, g.action)]
