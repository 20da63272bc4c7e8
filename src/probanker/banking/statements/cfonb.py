"""CFONB 120: the French 120-character bank statement.

Records: ``01`` old balance, ``04`` movement, ``05`` complement of the
movement before it (qualifier LIB, REF, RCN, NPY...), ``07`` new balance. A
statement runs from an ``01`` to the ``07`` of the same account; a file may
hold several accounts and statements. Amounts are 14 characters whose last
one carries the sign (« overpunch »: ``{`` and ``A``-``I`` positive 0-9,
``}`` and ``J``-``R`` negative 0-9), with the number of decimals in column 20.

Read as banks send them: files without line breaks (cut every 120
characters), lines longer than 120 (the rest is ignored when blank, refused
otherwise unless lenient), CR LF or LF. ``lenient`` also accepts blanks in
zero-filled fields (read as zeros) and a blank currency or decimals digit
(EUR, 2), as some banks produce.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from probanker.banking.statements import families
from probanker.banking.statements.model import AccountRef, Entry, Statement, StatementError

WIDTH = 120
POSITIVE = "{ABCDEFGHI"
NEGATIVE = "}JKLMNOPQR"


@dataclass(frozen=True)
class _Line:
    number: int
    text: str


def _lines(source: str, data: bytes, lenient: bool) -> list[_Line]:
    """The file's records, each exactly 120 characters."""
    try:
        text = data.decode("latin-1")
    except UnicodeDecodeError as exc:  # pragma: no cover — latin-1 decodes every byte
        raise StatementError(f"{source} : encodage illisible.") from exc
    if "\x00" in text:
        raise StatementError(f"{source} : fichier binaire, ce n'est pas un relevé CFONB 120.")
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in raw.strip("\n") and len(raw.strip("\n")) > WIDTH:
        # No line breaks at all: one record every 120 characters.
        body = raw.strip("\n")
        chunks = [body[i : i + WIDTH] for i in range(0, len(body), WIDTH)]
    else:
        chunks = raw.split("\n")
    lines = []
    for number, chunk in enumerate(chunks, start=1):
        if not chunk.strip():
            continue
        if len(chunk) > WIDTH:
            extra = chunk[WIDTH:]
            if extra.strip() and not lenient:
                raise StatementError(
                    f"{source}, ligne {number} : {len(chunk)} caractères au lieu de 120 "
                    "(données au-delà de la colonne 120 ; --lenient les ignore)."
                )
            chunk = chunk[:WIDTH]
        elif len(chunk) < WIDTH:
            if chunk[:2] in {"01", "04", "07"} and len(chunk) < 104:
                raise StatementError(
                    f"{source}, ligne {number} : ligne tronquée ({len(chunk)} caractères, "
                    "le montant s'arrête en colonne 104)."
                )
            chunk = chunk.ljust(WIDTH)
        lines.append(_Line(number, chunk))
    if not lines:
        raise StatementError(f"{source} : le fichier est vide.")
    return lines


class _Parser:
    def __init__(self, source: str, lenient: bool) -> None:
        self.source = source
        self.lenient = lenient

    def fail(self, line: _Line, message: str) -> StatementError:
        return StatementError(f"{self.source}, ligne {line.number} : {message}")

    def digits(self, line: _Line, start: int, end: int, field: str) -> str:
        """Columns ``start``-``end`` (1-based, inclusive) of a zero-filled numeric field."""
        value = line.text[start - 1 : end]
        if self.lenient:
            value = value.replace(" ", "0")
        if not value.isdigit():
            raise self.fail(
                line, f"{field} (colonnes {start}-{end}) « {value} » n'est pas numérique."
            )
        return value

    def date(self, line: _Line, start: int, field: str) -> dt.date:
        raw = line.text[start - 1 : start + 5]
        try:
            if not raw.isdigit():
                raise ValueError(raw)
            # Two-digit years: the file's dates are recent (2000-2099).
            return dt.date(2000 + int(raw[4:6]), int(raw[2:4]), int(raw[0:2]))
        except ValueError as exc:
            raise self.fail(
                line, f"{field} (colonnes {start}-{start + 5}) « {raw} » n'est pas une date JJMMAA."
            ) from exc

    def decimals(self, line: _Line) -> int:
        raw = line.text[19]
        if raw == " " and self.lenient:
            return 2
        if not raw.isdigit():
            raise self.fail(line, f"nombre de décimales (colonne 20) « {raw} » invalide.")
        return int(raw)

    def amount(self, line: _Line) -> int:
        """Columns 91-104 in cents, signed by the overpunched last character."""
        raw = line.text[90:104]
        body, last = raw[:-1], raw[-1]
        if self.lenient:
            body = body.replace(" ", "0")
        if last in POSITIVE:
            sign, digit = 1, POSITIVE.index(last)
        elif last in NEGATIVE:
            sign, digit = -1, NEGATIVE.index(last)
        elif last.isdigit():
            sign, digit = 1, int(last)
        else:
            raise self.fail(
                line, f"montant (colonnes 91-104) « {raw} » : signe « {last} » inconnu."
            )
        if not body.isdigit():
            raise self.fail(line, f"montant impossible (colonnes 91-104) « {raw} ».")
        value = int(body + str(digit))
        decimals = self.decimals(line)
        if decimals > 2:
            if value % 10 ** (decimals - 2):
                raise self.fail(
                    line, f"montant à {decimals} décimales non représentable en centimes."
                )
            return sign * value // 10 ** (decimals - 2)
        return sign * value * 10 ** (2 - decimals)

    def account(self, line: _Line) -> AccountRef:
        return AccountRef(
            bank=self.digits(line, 3, 7, "code banque"),
            branch=self.digits(line, 12, 16, "code guichet"),
            number=line.text[21:32].strip(),
        )

    def currency(self, line: _Line) -> str:
        value = line.text[16:19].strip()
        if not value:
            if self.lenient:
                return "EUR"
            raise self.fail(line, "devise (colonnes 17-19) absente ; --lenient suppose EUR.")
        return value


def read_cfonb(path: Path, lenient: bool = False) -> list[Statement]:
    """Every statement of a CFONB 120 file (see the module docstring)."""
    source = path.name
    p = _Parser(source, lenient)
    statements: list[Statement] = []
    current: Statement | None = None
    last_entry: list[Entry] | None = None
    for line in _lines(source, path.read_bytes(), lenient):
        kind = line.text[:2]
        if kind == "01":
            if current is not None:
                raise p.fail(
                    line,
                    f"nouveau relevé (01) alors que celui du compte {current.account.label} "
                    f"({current.position}) n'a pas de nouveau solde (07).",
                )
            current = Statement(
                source=source,
                position=f"ligne {line.number}",
                account=p.account(line),
                currency=p.currency(line),
                statement_id=f"{line.text[34:40]}",
                opening_date=p.date(line, 35, "date de l'ancien solde"),
                opening_cents=p.amount(line),
                closing_date=None,
                closing_cents=None,
            )
            last_entry = None
        elif kind == "04":
            if current is None:
                raise p.fail(line, "mouvement (04) hors d'un relevé (pas d'ancien solde 01 avant).")
            if line.text[21:32].strip() != current.account.number:
                raise p.fail(
                    line,
                    f"mouvement du compte {line.text[21:32].strip()} dans le relevé du compte "
                    f"{current.account.number}.",
                )
            amount = p.amount(line)
            code = line.text[32:34]
            current.entries.append(
                Entry(
                    booking_date=p.date(line, 35, "date de comptabilisation"),
                    value_date=p.date(line, 43, "date de valeur"),
                    amount_cents=amount,
                    family=families.from_cfonb(code, amount),
                    label=" ".join(line.text[48:79].split()),
                    codes=code.strip(),
                    reference=line.text[81:88].strip() + line.text[104:120].strip(),
                )
            )
            last_entry = current.entries
        elif kind == "05":
            if current is None or last_entry is None:
                raise p.fail(line, "complément (05) sans mouvement (04) avant lui.")
            qualifier, info = line.text[45:48], " ".join(line.text[48:118].split())
            previous = last_entry[-1]
            if qualifier == "LIB" and info:
                last_entry[-1] = Entry(
                    **{**previous.__dict__, "label": f"{previous.label} {info}".strip()[:140]}
                )
        elif kind == "07":
            if current is None:
                raise p.fail(line, "nouveau solde (07) sans ancien solde (01) avant lui.")
            if line.text[21:32].strip() != current.account.number:
                raise p.fail(
                    line,
                    f"nouveau solde du compte {line.text[21:32].strip()} pour le relevé du "
                    f"compte {current.account.number}.",
                )
            current.closing_date = p.date(line, 35, "date du nouveau solde")
            current.closing_cents = p.amount(line)
            current.statement_id = f"{current.statement_id}-{line.text[34:40]}"
            statements.append(current)
            current, last_entry = None, None
        else:
            raise p.fail(line, f"type d'enregistrement « {kind} » inconnu (01, 04, 05 ou 07).")
    if current is not None:
        raise StatementError(
            f"{source} : le relevé du compte {current.account.label} ({current.position}) "
            "n'a pas de nouveau solde (07) : fichier tronqué ?"
        )
    return statements
