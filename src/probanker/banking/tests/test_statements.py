"""Bank statements: readers on real files, reconciliation, storage all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pytest
from django.core.management import call_command

from probanker import lake
from probanker.banking.models import ImportedStatement
from probanker.banking.statements.camt import read_camt
from probanker.banking.statements.cfonb import read_cfonb
from probanker.banking.statements.csvlayout import pair, read_csv
from probanker.banking.statements.files import read_all
from probanker.banking.statements.model import StatementError
from probanker.banking.statements.reconcile import breaks
from probanker.banking.tests.factories import ContractFactory
from probanker.core.testing import shared_data


def record(
    kind: str, date: str, amount: str, code: str = "  ", value: str = "", label: str = ""
) -> str:
    """A CFONB 120 record 01, 04 or 07, field by field (columns in the comments)."""
    line = (
        kind  # 1-2
        + "30004"  # 3-7 bank
        + ("0162" if kind == "04" else "    ")  # 8-11 internal operation code
        + "00123"  # 12-16 branch
        + "EUR2 "  # 17-19 currency, 20 decimals, 21 reserved
        + "00012345678"  # 22-32 account
        + code  # 33-34 interbank operation code
        + date  # 35-40 booking date
        + "  "  # 41-42 reject reason
        + value.ljust(6)  # 43-48 value date
        + label.ljust(31)  # 49-79 label
        + "  "  # 80-81
        + ("0000001" if kind == "04" else "       ")  # 82-88 entry number
        + "  "  # 89-90
        + amount  # 91-104
        + " " * 16  # 105-120 reference
    )
    assert len(line) == 120, len(line)
    return line


def complement(info: str) -> str:
    """A 05 record (qualifier LIB) after the first movement."""
    line = "0530004016200123EUR2 00012345678B1160526" + "     " + "LIB" + info.ljust(70) + "  "
    assert len(line) == 120
    return line


# A CFONB 120 statement written by hand: opening −190.40, a direct debit of
# −32.21 (SEPA, code B1) with its LIB complement, a card remittance +1,250.00
# (code 30), closing 1,027.39. Amounts are overpunched: } = −0, J = −1, { = +0, I = +9.
CFONB = "\n".join(
    [
        record("01", "150526", "0000000001904}"),
        record("04", "160526", "0000000000322J", "B1", "160526", "PRLV SEPA EDF"),
        complement("CONTRAT 42"),
        record("04", "160526", "0000000012500{", "30", "160526", "REMISE CB"),
        record("07", "160526", "0000000010273I"),
    ]
)
IBAN = "FR7630004001230001234567843"  # bank 30004, branch 00123, account 00012345678


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1") if isinstance(text, str) else text)
    return path


def test_cfonb_written_by_hand(tmp_path: Path) -> None:
    [statement] = read_cfonb(write(tmp_path, "releve.cfo", CFONB))
    assert statement.account.label == "30004 00123 00012345678"
    assert statement.account.matches_iban(IBAN)
    assert (statement.opening_cents, statement.closing_cents) == (-19040, 102739)
    assert [e.amount_cents for e in statement.entries] == [-3221, 125000]
    assert [e.family for e in statement.entries] == ["direct_debit", "card_receipts"]
    assert statement.entries[0].label == "PRLV SEPA EDF CONTRAT 42"
    assert statement.entries[1].value_date == dt.date(2026, 5, 16)
    assert statement.reconciled


def test_cfonb_without_line_breaks_and_long_lines(tmp_path: Path) -> None:
    flat = CFONB.replace("\n", "")
    [statement] = read_cfonb(write(tmp_path, "flat.cfo", flat))
    assert statement.reconciled
    long_lines = "\n".join(line + "   " for line in CFONB.split("\n"))
    assert read_cfonb(write(tmp_path, "long.cfo", long_lines))[0].reconciled
    noisy = "\n".join(line + "XYZ" for line in CFONB.split("\n"))
    with pytest.raises(StatementError, match="ligne 1 : 123 caractères"):
        read_cfonb(write(tmp_path, "noisy.cfo", noisy))
    assert read_cfonb(write(tmp_path, "noisy.cfo", noisy), lenient=True)[0].reconciled


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda t: t.replace("0000000001904}", "00000000019X4}", 1),
            "ligne 1 : montant impossible",
        ),
        (lambda t: t.split("\n", 1)[1], r"ligne 1 : mouvement \(04\) hors d'un relevé"),
        (lambda t: t.rsplit("\n", 1)[0], r"n'a pas de nouveau solde \(07\)"),
        (lambda t: t.replace("150526", "153026", 1), "ligne 1 : date de l'ancien solde"),
        (
            lambda t: "\n".join([*t.split("\n")[:1], t.split("\n")[1][:80]]),
            "ligne 2 : ligne tronquée",
        ),
        (lambda t: t.replace("EUR2", "   2", 1), "ligne 1 : devise"),
        (lambda t: "{}", "ligne 1"),
    ],
)
def test_cfonb_bad_input_says_where_and_what(tmp_path: Path, mutate: Any, message: str) -> None:
    with pytest.raises(StatementError, match=message):
        read_cfonb(write(tmp_path, "bad.cfo", mutate(CFONB)))


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-05-17T06:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>S1</Id><ElctrncSeqNb>12</ElctrncSeqNb>
   <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-05-15</Dt></Dt></Bal>
   <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-05-16</Dt></Dt></Bal>
   <Ntry><Amt Ccy="EUR">450.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-05-16</Dt></BookgDt><ValDt><Dt>2026-05-16</Dt></ValDt>
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>MCRD</Cd><SubFmlyCd>POSP</SubFmlyCd></Fmly></Domn></BkTxCd>
    <NtryDtls><Btch><NbOfTxs>7</NbOfTxs></Btch></NtryDtls><AddtlNtryInf>REMISE CB 7 TRANSACTIONS</AddtlNtryInf></Ntry>
   <Ntry><Amt Ccy="EUR">{debit}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-05-16</Dt></BookgDt>
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn></BkTxCd></Ntry>
   <Ntry><Amt Ccy="EUR">999.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts>
    <BookgDt><Dt>2026-05-17</Dt></BookgDt></Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
"""


def camt(iban: str = IBAN, closing: str = "300.00", debit: str = "50.00") -> str:
    return CAMT.replace("{iban}", iban).replace("{closing}", closing).replace("{debit}", debit)


def test_camt_written_by_hand(tmp_path: Path) -> None:
    [statement] = read_camt(write(tmp_path, "s.xml", camt()))
    assert statement.statement_id == "S1/12"
    assert (statement.opening_cents, statement.closing_cents) == (-10000, 30000)
    assert [(e.amount_cents, e.family, e.transactions) for e in statement.entries] == [
        (45000, "card_receipts", 7),
        (-5000, "rejected_direct_debit", 1),
    ]  # the pending entry is not on the account yet
    assert statement.reconciled


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<Document><BkToCstmrStmt>", "ligne 1, colonne 25 : XML mal formé"),
        (camt().replace("camt.053.001.08", "camt.052.001.08"), "camt.052.001.08"),
        (camt(debit="50.001"), "montant impossible « 50.001 »"),
        (camt(debit="cinquante"), "montant illisible"),
        (
            camt().replace("<CdtDbtInd>DBIT</CdtDbtInd><Sts>", "<CdtDbtInd>X</CdtDbtInd><Sts>"),
            "sens « X »",
        ),
    ],
)
def test_camt_bad_input_says_where_and_what(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(StatementError, match=message):
        read_camt(write(tmp_path, "bad.xml", text))


def test_breaks_of_balance_and_continuity(tmp_path: Path) -> None:
    first = read_camt(write(tmp_path, "a.xml", camt(closing="290.00")))
    result = breaks(first)
    assert [(b.kind, b.expected_cents, b.found_cents) for b in result] == [("solde", 30000, 29000)]
    second = camt().replace("S1", "S2").replace("2026-05-15", "2026-05-20")
    statements = read_camt(write(tmp_path, "a.xml", camt())) + read_camt(
        write(tmp_path, "b.xml", second)
    )
    [gap] = breaks(statements)
    assert gap.kind == "continuité"
    assert "relevés manquants du 16/05/2026 au 20/05/2026" in gap.message


def unsigned_balances(opening: str = "100.00", closing: str = "500.00") -> str:
    """The hand-made camt.053 with both balances written without ``CdtDbtInd``, as real banks do."""
    text = camt(closing=closing)
    for code, amount in (("OPBD", "100.00"), ("CLBD", closing)):
        signed = f'<Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{"DBIT" if code == "OPBD" else "CRDT"}</CdtDbtInd>'
        assert signed in text
        text = text.replace(signed, f'<Amt Ccy="EUR">{opening if code == "OPBD" else amount}</Amt>')
    return text


def test_camt_balance_without_sign_is_read_as_a_credit_and_reconciles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A balance without ``CdtDbtInd`` is a credit, with a warning naming file, statement and type.

    100 + 450 − 50 = 500: the statement balances, so ``statements check`` (its
    options anywhere) reconciles it and exits 0, the warnings in its report.
    """
    path = write(tmp_path, "jour.xml", unsigned_balances())
    [statement] = read_camt(path)
    assert (statement.opening_cents, statement.closing_cents) == (10000, 50000)
    assert statement.reconciled
    with pytest.raises(SystemExit) as exit_:
        call_command("statements", "check", "--json", str(path))
    assert exit_.value.code == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["reconciled"], report["breaks"], report["errors"]) == (1, [], [])
    assert [(w["file"], w["statement"]) for w in report["warnings"]] == [
        ("jour.xml", "S1/12"),
        ("jour.xml", "S1/12"),
    ]
    opening, closing = (w["message"] for w in report["warnings"])
    assert opening.startswith("jour.xml, relevé 1 (S1), solde OPBD : sens absent (CdtDbtInd)")
    assert "lu créditeur" in opening
    assert "solde CLBD" in closing
    with pytest.raises(SystemExit):
        call_command("statements", "check", str(path))
    assert "avertissement : jour.xml, relevé 1 (S1), solde OPBD" in capsys.readouterr().out


def test_camt_balance_without_sign_that_is_a_debit_shows_as_a_break(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An opening really in debit (−100), written without sign, is read +100: a balance break.

    The break says which unsigned balance would make the statement balance;
    nothing crashes, and a zero balance needs no sign (no warning for it).
    """
    path = write(tmp_path, "jour.xml", unsigned_balances(closing="300.00"))
    [brk] = breaks(read_camt(path))
    assert (brk.kind, brk.expected_cents, brk.found_cents) == ("solde", 50000, 30000)
    assert "solde OPBD" in brk.message
    assert "débiteur" in brk.message
    with pytest.raises(SystemExit) as exit_:
        call_command("statements", "check", str(path), "--json")
    assert exit_.value.code == 1  # a break is a data error
    report = json.loads(capsys.readouterr().out)
    assert [b["kind"] for b in report["breaks"]] == ["solde"]
    assert len(report["warnings"]) == 2
    zero = unsigned_balances(opening="0.00", closing="400.00")
    [statement] = read_camt(write(tmp_path, "zero.xml", zero))
    assert statement.reconciled
    assert len(statement.warnings) == 1  # the closing only


def test_camt_unsigned_balances_follow_on_or_break_continuity(tmp_path: Path) -> None:
    """Continuity confirms unsigned balances too: a day whose opening repeats the last closing."""
    first = read_camt(write(tmp_path, "a.xml", unsigned_balances()))
    following = unsigned_balances(opening="500.00", closing="900.00")
    second = (
        following.replace("S1", "S2")
        .replace("2026-05-16", "2026-05-17")
        .replace("2026-05-15", "2026-05-16")
    )
    assert breaks(first + read_camt(write(tmp_path, "b.xml", second))) == []
    debit = following.replace('<Amt Ccy="EUR">500.00</Amt>', '<Amt Ccy="EUR">-500.00</Amt>')
    debit = (
        debit.replace("S1", "S2")
        .replace("2026-05-16", "2026-05-17")
        .replace("2026-05-15", "2026-05-16")
    )
    found = breaks(first + read_camt(write(tmp_path, "c.xml", debit)))
    assert [b.kind for b in found] == ["solde", "continuité"]


CSV_MOVEMENTS = """account;booking_date;value_date;amount;family;label
{iban};2026-05-02;2026-05-02;-120,50;direct_debit;PRLV URSSAF
{iban};2026-05-03;;2000.00;incoming_transfer;VIR CLIENT
"""
CSV_BALANCES = """account;date;balance;limit
{iban};2026-05-01;-500.00;3000
{iban};2026-05-03;1379.50;3000
"""


def test_csv_layout_pairs_movements_and_balances(tmp_path: Path) -> None:
    movements = read_csv(write(tmp_path, "m.csv", CSV_MOVEMENTS.replace("{iban}", IBAN)))
    balances = read_csv(write(tmp_path, "b.csv", CSV_BALANCES.replace("{iban}", IBAN)))
    [statement] = pair([movements, balances])
    assert statement.reconciled
    assert statement.movement_cents == 187950


def test_csv_bad_input(tmp_path: Path) -> None:
    with pytest.raises(StatementError, match="ligne 2, date : date « 2026-13-01 »"):
        read_csv(write(tmp_path, "x.csv", "account;date;balance;limit\nX;2026-13-01;1;0\n"))
    with pytest.raises(StatementError, match="ligne 1 : en-tête"):
        read_csv(write(tmp_path, "y.csv", "compte;date\nX;2026-01-01\n"))
    with pytest.raises(StatementError, match="ligne 2, family : famille « loterie »"):
        read_csv(write(tmp_path, "z.csv", CSV_MOVEMENTS.replace("direct_debit", "loterie")))


# Reconciliation results of the real files (../shared/data/README.md).
REAL = {
    "camt053/subite_monthly/BE68793230773034-202411.xml": (5937037, 8753912, True),
    "camt053/subite_monthly/BE68793230773034-202412.xml": (8753912, 4196511, True),
    "camt053/oca_bank-statement-import/test-camt053": (1556827, 1512112, False),  # trimmed entries
    "camt053/genkgo_camt/camt053.v2.five.decimals.xml": (1815, 2705, False),  # hand-made vector
    "cfonb120/ekylibre/import_cfonb.csv": (-395657631, -392613589, False),  # must be flagged
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_files(name: str) -> None:
    opening, closing, reconciled = REAL[name]
    path = shared_data(*name.split("/"))
    [statement] = read_camt(path) if name.startswith("camt") else read_cfonb(path)
    assert (statement.opening_cents, statement.closing_cents, statement.reconciled) == (
        opening, closing, reconciled,
    )  # fmt: skip


def test_real_cfonb_with_two_banks() -> None:
    """pennylane's example: bank 15589 −190.40 → −241.21, bank 18706 −241.21 → −163.72."""
    statements = read_cfonb(shared_data("cfonb120", "pennylane_cfonb", "example.txt"))
    assert [
        (s.account.bank, s.opening_cents, s.closing_cents, s.reconciled) for s in statements
    ] == [
        ("15589", -19040, -24121, True),
        ("18706", -24121, -16372, True),
    ]
    # The toy file of python-cfonb has a blank currency: only --lenient reads it; it does not reconcile.
    toy = shared_data("cfonb120", "akretion_python-cfonb", "bank_statement.cfo")
    with pytest.raises(StatementError, match="devise"):
        read_cfonb(toy)
    assert read_cfonb(toy, lenient=True)[0].reconciled is False


def test_malformed_cfonb_files_are_refused_with_their_line() -> None:
    folder = shared_data("cfonb120", "pennylane_cfonb")
    result = read_all([folder])
    refused = dict(result.errors)
    assert "example.txt" not in refused
    assert "ligne 6 : nouveau relevé (01)" in refused["new_statement_without_previous_ended.txt"]
    assert "ligne 1 : date de l'ancien solde" in refused["invalid_date.txt"]
    assert len(refused) == 8


def test_subite_months_follow_on() -> None:
    folder = shared_data("camt053", "subite_monthly")
    statements = read_camt(folder / "BE68793230773034-202411.xml") + read_camt(
        folder / "BE68793230773034-202412.xml"
    )
    assert breaks(statements) == []


@pytest.mark.django_db
def test_import_is_all_or_nothing_and_idempotent(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.LAKE_DIR = tmp_path / "lake"
    contract = ContractFactory(iban=IBAN)
    good = write(tmp_path, "releve.cfo", CFONB)
    other = write(tmp_path, "autre.xml", camt(iban="FR7611111000010000000000118"))
    call_command("statements", "import", str(good), str(other))
    out = capsys.readouterr().out
    assert "Importé : 1 relevé(s)" in out
    assert "compte inconnu, ignoré : FR7611111000010000000000118" in out
    stored = ImportedStatement.objects.get()
    assert (stored.contract, stored.entries, stored.closing_cents) == (contract, 2, 102739)
    movements = lake.read_dataset(settings.LAKE_DIR, lake.MOVEMENTS)
    assert movements.num_rows == 2
    assert pc.sum(movements["amount_cents"]).as_py() == 121779
    balances = lake.read_dataset(settings.LAKE_DIR, lake.BALANCES)
    assert balances.column("balance_cents").to_pylist() == [102739]
    # A camt.053 over several days: one end-of-day balance per calendar day.
    week = camt().replace("2026-05-15", "2026-05-10")
    call_command("statements", "import", str(write(tmp_path, "semaine.xml", week)))
    balances = lake.read_dataset(settings.LAKE_DIR, lake.BALANCES).to_pylist()
    carried = sorted((b["date"].day, b["balance_cents"]) for b in balances if b["date"].day < 16)
    assert carried == [(day, -10000) for day in range(11, 16)]  # no movement: carried forward
    assert (dt.date(2026, 5, 16), 30000) in {(b["date"], b["balance_cents"]) for b in balances}
    # A daily camt.053 whose opening balance is dated the same day, without movements:
    # the day still gets its end-of-day balance.
    day = camt().replace("2026-05-15", "2026-05-20").replace("2026-05-16", "2026-05-20")
    quiet = day.split("<Ntry>")[0] + "</Stmt>" + day.split("</Stmt>")[1]
    quiet = quiet.replace(
        '<Amt Ccy="EUR">100.00</Amt><CdtDbtInd>DBIT', '<Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT'
    )
    call_command("statements", "import", str(write(tmp_path, "jour.xml", quiet)))
    balances = lake.read_dataset(settings.LAKE_DIR, lake.BALANCES).to_pylist()
    assert (dt.date(2026, 5, 20), 30000) in {(b["date"], b["balance_cents"]) for b in balances}
    capsys.readouterr()
    # The same file again: stored once.
    call_command("statements", "import", str(good))
    assert "déjà présents : 1" in capsys.readouterr().out
    assert lake.read_dataset(settings.LAKE_DIR, lake.MOVEMENTS).num_rows == 4  # 2 + 2 of the week
    # A file with a break: nothing stored, exit 1.
    broken = write(tmp_path, "casse.xml", camt(closing="1.00"))
    with pytest.raises(SystemExit) as exit_:
        call_command("statements", "import", str(broken))
    assert exit_.value.code == 1
    assert ImportedStatement.objects.count() == 3  # the CFONB one, the week, the day: no more


def test_check_command_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path, "releve.cfo", CFONB)
    write(tmp_path, "casse.xml", camt(closing="1.00"))
    write(tmp_path, "rien.pdf", b"%PDF-1.4")
    with pytest.raises(SystemExit) as exit_:
        call_command("statements", "check", str(tmp_path), "--json")
    assert exit_.value.code == 1  # a file cannot be read
    report = json.loads(capsys.readouterr().out)
    assert (report["statements"], report["entries"], report["accounts"], report["reconciled"]) == (
        2,
        4,
        2,
        1,
    )
    [brk] = report["breaks"]
    assert (brk["file"], brk["expected"], brk["found"]) == ("casse.xml", "300.00", "1.00")
    assert report["errors"][0]["file"] == "rien.pdf"


@pytest.mark.django_db
def test_csv_instalments_replace_by_contract_and_due_date(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    settings.LAKE_DIR = tmp_path / "lake"
    loan = ContractFactory(number="PRET-001")
    due = "contract;due_date;amount_due;paid_date;amount_paid\nPRET-001;2026-05-05;850,00;;\n"
    call_command("statements", "import", str(write(tmp_path, "e.csv", due)))
    paid = due.replace(";;\n", ";2026-05-20;850.00\n") + "INCONNU;2026-05-05;1;;\n"
    call_command("statements", "import", str(write(tmp_path, "e.csv", paid)))
    assert "contrat inconnu, échéances ignorées : INCONNU" in capsys.readouterr().out
    table = pq.read_table(settings.LAKE_DIR / "instalments" / "month=2026-05" / "part-0.parquet")
    assert table.to_pylist() == [
        {
            "contract_id": loan.pk,
            "party_id": loan.party_id,
            "due_date": dt.date(2026, 5, 5),
            "amount_due_cents": 85000,
            "paid_date": dt.date(2026, 5, 20),
            "amount_paid_cents": 85000,
        }
    ]
