"""Demo products held: accounts, lines, loans, savings, insurance.

The same ``seed`` and ``as_of`` date always give the same data. The module
is meant to grow: later capabilities add steps (statements, alerts...) to
:func:`build_demo` through :data:`EXTRA_STEPS`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from simple_history.utils import bulk_create_with_history

from probanker.banking.models import Contract
from probanker.core.models import User
from probanker.demo import identifiers
from probanker.demo.common import DemoState, PlannedParty, money, round_to
from probanker.parties.models import Party, PartyRole


class ContractBuilder(DemoState):
    """Demo products held: accounts, lines, loans, savings, insurance."""

    def _contract(self, party: Party, code: str, opened: dt.date, **values: Any) -> Contract:
        self.account_seq += 1
        return Contract(
            party=party,
            product=self.products[code],
            number=f"{self.account_seq:011d}",
            opened_on=opened,
            **values,
        )

    def build_contracts(
        self, plans: list[PlannedParty], creator: User
    ) -> list[tuple[Contract, PlannedParty, Contract | None]]:
        """Products held by each client; returns (account, plan, overdraft line)."""
        rng = self.rng
        accounts: list[tuple[Contract, PlannedParty]] = []
        others: list[Contract] = []
        lines: list[tuple[Contract, Contract]] = []  # (line, account)
        for plan in plans:
            party = plan.party
            if party.kind != "client":
                continue
            since = party.client_since or self.as_of
            account = self._contract(
                party, "current_account", since, balance_date=self.as_of, rate=None
            )
            account.iban = identifiers.make_iban(self.account_seq)
            accounts.append((account, plan))
            activity = plan.activity
            card_share = activity.card_share if activity else 0.0
            t = plan.turnover
            if activity is not None and rng.random() < (
                0.35 if activity.segment == "liberal" else 0.6
            ):
                limit = round_to(t / 24, 1000)
                expiry = self.as_of + dt.timedelta(days=rng.randint(5, 360))
                lines.append(
                    (
                        self._contract(
                            party,
                            "overdraft",
                            since,
                            authorised_limit=money(limit),
                            limit_expiry=expiry,
                            rate=Decimal(rng.choice(["7.50", "8.25", "9.00", "10.50"])),
                        ),
                        account,
                    )
                )
            if activity is not None and rng.random() < 0.8:
                others.append(self._contract(party, "business_card", since))
            if card_share > 0.3:
                others.append(self._contract(party, "payment_terminal", since))
            if card_share > 0.6 and rng.random() < 0.15:
                others.append(self._contract(party, "online_payment", since))
            if activity is not None and rng.random() < 0.4:
                others.append(
                    self._loan(
                        party,
                        "equipment_loan",
                        t * rng.uniform(0.1, 0.4),
                        rng.choice([36, 48, 60, 84]),
                    )
                )
            if (
                activity is not None
                and activity.key in {"haulier", "taxi", "mason", "dentist", "garage"}
                and rng.random() < 0.4
            ):
                others.append(
                    self._loan(
                        party, "leasing", t * rng.uniform(0.1, 0.3), rng.choice([36, 48, 60])
                    )
                )
            if party.legal_form == "SCI":
                others.append(
                    self._loan(
                        party, "real_estate_loan", t * rng.uniform(7, 11), rng.choice([180, 240])
                    )
                )
            elif activity is not None and rng.random() < 0.08:
                others.append(
                    self._loan(
                        party,
                        "real_estate_loan",
                        rng.uniform(120_000, 450_000),
                        rng.choice([180, 240]),
                    )
                )
            if (
                activity is not None
                and activity.segment in {"artisan", "tpe"}
                and not plan.sole_trader
                and rng.random() < 0.12
            ):
                lines.append(
                    (
                        self._contract(
                            party,
                            "dailly",
                            since,
                            authorised_limit=money(round_to(t / 10, 5000)),
                            limit_expiry=self.as_of + dt.timedelta(days=rng.randint(5, 360)),
                            rate=Decimal("4.90"),
                        ),
                        account,
                    )
                )
            if activity is not None and activity.segment == "tpe" and rng.random() < 0.05:
                lines.append(
                    (
                        self._contract(
                            party,
                            "factoring",
                            since,
                            authorised_limit=money(round_to(t / 6, 10000)),
                            limit_expiry=self.as_of + dt.timedelta(days=rng.randint(30, 360)),
                        ),
                        account,
                    )
                )
            if rng.random() < 0.35:
                others.append(
                    self._contract(
                        party,
                        "savings_account",
                        since,
                        balance=money(round_to(t * rng.uniform(0.02, 0.15), 100)),
                        balance_date=self.as_of,
                        rate=Decimal("1.50"),
                    )
                )
            if rng.random() < 0.10:
                others.append(
                    self._contract(
                        party,
                        "term_deposit",
                        self.as_of - dt.timedelta(days=rng.randint(30, 700)),
                        balance=money(round_to(t * rng.uniform(0.05, 0.2), 1000)),
                        balance_date=self.as_of,
                        rate=Decimal("2.60"),
                    )
                )
            if activity is not None and rng.random() < 0.6:
                others.append(self._contract(party, "multirisk_insurance", since))
            if (
                activity is not None
                and not plan.sole_trader
                and plan.staff >= 3
                and rng.random() < 0.15
            ):
                others.append(self._contract(party, "key_person_insurance", since))
            if plan.sole_trader and rng.random() < 0.4:
                others.append(self._contract(party, "provident_insurance", since))
            if activity is not None and rng.random() < 0.2:
                others.append(
                    self._contract(
                        party,
                        "retirement_savings",
                        since,
                        balance=money(round_to(rng.uniform(3000, 80000), 100)),
                        balance_date=self.as_of,
                    )
                )
            if plan.staff >= 2 and rng.random() < 0.2:
                others.append(
                    self._contract(
                        party,
                        "employee_savings",
                        since,
                        balance=money(round_to(rng.uniform(5000, 60000), 100)),
                        balance_date=self.as_of,
                    )
                )
        bulk_create_with_history(
            [a for a, _ in accounts],
            Contract,
            batch_size=500,
            default_user=creator,
            default_change_reason="Reprise des données (démo)",
        )
        for line, account in lines:
            line.account = account
        bulk_create_with_history(
            [line for line, _ in lines] + others,
            Contract,
            batch_size=500,
            default_user=creator,
            default_change_reason="Reprise des données (démo)",
        )
        self._guarantors(plans, others, creator)
        overdrafts = {
            account.pk: line for line, account in lines if line.product.code == "overdraft"
        }
        self.summary.contracts = len(accounts) + len(lines) + len(others)
        self.summary.accounts = len(accounts)
        return [(a, plan, overdrafts.get(a.pk)) for a, plan in accounts]

    def _guarantors(
        self, plans: list[PlannedParty], contracts: list[Contract], creator: User
    ) -> None:
        """The principal of a company that borrows usually stands as its guarantor."""
        borrowers = {c.party_id for c in contracts if c.product.kind == "credit"}
        # The deed caps the commitment (art. 2297) and gives it a term.
        roles = [
            PartyRole(party=plan.party, person=plan.principal, role="guarantor",
                      guarantee_limit=Decimal(self.rng.choice([30, 50, 80, 120, 150]) * 1000),
                      guarantee_end=dt.date(self.as_of.year + self.rng.randint(2, 8), 12, 31))
            for plan in plans
            if plan.party.pk in borrowers and not plan.sole_trader
        ]  # fmt: skip
        bulk_create_with_history(roles, PartyRole, batch_size=500, default_user=creator)

    def _loan(self, party: Party, code: str, amount: float, months: int) -> Contract:
        rng = self.rng
        principal = round_to(amount, 1000)
        rate = Decimal(rng.choice(["2.90", "3.40", "3.85", "4.20", "4.75", "5.10"]))
        elapsed = rng.randint(1, months - 1)
        opened = self.as_of - dt.timedelta(days=int(elapsed * 30.44))
        i = rate / Decimal(1200)
        factor = (1 + i) ** months
        instalment = Decimal(principal) * i * factor / (factor - 1)
        outstanding = Decimal(principal) * (1 + i) ** elapsed - instalment * (
            ((1 + i) ** elapsed - 1) / i
        )
        return self._contract(
            party,
            code,
            opened,
            balance=money(max(outstanding, Decimal(0))),
            balance_date=self.as_of,
            rate=rate,
        )
