"""Exact parsing of the amounts and dates written in accounting files."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

CENTS = Decimal("0.01")

_AMOUNT = re.compile(r"^([+-]?)(\d*)(?:[.,](\d*))?([+-]?)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([ .\u00a0\u202f']\d{3})+([.,]\d+)?[+-]?$")
_DATE = re.compile(r"^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$")


MAX_UNITS_DIGITS = 13  # 9 999 999 999 999,99 €: beyond, a field is not an amount
MAX_FIELD_CHARS = 64  # zero padding included
SHOWN_CHARS = 40


def shown(text: str) -> str:
    """A field as quoted in a message: cut when long (a line of junk is no message)."""
    return text if len(text) <= SHOWN_CHARS else f"{text[: SHOWN_CHARS - 1]}…"


class AmountError(ValueError):
    """The text is not an amount; ``reason`` says why in French."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_cents(text: str) -> int:
    """An amount written in a FEC as integer cents.

    Accepts a decimal comma or point, a sign before or after the number,
    zero padding and surrounding spaces; an empty field is 0. A thousands
    separator (``1 234,56``, ``1.234,56``) is refused, as the tax
    administration's tool does. More than two decimals must be zeros. More
    than 13 significant digits before the comma is refused: no entry is that
    large, and the totals must stay within 64-bit cents.
    """
    raw = text.strip()
    if not raw:
        return 0
    # Bounded before any int(): Python refuses to convert 4,300 digits and more.
    if len(raw) > MAX_UNITS_DIGITS and (len(raw) > MAX_FIELD_CHARS or _too_many_units(raw)):
        raise AmountError(
            f"« {shown(raw)} » : plus de {MAX_UNITS_DIGITS} chiffres avant la virgule, "
            "ce n'est pas un montant"
        )
    # Fast path for the usual spellings (``1234,56``, ``-12.5``, ``0``).
    negative = raw[0] == "-"
    body = raw[1:] if negative else raw
    units, separator, decimals = body.partition("," if "," in body else ".")
    if (
        body.isascii()
        and units.isdigit()
        and (not separator or (decimals.isdigit() and len(decimals) <= 2))
    ):
        cents = int(units) * 100 + (int(decimals.ljust(2, "0")) if separator else 0)
        return -cents if negative else cents
    match = _AMOUNT.match(raw)
    if match is None:
        if _GROUPED.match(raw):
            raise AmountError(f"séparateur de milliers interdit dans « {shown(raw)} »")
        raise AmountError(f"« {shown(raw)} » n'est pas un montant")
    before, units, decimals, after = match.groups()
    if before and after:
        raise AmountError(f"« {shown(raw)} » porte deux signes")
    if not units and not decimals:
        raise AmountError(f"« {shown(raw)} » n'est pas un montant")
    decimals = decimals or ""
    if len(decimals) > 2:
        if decimals[2:].strip("0"):
            raise AmountError(f"« {shown(raw)} » a plus de deux décimales")
        decimals = decimals[:2]
    cents = int(units or "0") * 100 + int(decimals.ljust(2, "0"))
    return -cents if "-" in (before, after) else cents


def _too_many_units(raw: str) -> bool:
    """More than the allowed significant digits before the decimal separator."""
    units = re.split(r"[.,]", raw.strip("+-"), maxsplit=1)[0].lstrip("0")
    return len(units) > MAX_UNITS_DIGITS


def parse_date(text: str) -> dt.date:
    """``AAAAMMJJ`` (``-``, ``/`` or ``.`` separators tolerated)."""
    match = _DATE.match(text.strip())
    if match is None:
        raise ValueError(f"« {shown(text.strip())} » n'est pas une date AAAAMMJJ")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"« {text.strip()} » n'est pas une date valide") from exc


def to_decimal(cents: int) -> Decimal:
    """Integer cents as a two-decimal Decimal."""
    return (Decimal(cents) / 100).quantize(CENTS)
