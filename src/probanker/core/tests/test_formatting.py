"""The one formatting module: French display, JSON amounts, the encoder, and no one else."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.template import Context, Template

from probanker.core import formatting as f
from probanker.finance import trends

N = "\u202f"  # between thousands
S = "\u00a0"  # before the unit
M = "\u2212"  # the minus sign


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("1234.56"), f"1{N}234,56{S}€"),
        (D("-1234.56"), f"{M}1{N}234,56{S}€"),
        (D("0"), f"0,00{S}€"),
        (0, f"0,00{S}€"),
        ("-0.001", f"0,00{S}€"),  # rounds to zero: no sign
        (D("0.005"), f"0,01{S}€"),  # half-up, not half-even
        (D("0.015"), f"0,02{S}€"),
        (D("-2.345"), f"{M}2,35{S}€"),
        (D("123456789012.3"), f"123{N}456{N}789{N}012,30{S}€"),
        (D("999.995"), f"1{N}000,00{S}€"),
        ("85000.5", f"85{N}000,50{S}€"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_euros(value: object, shown: str) -> None:
    """Narrow no-break spaces between thousands, decimal comma, U+2212, no-break space before €."""
    assert f.euros(value) == shown  # type: ignore[arg-type]


def test_amounts_without_cents_or_sign() -> None:
    """``euros0`` rounds half-up to the euro; ``amount`` drops « € » for cells under (€)."""
    assert f.euros0(D("1234.50")) == f"1{N}235{S}€"
    assert f.euros0(D("-1234.49")) == f"{M}1{N}234{S}€"
    assert f.amount(D("-1234.5")) == f"{M}1{N}234,50"
    assert f.amount(D("1234.5"), 0) == f"1{N}235"
    assert f.amount(None) == "—"
    assert f.euros_from_cents(-123456) == f"{M}1{N}234,56{S}€"
    assert f.euros_from_cents(5) == f"0,05{S}€"
    assert f.cents(-123456) == D("-1234.56")


def test_a_float_is_refused() -> None:
    """No float may touch an amount: formatting one is a TypeError, not a rounded guess."""
    with pytest.raises(TypeError):
        f.euros(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        f.json_amount(1.5)  # type: ignore[arg-type]


def test_rates_numbers_and_basis_points() -> None:
    """Rates keep their unit after a no-break space; basis points read as percentages."""
    assert f.percent(D("3.45")) == f"3,45{S}%"
    assert f.percent(D("-3.455")) == f"{M}3,46{S}%"
    assert f.percent(D("4.5"), 3, trim=True) == f"4,500{S}%"
    assert f.percent(D("5"), 3, trim=True) == f"5{S}%"
    assert f.percent(D("25"), 1, signed=True) == f"+25,0{S}%"
    assert f.percent(None) == "—"
    assert f.fraction_percent("0.35") == f"35,00{S}%"
    assert f.basis_points(-4000) == f"{M}40,00{S}%"
    assert f.basis_points(1234) == f"12,34{S}%"
    assert f.number(D("12.5"), None) == "12,5"  # the value's own precision
    assert f.number(D("-1234"), None) == f"{M}1{N}234"
    assert f.number(D("1.25"), 2, trim=True) == "1,25"
    assert f.number(D("4.00"), 2, trim=True) == "4"


def test_dates_and_months() -> None:
    """Dates dd/mm/yyyy, months abbreviated the French way."""
    assert f.date_fr(dt.date(2026, 3, 1)) == "01/03/2026"
    assert f.date_fr(None) == "—"
    assert f.month_fr(dt.date(2026, 11, 30)) == "nov. 2026"
    assert f.month_fr(dt.date(2026, 2, 1), short_year=True) == "févr. 26"
    assert f.month_fr(dt.date(2026, 8, 1)) == "août 2026"


def test_json_amounts_and_decimals() -> None:
    """JSON amounts: two decimals, ASCII minus, half-up, null stays null; rates at their precision."""
    assert f.json_amount(D("-1234.5")) == "-1234.50"
    assert f.json_amount(D("0.005")) == "0.01"
    assert f.json_amount(D("-0.001")) == "0.00"
    assert f.json_amount(12) == "12.00"
    assert f.json_amount(None) is None
    assert f.json_amounts({"a": D("1"), "b": None}) == {"a": "1.00", "b": None}
    assert f.parse_json_amount("-1234.50") == D("-1234.50")
    assert f.json_decimal(D("4.27315"), 4) == "4.2732"


@dataclasses.dataclass(frozen=True)
class _Line:
    label: str
    amount: D
    on: dt.date


def test_the_encoder() -> None:
    """Decimals as two-decimal strings, dates ISO 8601, dataclasses as objects, accents kept."""
    document = {
        "line": _Line("Intérêts", D("-12.3"), dt.date(2026, 1, 31)),
        "at": dt.datetime(2026, 1, 31, 8, 30, tzinfo=dt.UTC),
        "codes": {"b", "a"},
    }
    text = f.dumps(document)
    assert "Intérêts" in text
    assert json.loads(text) == {
        "line": {"label": "Intérêts", "amount": "-12.30", "on": "2026-01-31"},
        "at": "2026-01-31T08:30:00+00:00",
        "codes": ["a", "b"],
    }
    with pytest.raises(TypeError):
        f.dumps({"x": object()})


def test_template_filters_are_the_module() -> None:
    """The template filters give exactly what the module gives."""
    html = Template(
        "{% load probanker %}{{ a|euros }}|{{ a|euros0 }}|{{ a|amount }}|{{ a|amount0 }}|"
        '{{ r|percent:"-3" }}|{{ r|number:2 }}|{{ n|euros }}'
    ).render(Context({"a": D("-1234.5"), "r": D("4.5"), "n": None}))
    assert html.split("|") == [
        f.euros(D("-1234.5")),
        f.euros0(D("-1234.5")),
        f.amount(D("-1234.5")),
        f.amount(D("-1234.5"), 0),
        f.percent(D("4.5"), 3),
        f.number(D("4.5")),
        "—",
    ]


def test_finance_trends_writes_the_same_format() -> None:
    """finance may import nothing of the project: its two helpers must agree with this module."""
    for value in (D("0"), D("-3000"), D("120000.4"), D("999999.5"), D("-0.4")):
        assert trends._euros(value) == f.euros0(value)
    for value in (D("0"), D("-3.5"), D("25"), D("12.0")):
        assert trends._percent(value) == f.percent(value, 1)
        assert trends._percent(value, signed=True) == f.percent(value, 1, signed=True)


SOURCE = Path(f.__file__).resolve().parents[1]
# Hand-made money formats: thousands by format spec, a comma or a narrow space
# swapped in for a separator, two-decimal strings built with an f-string.
HAND_MADE = [
    re.compile(r"\{[^{}]*:,[^{}]*\}"),
    re.compile(r"""replace\(\s*["'],["']\s*,\s*["'](\\u202f|\u202f|\\xa0|\u00a0| )["']"""),
    re.compile(r"""replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)"""),
    re.compile(r"""replace\(\s*["']-["']\s*,\s*["'](\\u2212|\u2212)["']\s*\)"""),
    re.compile(r"\{[^{}]*:\.2f\}"),
    re.compile(r"\{[^{}]*% 100:02d\}"),  # cents split by hand
]
# finance imports nothing of the project, so trends.py restates the format;
# test_finance_trends_writes_the_same_format keeps the two in step.
# demo/accounts.py writes FEC files, whose amount field is a file format
# (decimal comma, no grouping, no sign), not a display.
ALLOWED = {
    SOURCE / "core" / "formatting.py",
    SOURCE / "finance" / "trends.py",
    SOURCE / "demo" / "accounts.py",
}


def test_no_module_formats_money_by_hand() -> None:
    """Every amount and rate is shown through core/formatting.py: a hand-made format fails here."""
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path in ALLOWED or "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in HAND_MADE):
                offenders.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not offenders, "format through probanker.core.formatting:\n" + "\n".join(offenders)


def test_no_template_formats_numbers_by_hand() -> None:
    """Templates use the filters of core/templatetags/probanker.py, not ``floatformat``."""
    offenders = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.html"))
        if re.search(r"\|\s*floatformat", path.read_text("utf-8"))
    ]
    assert not offenders


@pytest.mark.parametrize(
    ("name", "common", "expected"),
    [
        ("Inès Moreau", False, "d'Inès Moreau"),
        ("Élodie Martin", False, "d'Élodie Martin"),
        ("Yves Petit", False, "d'Yves Petit"),
        ("Yannick Roux", False, "de Yannick Roux"),
        ("Hugo Blanc", False, "de Hugo Blanc"),
        ("Camille Rousseau", False, "de Camille Rousseau"),
        ("Autorisation de découvert n° 12", True, "d'autorisation de découvert n° 12"),
        ("TPE n° 3", True, "de TPE n° 3"),
        ("Prêt d'équipement", True, "de prêt d'équipement"),
        ("", False, "de "),
    ],
)
def test_de_elides_before_a_vowel(name: str, common: bool, expected: str) -> None:
    """« de » becomes « d' » before a vowel (and a Y before a consonant); a common
    noun (a product's label) loses its capital, an acronym keeps it."""
    assert f.de(name, common=common) == expected


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 octets"), (820, "820 octets"), (12_800, "13 ko"), (1_468_006, "1,4 Mo")],
)
def test_a_file_size_reads_in_octets_ko_or_mo(size: int, shown: str) -> None:
    assert f.file_size(size) == shown


def test_french_agreement_is_singular_below_two() -> None:
    """« 0 client », « 1 bonne réponse », « 2 bonnes réponses »; the filter likewise."""
    assert f.counted(0, "client", "clients") == "0 client"
    assert f.counted(1, "bonne réponse", "bonnes réponses") == "1 bonne réponse"
    assert f.counted(1234, "client", "clients") == "1\u202f234 clients"
    template = Template(
        '{% load probanker %}{{ a|pluriel }} {{ b|pluriel }} {{ c|pluriel:"al,aux" }}'
    )
    assert template.render(Context({"a": 0, "b": 2, "c": 3})) == " s aux"


def test_an_id_is_printed_as_one_token_and_a_figure_grouped() -> None:
    """An id a template prints into an attribute, a URL or a form value stays one token
    (« 2877 », not « 2 877 »); a figure is grouped by the formatting module's filter."""
    rendered = Template(
        '{% load probanker %}<select id="outcome-{{ n|unlocalize }}"></select> {{ n|number:0 }}'
    ).render(Context({"n": 2877}))
    assert rendered == f'<select id="outcome-2877"></select> 2{N}877'


BARE_ID = re.compile(r"\{\{ ?[\w.]+(?:\.pk|\.id|_id|_pk) ?\}\}")


def test_no_template_prints_a_bare_id() -> None:
    """Django groups the integers a template prints (USE_THOUSAND_SEPARATOR, which forms
    need to read « 30 000 »): every id goes through |unlocalize."""
    root = Path(__file__).resolve().parents[2]
    bare = [
        f"{path.relative_to(root)}: {match}"
        for path in root.rglob("*.html")
        for match in BARE_ID.findall(path.read_text(encoding="utf-8"))
    ]
    assert not bare, bare


def test_a_siret_is_grouped_as_read_out_and_a_duration_in_hours() -> None:
    """« 100 177 435 00011 », a SIREN in threes, anything else as given; « 2 h 12 »."""
    from probanker.core.formatting import NBSP, duration, siret

    assert siret("10017743500011") == NBSP.join(["100", "177", "435", "00011"])
    assert siret("100177435") == NBSP.join(["100", "177", "435"])
    assert siret("[ND]") == "[ND]"
    assert siret(None) == "—"
    assert [duration(m) for m in (0, 45, 60, 132, None)] == [
        "0 min", "45 min", f"1{NBSP}h", f"2{NBSP}h{NBSP}12", "—"
    ]  # fmt: skip
