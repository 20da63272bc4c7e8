"""API schemas for contracts held."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema


class ContractOut(Schema):
    id: int
    number: str
    product_code: str
    product_label: str
    family: str
    iban: str
    opened_on: dt.date
    closed_on: dt.date | None
    balance: Decimal
    balance_date: dt.date | None
    authorised_limit: Decimal | None
    limit_expiry: dt.date | None
    rate: Decimal | None
    account_id: int | None

    @staticmethod
    def resolve_product_code(obj: object) -> str:
        return obj.product.code  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_product_label(obj: object) -> str:
        return obj.product.label  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_family(obj: object) -> str:
        return obj.product.family.code  # type: ignore[attr-defined, no-any-return]
