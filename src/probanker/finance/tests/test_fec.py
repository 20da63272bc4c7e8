"""The FEC reader on small files written inline, variant by variant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probanker.finance.fec import FecFileError, FecReport, read_fec

HEADER = (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|"
    "CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|"
    "ValidDate|Montantdevise|Idevise"
)
# A sale of 1,200 incl. VAT, its payment, and a purchase: result = 1000 - 300 = 700.
LINES = [
    "VE|Ventes|1|20240115|411000|Clients|C001|Dupont|F1|20240115|Facture F1|1200,00|0,00|||20240131||",
    "VE|Ventes|1|20240115|706000|Prestations|||F1|20240115|Facture F1|0,00|1000,00|||20240131||",
    "VE|Ventes|1|20240115|445710|TVA collectée|||F1|20240115|Facture F1|0,00|200,00|||20240131||",
    "BQ|Banque|2|20240120|512000|Banque|||R1|20240120|Règlement F1|1200,00|0,00|||20240131||",
    "BQ|Banque|2|20240120|411000|Clients|C001|Dupont|R1|20240120|Règlement F1|0,00|1200,00|||20240131||",
    "AC|Achats|3|20240125|606000|Fournitures|||A1|20240125|Achat A1|300,00|0,00|||20240131||",
    "AC|Achats|3|20240125|401000|Fournisseurs|F001|Martin|A1|20240125|Achat A1|0,00|300,00|||20240131||",
]


def write(
    tmp_path: Path, text: str, name: str = "123456789FEC20240131.txt", encoding: str = "utf-8"
) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def fec(
    tmp_path: Path,
    lines: list[str] | None = None,
    header: str = HEADER,
    sep: str = "|",
    end: str = "\n",
    **kw: str,
) -> FecReport:
    rows = [header, *(LINES if lines is None else lines)]
    text = end.join(r.replace("|", sep) for r in rows) + end
    return read_fec(write(tmp_path, text, **kw))


def test_golden_small_file(tmp_path: Path) -> None:
    report = fec(tmp_path)
    assert report.ok
    assert (report.lines, report.entries, len(report.journals)) == (7, 3, 3)
    assert report.debit == report.credit == Decimal("2700.00")
    assert report.result == Decimal("700.00")
    assert report.accounts["411000"].balance == Decimal("0.00")
    assert report.accounts["401000"].balance == Decimal("300.00")
    assert report.auxiliary[("401000", "F001")].label == "Martin"
    assert (report.first_date, report.last_date) == (dt.date(2024, 1, 15), dt.date(2024, 1, 25))
    assert report.anomalies == []


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r\r\n"])
def test_line_ends(tmp_path: Path, end: str) -> None:
    report = fec(tmp_path, end=end)
    assert (report.lines, report.entries, report.errors) == (7, 3, 0)


def test_tab_separator_bom_and_latin1(tmp_path: Path) -> None:
    assert fec(tmp_path, sep="\t", encoding="utf-8-sig").ok
    latin = fec(tmp_path, encoding="cp1252")
    assert latin.encoding == "cp1252"
    assert latin.accounts["445710"].label == "TVA collectée"


def test_trailing_separator_and_padding(tmp_path: Path) -> None:
    lines = [f"{line.replace('|', ' | ')}|" for line in LINES]
    report = fec(tmp_path, lines, header=HEADER + "|")
    assert report.ok
    assert report.result == Decimal("700.00")


def test_header_variants_and_typo(tmp_path: Path) -> None:
    header = (
        HEADER.replace("CompteLib", "CompteLIB")
        .replace("EcritureLet", "EcrtureLet")
        .replace("Montantdevise", " MontantDevise ")
    )
    assert fec(tmp_path, header=header).ok


def test_cash_basis_21_columns_and_an_extra_column(tmp_path: Path) -> None:
    header = HEADER + "|DateRglt|ModeRglt|NatOp"
    lines = [line + "|20240131|VIR|" for line in LINES]
    assert fec(tmp_path, lines, header=header).warnings == 0
    extra = fec(tmp_path, [line + "|x" for line in LINES], header=HEADER + "|Analytique")
    assert extra.ok
    assert extra.counts["FEC-COLONNE-INCONNUE"] == 1


def test_montant_and_sens(tmp_path: Path) -> None:
    header = HEADER.replace("Debit|Credit", "Montant|Sens")
    lines = []
    for line in LINES:
        fields = line.split("|")
        debit, credit = fields[11], fields[12]
        fields[11:13] = [debit, "D"] if debit != "0,00" else [credit, "C"]
        lines.append("|".join(fields))
    report = fec(tmp_path, lines, header=header)
    assert report.ok
    assert report.result == Decimal("700.00")


def test_negative_credit_counts_as_such(tmp_path: Path) -> None:
    lines = [
        *LINES[:5],
        "AC|Achats|3|20240125|606000|Fournitures|||A1|20240125|Achat A1|300,00|0,00|||20240131||",
        "AC|Achats|3|20240125|401000|Fournisseurs|||A1|20240125|Avoir|0,00|-50,00|||20240131||",
        "AC|Achats|3|20240125|401000|Fournisseurs|||A1|20240125|Achat|0,00|350,00|||20240131||",
    ]
    report = fec(tmp_path, lines)
    assert report.ok
    assert report.accounts["401000"].credit == Decimal("300.00")


def test_constant_entry_number_rebuilds_entries(tmp_path: Path) -> None:
    lines = [
        "|".join(f if i != 2 else "0" for i, f in enumerate(line.split("|"))) for line in LINES
    ]
    report = fec(tmp_path, lines)
    assert report.entries_rebuilt
    assert report.entries == 3
    assert report.counts["FEC-ECRITURENUM"] == 1
    assert report.ok


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (lambda ls: [ls[0].replace("1200,00", "1 200,00"), *ls[1:]], "FEC-MONTANT", 2),
        (lambda ls: [ls[0].replace("20240115|411000", "20241315|411000"), *ls[1:]], "FEC-DATE", 2),
        (lambda ls: [ls[0].replace("|411000|", "|41|"), *ls[1:]], "FEC-COMPTE", 2),
        (
            lambda ls: [ls[0].replace("1200,00", "1201,00"), *ls[1:]],
            "FEC-ECRITURE-DESEQUILIBREE",
            2,
        ),
        (
            lambda ls: [
                *ls[:2],
                ls[2].replace("20240115|445710", "20240116|445710").replace("|F1|", "|F1|"),
                *ls[3:],
            ],
            "FEC-ECRITURE-DATES",
            2,
        ),
        (lambda ls: [ls[0].rsplit("|", 6)[0], *ls[1:]], "FEC-LIGNE-COLONNES", 2),
        (lambda ls: [*ls[:3], ls[3].replace("BQ|Banque", "|Banque"), *ls[4:]], "FEC-JOURNAL", 5),
    ],
)
def test_anomalies_have_code_line_and_message(
    tmp_path: Path, change: object, code: str, line: int
) -> None:
    report = fec(tmp_path, change(list(LINES)))  # type: ignore[operator]
    assert not report.ok
    found = [a for a in report.anomalies if a.code == code]
    assert found, report.anomalies
    assert found[0].severity == "error"
    assert found[0].line == line
    assert found[0].message


def test_file_name_and_fiscal_year(tmp_path: Path) -> None:
    report = fec(tmp_path, name="123456789FEC20231231.txt")
    assert report.siren_in_name == "123456789"
    assert report.counts["FEC-CLOTURE"] == 1
    assert fec(tmp_path, name="export.txt").counts["FEC-NOM"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide"),
        (b"\n\n  \n", "vide"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\xff\xfeJ\x00o\x00", "binaire"),
        (b"JournalCode JournalLib EcritureNum\n", "séparateur introuvable"),
        (b"JournalCode|JournalLib|EcritureNum|CompteNum|CompteLib|Debit|Credit\n", "EcritureDate"),
    ],
)
def test_unreadable_files_are_refused_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "123456789FEC20240131.txt"
    path.write_bytes(content)
    with pytest.raises(FecFileError, match=message) as info:
        read_fec(path)
    assert str(info.value).startswith(path.name)


@st.composite
def balanced_journal(draw: st.DrawFn) -> list[tuple[str, int, int]]:
    """Entries of random accounts whose lines balance, as (account, debit, credit)."""
    accounts = st.sampled_from(
        [
            "101000",
            "164000",
            "401000",
            "411000",
            "512000",
            "601000",
            "606000",
            "641000",
            "706000",
            "707000",
            "758000",
        ]
    )
    lines: list[tuple[str, int, int]] = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        amounts = draw(st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=4))
        for amount in amounts:
            lines.append((draw(accounts), amount, 0))
        lines.append((draw(accounts), 0, sum(amounts)))
    return lines


@settings(max_examples=60, deadline=None)
@given(balanced_journal())
def test_any_balanced_journal(
    tmp_path_factory: pytest.TempPathFactory, journal: list[tuple[str, int, int]]
) -> None:
    """Σdebit = Σcredit and the result is Σclass 7 − Σclass 6, to the cent."""
    rows = [HEADER]
    entry = 1
    for account, debit, credit in journal:
        amounts = f"{debit // 100},{debit % 100:02d}|{credit // 100},{credit % 100:02d}"
        rows.append(
            f"OD|Divers|{entry}|20240131|{account}|Compte|||P{entry}|20240131|x|{amounts}|||||"
        )
        if credit:
            entry += 1
    path = tmp_path_factory.mktemp("fec") / "123456789FEC20240131.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = read_fec(path)
    assert report.ok, report.anomalies
    assert report.debit_cents == report.credit_cents == sum(d for _, d, _ in journal)
    expected = sum(c - d for a, d, c in journal if a[0] in "67")
    assert report.result == Decimal(expected) / 100
