"""Unreadable input is a report naming the line, never a crash, on both reading paths.

Each case is a tiny FEC written inline with the defect real files carry: a
byte that Windows-1252 leaves undefined, a line of junk, NUL bytes, a cut
last line, an amount of thousands of digits... Both engines are run (Arrow
gives up and the line-by-line reader reports), and nothing is printed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from probanker.finance.fec import FecFileError, FecReport, read_fec
from probanker.finance.tests.test_fec import HEADER, LINES

ENGINES = ["python", "arrow"]
UNDEFINED = [0x81, 0x8D, 0x8F, 0x90, 0x9D]  # no character in Windows-1252


def read(tmp_path: Path, data: bytes, engine: str) -> FecReport:
    path = tmp_path / "123456789FEC20240131.txt"
    path.write_bytes(data)
    return read_fec(path, engine=engine)


def body(lines: list[str] | None = None, encoding: str = "utf-8") -> bytes:
    return "\n".join([HEADER, *(LINES if lines is None else lines)]).encode(encoding) + b"\n"


def codes(report: FecReport) -> dict[str, list[int | None]]:
    found: dict[str, list[int | None]] = {}
    for anomaly in report.anomalies:
        found.setdefault(anomaly.code, []).append(anomaly.line)
    return found


@pytest.fixture(autouse=True)
def _silent(capfd: pytest.CaptureFixture[str]) -> object:
    """No reading path prints anything (Arrow's ignored exceptions included)."""
    yield
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("byte", UNDEFINED, ids=[f"0x{b:02X}" for b in UNDEFINED])
def test_byte_undefined_in_windows_1252_in_a_label(tmp_path: Path, engine: str, byte: int) -> None:
    """In a Windows-1252 file (« é » as 0xE9), 0x81... in a label: replaced, warned on its line."""
    data = body(encoding="cp1252").replace(b"Dupont", b"Dup" + bytes([byte]) + b"nt", 1)
    report = read(tmp_path, data, engine)
    assert report.ok
    assert report.encoding == "cp1252"
    assert codes(report)["FEC-CARACTERE"] == [2]
    [warning] = [a for a in report.anomalies if a.code == "FEC-CARACTERE"]
    assert warning.severity == "warning"
    assert f"0x{byte:02X}" in warning.message
    assert warning.message.startswith("Ligne 2 :")
    assert report.auxiliary[("411000", "C001")].label == "Dup\ufffdnt"
    assert report.accounts["445710"].label == "TVA collectée"
    assert report.result == 700


def filler(count: int) -> list[str]:
    """Balanced zero lines, enough to push a line beyond the 256 KiB the encoding is guessed on."""
    return [
        LINES[3].replace("è", "e").replace("|2|", f"|{n}|").replace("1200,00|0,00", "0,00|0,00")
        for n in range(count)
    ]


ASCII_LINES = [line.replace("é", "e").replace("è", "e") for line in LINES]


@pytest.mark.parametrize("engine", ENGINES)
def test_windows_1252_line_with_an_undefined_byte_past_the_sample(
    tmp_path: Path, engine: str
) -> None:
    """ASCII for 256 KiB, then « é » as 0xE9 beside 0x90: read on in Windows-1252, 0x90 replaced."""
    lines = [*ASCII_LINES, *filler(3000)]
    lines.append(ASCII_LINES[0].replace("Dupont", "Réglé\x90").replace("|1|", "|8|"))
    lines.append(ASCII_LINES[1].replace("|1|", "|8|").replace("|1000,00|", "|1200,00|"))
    data = body(lines, encoding="latin-1")
    assert data.index(b"\x90") > 256 * 1024
    report = read(tmp_path, data, engine)
    assert report.ok
    assert report.encoding == "cp1252"
    stray = len(lines)
    assert codes(report)["FEC-ENCODAGE"] == [stray]
    assert codes(report)["FEC-CARACTERE"] == [stray]
    assert report.auxiliary[("411000", "C001")].label == "Dupont"


@pytest.mark.parametrize("engine", ENGINES)
def test_utf8_line_in_a_windows_1252_file(tmp_path: Path, engine: str) -> None:
    """« Á » is C3 81 in UTF-8 (0x81 has no Windows-1252 character): that line reads as UTF-8."""
    lines = [*LINES]
    lines[6] = lines[6].replace("|F001|Martin|", "|F002|DÁVILA|")
    data = body(lines, encoding="cp1252").replace("Á".encode("cp1252"), "Á".encode())
    report = read(tmp_path, data, engine)
    assert report.encoding == "cp1252"
    assert "FEC-CARACTERE" not in report.counts
    assert report.auxiliary[("401000", "F002")].label == "DÁVILA"
    assert report.accounts["445710"].label == "TVA collectée"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("byte", [0x81, 0x90])
def test_undefined_byte_at_the_start_of_the_file(tmp_path: Path, engine: str, byte: int) -> None:
    """Garbage before the header is dropped with a warning on line 1; the file reads."""
    report = read(tmp_path, bytes([byte]) + body(), engine)
    assert report.ok
    assert report.lines == 7
    assert set(codes(report)) >= {"FEC-CARACTERE", "FEC-EN-TETE"}
    assert codes(report)["FEC-EN-TETE"] == [1]


@pytest.mark.parametrize("engine", [*ENGINES, "auto"])
def test_a_megabyte_line_of_junk_after_the_header(tmp_path: Path, engine: str) -> None:
    """1 MiB of junk on line 2: an error on line 2, every other line read (Arrow gives up)."""
    rnd = random.Random(11)
    junk = bytes(rnd.randrange(32, 127) for _ in range(2**20))
    head, rest = body().split(b"\n", 1)
    report = read(tmp_path, head + b"\n" + junk + b"\n" + rest, engine)
    assert not report.ok
    assert codes(report)["FEC-LIGNE-COLONNES"] == [2]
    assert report.lines == 7
    assert all(len(a.message) < 300 for a in report.anomalies)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_line_longer_than_any_entry(tmp_path: Path, engine: str) -> None:
    """A line over 16 MiB is not read into the report: an error naming it, the rest read."""
    head, rest = body().split(b"\n", 1)
    report = read(tmp_path, head + b"\n" + b"x|" * (8 * 2**20 + 1) + b"\n" + rest, engine)
    assert codes(report)["FEC-LIGNE-LONGUE"] == [2]
    assert report.lines == 7


@pytest.mark.parametrize("engine", ENGINES)
def test_nul_bytes_in_a_line(tmp_path: Path, engine: str) -> None:
    """A few NUL bytes are a damaged line (an error on it), not a binary file."""
    data = body().replace(b"Fournitures", b"Fourni\x00\x00tures", 1)
    report = read(tmp_path, data, engine)
    assert codes(report)["FEC-OCTET-NUL"] == [7]
    assert not report.ok


@pytest.mark.parametrize("engine", ENGINES)
def test_nul_bytes_beyond_the_sample(tmp_path: Path, engine: str) -> None:
    """NUL bytes past the first 256 KiB are found too, on their line."""
    data = (
        body([*LINES, *filler(3000)])
        + b"BQ|Banque|9|20240120|512000|\x00|||R9|20240120|x|0,00|0,00|||20240131||\n"
    )
    assert len(data) > 256 * 1024
    report = read(tmp_path, data, engine)
    assert codes(report)["FEC-OCTET-NUL"] == [len(LINES) + 3000 + 2]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", "FEC-VIDE", "vide"),
        (b"\n\n  \n", "FEC-VIDE", "vide"),
        (b"%PDF-1.7\n...", "FEC-PDF", "PDF"),
        (b"\xff\xfeJ\x00o\x00", "FEC-BINAIRE", "binaire"),
        (b"PK\x03\x04\x14\x00\x06\x00" * 40, "FEC-BINAIRE", "binaire"),
        (bytes(range(256)) * 64, "FEC-BINAIRE", "binaire"),
        (b"JournalCode JournalLib EcritureNum\n", "FEC-EN-TETE", "séparateur introuvable"),
    ],
)
def test_files_that_are_no_fec(
    tmp_path: Path, engine: str, content: bytes, code: str, message: str
) -> None:
    """Refused with the anomaly of the whole file: code, line, French message naming the file."""
    with pytest.raises(FecFileError, match=message) as info:
        read(tmp_path, content, engine)
    anomaly = info.value.anomaly
    assert (anomaly.code, anomaly.severity) == (code, "error")
    assert anomaly.message == str(info.value)
    assert anomaly.message.startswith("123456789FEC20240131.txt")


@pytest.mark.parametrize("engine", ENGINES)
def test_header_only(tmp_path: Path, engine: str) -> None:
    """A header and nothing else: the report says there is no entry."""
    report = read(tmp_path, HEADER.encode() + b"\r\n", engine)
    assert codes(report) == {"FEC-VIDE": [None]}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("cut", [30, 93, 97])
def test_truncated_last_line(tmp_path: Path, engine: str, cut: int) -> None:
    """A file cut inside its last line (inside « é » too): an error on that line, no crash."""
    lines = [*LINES]
    lines[-1] = lines[-1].replace("Fournisseurs", "Fournisseurs é")
    data = body(lines)[:-cut]
    report = read(tmp_path, data, engine)
    assert not report.ok
    assert report.anomalies[0].line == 8


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("digits", [17, 25, 5000])
def test_amounts_too_large(tmp_path: Path, engine: str, digits: int) -> None:
    """An amount of more than 13 digits before the comma is an error on its line."""
    lines = [line.replace("1200,00", "9" * digits) for line in LINES]
    report = read(tmp_path, body(lines), engine)
    assert codes(report)["FEC-MONTANT"][0] == 2
    assert all(len(a.message) < 300 for a in report.anomalies)


@pytest.mark.parametrize("engine", ENGINES)
def test_control_characters_and_quotes_in_labels(tmp_path: Path, engine: str) -> None:
    """Quotes and control characters in a label are text: nothing to report."""
    data = body().replace(b"Dupont", b'"Du\x1a\x0bpont', 1)
    report = read(tmp_path, data, engine)
    assert report.ok


@pytest.mark.parametrize(
    "data",
    [
        body(encoding="cp1252").replace(b"Dupont", b"Dup\x81nt"),
        b"\x90" + body(),
        body().replace(b"Fournitures", b"Fourni\x00tures"),
        body()[:-40],
        body([line.replace("1200,00", "9" * 17) for line in LINES]),
    ],
    ids=["0x81", "start", "nul", "truncated", "amount"],
)
def test_both_engines_report_the_same(tmp_path: Path, data: bytes) -> None:
    """Arrow gives up on each defect, so both paths give the very same report."""
    from probanker.finance.tests.test_fec_engines import fingerprint

    assert fingerprint(read(tmp_path, data, "arrow")) == fingerprint(read(tmp_path, data, "python"))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("far", [False, True], ids=["in-sample", "past-sample"])
def test_stray_byte_in_a_file_that_is_utf8(tmp_path: Path, engine: str, far: bool) -> None:
    """UTF-8 text around one stray 0x90 stays UTF-8: only that byte is replaced, no mojibake."""
    lines = [*LINES, *(filler(3000) if far else [])]
    lines += [LINES[0].replace("Dupont", "Dupônt\x90").replace("|1|", "|8|")]
    lines += [
        LINES[1]
        .replace("|1|", "|8|")
        .replace("|1000,00|", "|1200,00|")
        .replace("Prestations", "Prestations réglées")
    ]
    data = body(lines).replace("\x90".encode(), b"\x90")
    report = read(tmp_path, data, engine)
    assert report.ok
    assert report.encoding == "utf-8"
    assert "FEC-ENCODAGE" not in report.counts
    assert codes(report)["FEC-CARACTERE"] == [len(lines)]
    assert report.accounts["445710"].label == "TVA collectée"
    assert report.auxiliary[("411000", "C001")].label == "Dupont"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    junk=st.binary(max_size=600),
    where=st.integers(min_value=0, max_value=len(body())),
    header=st.booleans(),
    engine=st.sampled_from(ENGINES),
)
def test_any_bytes_give_a_report_or_a_refusal(
    tmp_path: Path, junk: bytes, where: int, header: bool, engine: str
) -> None:
    """Arbitrary bytes spliced into a FEC (or alone): a report, or FecFileError; nothing else."""
    data = body()[:where] + junk + body()[where:] if header else junk
    report: FecReport | None = None
    refusal = None
    try:
        report = read(tmp_path, data, engine)
    except FecFileError as exc:
        refusal = exc.anomaly
    if refusal is not None:
        assert refusal.severity == "error"
    else:
        assert report is not None
        assert all(a.message for a in report.anomalies)
