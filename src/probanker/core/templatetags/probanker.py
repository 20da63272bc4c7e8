"""Template filters: French money formatting, small helpers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

register = template.Library()

NBSP = "\u202f"  # narrow no-break space, the French thousands separator


def format_euros(value: Decimal | int | None, decimals: int = 2) -> str:
    """``Decimal("-12345.5")`` → ``-12 345,50`` (no float involved)."""
    if value is None or value == "":
        return "—"
    amount = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    integer, _, fraction = f"{abs(amount):f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = NBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if decimals else f"{sign}{text}"


@register.filter
def euros(value: Any) -> str:
    """Amount with cents, French style."""
    return format_euros(value)


@register.filter
def euros0(value: Any) -> str:
    """Amount rounded to the euro, French style."""
    return format_euros(value, 0)


@register.filter
def as_list(value: Any) -> list[Any]:
    """Wrap one object in a list (for includes that take several forms)."""
    return [value]
