"""Trends over up to five fiscal years, with a commentary derived from the figures.

Every sentence of :func:`commentary` states numbers taken from the input, so
the text can never say more than the accounts do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MAX_YEARS = 5
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class YearFigures:
    """Key figures of one fiscal year (euros)."""

    year_end: dt.date
    turnover: Decimal
    ebitda_fr: Decimal | None = None  # None: not in the statement (micro)
    net_result: Decimal | None = None
    equity: Decimal | None = None  # None: no balance sheet (2035, micro)
    financial_debt: Decimal | None = None

    @property
    def ebitda_margin(self) -> Decimal | None:
        """EBE / CA in percent, or ``None`` without turnover."""
        if self.turnover <= 0 or self.ebitda_fr is None:
            return None
        return (self.ebitda_fr / self.turnover * 100).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def growth(before: Decimal, after: Decimal) -> Decimal | None:
    """Growth in percent from ``before`` to ``after`` (``None`` from zero or a negative base)."""
    if before <= 0:
        return None
    return ((after - before) / before * 100).quantize(ONE_DECIMAL, ROUND_HALF_UP)


# The project's one format (probanker.core.formatting: U+2212 minus, U+202F
# between thousands, U+00A0 before the unit), restated here because finance
# imports nothing of the project; core's tests check that both agree.
_MINUS, _THOUSANDS, _UNIT = "\u2212", "\u202f", "\u00a0"


def _euros(value: Decimal) -> str:
    """Whole euros: ``-3000`` → ``−3 000 €`` (as ``formatting.euros0``)."""
    rounded = int(value.quantize(Decimal(1), ROUND_HALF_UP))
    sign = _MINUS if rounded < 0 else ""
    digits = f"{abs(rounded):,}".replace(",", _THOUSANDS)
    return f"{sign}{digits}{_UNIT}€"


def _percent(value: Decimal, signed: bool = False) -> str:
    """One decimal: ``-3.5`` → ``−3,5 %`` (as ``formatting.percent(value, 1)``)."""
    rounded = value.quantize(ONE_DECIMAL, ROUND_HALF_UP)
    text = f"{abs(rounded):f}".replace(".", ",")
    sign = _MINUS if rounded < 0 else ("+" if signed and rounded > 0 else "")
    return f"{sign}{text}{_UNIT}%"


def _check(years: list[YearFigures]) -> list[YearFigures]:
    if not years:
        raise ValueError("au moins un exercice est nécessaire")
    ordered = sorted(years, key=lambda y: y.year_end)
    if len({y.year_end for y in ordered}) != len(ordered):
        raise ValueError("deux exercices ont la même date de clôture")
    return ordered[-MAX_YEARS:]


def _move(
    label: str, first: Decimal, last: Decimal, start: int, end: int, plural: bool = False
) -> str:
    change = growth(first, last)
    if last == first:
        verb = "sont stables" if plural else "est stable"
        return f"{label} {verb} à {_euros(last)} entre {start} et {end}."
    if last > first:
        verb = "progressent" if plural else "progresse"
    else:
        verb = "reculent" if plural else "recule"
    tail = f" ({_percent(change, signed=True)})" if change is not None else ""
    return f"{label} {verb} de {_euros(first)} à {_euros(last)} entre {start} et {end}{tail}."


def commentary(years: list[YearFigures]) -> list[str]:
    """Short French sentences on turnover, EBE margin, equity, debt and alerts."""
    ordered = _check(years)
    first, last = ordered[0], ordered[-1]
    start, end = first.year_end.year, last.year_end.year
    sentences: list[str] = []
    if len(ordered) == 1:
        parts = [f"chiffre d'affaires de {_euros(last.turnover)}"]
        if last.ebitda_fr is not None:
            parts.append(f"EBE de {_euros(last.ebitda_fr)}")
        if last.net_result is not None:
            parts.append(f"résultat net de {_euros(last.net_result)}")
        sentences.append(f"Un seul exercice ({end}) : {', '.join(parts)}.")
    else:
        sentences.append(_move("Le chiffre d'affaires", first.turnover, last.turnover, start, end))
        m1, m2 = first.ebitda_margin, last.ebitda_margin
        if m1 is not None and m2 is not None:
            points = m2 - m1
            if points == 0:
                sentences.append(
                    f"La marge d'EBE est stable à {_percent(m2)} du chiffre d'affaires."
                )
            else:
                verb = "s'améliore" if points > 0 else "se dégrade"
                sentences.append(
                    f"La marge d'EBE {verb}, de {_percent(m1)} à {_percent(m2)} du chiffre "
                    f"d'affaires ({_percent(points, signed=True).replace(f'{_UNIT}%', ' point(s)')})."
                )
        if first.equity is not None and last.equity is not None:
            sentences.append(
                _move("Les capitaux propres", first.equity, last.equity, start, end, plural=True)
            )
        if first.financial_debt is not None and last.financial_debt is not None:
            sentences.append(
                _move(
                    "L'endettement financier", first.financial_debt, last.financial_debt, start, end
                )
            )
    if last.ebitda_fr is not None and last.ebitda_fr < 0:
        sentences.append(
            f"Alerte : l'EBE {end} est négatif ({_euros(last.ebitda_fr)}) : l'exploitation consomme de la trésorerie."
        )
    if last.equity is not None and last.equity < 0:
        sentences.append(
            f"Alerte : les capitaux propres {end} sont négatifs ({_euros(last.equity)})."
        )
    losses = [y.year_end.year for y in ordered if y.net_result is not None and y.net_result < 0]
    if len(losses) >= 2:
        sentences.append(f"Pertes sur {len(losses)} exercices ({', '.join(map(str, losses))}).")
    return sentences
