"""What the portfolio reads from the lake, for every client at once (one read per dataset).

Amounts stay integer cents here. The daily balances give, per client (its
accounts summed per day, as the credit file's agios do), the *numbers* of the
Hamburg method over a window — Σ balance × days it held, each balance holding
until the client's next balance date — on the debit side (overdraft interest)
and on the credit side (average deposits). Movements give the credit turnover
(receipts that are business: loan drawdowns and reversals left out) and the
fees booked, sorted by their label into account fees, card and payment
terminal fees, intervention commissions and others. Debit interest booked as a
fee is left out: the Hamburg numbers already price it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from probanker import lake
from probanker.banking.statements.families import NOT_TURNOVER

FEE_KINDS = ("account", "card", "intervention", "other")
# Label words that say what a fee is (labels are upper case in the lake).
_FEE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("intervention", ("INTERVENTION", "REJET", "IMPAYE", "INCIDENT")),
    ("card", ("CARTE", "TPE", "MONETIQUE", "CB ")),
    ("account", ("TENUE", "COMPTE", "FORFAIT", "PACKAGE", "COMMISSIONS ET FRAIS")),
)
_INTEREST_WORDS = ("INTERETS", "AGIOS")


def fee_kind(label: str) -> str | None:
    """The kind of a fee from its label; ``None`` for debit interest (not a fee here)."""
    text = label.upper()
    if any(word in text for word in _INTEREST_WORDS):
        return None
    for kind, words in _FEE_WORDS:
        if any(word in text for word in words):
            return kind
    return "other"


@dataclass
class LakeFigures:
    """One client's lake figures (cents; numbers in cents × days)."""

    debit_numbers: int = 0
    debit_numbers_ytd: int = 0
    credit_numbers: int = 0  # over the twelve months
    credit_numbers_recent: int = 0  # the last 90 days
    credit_numbers_before: int = 0  # the 90 days before those
    turnover: int = 0
    turnover_before: int = 0  # the twelve months before (0 when the lake is younger)
    turnover_recent_half: int = 0  # the last 182 days
    turnover_prior_half: int = 0  # the 182 days before those
    fees: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FEE_KINDS, 0))
    fees_ytd: int = 0


def _holding_numbers(
    parties: np.ndarray, days: np.ndarray, balances: np.ndarray, start: int, end: int, sign: int
) -> dict[int, int]:
    """Σ max(sign × balance, 0) × days held within ``[start, end)``, per party.

    Rows are sorted by party then day; a balance holds until the party's next
    day, the last one until ``end``.
    """
    if len(parties) == 0:
        return {}
    following = np.empty_like(days)
    following[:-1] = days[1:]
    following[-1] = end
    last_of_party = np.append(parties[1:] != parties[:-1], True)
    following[last_of_party] = end
    held = np.clip(np.minimum(following, end) - np.maximum(days, start), 0, None)
    weighted = np.clip(sign * balances, 0, None) * held
    starts = np.flatnonzero(np.insert(parties[1:] != parties[:-1], 0, True))
    sums = np.add.reduceat(weighted, starts)
    return {int(p): int(s) for p, s in zip(parties[starts], sums, strict=True) if s}


def _day(value: dt.date) -> int:
    return (value - dt.date(1970, 1, 1)).days


def read_lake_figures(as_of: dt.date, lake_dir: Path | None = None) -> dict[int, LakeFigures]:
    """Every client's lake figures for the twelve months before ``as_of`` (excluded)."""
    year_ago = as_of - dt.timedelta(days=365)
    figures: dict[int, LakeFigures] = {}

    def of(party: int) -> LakeFigures:
        return figures.setdefault(party, LakeFigures())

    balances = lake.dataset_between(
        lake.BALANCES, ("party_id", "date", "balance_cents"), "date", year_ago, as_of,
        lake_dir=lake_dir,
    )  # fmt: skip
    daily = balances.group_by(["party_id", "date"]).aggregate([("balance_cents", "sum")])
    daily = daily.sort_by([("party_id", "ascending"), ("date", "ascending")])
    parties = daily["party_id"].to_numpy()
    days = pc.cast(daily["date"], pa.int32()).to_numpy().astype(np.int64)
    amounts = daily["balance_cents_sum"].to_numpy()
    end, jan1 = _day(as_of), _day(dt.date(as_of.year, 1, 1))
    windows = {
        "debit_numbers": (_day(year_ago), end, -1),
        "debit_numbers_ytd": (max(jan1, _day(year_ago)), end, -1),
        "credit_numbers": (_day(year_ago), end, 1),
        "credit_numbers_recent": (end - 90, end, 1),
        "credit_numbers_before": (end - 180, end - 90, 1),
    }
    for name, (start, stop, sign) in windows.items():
        for party, numbers in _holding_numbers(parties, days, amounts, start, stop, sign).items():
            setattr(of(party), name, numbers)

    moves = lake.dataset_between(
        lake.MOVEMENTS, ("party_id", "booking_date", "amount_cents", "family", "label"),
        "booking_date", as_of - dt.timedelta(days=730), as_of, lake_dir=lake_dir,
    )  # fmt: skip
    receipts = moves.filter(
        pc.and_(pc.greater(moves["amount_cents"], 0), pc.invert(pc.is_in(moves["family"], pa.array(NOT_TURNOVER))))
    )  # fmt: skip

    def since(day: dt.date) -> pc.Expression:
        return pc.greater_equal(receipts["booking_date"], pa.scalar(day, pa.date32()))

    recent, half = since(year_ago), as_of - dt.timedelta(days=182)
    prior = pc.and_(since(half - dt.timedelta(days=182)), pc.invert(since(half)))
    for name, mask in (
        ("turnover", recent), ("turnover_before", pc.invert(recent)),
        ("turnover_recent_half", since(half)), ("turnover_prior_half", prior),
    ):  # fmt: skip
        summed = receipts.filter(mask).group_by("party_id").aggregate([("amount_cents", "sum")])
        for party, total in zip(
            summed["party_id"].to_pylist(), summed["amount_cents_sum"].to_pylist(), strict=True
        ):
            setattr(of(party), name, total)

    fees = moves.filter(
        pc.and_(pc.equal(moves["family"], "fees"), pc.greater_equal(moves["booking_date"], pa.scalar(year_ago, pa.date32())))
    )  # fmt: skip
    by_label = fees.group_by(["party_id", "label"]).aggregate([("amount_cents", "sum")])
    for party, label, total in zip(
        by_label["party_id"].to_pylist(),
        by_label["label"].to_pylist(),
        by_label["amount_cents_sum"].to_pylist(),
        strict=True,
    ):
        kind = fee_kind(label)
        if kind is not None:
            of(party).fees[kind] += -total  # a fee is a debit: the bank earns its opposite
    ytd = fees.filter(
        pc.greater_equal(fees["booking_date"], pa.scalar(dt.date(as_of.year, 1, 1), pa.date32()))
    )
    by_label = ytd.group_by(["party_id", "label"]).aggregate([("amount_cents", "sum")])
    for party, label, total in zip(
        by_label["party_id"].to_pylist(),
        by_label["label"].to_pylist(),
        by_label["amount_cents_sum"].to_pylist(),
        strict=True,
    ):
        if fee_kind(label) is not None:
            of(party).fees_ytd += -total
    return figures
