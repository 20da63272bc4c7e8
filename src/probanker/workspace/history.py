"""The client's audit trail, merged from every registered client-bound history.

Each app registers its historied models bound to a client as
:class:`~probanker.core.registry.HistorySource` records; this module reads them
all, two queries per source whatever the number of rows (the latest versions,
then the earlier versions of the same objects to diff against)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from probanker.core.formatting import date_fr, euros_from_cents, number
from probanker.core.registry import HistorySource, history_sources

HISTORY_LIMIT = 60
_SKIP = {
    "id",
    "history_id",
    "history_date",
    "history_user",
    "history_user_id",
    "history_type",
    "history_change_reason",
    "updated_at",
    "created_at",
}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str
    what: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.attname not in _SKIP]


def _display(record: Any, f: models.Field[Any, Any], names: dict[tuple[Any, Any], str]) -> str:
    """A historical value as a banker reads it: labels of choices, names of related
    rows (looked up once per object in ``names``), dates and numbers in French."""
    value = getattr(record, f.attname)
    if value is None or value == "":
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "oui" if value else "non"
    if f.is_relation and f.related_model is not None:
        key = (f.related_model, value)
        if key not in names:
            related = f.related_model._default_manager.filter(pk=value).first()
            names[key] = str(related) if related is not None else f"n° {value}"
        return names[key]
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return date_fr(value)
    if isinstance(value, Decimal):
        return number(value, None)
    if f.attname.endswith("_cents") and isinstance(value, int):
        return euros_from_cents(value)  # an amount kept in cents reads in euros
    return str(value)


_ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}


def _entries_for(source: HistorySource, party_id: int) -> list[HistoryEntry]:
    history_model: Any = source.model.history.model  # type: ignore[attr-defined]
    records = list(
        history_model.objects.filter(**{source.party_lookup: party_id})
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    if not records:
        return []
    fields = _fields(source.model)
    # Previous versions of each object, to diff without one query per row.
    ids = {r.id for r in records}
    all_versions = list(
        history_model.objects.filter(id__in=ids).order_by("id", "history_date", "history_id")
    )
    names: dict[tuple[Any, Any], str] = {}
    previous: dict[int, Any] = {}
    prev_by_object: dict[Any, Any] = {}
    for version in all_versions:
        previous[version.history_id] = prev_by_object.get(version.id)
        prev_by_object[version.id] = version
    entries = []
    for record in records:
        before = previous.get(record.history_id)
        changes = []
        if before is not None and record.history_type == "~":
            for f in fields:
                old, new = _display(before, f, names), _display(record, f, names)
                if old != new:
                    changes.append(Change(str(f.verbose_name), old, new))
        what = source.label
        if source.describe is not None:
            what = f"{source.label} — {source.describe(record)}"
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "système",
                what=what,
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def client_history(party_id: int, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The changes of the client and of everything bound to it, newest first.

    Every registered history source takes part: a capability that registers
    its models appears here without this module knowing it.
    """
    entries: list[HistoryEntry] = []
    for source in history_sources:
        entries += _entries_for(source, party_id)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
