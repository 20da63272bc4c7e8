"""Daily movements and end-of-day balances of one demo account.

Everything is integer cents. Receipts follow the activity's turnover and
seasonality; outflows are suppliers, rent, salaries, URSSAF, VAT, loan
instalments, fees and the owner's drawings. A deteriorating client sees its
receipts shrink over its last five to ten months while its charges do not: the
overdraft grows past the limit and direct debits start being rejected.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

BUSINESS_DAYS_PER_YEAR = 252
NET_SHARE_OF_EMPLOYER_COST = 0.6  # net wages paid / employer cost, at low wages


@dataclass(frozen=True)
class AccountProfile:
    """What drives an account's flows (amounts in cents)."""

    account_id: int
    party_id: int
    turnover: int
    season: tuple[float, ...]
    card_share: float
    purchases_share: float
    staff: int
    payroll: int  # wages and social charges a month (employer cost)
    limit: int
    loan_instalment: int
    rent: int
    vat: bool
    sole_trader: bool
    deteriorating: bool
    opening_balance: int
    decline_days: int = 180  # how long a deteriorating client's receipts have been falling


@dataclass
class AccountFlows:
    """Columns of the movements and balances of one account."""

    movements: list[tuple[int, int, dt.date, dt.date, int, str, str]] = field(default_factory=list)
    balances: list[tuple[int, int, dt.date, int, int]] = field(default_factory=list)
    closing_balance: int = 0


def _trend(profile: AccountProfile, day: dt.date, end: dt.date) -> float:
    """Receipts multiplier: 1, declining to 0.4 over the last ``decline_days`` if deteriorating."""
    if not profile.deteriorating:
        return 1.0
    remaining = (end - day).days
    if remaining >= profile.decline_days:
        return 1.0
    return 0.4 + 0.6 * remaining / profile.decline_days


def simulate(
    profile: AccountProfile,
    days: list[dt.date],
    business: set[dt.date],
    rng: random.Random,
) -> AccountFlows:
    """Simulate the account over ``days`` (consecutive calendar days)."""
    flows = AccountFlows()
    balance = profile.opening_balance
    end = days[-1]
    daily_receipts = profile.turnover / BUSINESS_DAYS_PER_YEAR
    monthly_purchases = profile.turnover * profile.purchases_share / 12
    pending_transfer_days = 0
    month_receipts = 0
    last_month_receipts = int(profile.turnover / 12)
    acc, pid = profile.account_id, profile.party_id
    moves = flows.movements

    def book(day: dt.date, amount: int, family: str, label: str, value_lag: int = 0) -> None:
        nonlocal balance
        balance += amount
        moves.append((acc, pid, day, day + dt.timedelta(days=value_lag), amount, family, label))

    def debit(day: dt.date, amount: int, family: str, label: str, rejectable: bool) -> None:
        """A debit; a direct debit beyond the limit may be rejected."""
        if rejectable and balance - amount < -profile.limit and rng.random() < 0.6:
            book(day, -amount, family, label)
            book(day, amount, "rejected_direct_debit", f"REJET {label}")
            book(day, -2000, "fees", "COMMISSION D'INTERVENTION REJET PRELEVEMENT")
            return
        book(day, -amount, family, label)

    for day in days:
        if day.day == 1 and day != days[0]:
            last_month_receipts, month_receipts = max(month_receipts, 1), 0
        if day not in business:
            flows.balances.append((acc, pid, day, balance, profile.limit))
            continue
        season = profile.season[day.month - 1]
        target = daily_receipts * season * _trend(profile, day, end)
        # Card receipts: one acquiring batch per business day.
        if profile.card_share > 0:
            amount = int(target * profile.card_share * rng.uniform(0.6, 1.4))
            if amount > 0:
                book(day, amount, "card_receipts", "REMISE CB", 1)
                month_receipts += amount
        # Customer transfers and cheques arrive in lumps.
        pending_transfer_days += 1
        if rng.random() < 0.35:
            amount = int(
                target * (1 - profile.card_share) * pending_transfer_days * rng.uniform(0.7, 1.3)
            )
            pending_transfer_days = 0
            if amount > 0:
                if rng.random() < 0.8:
                    book(day, amount, "incoming_transfer", "VIR SEPA RECU CLIENT")
                else:
                    book(day, amount, "cheque_deposit", "REMISE CHEQUES", 2)
                    if (
                        profile.deteriorating
                        and _trend(profile, day, end) < 0.8
                        and rng.random() < 0.15
                    ):
                        book(
                            day + dt.timedelta(days=0),
                            -amount // 3,
                            "unpaid_cheque",
                            "CHEQUE IMPAYE",
                        )
                month_receipts += amount
        # Suppliers: about six payments a month.
        if rng.random() < 0.3:
            amount = int(monthly_purchases * season / 6.3 * rng.uniform(0.5, 1.5))
            if amount > 0:
                # One draw either way: the card payments change no other figure.
                way = rng.random()
                if way < 0.5:
                    debit(day, amount, "direct_debit", "PRLV SEPA FOURNISSEUR", True)
                elif way < 0.6:
                    book(day, -amount, "card_payment", "PAIEMENT CB FOURNISSEUR")
                else:
                    book(day, -amount, "outgoing_transfer", "VIR SEPA FOURNISSEUR")
        d = day.day
        if d in (5, 6, 7) and profile.rent and _first_business_on_or_after(day, 5, business):
            debit(day, profile.rent, "direct_debit", "PRLV LOYER LOCAL PROFESSIONNEL", True)
        if profile.loan_instalment and _first_business_on_or_after(day, 10, business):
            debit(day, profile.loan_instalment, "loan_instalment", "ECHEANCE PRET", True)
        if _first_business_on_or_after(day, 15, business):
            social = (
                profile.payroll
                - int(profile.payroll * NET_SHARE_OF_EMPLOYER_COST)
                + (int(profile.turnover * 0.022) if profile.sole_trader else 0)
            )
            if social:
                debit(day, int(social * rng.uniform(0.98, 1.02)), "tax_social", "PRLV URSSAF", True)
        if profile.vat and _first_business_on_or_after(day, 19, business):
            vat = int(
                last_month_receipts
                * 0.2
                / 1.2
                * (1 - profile.purchases_share)
                * rng.uniform(0.8, 1.2)
            )
            if vat > 0:
                debit(day, vat, "tax_social", "PRLV DGFIP TVA", True)
        if profile.staff and _first_business_on_or_after(day, 28, business):
            book(
                day,
                -int(profile.payroll * NET_SHARE_OF_EMPLOYER_COST * rng.uniform(0.99, 1.01)),
                "salaries",
                "VIR SALAIRES",
            )
        if _last_business_of_month(day, business):
            # The month's fees: account keeping, and the card terminal's subscription and
            # commissions for a client that takes cards (the portfolio's PNB reads both).
            book(day, -3500, "fees", "FRAIS DE TENUE DE COMPTE")
            if profile.card_share > 0:
                book(day, -1500, "fees", "COMMISSIONS MONETIQUE TPE")
            if profile.sole_trader or rng.random() < 0.7:
                drawing = int(last_month_receipts * 0.08)
                if drawing > 0 and balance - drawing > -profile.limit // 2:
                    book(day, -drawing, "outgoing_transfer", "VIR COMPTE PERSONNEL")
            buffer = max(int(profile.turnover / 6), 500_000)
            if balance > buffer:
                book(day, -(balance - buffer) // 2, "outgoing_transfer", "VIR VERS LIVRET PRO")
            elif not profile.deteriorating and balance < -int(profile.limit * 0.7):
                book(day, -balance, "incoming_transfer", "VIR APPORT EN COMPTE COURANT D'ASSOCIE")
        flows.balances.append((acc, pid, day, balance, profile.limit))
    flows.closing_balance = balance
    return flows


def _first_business_on_or_after(day: dt.date, target: int, business: set[dt.date]) -> bool:
    """True on the first business day of the month on or after day ``target``."""
    if day.day < target or day not in business:
        return False
    probe = day - dt.timedelta(days=1)
    while probe.month == day.month and probe.day >= target:
        if probe in business:
            return False
        probe -= dt.timedelta(days=1)
    return True


def _last_business_of_month(day: dt.date, business: set[dt.date]) -> bool:
    probe = day + dt.timedelta(days=1)
    while probe.month == day.month:
        if probe in business:
            return False
        probe += dt.timedelta(days=1)
    return day in business
