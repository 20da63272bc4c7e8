"""NAF nomenclature: shipped sections/divisions and ``probanker load_naf``."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from probanker.core.models import NafCode, NafDivision, NafSection
from probanker.core.naf import NafFileError, parse_naf_csv
from probanker.core.testing import shared_data


@pytest.mark.django_db
def test_migrations_ship_21_sections_and_88_divisions() -> None:
    assert NafSection.objects.count() == 21
    assert NafDivision.objects.count() == 88
    assert NafDivision.objects.get(code="56").section_id == "I"


def test_parser_accepts_both_code_spellings_and_a_header() -> None:
    raw = b"code;libelle\n5610A;Restauration traditionnelle\n10.71C;Boulangerie\n"
    rows = parse_naf_csv(raw, source="naf.csv")
    assert [r.code for r in rows] == ["56.10A", "10.71C"]


def test_parser_reads_latin1() -> None:
    rows = parse_naf_csv("8621Z;Activité des médecins généralistes\n".encode("cp1252"), source="x")
    assert rows[0].label == "Activité des médecins généralistes"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("5610A\n", "ligne 1 : deux colonnes"),
        ("5610A;Resto\n56X;Bad\n", "ligne 2, champ code"),
        ("5610A;\n", "ligne 1, champ libellé"),
        ("5610A;A\n5610A;B\n", "ligne 2 : code 56.10A en double"),
        ("", "aucun code"),
    ],
)
def test_parser_errors_name_file_line_and_field(content: str, message: str) -> None:
    with pytest.raises(NafFileError, match=message) as info:
        parse_naf_csv(content.encode(), source="naf.csv")
    assert str(info.value).startswith("naf.csv")


@pytest.mark.django_db
def test_load_naf_is_all_or_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "naf.csv"
    bad.write_text("5610A;Resto\n0400Z;Division inconnue\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        call_command("load_naf", str(bad))
    assert info.value.code == 1
    assert not NafCode.objects.filter(code="56.10A").exists()


@pytest.mark.django_db
def test_load_naf_is_idempotent(tmp_path: Path) -> None:
    good = tmp_path / "naf.csv"
    good.write_text("5610A;Restauration traditionnelle\n", encoding="utf-8")
    call_command("load_naf", str(good))
    call_command("load_naf", str(good))
    assert NafCode.objects.filter(code="56.10A").count() == 1


@pytest.mark.django_db
def test_load_naf_reads_the_full_insee_table() -> None:
    """Real file: the 732 sub-classes of NAF rév. 2 (skips without ../shared/data)."""
    call_command("load_naf", str(shared_data("naf", "inseefrlab_naf2008.csv")))
    assert NafCode.objects.count() == 732
    assert NafCode.objects.get(code="10.71C").label.startswith("Boulangerie")
