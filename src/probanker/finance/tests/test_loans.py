"""Loan schedules, TEG, early repayment, agios, usury and leasing against independent formulas."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import numpy_financial as npf
import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from probanker.finance.leasing import leasing_rent
from probanker.finance.loans import (
    DayCount,
    Deferral,
    Frequency,
    LoanError,
    LoanTerms,
    LoanType,
    build_schedule,
    early_repayment,
    teg,
)
from probanker.finance.overdraft import hamburg, usury_check

START = dt.date(2026, 1, 15)
CENT_TOLERANCE = D("0.006")


def reference(value: float) -> D:
    """numpy-financial is float-based: its results come back here as Decimal, to compare."""
    return D(str(value))


def to_reference(amount: D) -> float:
    """The one place an amount crosses into numpy-financial (an independent check only)."""
    return amount.__float__()


def terms(**kw: object) -> LoanTerms:
    base: dict[str, object] = {
        "amount": D(100000),
        "annual_rate": D("4.20"),
        "months": 84,
        "start": START,
    }
    return LoanTerms(**{**base, **kw})  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(
    amount=st.integers(1_000, 5_000_000),
    rate=st.decimals(D("0.10"), D("15"), places=2),
    years=st.integers(1, 25),
    loan_type=st.sampled_from(list(LoanType)),
    frequency=st.sampled_from(list(Frequency)),
    deferral=st.sampled_from([Deferral.NONE, Deferral.PARTIAL, Deferral.TOTAL]),
)
def test_any_schedule_repays_exactly(
    amount: int, rate: D, years: int, loan_type: LoanType, frequency: Frequency, deferral: Deferral
) -> None:
    months = years * 12
    deferral_months = 0 if deferral is Deferral.NONE or years == 1 else 12
    s = build_schedule(
        terms(amount=D(amount), annual_rate=rate, months=months, loan_type=loan_type,
              frequency=frequency, deferral=deferral if deferral_months else Deferral.NONE,
              deferral_months=deferral_months)
    )  # fmt: skip
    assert len(s.instalments) == months // frequency.months
    assert sum(i.principal for i in s.instalments) == D(amount)  # capitalised interest included
    assert s.instalments[-1].outstanding == 0
    assert all(i.payment == i.principal + i.interest for i in s.instalments)


@pytest.mark.parametrize(
    ("rate", "months"), [("4.20", 84), ("1.00", 12), ("12.5", 240), ("0.00", 60)]
)
def test_annuity_matches_numpy_financial(rate: str, months: int) -> None:
    s = build_schedule(terms(annual_rate=D(rate), months=months))
    expected = reference(-npf.pmt(to_reference(D(rate)) / 1200, months, 100_000))
    assert abs(s.instalments[0].payment - expected) < CENT_TOLERANCE
    # The interest of each period is the outstanding × the period rate, to the cent.
    assert s.instalments[1].interest == (s.instalments[0].outstanding * D(rate) / 1200).quantize(
        D("0.01")
    )


def test_constant_principal_and_in_fine() -> None:
    constant = build_schedule(terms(loan_type=LoanType.CONSTANT, months=12, amount=D(1200)))
    assert {i.principal for i in constant.instalments} == {D(100)}
    assert constant.instalments[0].interest == D("4.20")  # 1,200 × 4.20 % / 12
    bullet = build_schedule(terms(loan_type=LoanType.IN_FINE, months=24))
    assert {i.interest for i in bullet.instalments} == {D("350.00")}
    assert [i.principal for i in bullet.instalments][-1] == D(100000)


def test_deferrals() -> None:
    partial = build_schedule(terms(deferral=Deferral.PARTIAL, deferral_months=12))
    assert [i.payment for i in partial.instalments[:12]] == [D("350.00")] * 12
    assert partial.instalments[11].outstanding == D(100000)
    assert len(partial.instalments) == 84  # 12 of deferral within the 84 months: 72 to repay
    total = build_schedule(terms(deferral=Deferral.TOTAL, deferral_months=12))
    assert total.instalments[0].payment == 0
    assert total.instalments[0].outstanding == D("100350.00")  # interest capitalised
    grown = total.instalments[11].outstanding
    expected = D(100000)
    for _ in range(12):  # each month's interest, rounded to the cent, is added
        expected += (expected * D("0.0035")).quantize(D("0.01"), ROUND_HALF_UP)
    assert grown == expected
    assert total.instalments[12].payment == (
        reference(-npf.pmt(0.0035, 72, to_reference(grown))).quantize(D("0.01"))
    )


def test_frequency_and_day_counts() -> None:
    quarterly = build_schedule(terms(frequency=Frequency.QUARTERLY))
    assert len(quarterly.instalments) == 28
    assert quarterly.instalments[0].date == dt.date(2026, 4, 15)
    assert quarterly.instalments[0].interest == D("1050.00")  # 100,000 × 4.20 % / 4
    act365 = build_schedule(terms(day_count=DayCount.ACT_365))
    assert act365.instalments[0].interest == D("356.71")  # 100,000 × 4.20 % × 31 / 365
    act360 = build_schedule(terms(day_count=DayCount.ACT_360))
    assert act360.instalments[0].interest == D("361.67")  # × 31 / 360
    assert act360.instalments[-1].outstanding == 0


def test_teg_worked_examples() -> None:
    plain = teg(build_schedule(terms()))
    assert (plain.teg, plain.period_rate, plain.period) == (D("4.2000"), D("0.3500"), "mois")
    with_costs = build_schedule(terms(fees=D(1000), insurance_rate=D("0.36")))
    # Independent: the monthly rate that equates 99,000 with 84 payments of instalment + 30 € insurance.
    payment = to_reference(with_costs.instalments[0].total)
    expected = npf.rate(84, -payment, 99_000, 0) * 12 * 100
    assert abs(teg(with_costs).teg - reference(expected)) < D("0.001")
    quarterly = teg(build_schedule(terms(frequency=Frequency.QUARTERLY, fees=D(500))))
    assert quarterly.period == "trimestre"
    # Proportional: TEG = period rate × 4 (both shown rounded to 4 decimals).
    assert abs(quarterly.teg - quarterly.period_rate * 4) < D("0.0003")
    assert quarterly.teg > D("4.20")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"months": 85, "frequency": Frequency.QUARTERLY}, "multiple de la périodicité"),
        ({"deferral": Deferral.PARTIAL, "deferral_months": 84}, "plus court que le prêt"),
        ({"amount": D(-1)}, "positif"),
        ({"deferral_months": 6}, "type de différé"),
    ],
)
def test_impossible_terms_are_refused(kw: dict[str, object], message: str) -> None:
    with pytest.raises(LoanError, match=message):
        build_schedule(terms(**kw))


def test_early_repayment() -> None:
    s = build_schedule(terms())
    repaid, rest = early_repayment(s, after=12)
    assert repaid == s.instalments[11].outstanding
    assert len(rest.instalments) == 12
    repaid, lower = early_repayment(s, after=12, amount=D(20000))
    assert repaid == D(20000)
    assert len(lower.instalments) == 84
    assert lower.instalments[12].payment < s.instalments[12].payment
    assert lower.instalments[-1].outstanding == 0
    _, shorter = early_repayment(s, after=12, amount=D(20000), keep="payment")
    assert len(shorter.instalments) < 84
    assert shorter.instalments[12].payment <= s.instalments[12].payment


def test_hamburg_agios_worked_by_hand() -> None:
    balances = [
        (dt.date(2026, 1, 1), -100_000),  # −1,000 € for 10 days
        (dt.date(2026, 1, 11), 50_000),  # in credit 5 days
        (dt.date(2026, 1, 16), -300_000),  # −3,000 € for 16 days
    ]
    agios = hamburg(balances, dt.date(2026, 2, 1), D(12), commission_rate=D("0.05"))
    assert agios.debit_numbers == 100_000 * 10 + 300_000 * 16
    assert agios.interest == D("19.07")  # 58,000 €·days × 12 % / 365
    assert (agios.highest_overdraft, agios.commission, agios.days_overdrawn) == (
        D("3000.00"), D("1.50"), 26,
    )  # fmt: skip
    assert hamburg(balances, dt.date(2026, 2, 1), D(12), year_days=360).interest == D("19.33")


def test_usury_of_professional_overdrafts() -> None:
    assert usury_check(D("18.70"), dt.date(2024, 5, 15)).ok is False
    assert usury_check(D("18.70"), dt.date(2024, 8, 1)).ok is True
    unknown = usury_check(D("10"), dt.date(2031, 1, 1))
    assert unknown.ok is None
    assert "Aucun taux d'usure" in unknown.message


def test_leasing_rent_matches_numpy_financial() -> None:
    rent = leasing_rent(D(50000), D(5), 60, residual=D(500))
    expected = -npf.pmt(0.05 / 12, 60, 50_000, -500, when="begin")
    assert abs(rent - reference(expected)) < CENT_TOLERANCE
    arrears = leasing_rent(D(50000), D(5), 60, residual=D(500), in_advance=False)
    assert abs(arrears - reference(-npf.pmt(0.05 / 12, 60, 50_000, -500))) < CENT_TOLERANCE


def test_loan_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "loan", "schedule", "--amount", "100000", "--rate", "4.20", "--months", "84",
        "--type", "annuity", "--deferral-months", "12", "--deferral", "partial",
        "--frequency", "monthly", "--fees", "500", "--insurance-rate", "0.30",
        "--day-count", "30360", "--start", "2026-01-01", "--json",
    )  # fmt: skip
    body = json.loads(capsys.readouterr().out)
    assert len(body["installments"]) == 84
    first = body["installments"][0]
    assert first == {"n": 1, "date": "2026-02-01", "payment": "350.00", "interest": "350.00",
                     "principal": "0.00", "insurance": "25.00", "outstanding": "100000.00"}  # fmt: skip
    assert body["installments"][-1]["outstanding"] == "0.00"
    assert body["period"] == "mois"
    assert D(body["teg"]) > D("4.2")
    assert D(body["total_cost"]) == D(body["total_interest"]) + 2100 + 500
