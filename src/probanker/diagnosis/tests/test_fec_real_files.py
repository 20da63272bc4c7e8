"""Every FEC of ../shared/data/fec gives the figures its README states.

Anomalies found in them are explained here, file by file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from probanker.core.testing import REPO_ROOT, shared_data
from probanker.finance.fec import read_fec

# file, lines, entries, total debit (= credit), result, anomaly codes expected
EXPECTED = [
    # Real Quadra export: TAB, UTF-8 (with mojibake in labels, still valid UTF-8).
    ("quadra_123456789FEC20190731.txt", 12605, 4716, "13738285.95", "107821.44", set()),
    # Odicom: pipe, ISO-8859-1, header case variants, EcritureNum always 0 → rebuilt.
    ("odicom_123456789FEC20200331.txt", 4916, 1423, "3912553.94", "-88911.55", {"FEC-ECRITURENUM"}),
    # ISTEA: pipe, 21 columns (cash-basis variant).
    (
        "bordeaux_sciences_agro_istea_123456789FEC20201231.txt",
        1982,
        694,
        "241578.42",
        "-23701.02",
        set(),
    ),
    # Small Sage extract: its name does not follow <SIREN>FEC<date>.
    ("sage_coala_2020.txt", 47, 20, "28094.49", "-10751.75", {"FEC-NOM"}),
    # Anonymised export, TAB, UTF-8 with BOM.
    ("0000000001FEC20220831.txt", 5422, 2033, "10186219.81", "173208.48", set()),
    # Pipe with trailing pipe, latin-1, padded fields, zero-padded amounts. The name says
    # a closing on 2022-12-31 but every entry is dated 2023: the data contradict the name
    # (the administration's tool checks the data only, hence "0 anomalies" upstream).
    ("111111111FEC20221231.TXT", 934, 248, "225682.23", "-1281.09", {"FEC-CLOTURE"}),
]


@pytest.mark.parametrize(("name", "lines", "entries", "total", "result", "codes"), EXPECTED)
def test_real_fec_figures(
    name: str, lines: int, entries: int, total: str, result: str, codes: set[str]
) -> None:
    report = read_fec(shared_data("fec", name))
    assert report.ok
    assert (report.lines, report.entries) == (lines, entries)
    assert report.debit == report.credit == Decimal(total)
    assert report.result == Decimal(result)
    assert set(report.counts) == codes


def test_istea_has_nine_journals_and_latin1() -> None:
    report = read_fec(shared_data("fec", "111111111FEC20221231.TXT"))
    assert len(report.journals) == 9
    assert report.encoding == "cp1252"


def test_fec_check_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_data("fec", "odicom_123456789FEC20200331.txt")
    with pytest.raises(SystemExit) as info:
        call_command("fec", "check", str(path), "--json")
    assert info.value.code == 0
    body = json.loads(capsys.readouterr().out)
    assert body["entries"] == 1423
    assert body["totals"] == {"debit": "3912553.94", "credit": "3912553.94"}
    assert body["anomalies"][0]["code"] == "FEC-ECRITURENUM"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "probanker.cli", "fec", *args],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False,
    )  # fmt: skip


def test_fec_check_exit_codes(tmp_path: Path) -> None:
    good = _cli("check", str(shared_data("fec", "sage_coala_2020.txt")))
    assert good.returncode == 0
    assert "Conforme aux contrôles" in good.stdout
    bad = tmp_path / "123456789FEC20240131.txt"
    bad.write_text(
        "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|"
        "PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\n"
        "VE|Ventes|1|20240115|411000|Clients|||F1|20240115|F1|1 200,00|0,00|||20240131||\n",
        encoding="utf-8",
    )
    result = _cli("check", str(bad), "--json")
    assert result.returncode == 1
    body = json.loads(result.stdout)
    assert body["anomalies"][0]["code"] == "FEC-MONTANT"
    assert body["anomalies"][0]["line"] == 2
    pdf = tmp_path / "x.txt"
    pdf.write_bytes(b"%PDF-1.4")
    refused = _cli("check", str(pdf))
    assert refused.returncode == 1
    assert "PDF" in refused.stderr
    usage = _cli("verify", str(pdf))
    assert usage.returncode == 2


def test_fec_check_reports_unreadable_lines_without_a_traceback(tmp_path: Path) -> None:
    """A megabyte of junk after the header and a byte undefined in Windows-1252: exit 1, a report.

    Both used to end in a traceback (ArrowInvalid, UnicodeDecodeError); the
    report names the lines, in JSON too, and nothing but it is printed.
    """
    header = (
        "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|"
        "PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\n"
    )
    lines = (
        "VE|Ventes|1|20240115|411000|Dup\x81nt|||F1|20240115|F1|1200,00|0,00|||20240131||\n"
        "VE|Ventes|1|20240115|706000|Ventes|||F1|20240115|F1|0,00|1200,00|||20240131||\n"
    )
    path = tmp_path / "123456789FEC20240131.txt"
    path.write_bytes(header.encode() + b"#" * 2**20 + b"\n" + lines.encode("latin-1"))
    result = _cli("--json", "check", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    body = json.loads(result.stdout)
    found = {(a["code"], a["severity"], a["line"]) for a in body["anomalies"]}
    assert {("FEC-LIGNE-COLONNES", "error", 2), ("FEC-CARACTERE", "warning", 3)} <= found
    text = _cli("check", str(path))
    assert text.returncode == 1
    assert "Traceback" not in text.stderr
    assert "Ligne 3 : octet(s) 0x81" in text.stdout
    path.write_bytes(b"JournalCode JournalLib\n")
    refused = _cli("check", str(path), "--json")
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["code"] == "FEC-EN-TETE"
    assert json.loads(refused.stdout)["line"] == 1


def test_fec_analyse_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    """The keys the issue lists, amounts as strings with two decimals."""
    path = shared_data("fec", "0000000001FEC20220831.txt")
    with pytest.raises(SystemExit) as info:
        call_command("fec", "analyse", str(path), "--json")
    assert info.value.code == 0
    body = json.loads(capsys.readouterr().out)
    assert set(body) == {
        "validation",
        "fiscal_year",
        "totals",
        "sig",
        "caf",
        "bilan",
        "ratios",
        "liasse",
    }
    assert body["sig"]["resultat_net"] == "173208.48"
    assert body["caf"]["additive"] == body["caf"]["soustractive"]
    assert body["bilan"]["total_actif"] == body["bilan"]["total_passif"]
    assert body["totals"]["debit"] == "10186219.81"
    assert set(body["sig"]) == {
        "chiffre_affaires",
        "marge_commerciale",
        "production_exercice",
        "valeur_ajoutee",
        "ebe",
        "resultat_exploitation",
        "rcai",
        "resultat_exceptionnel",
        "resultat_net",
    }
    ratio = body["ratios"]["taux_marge_ebe"]
    assert set(ratio) == {"value", "unit", "status"}
    assert body["liasse"]["2033-B/210"].count(".") == 1


def test_fec_analyse_text_is_french() -> None:
    result = _cli("analyse", str(shared_data("fec", "sage_coala_2020.txt")))
    assert result.returncode == 0
    assert "Soldes intermédiaires de gestion" in result.stdout
    assert "non calculable" in result.stdout
