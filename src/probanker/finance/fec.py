"""Reading a FEC (fichier des écritures comptables, art. A47 A-1 LPF).

:func:`read_fec` streams the file once, line by line, and returns a
:class:`FecReport`: the trial balance per account and per auxiliary account,
the totals, the entries, and the anomalies the tax administration's checks
would raise (header, column count, dates, amounts, account numbers, balance,
one journal and one date per entry, file-name date, fiscal year). Amounts are
kept as integer cents while reading and exposed as ``Decimal``.

Every variant of DOMAIN.md is read: TAB, ``|`` (trailing separator too), ``;``
or ``,``; UTF-8 with or without BOM, else cp1252/ISO-8859-15; header case,
spacing and known typos; 18, 21 or 22 columns and extra ones; ``Montant`` +
``Sens``; signed, zero-padded or negative amounts; CRLF, LF and CR CR LF;
a constant ``EcritureNum`` (entries rebuilt from journal, date and PieceRef).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from probanker.finance.amounts import AmountError, parse_cents, parse_date, shown
from probanker.finance.fec_checks import _check_entries, _check_totals
from probanker.finance.fec_engine import CLEAN, UNDEFINED_CP1252, UNSUPPORTED, has_nul
from probanker.finance.fec_report import (
    ERROR,
    WARNING,
    Anomaly,
    Balance,
    FecFileError,
    FecReport,
    _Group,
)

__all__ = ["ERROR", "WARNING", "Anomaly", "Balance", "FecFileError", "FecReport", "read_fec"]

STANDARD_COLUMNS = (
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
)  # fmt: skip
CASH_BASIS_COLUMNS = ("DateRglt", "ModeRglt", "NatOp")
CLIENT_COLUMN = ("IdClient",)
SIGNED_COLUMNS = ("Montant", "Sens")
# Spellings met in real exports, normalised (lower case, no spaces or underscores).
ALIASES = {
    "ecrturelet": "ecriturelet",
    "comptelibelle": "comptelib",
    "montantdevises": "montantdevise",
}
KNOWN = {
    c.lower(): c for c in (*STANDARD_COLUMNS, *CASH_BASIS_COLUMNS, *CLIENT_COLUMN, *SIGNED_COLUMNS)
}
SEPARATORS = ("\t", "|", ";", ",")
SEPARATOR_NAMES = {"\t": "tabulation", "|": "barre verticale", ";": "point-virgule", ",": "virgule"}
FILE_NAME = re.compile(r"(\d{9})FEC(\d{8})", re.IGNORECASE)
ACCOUNT = re.compile(r"^\d{3}[0-9A-Za-z]*$")
SAMPLE_BYTES = 256 * 1024
FAST_MIN_BYTES = 2**20
# A line longer than Arrow's block is not an entry either way: it is reported,
# never held in memory whole (a file without line ends is one such line).
MAX_LINE_BYTES = 16 * 2**20
CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20)])
# Before the header: a BOM, replaced bytes, control characters (garbage of exports).
LEADING_GARBAGE = re.compile(r"^[\ufeff\ufffd\x00-\x08\x0b-\x1f\x7f-\x9f]+")


def read_fec(path: Path | str, engine: str = "auto") -> FecReport:
    """Read and check the FEC at ``path``; see the module docstring.

    ``engine``: ``"auto"`` reads files of 1 MiB and more with DuckDB when they
    are clean UTF-8 (:mod:`~probanker.finance.fec_engine`), with Arrow when
    DuckDB does not take their form (Windows-1252, padded keys), line by line
    otherwise — and whenever an anomaly is found, so that each is named with
    its line; ``"python"`` always line by line; ``"duckdb"`` and ``"arrow"``
    try that reader alone whatever the size (tests compare them all).
    """
    path = Path(path)
    report = FecReport(source=path.name)
    _check_file_name(report, path.name)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise FecFileError(
            f"{path.name} : lecture impossible ({exc.strerror}).", "FEC-LECTURE"
        ) from exc
    with handle:
        _read(report, handle, path, engine)
    return report


def _check_file_name(report: FecReport, name: str) -> None:
    match = FILE_NAME.search(name)
    if match is None:
        report.add(
            "FEC-NOM",
            WARNING,
            None,
            "Le nom du fichier ne suit pas le modèle <SIREN>FEC<AAAAMMJJ>.",
        )
        return
    report.siren_in_name = match.group(1)
    try:
        report.closing_date_in_name = parse_date(match.group(2))
    except ValueError:
        report.add(
            "FEC-NOM", WARNING, None, f"Date de clôture illisible dans le nom : {match.group(2)}."
        )


def _detect_encoding(sample: bytes) -> str:
    """``utf-8-sig``, ``utf-8``, ``cp1252``, or ``utf-8-damaged``: UTF-8 with stray bytes.

    A sample with more valid UTF-8 characters beyond ASCII than invalid bytes
    is UTF-8 with a few damaged bytes, not Windows-1252 (which would turn its
    « é » into « Ã© »).
    """
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is not an error.
        if exc.start < len(sample) - 4:
            text = sample.decode("utf-8", errors="replace")
            invalid = text.count("\ufffd")
            beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
            return "utf-8-damaged" if beyond_ascii > invalid else "cp1252"
    return "utf-8"


def _looks_binary(sample: bytes) -> bool:
    """UTF-16 (a BOM, or NUL every other byte), a spreadsheet, an image: not a text FEC.

    A few NUL bytes in a text file are damaged lines, reported one by one.
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if sample.count(b"\x00") * 100 > len(sample):
        return True
    # Text holds few control bytes besides TAB, LF, VT, FF and CR; binary data many.
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls * 20 > len(sample)


def _lines(handle: BinaryIO, sample: bytes) -> Iterator[bytes | None]:
    """Physical lines without their end: LF, CRLF, CR CR LF, or CR alone.

    ``None`` stands for a line longer than :data:`MAX_LINE_BYTES`, skipped unread.
    """
    if b"\n" not in sample and b"\r" in sample:
        # Old Mac line ends: small files only in practice, split in memory.
        for raw in (sample + handle.read()).split(b"\r"):
            yield None if len(raw) > MAX_LINE_BYTES else raw
        return
    handle.seek(0)
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield raw.rstrip(b"\r\n")


def _read(report: FecReport, handle: BinaryIO, path: Path, engine: str) -> None:
    sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise FecFileError(f"{report.source} : le fichier est vide.", "FEC-VIDE")
    if sample.startswith(b"%PDF"):
        raise FecFileError(
            f"{report.source} : c'est un document PDF, pas un FEC (fichier texte).", "FEC-PDF"
        )
    if _looks_binary(sample):
        raise FecFileError(
            f"{report.source} : fichier binaire (octets nuls) : ce n'est pas un FEC texte "
            "(UTF-16 ou tableur ? exportez en texte délimité).",
            "FEC-BINAIRE",
        )
    encoding = _detect_encoding(sample)
    report.encoding = "utf-8" if encoding.startswith("utf-8") else encoding
    decoder = _Decoder(encoding, report)
    lines = _lines(handle, sample)
    header_number, header = 0, ""
    for number, raw in enumerate(lines, start=1):
        if raw is None:
            raise FecFileError(
                f"{report.source}, ligne {number} : plus de {MAX_LINE_BYTES // 2**20} Mio sans "
                "fin de ligne : ce n'est pas un en-tête de FEC.",
                "FEC-EN-TETE",
                number,
            )
        text = decoder.decode(raw, number)
        if text.strip():
            header_number, header = number, _clean_header(report, text, number)
            break
    if not header:
        raise FecFileError(f"{report.source} : le fichier est vide.", "FEC-VIDE")
    columns = _parse_header(report, header, header_number)
    fast = engine != "python" and (engine != "auto" or path.stat().st_size >= FAST_MIN_BYTES)
    # CR CR LF or CR line ends number lines differently in Arrow: keep them line by line.
    # Damaged UTF-8 would only make Arrow give up: read it line by line at once.
    if fast and encoding != "utf-8-damaged" and b"\r\r" not in sample and b"\n" in sample:
        # DuckDB reads UTF-8 only; Windows-1252 goes to Arrow, which decodes it.
        outcome = UNSUPPORTED
        if engine in {"auto", "duckdb"} and encoding.startswith("utf-8") and not has_nul(path):
            outcome = _read_engine(report, path, columns, header_number)
        if outcome == CLEAN:
            return
        if (
            outcome == UNSUPPORTED
            and engine in {"auto", "arrow"}
            and _read_fast(report, path, columns, header_number, encoding)
        ):
            return
    _read_lines(report, columns, enumerate(lines, start=header_number + 1), decoder)


def _clean_header(report: FecReport, text: str, number: int) -> str:
    """The header without what some exports write before it (warned, unless a BOM)."""
    garbage = LEADING_GARBAGE.match(text)
    if garbage is None:
        return text
    if garbage.group().strip("\ufeff"):
        report.add(
            "FEC-EN-TETE", WARNING, number,
            f"Ligne {number} : caractères parasites avant l'en-tête, ignorés.",
        )  # fmt: skip
    return text[garbage.end() :]


def _apply(report: FecReport, result: dict[str, object]) -> None:
    """Write what a vectorised reader computed (a clean file) into the report."""
    report.lines = int(result["lines"])  # type: ignore[call-overload]
    report.journals = set(result["journals"])  # type: ignore[call-overload]
    report.debit_cents = int(result["debit"])  # type: ignore[call-overload]
    report.credit_cents = int(result["credit"])  # type: ignore[call-overload]
    report.first_date = result["first"]  # type: ignore[assignment]
    report.last_date = result["last"]  # type: ignore[assignment]
    for row in result["accounts"]:  # type: ignore[attr-defined]
        report.accounts[row["account"]] = Balance(row["label"], row["debit"], row["credit"])
    for row in result["auxiliary"]:  # type: ignore[attr-defined]
        report.auxiliary[(row["account"], row["aux"])] = Balance(
            row["aux_label"], row["debit"], row["credit"]
        )
    report.entries = int(result["entries"])  # type: ignore[call-overload]
    report.entries_rebuilt = bool(result["rebuild"])
    if report.entries_rebuilt:
        report.add(
            "FEC-ECRITURENUM", WARNING, None,
            "EcritureNum constant : écritures reconstituées par journal, date et PieceRef.",
        )  # fmt: skip


def _read_engine(report: FecReport, path: Path, columns: _Columns, header_number: int) -> str:
    """DuckDB path for clean UTF-8 files; any outcome but CLEAN leaves the report untouched."""
    from probanker.finance.fec_engine import read_with_engine

    outcome = read_with_engine(path, columns, header_number, lambda r: _apply(report, r))
    if outcome == CLEAN:
        _check_totals(report)
    return outcome


def _read_fast(
    report: FecReport, path: Path, columns: _Columns, header_number: int, encoding: str
) -> bool:
    """Arrow path for clean files; ``False`` leaves the report untouched."""
    from probanker.finance.fec_fast import read_clean

    arrow_encoding = "utf8" if encoding.startswith("utf-8") else encoding
    if not read_clean(path, columns, header_number, arrow_encoding, lambda r: _apply(report, r)):
        return False
    _check_totals(report)
    return True


class _Decoder:
    """Decodes lines in the detected encoding, falling back to cp1252 once.

    In cp1252, a line that does not decode is tried as UTF-8 (« Á » is C3 81,
    and 0x81 has no character in cp1252); failing both, the bytes cp1252
    leaves undefined are replaced by U+FFFD, with a warning on the line. In a
    file already shown to be UTF-8 (characters beyond ASCII read as UTF-8), a
    line that is not is damaged UTF-8: its invalid bytes alone are replaced.
    """

    def __init__(self, encoding: str, report: FecReport) -> None:
        self.encoding = "utf-8" if encoding.startswith("utf-8") else encoding
        self.report = report
        self.utf8_shown = encoding == "utf-8-damaged"

    def decode(self, raw: bytes, number: int) -> str:
        try:
            text = raw.decode(self.encoding)
        except UnicodeDecodeError as exc:
            invalid = exc.object[exc.start : exc.end]
        else:
            if not self.utf8_shown and self.encoding == "utf-8" and not raw.isascii():
                self.utf8_shown = True
            return text
        if self.encoding == "utf-8" and self.utf8_shown:
            shown_bytes = ", ".join(f"0x{b:02X}" for b in invalid[:4])
            self.report.add(
                "FEC-CARACTERE", WARNING, number,
                f"Ligne {number} : octet(s) {shown_bytes} invalide(s) en UTF-8, remplacé(s) "
                "par « \ufffd ».",
            )  # fmt: skip
            return raw.decode("utf-8", errors="replace")
        if self.encoding == "utf-8":
            self.report.add(
                "FEC-ENCODAGE", WARNING, number,
                f"Ligne {number} : caractères non UTF-8, fichier relu en Windows-1252.",
            )  # fmt: skip
            self.encoding = self.report.encoding = "cp1252"
            try:
                return raw.decode("cp1252")
            except UnicodeDecodeError:
                pass
        else:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
        undefined = ", ".join(sorted({f"0x{b:02X}" for b in raw if b in UNDEFINED_CP1252}))
        self.report.add(
            "FEC-CARACTERE", WARNING, number,
            f"Ligne {number} : octet(s) {undefined} sans caractère en Windows-1252 ni en UTF-8, "
            "remplacé(s) par « \ufffd ».",
        )  # fmt: skip
        return raw.decode("cp1252", errors="replace")


@dataclass(frozen=True)
class _Columns:
    index: dict[str, int]
    count: int
    trailing: bool
    signed: bool
    separator: str


def _normalise(name: str) -> str:
    key = re.sub(r"[\s_]", "", name.strip().lstrip("\ufeff")).lower()
    return ALIASES.get(key, key)


def _parse_header(report: FecReport, header: str, number: int) -> _Columns:
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    separator = max(SEPARATORS, key=lambda s: counts[s])
    if counts[separator] < 6:
        raise FecFileError(
            f"{report.source}, ligne {number} : séparateur introuvable (tabulation ou « | » "
            "attendus) : ce n'est pas un en-tête de FEC.",
            "FEC-EN-TETE",
            number,
        )
    report.separator = SEPARATOR_NAMES[separator]
    if separator in {";", ","}:
        report.add(
            "FEC-SEPARATEUR",
            WARNING,
            number,
            f"Séparateur « {separator} » : le texte prévoit la tabulation ou « | ».",
        )
    names = header.split(separator)
    trailing = names[-1].strip() == ""
    if trailing:
        names = names[:-1]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        canonical = KNOWN.get(_normalise(name))
        if canonical is None:
            report.add(
                "FEC-COLONNE-INCONNUE",
                WARNING,
                number,
                f"Colonne « {shown(name.strip())} » inconnue, ignorée.",
                shown(name.strip()),
            )
            continue
        if canonical in index:
            report.add(
                "FEC-COLONNE-DOUBLE",
                ERROR,
                number,
                f"Colonne « {canonical} » en double.",
                canonical,
            )
        index.setdefault(canonical, position)
    report.columns = [n.strip() for n in names]
    signed = "Montant" in index and "Sens" in index and not ("Debit" in index and "Credit" in index)
    required = [c for c in STANDARD_COLUMNS if not (signed and c in {"Debit", "Credit"})]
    missing = [c for c in required if c not in index]
    vital = {"JournalCode", "EcritureNum", "EcritureDate", "CompteNum"} | (
        {"Montant", "Sens"} if signed else {"Debit", "Credit"}
    )
    if vital & set(missing):
        raise FecFileError(
            f"{report.source}, ligne {number} : colonnes obligatoires absentes de l'en-tête : "
            f"{', '.join(c for c in missing if c in vital)}.",
            "FEC-EN-TETE",
            number,
        )
    for name in missing:
        report.add(
            "FEC-COLONNE-ABSENTE", ERROR, number, f"Colonne obligatoire « {name} » absente.", name
        )
    expected = len(STANDARD_COLUMNS)
    if len(names) not in {expected, expected + 3, expected + 4} and not signed:
        report.add(
            "FEC-NB-COLONNES", WARNING, number,
            f"{len(names)} colonnes : 18 attendues (21 ou 22 pour les variantes prévues).",
        )  # fmt: skip
    order = [c for c in STANDARD_COLUMNS if c in index]
    if not signed and sorted(order, key=lambda c: index[c]) != order:
        report.add(
            "FEC-ORDRE-COLONNES",
            WARNING,
            number,
            "Les colonnes ne sont pas dans l'ordre réglementaire.",
        )
    return _Columns(index, len(names), trailing, signed, separator)


def _read_lines(
    report: FecReport,
    columns: _Columns,
    numbered: Iterable[tuple[int, bytes | None]],
    decoder: _Decoder,
) -> None:
    separator = columns.separator
    idx = columns.index
    get = idx.get
    i_journal, i_num, i_date = idx["JournalCode"], idx["EcritureNum"], idx["EcritureDate"]
    i_account, i_label = idx["CompteNum"], get("CompteLib")
    i_aux, i_aux_label, i_piece = get("CompAuxNum"), get("CompAuxLib"), get("PieceRef")
    i_debit, i_credit = get("Debit"), get("Credit")
    i_amount, i_sens = get("Montant"), get("Sens")
    optional_dates = [
        (name, idx[name]) for name in ("PieceDate", "ValidDate", "DateLet") if name in idx
    ]
    width = columns.count
    groups: dict[tuple[str, str, dt.date, str], _Group] = {}
    numbers: set[str] = set()
    accounts = report.accounts
    auxiliary = report.auxiliary
    dates_seen: dict[str, dt.date] = {}
    for number, raw in numbered:
        if raw is None:
            report.add(
                "FEC-LIGNE-LONGUE", ERROR, number,
                f"Ligne {number} : plus de {MAX_LINE_BYTES // 2**20} Mio sans fin de ligne, "
                "ignorée (fichier endommagé ?).",
            )  # fmt: skip
            continue
        if b"\x00" in raw:
            report.add(
                "FEC-OCTET-NUL", ERROR, number,
                f"Ligne {number} : octets nuls (0x00), ligne endommagée ignorée.",
            )  # fmt: skip
            continue
        text = decoder.decode(raw, number)
        if not text.strip():
            continue
        fields = text.split(separator)
        if columns.trailing and len(fields) == width + 1 and not fields[-1].strip():
            fields.pop()
        if len(fields) != width:
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                fields = fields[:width]
            elif len(fields) < width and len(fields) > max(idx.values()):
                pass  # optional trailing columns left out: tolerated
            else:
                report.add(
                    "FEC-LIGNE-COLONNES", ERROR, number,
                    f"Ligne {number} : {len(fields)} champs au lieu de {width} (ligne tronquée ou séparateur dans un libellé).",
                )  # fmt: skip
                continue
        report.lines += 1
        journal = fields[i_journal].strip()
        if not journal:
            report.add(
                "FEC-JOURNAL", ERROR, number, f"Ligne {number}, JournalCode : vide.", "JournalCode"
            )
        report.journals.add(journal)
        date_text = fields[i_date]
        day = dates_seen.get(date_text)
        if day is None:
            try:
                day = parse_date(date_text)
            except ValueError as exc:
                report.add(
                    "FEC-DATE",
                    ERROR,
                    number,
                    f"Ligne {number}, EcritureDate : {exc}.",
                    "EcritureDate",
                )
                continue
            dates_seen[date_text] = day
        for name, position in optional_dates:
            value = fields[position].strip() if position < len(fields) else ""
            if value and value not in dates_seen:
                try:
                    dates_seen[value] = parse_date(value)
                except ValueError as exc:
                    report.add("FEC-DATE", ERROR, number, f"Ligne {number}, {name} : {exc}.", name)
        account = fields[i_account].strip()
        if not ACCOUNT.match(account):
            report.add(
                "FEC-COMPTE", ERROR, number,
                f"Ligne {number}, CompteNum : « {shown(account)} » ne commence pas par trois chiffres.", "CompteNum",
            )  # fmt: skip
            continue
        try:
            debit, credit = _amounts(fields, i_debit, i_credit, i_amount, i_sens)
        except AmountError as exc:
            report.add(
                "FEC-MONTANT", ERROR, number, f"Ligne {number} : {exc.reason}.", "Debit/Credit"
            )
            continue
        if debit and credit:
            report.add(
                "FEC-DEBIT-CREDIT",
                WARNING,
                number,
                f"Ligne {number} : débit et crédit tous deux renseignés.",
            )
        report.debit_cents += debit
        report.credit_cents += credit
        balance = accounts.get(account)
        if balance is None:
            label = fields[i_label].strip() if i_label is not None else ""
            balance = accounts[account] = Balance(label)
        balance.debit_cents += debit
        balance.credit_cents += credit
        aux = fields[i_aux].strip() if i_aux is not None else ""
        if aux:
            key = (account, aux)
            aux_balance = auxiliary.get(key)
            if aux_balance is None:
                label = fields[i_aux_label].strip() if i_aux_label is not None else ""
                aux_balance = auxiliary[key] = Balance(label)
            aux_balance.debit_cents += debit
            aux_balance.credit_cents += credit
        entry_number = fields[i_num].strip()
        if len(numbers) < 2:
            numbers.add(entry_number)
        piece = fields[i_piece].strip() if i_piece is not None else ""
        group = groups.get((journal, entry_number, day, piece))
        if group is None:
            group = groups[(journal, entry_number, day, piece)] = _Group(first_line=number)
        group.debit += debit
        group.credit += credit
        if report.first_date is None or day < report.first_date:
            report.first_date = day
        if report.last_date is None or day > report.last_date:
            report.last_date = day
    _check_entries(report, groups, rebuild=len(numbers) <= 1)
    _check_totals(report)


def _amounts(
    fields: list[str],
    i_debit: int | None,
    i_credit: int | None,
    i_amount: int | None,
    i_sens: int | None,
) -> tuple[int, int]:
    if i_debit is not None and i_credit is not None:
        return parse_cents(fields[i_debit]), parse_cents(fields[i_credit])
    if i_amount is None or i_sens is None:
        raise AmountError("ni Debit/Credit ni Montant/Sens dans l'en-tête")
    amount = parse_cents(fields[i_amount])
    sens = fields[i_sens].strip().upper()
    if sens in {"D", "+1", "1"}:
        return amount, 0
    if sens in {"C", "-1"}:
        return 0, amount
    raise AmountError(f"Sens « {sens} » inconnu (D, C, +1 ou -1 attendus)")
