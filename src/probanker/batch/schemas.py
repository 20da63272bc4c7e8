"""API schemas of the batch journal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


class StepRunOut(Schema):
    name: str
    label: str
    order: int
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    counts: dict[str, Any]
    error: str


class BatchRunOut(Schema):
    id: int
    as_of: dt.date
    status: str
    resumed_from: str
    launched_by: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    steps: list[StepRunOut]

    @staticmethod
    def resolve_steps(obj: Any) -> list[Any]:
        return list(obj.steps.all())
