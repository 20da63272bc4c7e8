"""Checks on statements: each balances, and consecutive ones of an account follow on."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from probanker.banking.statements.model import Statement
from probanker.core.formatting import euros_from_cents


@dataclass(frozen=True)
class Break:
    """A statement that does not add up, or a gap between two statements of an account."""

    kind: str  # "solde" (opening + Σ ≠ closing) or "continuité" (closing ≠ next opening)
    source: str
    account: str
    statement: str
    expected_cents: int
    found_cents: int
    gap: str = ""  # for a continuity break: the days no statement covers
    hint: str = ""  # which balance written without its side would close the break

    @property
    def message(self) -> str:
        expected, found = euros_from_cents(self.expected_cents), euros_from_cents(self.found_cents)
        if self.kind == "solde":
            return (
                f"{self.source}, {self.statement}, compte {self.account} : ancien solde + "
                f"mouvements = {expected}, nouveau solde annoncé {found} "
                f"(écart {euros_from_cents(self.found_cents - self.expected_cents)})."
                + (f" {self.hint}" if self.hint else "")
            )
        missing = f" ; relevés manquants {self.gap}" if self.gap else ""
        return (
            f"{self.source}, {self.statement}, compte {self.account} : l'ancien solde {found} "
            f"ne reprend pas le nouveau solde du relevé précédent, {expected}{missing}."
            + (f" {self.hint}" if self.hint else "")
        )


def _flip_hint(codes: list[str]) -> str:
    """Say that the balances written without a side are debits after all."""
    if not codes:
        return ""
    names = " et ".join(f"solde {c}" for c in codes)
    return (
        f"Le {names}, écrit sans sens (CdtDbtInd) et lu créditeur, est sans doute débiteur : "
        "il équilibrerait alors."
    )


def _balance_hint(s: Statement) -> str:
    """The unsigned balances whose opposite sign makes ``s`` balance, if any does."""
    assert s.opening_cents is not None
    assert s.closing_cents is not None
    sides = [side for side in ("opening", "closing") if side in s.unsigned]
    for chosen in ([side] for side in sides) if len(sides) < 2 else ([sides[0]], [sides[1]], sides):
        opening = -s.opening_cents if "opening" in chosen else s.opening_cents
        closing = -s.closing_cents if "closing" in chosen else s.closing_cents
        if opening + s.movement_cents == closing:
            return _flip_hint([s.unsigned[side] for side in chosen])
    return ""


def _continuity_hint(before: Statement, after: Statement) -> str:
    """An unsigned balance of either statement whose opposite sign makes them follow on."""
    assert before.closing_cents is not None
    assert after.opening_cents is not None
    if "opening" in after.unsigned and -after.opening_cents == before.closing_cents:
        return _flip_hint([after.unsigned["opening"]])
    if "closing" in before.unsigned and -before.closing_cents == after.opening_cents:
        return _flip_hint([before.unsigned["closing"]]).replace(
            "Le solde", "Au relevé précédent, le solde"
        )
    return ""


def unique(statements: Iterable[Statement]) -> list[Statement]:
    """Statements with duplicates (same key, e.g. the same file twice) removed, in order."""
    seen: set[str] = set()
    out = []
    for s in statements:
        if s.key not in seen:
            seen.add(s.key)
            out.append(s)
    return out


def breaks(statements: list[Statement]) -> list[Break]:
    """Every statement that does not balance, and every gap between consecutive ones."""
    found = []
    for s in statements:
        if s.reconciled is False:
            assert s.opening_cents is not None
            assert s.closing_cents is not None
            found.append(
                Break("solde", s.source, s.account.label, s.position,
                      s.opening_cents + s.movement_cents, s.closing_cents,
                      hint=_balance_hint(s))
            )  # fmt: skip
    by_account: dict[str, list[Statement]] = {}
    for s in statements:
        if s.opening_date is not None and s.closing_date is not None:
            by_account.setdefault(s.account.label, []).append(s)
    for account, items in by_account.items():
        items.sort(key=lambda s: (s.opening_date, s.closing_date))
        for before, after in itertools.pairwise(items):
            if before.closing_cents is None or after.opening_cents is None:
                continue
            if before.closing_cents != after.opening_cents:
                gap = ""
                assert before.closing_date is not None
                assert after.opening_date is not None
                if (after.opening_date - before.closing_date).days > 1:
                    gap = f"du {before.closing_date:%d/%m/%Y} au {after.opening_date:%d/%m/%Y}"
                found.append(
                    Break("continuité", after.source, account, after.position,
                          before.closing_cents, after.opening_cents, gap,
                          _continuity_hint(before, after))
                )  # fmt: skip
    return found
