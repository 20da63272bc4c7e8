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
            growth = Decimal(rng.randint(-2, 6)) / 100
            base = plan.turnover
            if plan.deteriorating:
                turnovers = [base, base * 95 // 100, base * 80 // 100]
                margins = [rng.randint(6, 11), rng.randint(1, 4), -rng.randint(3, 8)]
            else:
                turnovers = [int(base / (1 + growth) ** (YEARS - 1 - k)) for k in range(YEARS)]
                low, high = (20, 32) if plan.staff == 0 else (6, 14)
                margins = [rng.randint(low, high) for _ in range(YEARS)]
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
        margins: list[int],
    ) -> None:
        for end, receipts, margin in zip(ends, turnovers, margins, strict=True):
            r = Decimal(receipts)
            staff = Decimal(plan.staff * 38_000)
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
        margins: list[int],
        folder: Path,
    ) -> None:
        activity = plan.activity
        assert activity is not None
        party = plan.party
        equipment = turnovers[0] * 25  # cents: a quarter of a year's turnover
        loan = equipment * 70 // 100
        opening: dict[tuple[str, str], int] = {}
        outstanding = loan
        for k, (end, turnover, margin) in enumerate(zip(ends, turnovers, margins, strict=True)):
            t = turnover * 100
            goods = t * int(activity.purchases_share * 70) // 100
            external = t * int(activity.purchases_share * 30) // 100
            taxes = t * 15 // 1000
            ebe = t * margin // 100
            staff_costs = max(0, t - goods - external - taxes - ebe)
            if plan.staff == 0:
                external, staff_costs = external + staff_costs, 0
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
                stock_change=(t // 200) * (1 if k % 2 else -1) if segment == "commercant" else 0,
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
                initial_stock=t * 8 // 100 if k == 0 and segment == "commercant" else 0,
            )
            path, opening = write_fec_year(year, opening, folder)
            data = path.read_bytes()
            staged = services.StagedFile(
                path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), name=path.name
            )
            services.import_fec(actor=actor, party=party, file=staged)
            self.summary.fec_files += 1
