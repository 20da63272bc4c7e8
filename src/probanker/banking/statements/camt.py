"""camt.053 (ISO 20022 Bank-to-Customer Statement), versions .001.02 to .001.08 and later.

Elements are read by their local name in the document's own camt.053
namespace, so every version reads the same way. Balances: the opening is
OPBD (or PRCD, the previous closing), the closing CLBD; a balance without
``CdtDbtInd`` (real files leave it out) is a credit, with a warning, for
reconciliation and continuity to confirm. Entries: booked
(``Sts`` BOOK, or ``Sts/Cd`` BOOK from .001.08) only; the amount is signed by
``CdtDbtInd``; a batch entry (``NtryDtls/Btch/NbOfTxs``) stays one movement
that stands for its transactions.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path

from probanker.banking.statements import families
from probanker.banking.statements.model import AccountRef, Entry, Statement, StatementError

NAMESPACE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")
OPENING = ("OPBD", "PRCD")
CLOSING = ("CLBD",)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Reader:
    """Namespace-qualified lookups in one document."""

    def __init__(self, source: str, namespace: str) -> None:
        self.source = source
        self.ns = namespace

    def path(self, *names: str) -> str:
        return "/".join(f"{{{self.ns}}}{n}" for n in names)

    def find(self, node: ET.Element, *names: str) -> ET.Element | None:
        return node.find(self.path(*names))

    def text(self, node: ET.Element, *names: str) -> str:
        found = self.find(node, *names)
        return (found.text or "").strip() if found is not None else ""

    def amount(self, node: ET.Element, where: str) -> int:
        """``Amt`` signed by ``CdtDbtInd``, in cents; more than two decimals is refused."""
        cents = self.cents(node, where)
        sign = self.text(node, "CdtDbtInd")
        if sign not in {"CRDT", "DBIT"}:
            raise StatementError(
                f"{self.source}, {where} : sens « {sign} » inconnu (CRDT ou DBIT attendu)."
            )
        return cents if sign == "CRDT" else -cents

    def balance(self, node: ET.Element, where: str) -> tuple[int, bool]:
        """A balance in cents, and whether it was written without ``CdtDbtInd``.

        The schema requires the indicator, but real bank files leave it out of
        their balances: such a balance is read as a credit (or with the sign of
        a signed ``Amt``), and reconciliation and continuity then confirm it.
        """
        if self.find(node, "CdtDbtInd") is not None:
            return self.amount(node, where), False
        return self.cents(node, where), True

    def cents(self, node: ET.Element, where: str) -> int:
        """``Amt`` as written, in cents; more than two decimals is refused."""
        raw = self.text(node, "Amt")
        try:
            value = Decimal(raw)
        except InvalidOperation as exc:
            raise StatementError(f"{self.source}, {where} : montant illisible « {raw} ».") from exc
        cents = value * 100
        if cents != cents.to_integral_value() or not value.is_finite():
            raise StatementError(
                f"{self.source}, {where} : montant impossible « {raw} » (plus de deux décimales)."
            )
        return int(cents)

    def date(self, node: ET.Element | None, where: str) -> dt.date | None:
        """``Dt`` or the date part of ``DtTm``."""
        if node is None:
            return None
        raw = self.text(node, "Dt") or self.text(node, "DtTm")[:10]
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError as exc:
            raise StatementError(f"{self.source}, {where} : date invalide « {raw} ».") from exc


def read_camt(path: Path) -> list[Statement]:
    """Every statement of a camt.053 file."""
    source = path.name
    try:
        root = ET.parse(path).getroot()  # noqa: S314 — expat refuses entity expansion bombs
    except ET.ParseError as exc:
        line, column = exc.position
        raise StatementError(
            f"{source}, ligne {line}, colonne {column} : XML mal formé ({exc.msg})."
        ) from exc
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if _local(root.tag) != "Document" or not NAMESPACE.match(namespace):
        raise StatementError(
            f"{source} : ce n'est pas un relevé camt.053 (espace de noms « {namespace or 'aucun'} », "
            "attendu urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx)."
        )
    r = _Reader(source, namespace)
    statements = []
    for index, stmt in enumerate(root.iterfind(r.path("BkToCstmrStmt", "Stmt")), start=1):
        statements.append(_statement(r, stmt, index))
    if not statements:
        raise StatementError(f"{source} : aucun relevé (élément Stmt) dans le fichier.")
    return statements


def _statement(r: _Reader, stmt: ET.Element, index: int) -> Statement:
    stmt_id = r.text(stmt, "Id") or str(index)
    where = f"relevé {index} ({stmt_id})"
    iban = r.text(stmt, "Acct", "Id", "IBAN")
    other = r.text(stmt, "Acct", "Id", "Othr", "Id")
    if not (iban or other):
        raise StatementError(f"{r.source}, {where} : compte sans IBAN ni identifiant (Acct/Id).")
    currency = r.text(stmt, "Acct", "Ccy")
    opening = closing = None
    opening_date = closing_date = None
    unsigned: dict[str, str] = {}
    warnings: list[str] = []
    for bal in stmt.iterfind(r.path("Bal")):
        code = r.text(bal, "Tp", "CdOrPrtry", "Cd")
        amt = r.find(bal, "Amt")
        if amt is not None and not currency:
            currency = amt.get("Ccy", "")
        side = "opening" if code in OPENING and opening is None else ""
        side = side or ("closing" if code in CLOSING else "")
        if not side:
            continue
        label = f"{where}, solde {code}"
        cents, without_sign = r.balance(bal, label)
        if without_sign and cents:  # a zero balance has no side to get wrong
            unsigned[side] = code
            warnings.append(
                f"{r.source}, {label} : sens absent (CdtDbtInd), lu {_side(cents)} ; "
                "le rapprochement des soldes et la continuité des relevés le confirment ou non."
            )
        if side == "opening":
            opening, opening_date = cents, r.date(r.find(bal, "Dt"), label)
        else:
            closing, closing_date = cents, r.date(r.find(bal, "Dt"), label)
    statement = Statement(
        source=r.source,
        position=where,
        account=AccountRef(iban=iban) if iban else AccountRef(number=other),
        currency=currency or "EUR",
        statement_id="/".join(x for x in (stmt_id, r.text(stmt, "ElctrncSeqNb")) if x),
        opening_date=opening_date,
        opening_cents=opening,
        closing_date=closing_date,
        closing_cents=closing,
        warnings=warnings,
        unsigned=unsigned,
    )
    for number, ntry in enumerate(stmt.iterfind(r.path("Ntry")), start=1):
        entry = _entry(r, ntry, f"{where}, écriture {number}", closing_date or opening_date)
        if entry is not None:
            statement.entries.append(entry)
    return statement


def _side(cents: int) -> str:
    return "créditeur" if cents >= 0 else "débiteur (montant négatif)"


def _entry(r: _Reader, ntry: ET.Element, where: str, fallback: dt.date | None) -> Entry | None:
    status = r.text(ntry, "Sts") or r.text(ntry, "Sts", "Cd")
    if status and status != "BOOK":
        return None  # pending or information only: not on the account yet
    amount = r.amount(ntry, where)
    booking = r.date(r.find(ntry, "BookgDt"), where) or fallback
    if booking is None:
        raise StatementError(f"{r.source}, {where} : date de comptabilisation absente (BookgDt).")
    value = r.date(r.find(ntry, "ValDt"), where) or booking
    domain = r.text(ntry, "BkTxCd", "Domn", "Cd")
    family = r.text(ntry, "BkTxCd", "Domn", "Fmly", "Cd")
    subfamily = r.text(ntry, "BkTxCd", "Domn", "Fmly", "SubFmlyCd")
    proprietary = r.text(ntry, "BkTxCd", "Prtry", "Cd")
    batch = r.text(ntry, "NtryDtls", "Btch", "NbOfTxs")
    label = (
        r.text(ntry, "AddtlNtryInf")
        or r.text(ntry, "NtryDtls", "TxDtls", "RmtInf", "Ustrd")
        or r.text(ntry, "NtryDtls", "TxDtls", "AddtlTxInf")
    )
    return Entry(
        booking_date=booking,
        value_date=value,
        amount_cents=amount,
        family=families.from_iso(domain, family, subfamily, proprietary, amount),
        label=label[:140],
        codes="/".join(x for x in (domain, family, subfamily) if x) or proprietary,
        reference=r.text(ntry, "AcctSvcrRef") or r.text(ntry, "NtryRef"),
        transactions=int(batch) if batch.isdigit() else 1,
    )
