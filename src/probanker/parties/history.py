"""The client's audit trail, merged from every client-bound model's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from probanker.parties.models import (
    AccessibilityProfile,
    Establishment,
    Party,
    PartyLink,
    PartyRole,
)

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


def _display(record: Any, f: models.Field[Any, Any]) -> str:
    value = getattr(record, f.attname)
    if value is None or value == "":
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


_ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}


def _entries_for(
    history_model: Any, label: str, filters: dict[str, Any], base: type[models.Model]
) -> list[HistoryEntry]:
    records = list(
        history_model.objects.filter(**filters)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    fields = _fields(base)
    # Previous versions of each object, to diff without one query per row.
    ids = {r.id for r in records}
    all_versions = list(
        history_model.objects.filter(id__in=ids).order_by("id", "history_date", "history_id")
    )
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
                old, new = _display(before, f), _display(record, f)
                if old != new:
                    changes.append(Change(str(f.verbose_name), old, new))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "système",
                what=label,
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def party_history(
    party: Party, extra: list[tuple[Any, str, type[models.Model]]]
) -> list[HistoryEntry]:
    """The party's changes and those of its dependants, newest first.

    ``extra`` lets other apps add their client-bound models (history model,
    label, model) without this module importing them.
    """
    sources: list[tuple[Any, str, dict[str, Any], type[models.Model]]] = [
        (Party.history.model, "Fiche client", {"id": party.pk}, Party),
        (Establishment.history.model, "Établissement", {"party_id": party.pk}, Establishment),
        (PartyRole.history.model, "Personne liée", {"party_id": party.pk}, PartyRole),
        (PartyLink.history.model, "Lien entre tiers", {"party_id": party.pk}, PartyLink),
        (
            AccessibilityProfile.history.model,
            "Accessibilité",
            {"party_id": party.pk},
            AccessibilityProfile,
        ),
    ]
    sources += [(h, label, {"party_id": party.pk}, m) for h, label, m in extra]
    entries: list[HistoryEntry] = []
    for history_model, label, filters, base in sources:
        entries += _entries_for(history_model, label, filters, base)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:HISTORY_LIMIT]
