"""Deterministic synthetic branch: staff, portfolio, products, lake.

The same ``seed`` and ``as_of`` date always give the same data. The module
is meant to grow: later capabilities add steps (statements, alerts...) to
:func:`build_demo` through :data:`EXTRA_STEPS`.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db import transaction
from faker import Faker

from probanker.banking.models import Product
from probanker.core.calendar import last_business_day_on_or_before
from probanker.core.models import User
from probanker.core.pagecache import bump_data_version
from probanker.demo.accessibility import AccessibilityBuilder
from probanker.demo.agenda import build_agenda
from probanker.demo.certification import build_certification
from probanker.demo.common import (
    DemoConfig,
    DemoSummary,
    Progress,
    _noop,
    create_staff,
    ensure_naf_codes,
)
from probanker.demo.complaints import ComplaintsBuilder
from probanker.demo.credit import CreditBuilder
from probanker.demo.flows import LakeBuilder
from probanker.demo.people import PartyPlanner
from probanker.demo.portfolio import build_portfolio, refresh_figures_after_contacts
from probanker.demo.products import ContractBuilder
from probanker.demo.prospecting import build_prospecting, build_visit_days
from probanker.demo.risk import RiskBuilder
from probanker.demo.sales import build_sales
from probanker.demo.statements import StatementBuilder


class DemoBuilder(
    PartyPlanner,
    ContractBuilder,
    LakeBuilder,
    StatementBuilder,
    CreditBuilder,
    RiskBuilder,
    ComplaintsBuilder,
    AccessibilityBuilder,
):
    """Builds the demo branch step by step (each step reports progress)."""

    def __init__(self, config: DemoConfig, progress: Progress = _noop) -> None:
        self.config = config
        self.progress = progress
        self.rng = random.Random(config.seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(config.seed)
        self.as_of = last_business_day_on_or_before(config.as_of)
        self.summary = DemoSummary(as_of=self.as_of)
        self.used_sirens: set[str] = set()
        self.account_seq = 1_000_000
        self.products = {p.code: p for p in Product.objects.all()}

    def run(self) -> DemoSummary:
        with transaction.atomic():
            ensure_naf_codes()
            branch, users = create_staff()
            self.summary.users = len(users)
            managers = [users["manager1"], users["manager2"], users["manager3"]]
            plans = self.build_parties(branch, managers, users["admin"])
            self.build_related_parties(plans, users["admin"])
            accounts = self.build_contracts(plans, users["admin"])
            self.build_lake(accounts)
            self.build_statements(plans)
            self.build_credit(plans, users)
            self.build_risk(plans)
            self.summary.complaints = self.build_complaints()
            self.build_accessibility(User.objects.get(username="reclamations"))
            for step in EXTRA_STEPS:
                step(self)
            # Bulk writes send no signals: make cached pages stale explicitly.
            bump_data_version()
        self.summary.parties = len(plans)
        self.summary.clients = sum(1 for p in plans if p.party.kind == "client")
        self.summary.prospects = self.summary.parties - self.summary.clients
        return self.summary


# Later capabilities append callables taking the builder (statements, alerts...).
EXTRA_STEPS: list[Callable[[DemoBuilder], None]] = [build_portfolio]
EXTRA_STEPS.append(build_prospecting)  # the SIRENE extract, territory and prospects
EXTRA_STEPS.append(build_certification)
EXTRA_STEPS.append(build_agenda)  # appointments of the coming weeks, contacts of the last months
EXTRA_STEPS.append(build_sales)  # interviews, specialists, opportunities at every stage
EXTRA_STEPS.append(build_visit_days)  # after the agenda: on days it leaves free
EXTRA_STEPS.append(refresh_figures_after_contacts)  # last: reads every contact


def build_demo(config: DemoConfig, progress: Progress = _noop) -> DemoSummary:
    """Generate the whole demo branch into an empty database and the lake."""
    return DemoBuilder(config, progress).run()
