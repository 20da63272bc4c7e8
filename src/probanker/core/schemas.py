"""API shapes shared by every router: amounts, errors, the statuses of an endpoint.

Amounts travel as strings with two decimals (``"1234.50"``), never as JSON
numbers: a float would round them. Every error (401, 403, 404, 409, 422) has one
shape, :class:`ErrorOut`: ``{"detail": "...", "errors": [{field, message}]}``,
``errors`` empty unless fields are invalid (422, ``detail`` « Données invalides »).
Endpoints declare their statuses with :func:`responses`, which adds 401, 403 and 422.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from ninja import Field, Schema
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


class FieldError(Schema):
    """One invalid field: its dotted name (``naf_code``, ``page``) and what is wrong, in
    French; ``__all__`` when the error concerns the request as a whole."""

    field: str
    message: str


class ErrorOut(Schema):
    """An error: what went wrong, in French, and the fields at fault (422 only)."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)


#: Invalid data (422): the same shape, ``detail`` « Données invalides ».
ValidationErrorsOut = ErrorOut

#: The statuses every endpoint may answer: no or a bad token, a role without the
#: action, an invalid parameter or body.
DEFAULT_ERRORS = (401, 403, 422)


def responses(success: dict[int, Any], *errors: int) -> dict[int, Any]:
    """``response=`` for a ninja operation: the ``success`` statuses and their schemas,
    401, 403 and 422 always, and the other ``errors`` given (404, 409), all as
    :class:`ErrorOut`.

    ``responses({200: PartyOut}, 404)`` documents 200, 401, 403, 404 and 422.
    """
    return {**success, **dict.fromkeys(sorted({*DEFAULT_ERRORS, *errors}), ErrorOut)}
