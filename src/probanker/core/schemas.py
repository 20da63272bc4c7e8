"""API shapes shared by every router: amounts, errors.

Amounts travel as strings with two decimals (``"1234.50"``), never as JSON
numbers: a float would round them. Errors are ``{"detail": "..."}``, with
``errors: [{field, message}]`` added when fields are invalid (422).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from ninja import Schema
from pydantic import PlainSerializer, WithJsonSchema

CENT = Decimal("0.01")


def amount_text(value: Decimal) -> str:
    """An amount as the API writes it: two decimals, a dot, no grouping."""
    return str(value.quantize(CENT, ROUND_HALF_UP))


#: An amount in euros, serialised as a string with two decimals.
Amount = Annotated[
    Decimal,
    PlainSerializer(amount_text, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["1234.50"]},
        mode="serialization",
    ),
]


class ErrorOut(Schema):
    """An error: what went wrong, in French."""

    detail: str


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorsOut(Schema):
    """Invalid data (422): a message and the fields at fault."""

    detail: str
    errors: list[FieldError]
