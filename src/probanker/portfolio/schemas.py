"""API schemas of the portfolio: ``GET /api/v1/portefeuille``."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema

from probanker.core.schemas import Amount


class SegmentOut(Schema):
    segment: str
    clients: int
    deposits: Amount
    credit_outstanding: Amount
    pnb: Amount


class FamilyOut(Schema):
    family: str
    holders: int
    rate: Decimal  # holders / clients, four decimals


class ObjectiveOut(Schema):
    indicator: str
    family: str | None
    manager: str | None  # username; None: the branch's objective
    year: int
    target: Amount
    realised: Amount
    progress: Decimal | None  # realised / target, four decimals (None for a target of 0)
    projection: Amount


class PortfolioOut(Schema):
    clients: int
    segments: list[SegmentOut]
    families: list[FamilyOut]
    objectives: list[ObjectiveOut]
