"""Demo statements: three closed fiscal years for every business client.

Companies and sole traders under a real regime get three FEC files, written
under ``var/demo/fec/`` (so that a user can also try the upload with them)
and imported through the same service as an upload; liberal professions get
their 2035 figures, micro-entrepreneurs their turnover. Deteriorating
clients lose turnover and margin over the last two years, down to a loss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from probanker.core.models import User
from probanker.demo.accounts import YearPlan, write_fec_year
from probanker.demo.common import DemoState, PlannedParty
from probanker.diagnosis import services
from probanker.diagnosis.models import StatementSource

YEARS = 3
CORPORATE_TAX_REDUCED_CEILING = 4_250_000  # 42,500 € at 15 %, then 25 % (CGI art. 219)


def _corporate_tax(profit: int) -> int:
    if profit <= 0:
        return 0
    reduced = min(profit, CORPORATE_TAX_REDUCED_CEILING)
    return reduced * 15 // 100 + (profit - reduced) * 25 // 100


def _yearly_growth(rng: random.Random) -> Decimal:
    """A client's yearly turnover growth: about +2.5 %, most between −1 % and +6 %.

    Drawn from a normal law (σ 3.5 points) cut to [−6 %, +12 %], to the
    hundredth of a point: clients do not all grow by a round percentage.
    """
    drawn = min(0.12, max(-0.06, rng.gauss(0.025, 0.035)))
    return Decimal(str(round(drawn, 4)))


def _turnover_path(rng: random.Random, last: int, trend: Decimal) -> list[int]:
    """The :data:`YEARS` turnovers ending on ``last``: each year grows by the client's
    ``trend`` give or take a point and a half (a normal law), oldest first."""
    path = [last]
    for _ in range(YEARS - 1):
        growth = float(trend) + rng.gauss(0, 0.015)
        path.append(int(path[-1] / (1 + growth)))
    return path[::-1]


def _percent(rng: random.Random, low: int, high: int) -> Decimal:
    """A percentage between ``low`` and ``high``, to the hundredth (uniform)."""
    return Decimal(rng.randint(low * 100, high * 100)) / 100


WAGE_DRIFT = 0.015  # yearly rise of the payroll per employee (earlier years paid less)


def _payroll_cents(plan: PlannedParty, years_ago: int) -> int:
    """Wages and social charges of a year, in cents: the plan's, a little less in earlier years.

    Never below the SMIC's employer cost per employee (``pay_level`` is at
    least 1.05, two years' drift take off 3 %).
    """
    return int(plan.yearly_payroll * 100 * (1 - WAGE_DRIFT * years_ago))


def _external_and_ebe(turnover: int, spent: int, external: int, margin: Decimal) -> tuple[int, int]:
    """External charges and EBE (cents) of a year aiming at a ``margin`` % EBE.

    What turnover leaves after ``spent`` (purchases, taxes, payroll) and the
    activity's usual ``external`` charges goes to the external charges (rents,
    fees...) above the EBE target; when the payroll leaves less than the
    target, the EBE is what is left (down to a loss).
    """
    target = int(turnover * margin / 100)
    rest = turnover - spent - external - target
    if rest >= 0:
        return external + rest, target
    return external, target + rest


class StatementBuilder(DemoState):
    """Fiscal years for the demo's business clients."""

    def build_statements(self, plans: list[PlannedParty]) -> None:
        folder = Path(settings.VAR_DIR) / "demo" / "fec"
        shutil.rmtree(folder, ignore_errors=True)
        clients = [
            p
            for p in plans
            if p.party.kind == "client"
            and p.activity is not None
            and p.party.tax_regime != "foncier"
        ]
        last_end = dt.date(self.as_of.year - 1, 12, 31)
        ends = [dt.date(last_end.year - k, 12, 31) for k in range(YEARS - 1, -1, -1)]
        for index, plan in enumerate(clients):
            rng = self.rng
            # Turnover path: grows to today's level, or falls for a deteriorating client.
            growth = _yearly_growth(rng)
            base = plan.turnover
            if plan.deteriorating:
                turnovers = [base, base * 95 // 100, base * 80 // 100]
                margins = [_percent(rng, 6, 11), _percent(rng, 1, 4), -_percent(rng, 3, 8)]
            else:
                turnovers = _turnover_path(rng, base, growth)
                # The client's own margin level, varying a little from year to year.
                low, high = (20, 32) if plan.staff == 0 else (6, 14)
                level = _percent(rng, low, high)
                margins = [level + _percent(rng, -2, 2) for _ in range(YEARS)]
            regime = plan.party.tax_regime
            actor = plan.party.manager
            if regime == "micro":
                self._micro(plan, actor, ends, turnovers)
            elif regime == "bnc_controlee":
                self._bnc(plan, actor, ends, turnovers, margins)
            else:
                self._fec(plan, actor, ends, turnovers, margins, folder)
            self.summary.fiscal_years += YEARS
            if index % 25 == 0 or index == len(clients) - 1:
                self.progress("Comptes annuels", index + 1, len(clients))

    def _micro(
        self, plan: PlannedParty, actor: User, ends: list[dt.date], turnovers: list[int]
    ) -> None:
        activity = "sales" if plan.party.segment == "commercant" else "services"
        for end, turnover in zip(ends, turnovers, strict=True):
            services.save_statement(
                actor=actor,
                party=plan.party,
                source=StatementSource.MICRO,
                start=end.replace(month=1, day=1),
                end=end,
                entries={
                    "turnover": Decimal(turnover),
                    "sector_margin": Decimal("0.10") if activity == "sales" else Decimal("0.35"),
                },
            )

    def _bnc(
        self,
        plan: PlannedParty,
        actor: User,
        ends: list[dt.date],
        turnovers: list[int],
        margins: list[Decimal],
    ) -> None:
        for k, (end, receipts, margin) in enumerate(zip(ends, turnovers, margins, strict=True)):
            r = Decimal(receipts)
            staff = Decimal(_payroll_cents(plan, YEARS - 1 - k) // 100)
            purchases = (r * Decimal("0.04")).quantize(Decimal(1))
            taxes = (r * Decimal("0.02")).quantize(Decimal(1))
            depreciation = (r * Decimal("0.03")).quantize(Decimal(1))
            financial = (r * Decimal("0.005")).quantize(Decimal(1))
            # The result is what the margin leaves for the practitioner (before own social charges).
            # A deteriorating practice (negative margin) ends the year at a loss.
            before_social = r * Decimal(margin + 35 if margin >= 0 else margin) / 100
            own_social = (max(before_social, Decimal(0)) * Decimal("0.30")).quantize(Decimal(1))
            result = (before_social - own_social).quantize(Decimal(1))
            external = (
                r - purchases - staff - own_social - taxes - financial - depreciation - result
            )
            floor = (r * Decimal("0.05")).quantize(Decimal(1))
            if external < floor:  # a large payroll leaves the practitioner less
                result -= floor - external
                external = floor
            services.save_statement(
                actor=actor,
                party=plan.party,
                source=StatementSource.FORM_2035,
                start=end.replace(month=1, day=1),
                end=end,
                entries={
                    "receipts": r,
                    "purchases": purchases,
                    "staff_costs": staff,
                    "own_social_charges": own_social,
                    "taxes": taxes,
                    "rents_and_other_external": external,
                    "financial_charges": financial,
                    "depreciation": depreciation,
                    "result": result,
                    "debt_service": (r * Decimal("0.04")).quantize(Decimal(1)),
                },
            )

    def _fec(
        self,
        plan: PlannedParty,
        actor: User,
        ends: list[dt.date],
        turnovers: list[int],
        margins: list[Decimal],
        folder: Path,
    ) -> None:
        activity = plan.activity
        assert activity is not None
        party = plan.party
        equipment = turnovers[0] * 25  # cents: a quarter of a year's turnover
        loan = equipment * 70 // 100
        opening: dict[tuple[str, str], int] = {}
        outstanding = loan
        # The client's own payment terms and stock level (not the sector's for all).
        unpaid_customers = self.rng.randint(50, 250 if activity.card_share > 0.5 else 900)
        unpaid_suppliers = self.rng.randint(200, 800)
        stock_percent = (
            self.rng.randint(4, 14) if party.segment == "commercant" else self.rng.randint(1, 5)
        )
        # Shops hold goods, artisans raw materials; services no stock.
        stocked = party.segment in {"commercant", "artisan"}
        for k, (end, turnover, margin) in enumerate(zip(ends, turnovers, margins, strict=True)):
            t = turnover * 100
            goods = int(t * plan.purchases_share * 0.7)
            taxes = t * 15 // 1000
            staff_costs = _payroll_cents(plan, YEARS - 1 - k)
            external, ebe = _external_and_ebe(
                t, goods + taxes + staff_costs, int(t * plan.purchases_share * 0.3), margin
            )
            wages = staff_costs * 100 // 142
            depreciation = equipment // 7
            principal = min(outstanding, loan // 7)
            interest = outstanding * 4 // 100
            outstanding -= principal
            profit = ebe - depreciation - interest
            company = not plan.sole_trader
            segment = party.segment
            year = YearPlan(
                siren=party.siren or f"{party.pk:09d}",
                start=end.replace(month=1, day=1),
                end=end,
                sales_goods=t if segment == "commercant" else 0,
                sales_products=t if segment == "artisan" else 0,
                sales_services=t if segment not in {"commercant", "artisan"} else 0,
                purchases_goods=goods if segment == "commercant" else 0,
                materials=goods if segment != "commercant" else 0,
                stock_change=(t // 200) * (1 if k % 2 else -1) if stocked else 0,
                rent_and_external=external,
                taxes=taxes,
                wages=wages,
                social=staff_costs - wages,
                depreciation=depreciation,
                interest=interest,
                principal=principal,
                corporate_tax=_corporate_tax(profit) if company else 0,
                drawings=0 if company else max(0, profit * 80 // 100),
                new_loan=loan if k == 0 else 0,
                new_equipment=equipment if k == 0 else 0,
                capital=max(100_000, t * 5 // 100) if k == 0 and company else 0,
                initial_stock=t * stock_percent // 100 if k == 0 and stocked else 0,
                stock_accounts=("37", "6037") if segment == "commercant" else ("31", "6031"),
                december_unpaid_customers=unpaid_customers,
                december_unpaid_suppliers=unpaid_suppliers,
            )
            path, opening = write_fec_year(year, opening, folder)
            data = path.read_bytes()
            staged = services.StagedFile(
                path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), name=path.name
            )
            services.import_fec(actor=actor, party=party, file=staged)
            self.summary.fec_files += 1
