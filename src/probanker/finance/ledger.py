"""Signed account balances for the statements, with mixed accounts split.

A :class:`Ledger` holds, for each account and each auxiliary account, the
balance ``credit − debit`` in integer cents (DOMAIN.md's SLD). Mixed accounts
(customers, suppliers, banks, other debtors and creditors) are split by the
sign of each auxiliary account's own balance: a customer whose account is in
credit is a liability even when the 411 total is a debit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from probanker.finance.fec import FecReport


@dataclass(frozen=True)
class Position:
    """One balance: an account, its auxiliary account (or ``""``), credit − debit."""

    account: str
    auxiliary: str
    cents: int


class Ledger:
    """Balances by account and auxiliary account, queried by account prefix."""

    def __init__(self, positions: Iterable[Position]) -> None:
        self.positions = [p for p in positions if p.cents]

    @classmethod
    def from_fec(cls, report: FecReport) -> Ledger:
        """Positions of a FEC: each auxiliary account, plus the rest of its account."""
        positions: list[Position] = []
        aux_totals: dict[str, int] = {}
        for (account, aux), balance in report.auxiliary.items():
            cents = balance.credit_cents - balance.debit_cents
            positions.append(Position(account, aux, cents))
            aux_totals[account] = aux_totals.get(account, 0) + cents
        for account, balance in report.accounts.items():
            rest = balance.credit_cents - balance.debit_cents - aux_totals.get(account, 0)
            positions.append(Position(account, "", rest))
        return cls(positions)

    @classmethod
    def from_balances(cls, balances: dict[str, int]) -> Ledger:
        """Positions from ``{account: credit − debit in cents}`` (no auxiliaries)."""
        return cls(Position(a, "", c) for a, c in balances.items())

    def select(self, include: tuple[str, ...], exclude: tuple[str, ...] = ()) -> Iterator[Position]:
        for position in self.positions:
            if position.account.startswith(include) and not (
                exclude and position.account.startswith(exclude)
            ):
                yield position

    def sld(self, include: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int:
        """Σ(credit − debit): positive for products and liabilities."""
        return sum(p.cents for p in self.select(include, exclude))

    def charge(self, include: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int:
        """Σ(debit − credit): positive for charges and assets."""
        return -self.sld(include, exclude)

    def debit_side(self, include: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int:
        """Σ of the debit balances only (DOMAIN.md's DEB), as a positive amount."""
        return sum(-p.cents for p in self.select(include, exclude) if p.cents < 0)

    def credit_side(self, include: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int:
        """Σ of the credit balances only (DOMAIN.md's CRD), as a positive amount."""
        return sum(p.cents for p in self.select(include, exclude) if p.cents > 0)
