"""The journal of the daily batch, for administrators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from probanker.batch.models import BatchRun, BatchStepRun
from probanker.core.formatting import number
from probanker.core.listing import Column, build_listing
from probanker.core.permissions import require

COLUMNS = [Column("started", "Lancé le", "started_at")]


@dataclass(frozen=True)
class StepRow:
    step: BatchStepRun
    duration: str
    counts: list[str]


@dataclass(frozen=True)
class RunRow:
    run: BatchRun
    duration: str
    steps: list[StepRow]


def duration(start: dt.datetime, end: dt.datetime | None) -> str:
    """« 12,3 s », « 2 min 05 s », or « en cours » without an end."""
    if end is None:
        return "en cours"
    # Exact tenths from the timedelta's microseconds: no float is formatted.
    tenths = Decimal(max(int((end - start) / dt.timedelta(microseconds=100_000)), 0)) / 10
    if tenths < 60:
        return f"{number(tenths, 1)} s"
    minutes, rest = divmod(int(tenths), 60)
    return f"{minutes} min {rest:02d} s"


#: The journal's words for the counts the steps return (a count not listed keeps its key).
COUNT_LABELS = {
    "months": "mois compactés",
    "merged": "fichiers fusionnés",
    "recovered": "compactages repris",
    "engine": "moteur",
    "accounts": "comptes",
    "clients": "clients",
    "alerts_opened": "alertes ouvertes",
    "alerts_closed": "alertes closes",
    "alerts_by_rule": "alertes ouvertes par règle",
    "statuses": "statuts",
    "seconds": "durée (s)",
    "cases_escalated": "dossiers remontés au directeur",
    "guarantor_letters": "lettres aux cautions",
}
#: Status codes of the risk step, in words.
STATUS_LABELS = {
    "sain": "sain",
    "surveillance": "sous surveillance",
    "degrade": "dégradé",
    "defaut": "défaut",
}


def _value(value: Any) -> str:
    if isinstance(value, float):
        return number(Decimal(str(round(value, 2))), None)
    return str(value)


def count_lines(counts: Mapping[str, Any]) -> list[str]:
    """One « label : value » line per count, in French; a nested count lists its parts."""
    lines = []
    for name, value in counts.items():
        if isinstance(value, Mapping):
            value = (
                ", ".join(f"{STATUS_LABELS.get(str(k), k)} {v}" for k, v in value.items())
                or "aucune"
            )
        lines.append(f"{COUNT_LABELS.get(name, name)} : {_value(value)}")
    return lines


def journal(request: HttpRequest) -> HttpResponse:
    """Runs newest first, each with its steps (status, duration, counts, error)."""
    require(request.user, "batch.view")
    runs = BatchRun.objects.visible_to(request.user, "batch.view").for_journal()
    listing = build_listing(runs, request.GET, COLUMNS, default_sort="-started", per_page=20)
    rows = [
        RunRow(
            run,
            duration(run.started_at, run.finished_at),
            [
                StepRow(s, duration(s.started_at, s.finished_at), count_lines(s.counts))
                for s in run.steps.all()
            ],
        )
        for run in listing.object_list
    ]
    return render(request, "batch/journal.html", {"listing": listing, "rows": rows})
