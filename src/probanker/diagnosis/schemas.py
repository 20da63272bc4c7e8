"""API shapes of the diagnosis (amounts as strings with two decimals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


class FiscalYearOut(Schema):
    id: int
    start: dt.date
    end: dt.date
    source: str
    sig: dict[str, str | None]
    caf: str | None
    caf_estimated: bool
    bilan: dict[str, str | None] | None
    liasse: dict[str, str | None]


class AnalysisOut(Schema):
    years: list[dict[str, Any]]
    sig: dict[str, list[str | None]]
    caf: list[str | None]
    ratios: dict[str, dict[str, Any]]
    commentary: list[str]
    debt_capacity: dict[str, Any] | None
