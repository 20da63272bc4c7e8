"""Professional loan schedules and their TEG (DOMAIN.md, R314-2 C. conso.).

A :class:`LoanTerms` describes the loan: amount, nominal yearly rate, term in
months, amortisation (constant annuity, constant principal, in fine),
payment frequency, an optional deferral at the start (partial: interest
paid; total: interest capitalised), fees, compulsory insurance (yearly rate
on the initial amount) and the day count (30/360, actual/365, actual/360 —
the latter only when the contract stipulates it).

Rounding: every amount is rounded half-up to the cent per instalment; the
last instalment takes the remainder so that the principal repaid equals the
amount borrowed (plus capitalised interest) and the outstanding ends at zero.
The annuity is computed on the nominal period rate (rate / periods per year);
with an actual day count, each period's interest uses its real number of days
and the last instalment absorbs the difference.

The TEG follows R314-2 for professionals: the period rate is the actuarial
rate that equates the net amount received (amount − fees) with the payments
(instalments and insurance) on the payment period, never shorter than a
month; TEG = period rate × periods per year.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

CENT = Decimal("0.01")
ZERO = Decimal(0)


class LoanType(StrEnum):
    ANNUITY = "annuity"
    CONSTANT = "constant"
    IN_FINE = "in_fine"


class Deferral(StrEnum):
    NONE = "none"
    PARTIAL = "partial"  # interest paid, no principal
    TOTAL = "total"  # nothing paid, interest capitalised


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}[self.value]

    @property
    def per_year(self) -> int:
        return 12 // self.months

    @property
    def label(self) -> str:
        return {"monthly": "mois", "quarterly": "trimestre", "semiannual": "semestre",
                "annual": "année"}[self.value]  # fmt: skip


class DayCount(StrEnum):
    THIRTY_360 = "30360"
    ACT_365 = "act365"
    ACT_360 = "act360"


class LoanError(ValueError):
    """Terms that cannot make a loan; the message says which and why."""


@dataclass(frozen=True)
class LoanTerms:
    amount: Decimal
    annual_rate: Decimal  # percent, e.g. 4.20
    months: int
    loan_type: LoanType = LoanType.ANNUITY
    frequency: Frequency = Frequency.MONTHLY
    deferral_months: int = 0
    deferral: Deferral = Deferral.NONE
    fees: Decimal = ZERO
    insurance_rate: Decimal = ZERO  # percent a year, on the initial amount
    day_count: DayCount = DayCount.THIRTY_360
    start: dt.date = dt.date(2026, 1, 1)  # disbursement date

    def check(self) -> None:
        """Refuse terms that make no loan, with the reason."""
        if self.amount <= 0:
            raise LoanError("le montant doit être positif")
        if self.annual_rate < 0:
            raise LoanError("le taux ne peut pas être négatif")
        if self.months <= 0 or self.months % self.frequency.months:
            raise LoanError(
                f"la durée ({self.months} mois) doit être un multiple de la périodicité "
                f"({self.frequency.months} mois)"
            )
        if self.deferral is Deferral.NONE and self.deferral_months:
            raise LoanError("un nombre de mois de différé demande un type de différé")
        if self.deferral_months % self.frequency.months or not (
            0 <= self.deferral_months < self.months
        ):
            raise LoanError(
                "le différé doit être un multiple de la périodicité et plus court que le prêt"
            )
        if self.fees < 0 or self.insurance_rate < 0:
            raise LoanError("frais et assurance ne peuvent pas être négatifs")

    @property
    def periods(self) -> int:
        return self.months // self.frequency.months

    @property
    def deferral_periods(self) -> int:
        return (
            self.deferral_months // self.frequency.months
            if self.deferral is not Deferral.NONE
            else 0
        )

    @property
    def period_rate(self) -> Decimal:
        """Nominal rate of one period (proportional), as a fraction."""
        return self.annual_rate / Decimal(100) / self.frequency.per_year


@dataclass(frozen=True)
class Instalment:
    n: int
    date: dt.date
    payment: Decimal  # principal + interest (insurance apart)
    interest: Decimal
    principal: Decimal
    insurance: Decimal
    outstanding: Decimal  # after this instalment

    @property
    def total(self) -> Decimal:
        """What the borrower pays on that date."""
        return self.payment + self.insurance


@dataclass(frozen=True)
class Schedule:
    terms: LoanTerms
    instalments: list[Instalment]

    @property
    def total_interest(self) -> Decimal:
        return sum((i.interest for i in self.instalments), ZERO)

    @property
    def total_insurance(self) -> Decimal:
        return sum((i.insurance for i in self.instalments), ZERO)

    @property
    def total_cost(self) -> Decimal:
        """Interest, insurance and fees: the cost of the credit."""
        return self.total_interest + self.total_insurance + self.terms.fees

    @property
    def first_year_service(self) -> Decimal:
        """Payments (and insurance) due in the first twelve months."""
        limit = add_months(self.terms.start, 12)
        return sum((i.total for i in self.instalments if i.date <= limit), ZERO)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _interest(outstanding: Decimal, terms: LoanTerms, start: dt.date, end: dt.date) -> Decimal:
    """Interest of one period under the terms' day count."""
    rate = terms.annual_rate / Decimal(100)
    if terms.day_count is DayCount.THIRTY_360:
        return outstanding * terms.period_rate
    days = Decimal((end - start).days)
    year = Decimal(365 if terms.day_count is DayCount.ACT_365 else 360)
    return outstanding * rate * days / year


def annuity_payment(principal: Decimal, period_rate: Decimal, periods: int) -> Decimal:
    """Constant payment A = C·i / (1 − (1 + i)^−n), or C/n without interest."""
    if period_rate == 0:
        return principal / periods
    with localcontext() as ctx:
        ctx.prec = 34
        return principal * period_rate / (1 - (1 + period_rate) ** -periods)


def build_schedule(terms: LoanTerms) -> Schedule:
    """The loan's instalments (see the module docstring for the rounding rules)."""
    terms.check()
    step = terms.frequency.months
    insurance = _round(
        terms.amount * terms.insurance_rate / Decimal(100) / terms.frequency.per_year
    )
    outstanding = terms.amount
    rows: list[Instalment] = []
    previous = terms.start
    amortising = terms.periods - terms.deferral_periods
    payment: Decimal | None = None
    constant_principal: Decimal | None = None
    for n in range(1, terms.periods + 1):
        date = add_months(terms.start, step * n)
        interest = _round(_interest(outstanding, terms, previous, date))
        previous = date
        if n <= terms.deferral_periods:
            if terms.deferral is Deferral.TOTAL:
                outstanding += interest  # capitalised
                rows.append(Instalment(n, date, ZERO, interest, -interest, insurance, outstanding))
            else:
                rows.append(Instalment(n, date, interest, interest, ZERO, insurance, outstanding))
            continue
        last = n == terms.periods
        if terms.loan_type is LoanType.IN_FINE:
            principal = outstanding if last else ZERO
        elif terms.loan_type is LoanType.CONSTANT:
            if constant_principal is None:
                constant_principal = _round(outstanding / amortising)
            principal = outstanding if last else constant_principal
        else:
            if payment is None:
                payment = _round(annuity_payment(outstanding, terms.period_rate, amortising))
            principal = outstanding if last else payment - interest
        outstanding -= principal
        rows.append(
            Instalment(n, date, principal + interest, interest, principal, insurance, outstanding)
        )
    return Schedule(terms, rows)


def _npv(rate: Decimal, net: Decimal, flows: list[tuple[int, Decimal]]) -> Decimal:
    return sum((amount / (1 + rate) ** k for k, amount in flows), ZERO) - net


@dataclass(frozen=True)
class Teg:
    """The TEG with what R314-2 requires to disclose alongside."""

    teg: Decimal  # percent a year, proportional
    period_rate: Decimal  # percent per period, actuarial
    period: str  # "mois", "trimestre", ...
    periods_per_year: int


def teg(schedule: Schedule, extra_costs: Decimal = ZERO) -> Teg:
    """TEG of a professional loan (R314-2): fees and insurance included.

    ``extra_costs`` are other known costs paid at the start (guarantee fees).
    The period rate is found by bisection to 1e-12, then shown in percent.
    """
    terms = schedule.terms
    net = terms.amount - terms.fees - extra_costs
    if net <= 0:
        raise LoanError("les frais dépassent le montant prêté")
    flows = [(i.n, i.total) for i in schedule.instalments if i.total]
    with localcontext() as ctx:
        ctx.prec = 40
        low, high = Decimal("-0.99"), Decimal(1)
        if _npv(low, net, flows) < 0:
            raise LoanError("flux incohérents : TEG introuvable")
        for _ in range(200):
            mid = (low + high) / 2
            if _npv(mid, net, flows) > 0:
                low = mid
            else:
                high = mid
            if high - low < Decimal("1e-14"):
                break
        rate = (low + high) / 2
    per_year = terms.frequency.per_year
    return Teg(
        teg=(rate * per_year * 100).quantize(Decimal("0.0001"), ROUND_HALF_UP),
        period_rate=(rate * 100).quantize(Decimal("0.0001"), ROUND_HALF_UP),
        period=terms.frequency.label,
        periods_per_year=per_year,
    )


def early_repayment(
    schedule: Schedule, after: int, amount: Decimal | None = None, keep: str = "duration"
) -> tuple[Decimal, Schedule]:
    """Repay after instalment ``after``: everything (``amount`` None) or part of it.

    Returns the principal repaid early and the new schedule of what remains:
    the same end date with a lower payment (``keep="duration"``) or the same
    payment over fewer periods (``keep="payment"``). Contractual indemnities
    are the caller's (they are free for professional loans).
    """
    if not 0 <= after < len(schedule.instalments):
        raise LoanError("le remboursement anticipé doit suivre une échéance du tableau")
    terms = schedule.terms
    outstanding = schedule.instalments[after - 1].outstanding if after else terms.amount
    repaid = outstanding if amount is None else min(amount, outstanding)
    remaining = outstanding - repaid
    done = schedule.instalments[:after]
    if remaining <= 0:
        return repaid, Schedule(terms, done)
    start = done[-1].date if done else terms.start
    periods_left = terms.periods - after
    if keep == "payment" and terms.loan_type is LoanType.ANNUITY:
        payment = schedule.instalments[after].payment
        periods_left = _periods_for_payment(remaining, terms.period_rate, payment, periods_left)
    rest_terms = replace(
        terms,
        amount=remaining,
        months=periods_left * terms.frequency.months,
        deferral=Deferral.NONE,
        deferral_months=0,
        fees=ZERO,
        start=start,
    )
    rest = build_schedule(rest_terms).instalments
    # Insurance stays computed on the initial amount.
    insurance = schedule.instalments[0].insurance
    renumbered = [replace(i, n=i.n + after, insurance=insurance) for i in rest]
    return repaid, Schedule(terms, done + renumbered)


def _periods_for_payment(principal: Decimal, rate: Decimal, payment: Decimal, most: int) -> int:
    """The fewest periods whose annuity does not exceed ``payment`` (at most ``most``)."""
    for periods in range(1, most + 1):
        if _round(annuity_payment(principal, rate, periods)) <= payment:
            return periods
    return most
