"""Demo lake: a year of movements and daily balances per account.

The same ``seed`` and ``as_of`` date always give the same data. The module
is meant to grow: later capabilities add steps (statements, alerts...) to
:func:`build_demo` through :data:`EXTRA_STEPS`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pyarrow as pa

from probanker import lake
from probanker.banking.models import Contract
from probanker.demo.common import CENT, DemoState, PlannedParty
from probanker.demo.movements import AccountProfile, simulate

#: The least share of an employer's business (receipts, wages, rent) through its account.
EMPLOYER_MIN_SHARE = 0.85


def entrusted_share(rng: random.Random, employer: bool) -> float:
    """The share of a client's business that goes through its account with us (« part de
    flux confiés »): an employer, whose payroll runs from its main account, keeps us as its
    main bank; of the others (sole traders, liberal professions, property companies), under
    half run nearly everything through us, a third split it with another bank, one in five
    keeps us as the second bank."""
    draw = rng.random()
    if employer or draw < 0.45:
        return rng.uniform(EMPLOYER_MIN_SHARE, 1.0)
    if draw < 0.8:
        return rng.uniform(0.5, 0.85)
    return rng.uniform(0.25, 0.5)


class LakeBuilder(DemoState):
    """Demo lake: a year of movements and daily balances per account."""

    # -- lake -------------------------------------------------------------
    def build_lake(self, accounts: list[tuple[Contract, PlannedParty, Contract | None]]) -> None:
        from probanker.core.calendar import is_business_day

        start = self.as_of - dt.timedelta(days=365)
        days = [start + dt.timedelta(days=n) for n in range(366)]
        business = {d for d in days if is_business_day(d)}
        columns_m: dict[str, list[Any]] = {
            k: []
            for k in (
                "account_id",
                "party_id",
                "booking_date",
                "value_date",
                "amount_cents",
                "family",
                "label",
            )
        }
        columns_b: dict[str, list[Any]] = {
            k: [] for k in ("account_id", "party_id", "date", "balance_cents", "limit_cents")
        }
        loans: dict[int, int] = {}
        for c in Contract.objects.filter(
            product__code__in=["equipment_loan", "real_estate_loan", "leasing"]
        ).values_list("party_id", "balance"):
            loans[c[0]] = loans.get(c[0], 0) + int(c[1] * 100) // 60
        updated: list[Contract] = []
        total = len(accounts)
        for index, (account, plan, overdraft) in enumerate(accounts):
            activity = plan.activity
            limit = (
                int(overdraft.authorised_limit * 100)
                if overdraft and overdraft.authorised_limit
                else 0
            )
            rng = random.Random(self.config.seed * 1_000_003 + index)
            # The share of its business the client runs through us: its own generator, so
            # that the other draws (and the clients the risk rules catch) stay the same.
            share = entrusted_share(
                random.Random(self.config.seed * 7_919 + index), employer=plan.staff > 0
            )
            profile = AccountProfile(
                account_id=account.pk,
                party_id=plan.party.pk,
                turnover=int(plan.turnover * 100 * share),
                season=activity.season if activity else (1.0,) * 12,
                card_share=activity.card_share if activity else 0.0,
                purchases_share=plan.purchases_share if activity else 0.1,
                staff=plan.staff,
                payroll=int(plan.yearly_payroll * 100 * share) // 12,
                limit=limit,
                loan_instalment=loans.get(plan.party.pk, 0),
                rent=0
                if activity is None or rng.random() < 0.3
                else int(plan.turnover * share * rng.uniform(0.03, 0.08) / 12) * 100,
                vat=plan.party.tax_regime in {"reel_simplifie", "reel_normal"},
                sole_trader=plan.sole_trader,
                deteriorating=plan.deteriorating,
                opening_balance=int(plan.turnover * share * rng.uniform(0.02, 0.12)) * 100,
                decline_days=rng.randint(150, 300) if plan.deteriorating else 180,
            )
            flows = simulate(profile, days, business, rng)
            for row in flows.movements:
                for key, value in zip(columns_m, row, strict=True):
                    columns_m[key].append(value)
            for balance_row in flows.balances:
                for key, value in zip(columns_b, balance_row, strict=True):
                    columns_b[key].append(value)
            account.balance = (Decimal(flows.closing_balance) / 100).quantize(CENT)
            updated.append(account)
            if plan.deteriorating:
                self.summary.deteriorating.append(plan.party.name)
            if index % 25 == 0:
                self.progress("Mouvements", index, total)
        self.progress("Mouvements", total, total)
        Contract.objects.bulk_update(updated, ["balance"], batch_size=500)
        columns_m["month"] = [d.strftime("%Y-%m") for d in columns_m["booking_date"]]
        columns_b["month"] = [d.strftime("%Y-%m") for d in columns_b["date"]]
        movements = pa.table(columns_m, schema=lake.MOVEMENTS.schema)
        balances = pa.table(columns_b, schema=lake.BALANCES.schema)
        self.progress("Écriture du lac", 0, 2)
        lake.replace_dataset(self.config.lake_dir, lake.MOVEMENTS, movements)
        lake.replace_dataset(self.config.lake_dir, lake.BALANCES, balances)
        self.progress("Écriture du lac", 2, 2)
        self.summary.movements = movements.num_rows
        self.summary.balances = balances.num_rows
