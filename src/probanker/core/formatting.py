"""The one place that turns amounts, rates and dates into text.

French display, for pages, PDFs, messages and the command line:

- amounts: ``−1 234,56 €`` — thousands separated by a narrow no-break space
  (U+202F), a decimal comma, the minus sign U+2212 and a no-break space
  (U+00A0) before the euro sign; :func:`amount` is the same without « € », for
  table cells whose header already says (€);
- rates: ``3,45 %`` (:func:`percent`), basis points through :func:`basis_points`;
- dates ``dd/mm/yyyy`` (:func:`date_fr`) and months ``nov. 2026`` (:func:`month_fr`);
- a missing value (``None`` or ``""``) is « — ».

JSON, for every ``--json`` command, the API and whatever builds JSON by hand:
amounts are strings with two decimals and an ASCII minus (``"-1234.56"``,
:func:`json_amount`), dates ISO 8601, dataclasses objects — all done by
:class:`JSONEncoder` / :func:`dumps`.

Rounding is half-up to the shown precision, on :class:`~decimal.Decimal`: a float
is refused (``TypeError``), since no float may touch an amount. This module
imports nothing of the project, so every app can use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.functional import Promise

MINUS = "\u2212"  # the one minus sign of French display
THIN_NBSP = "\u202f"  # narrow no-break space: the thousands separator
NBSP = "\u00a0"  # no-break space: before « € » and « % »
MISSING = "—"
MONTHS_FR = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip

Number = Decimal | int | str


def to_decimal(value: Number) -> Decimal:
    """``Decimal`` of an amount given as Decimal, int or its string; a float is a ``TypeError``."""
    if isinstance(value, float):
        raise TypeError("a float never carries an amount: pass a Decimal, an int or a string")
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    return value if isinstance(value, Decimal) else Decimal(value)


def _rounded(value: Number, places: int) -> Decimal:
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _grouped(integer: str) -> str:
    groups: list[str] = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    return THIN_NBSP.join(groups) or "0"


def number(
    value: Number | None, places: int | None = 2, *, trim: bool = False, signed: bool = False
) -> str:
    """A French number: ``Decimal("-12345.5")`` → ``−12 345,50``; ``None`` → « — ».

    Args:
        value: the number; ``None`` or ``""`` is missing.
        places: decimals shown, rounded half-up; ``None`` keeps the decimals the
            value carries (a ratio computed to its own precision).
        trim: no decimals at all when the rounded value is whole (Django's
            ``floatformat:"-2"``): ``4.00`` → ``4``, ``4.5`` → ``4,50``.
        signed: a « + » before a positive value (growth, changes).
    """
    if value is None or value == "":
        return MISSING
    if places is None:
        exponent = to_decimal(value).as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    rounded = _rounded(value, places)
    if trim and rounded == rounded.to_integral_value():
        rounded, places = rounded.quantize(Decimal(1)), 0
    sign = MINUS if rounded < 0 else ("+" if signed and rounded > 0 else "")
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    text = _grouped(integer)
    return f"{sign}{text},{fraction}" if places > 0 else f"{sign}{text}"


def amount(value: Number | None, places: int = 2) -> str:
    """An amount without the euro sign, for cells under a « (€) » header: ``−1 234,56``."""
    return number(value, places)


def euros(value: Number | None, places: int = 2) -> str:
    """An amount in euros: ``Decimal("-1234.56")`` → ``−1 234,56 €``; ``None`` → « — »."""
    if value is None or value == "":
        return MISSING
    return f"{number(value, places)}{NBSP}€"


def euros0(value: Number | None) -> str:
    """An amount rounded half-up to the euro: ``1234.50`` → ``1 235 €``."""
    return euros(value, 0)


def cents(value: int | None) -> Decimal | None:
    """Integer cents (the lake's unit) as an exact amount in euros."""
    return None if value is None else (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


def euros_from_cents(value: int | None) -> str:
    """Integer cents shown in euros: ``-123456`` → ``−1 234,56 €``."""
    return euros(cents(value))


def percent(
    value: Number | None, places: int | None = 2, *, trim: bool = False, signed: bool = False
) -> str:
    """A rate already in percent: ``Decimal("3.45")`` → ``3,45 %``; ``None`` → « — »."""
    if value is None or value == "":
        return MISSING
    return f"{number(value, places, trim=trim, signed=signed)}{NBSP}%"


def fraction_percent(value: Number | None, places: int = 2) -> str:
    """A rate given as a fraction: ``Decimal("0.35")`` → ``35,00 %``."""
    if value is None or value == "":
        return MISSING
    return percent(to_decimal(value) * 100, places)


def basis_points(value: int | None, places: int = 2) -> str:
    """Basis points shown as a percentage: ``-4000`` → ``−40,00 %``."""
    if value is None:
        return MISSING
    return percent(Decimal(int(value)) / 100, places)


_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def de(name: object, *, common: bool = False) -> str:
    """« de {name} », elided before a vowel: ``de("Inès")`` → « d'Inès ».

    A « y » elides before a consonant (« d'Yves ») but not before a vowel
    (« de Yannick »); « Le » and « Les » contract (« du Comptoir », « des
    Halles »); « h » never does here (aspirated or not, a name cannot
    tell). With ``common`` the name is a common noun (a product's label) that
    loses its capital inside a sentence, unless it is an acronym (« TPE »).
    """
    text = str(name).strip()
    # The articles contract: « du Comptoir », « des Halles » (a name, not a common noun).
    if not common and text[:3] in {"Le ", "le "}:
        return f"du {text[3:]}"
    if not common and text[:4] in {"Les ", "les "}:
        return f"des {text[4:]}"
    if common and len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    first, second = (text[:1].lower(), text[1:2].lower())
    elided = first in _VOWELS or (first == "y" and second != "" and second not in _VOWELS)
    return f"d'{text}" if elided else f"de {text}"


def plural(count: int | Decimal | None, singular: str, plural_form: str) -> str:
    """The word for ``count`` as French agrees it: singular below 2 (« 0 client », « 1,5
    an »), plural from 2 (« 2 clients »)."""
    return plural_form if count is not None and abs(Decimal(count)) >= 2 else singular


def counted(count: int, singular: str, plural_form: str) -> str:
    """``count`` and its word: « 1 bonne réponse », « 4 bonnes réponses »."""
    return f"{number(count, 0)} {plural(count, singular, plural_form)}"


def file_size(size: int | None) -> str:
    """A file's size as a French reader writes it: « 820 octets », « 12 ko », « 1,4 Mo »
    (units of 1 024, one decimal in megabytes but for whole ones: « 10 Mo »)."""
    if size is None:
        return ""
    if size < 1024:
        return f"{number(size, 0)} octets"
    if size < 1024**2:
        return f"{number(Decimal(size) / 1024, 0)} ko"
    return f"{number(Decimal(size) / 1024**2, 1, trim=True)} Mo"


def siret(value: str | None) -> str:
    """A SIRET as it is read out and checked on a Kbis: « 100 177 435 00011 » (the SIREN
    in threes, then the NIC); a SIREN « 100 177 435 »; anything else as given."""
    text = (value or "").strip()
    if len(text) in (9, 14) and text.isdigit():
        groups = [text[0:3], text[3:6], text[6:9]] + ([text[9:]] if len(text) == 14 else [])
        return NBSP.join(groups)
    return text or MISSING


def duration(minutes: int | None) -> str:
    """Minutes as a French reader writes a length of time: « 45 min », « 2 h », « 2 h 12 »."""
    if minutes is None:
        return MISSING
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


def date_fr(value: dt.date | None) -> str:
    """``dd/mm/yyyy``; ``None`` → « — »."""
    return MISSING if value is None else f"{value:%d/%m/%Y}"


def day_month_fr(value: dt.date | None) -> str:
    """``dd/mm`` (a day of the current year, in a label); ``None`` → « — »."""
    return MISSING if value is None else f"{value:%d/%m}"


def month_fr(value: dt.date | None, *, short_year: bool = False) -> str:
    """A month in French: ``nov. 2026`` (``nov. 26`` with ``short_year``); ``None`` → « — »."""
    if value is None:
        return MISSING
    year = f"{value.year % 100:02d}" if short_year else f"{value.year}"
    return f"{MONTHS_FR[value.month - 1]} {year}"


def json_amount(value: Number | None) -> str | None:
    """An amount in JSON: a string with two decimals (``"-1234.56"``), ``None`` stays null."""
    if value is None or value == "":
        return None
    rounded = _rounded(value, 2)
    return f"{abs(rounded) if rounded == 0 else rounded:f}"  # no "-0.00"


def json_amounts(values: Mapping[str, Number | None]) -> dict[str, str | None]:
    """Every amount of a mapping as :func:`json_amount`, keys and order kept."""
    return {key: json_amount(value) for key, value in values.items()}


def json_decimal(value: Number | None, places: int) -> str | None:
    """A rate or ratio in JSON: a string with ``places`` decimals, half-up (``"4.2731"``)."""
    if value is None or value == "":
        return None
    return f"{_rounded(value, places):f}"


def parse_json_amount(value: str | None) -> Decimal | None:
    """The inverse of :func:`json_amount`: ``"-1234.56"`` → ``Decimal("-1234.56")``."""
    return None if value is None else Decimal(value)


class JSONEncoder(json.JSONEncoder):
    """The project's JSON: Decimal amounts as two-decimal strings, dates ISO 8601, dataclasses.

    A ``Decimal`` is taken for an amount (``"1234.50"``); a rate or a ratio that
    needs another precision is given as its string by the caller. Dataclasses
    become objects of their fields (recursively), sets sorted lists, lazy
    translations their text.
    """

    def default(self, o: Any) -> Any:
        """Encode what :mod:`json` does not know; anything else is a ``TypeError``."""
        if isinstance(o, Decimal):
            return json_amount(o)
        if isinstance(o, dt.datetime | dt.date | dt.time):
            return o.isoformat()
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        if isinstance(o, set | frozenset):
            return sorted(o)
        if isinstance(o, Promise):
            return str(o)
        return super().default(o)


def dumps(document: Any, *, indent: int | None = 2) -> str:
    """One JSON document with :class:`JSONEncoder`, accents kept (UTF-8 output)."""
    return json.dumps(document, cls=JSONEncoder, ensure_ascii=False, indent=indent)
