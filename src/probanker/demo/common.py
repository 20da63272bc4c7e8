"""Shared pieces of the demo generator: configuration, summary, helpers.

The same ``seed`` and ``as_of`` date always give the same data. The module
is meant to grow: later capabilities add steps (statements, alerts...) to
:func:`build_demo` through :data:`EXTRA_STEPS`.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from faker import Faker

from probanker.banking.models import Product
from probanker.core.models import Branch, NafCode, NafDivision, Role, User
from probanker.demo.activities import ACTIVITIES, HOLDING_NAF, SCI_NAF, Activity
from probanker.parties.models import (
    AccessibilityProfile,
    Party,
    Person,
)

Progress = Callable[[str, int, int], None]
CENT = Decimal("0.01")
# SMIC brut 2026 for 35 h a week (about 1,823 € a month) and the employer's cost
# of a low wage after the general reduction of contributions (about 1.3 times).
SMIC_MONTHLY_GROSS = 1823
EMPLOYER_COST_FACTOR = 1.3
SMIC_EMPLOYER_COST_YEAR = int(SMIC_MONTHLY_GROSS * EMPLOYER_COST_FACTOR * 12)  # euros
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo password

STAFF = [
    # username, first name, last name, role
    ("manager1", "Camille", "Rousseau", Role.MANAGER),
    ("manager2", "Julien", "Moreau", Role.MANAGER),
    ("manager3", "Inès", "Benali", Role.MANAGER),
    ("director", "Philippe", "Garnier", Role.DIRECTOR),
    ("risk", "Nadia", "Lemaire", Role.RISK),
    ("comite", "Bernard", "Chevalier", Role.COMMITTEE),
    ("admin", "Admin", "Probanker", Role.ADMIN),
]


@dataclass(frozen=True)
class DemoConfig:
    clients: int = 600
    seed: int = 2026
    as_of: dt.date = field(default_factory=dt.date.today)
    lake_dir: Path = Path("var/lake")
    prospect_share: float = 0.15
    deteriorating_share: float = 0.08


@dataclass
class DemoSummary:
    users: int = 0
    parties: int = 0
    clients: int = 0
    prospects: int = 0
    contracts: int = 0
    accounts: int = 0
    movements: int = 0
    balances: int = 0
    fiscal_years: int = 0
    fec_files: int = 0
    alerts: int = 0
    credit_files: int = 0
    complaints: int = 0
    deteriorating: list[str] = field(default_factory=list)
    as_of: dt.date | None = None


def ascii_slug(text: str) -> str:
    """``Lévêque Dupont`` → ``leveque-dupont`` (for e-mail addresses)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(plain.lower().split()).replace("'", "")


def _noop(step: str, done: int, total: int) -> None:
    return None


def money(value: float | int | Decimal) -> Decimal:
    """Round a simulated euro figure to the cent (Decimal from here on)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def round_to(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


def _weighted(rng: random.Random, items: list[Any], weights: list[int]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def create_staff() -> tuple[Branch, dict[str, User]]:
    """The demo branch and its staff, password ``demo``."""
    branch = Branch.objects.create(
        code="TRS01", name="Agence de Tours Centre", city="Tours",
        address="18 rue Nationale", postcode="37000", departement="37",
    )  # fmt: skip
    users: dict[str, User] = {}
    for username, first, last, role in STAFF:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.probanker.fr",
            role=role,
            branch=None if role in {Role.RISK, Role.ADMIN, Role.COMMITTEE} else branch,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[username] = user
    return branch, users


def ensure_naf_codes() -> None:
    """Create the NAF sub-classes the demo uses (the full table is optional)."""
    codes = {a.naf: a.naf_label for a in ACTIVITIES}
    codes[HOLDING_NAF[0]] = HOLDING_NAF[1]
    codes[SCI_NAF[0]] = SCI_NAF[1]
    divisions = set(NafDivision.objects.values_list("code", flat=True))
    for code, label in codes.items():
        if code[:2] not in divisions:
            raise RuntimeError(f"Division NAF {code[:2]} absente : migrations non appliquées ?")
        NafCode.objects.get_or_create(code=code, defaults={"label": label, "division_id": code[:2]})


@dataclass
class PlannedParty:
    party: Party
    activity: Activity | None
    turnover: int
    staff: int
    deteriorating: bool
    principal: Person
    extra_people: list[tuple[Person, str, Decimal | None]] = field(default_factory=list)
    accessibility: AccessibilityProfile | None = None
    sole_trader: bool = False
    # Employer cost per employee as a multiple of the SMIC's (1 = minimum wage).
    pay_level: float = 1.0
    # Goods and external charges / turnover, the activity's drawn for this client.
    purchases_share: float = 0.35

    @property
    def yearly_payroll(self) -> int:
        """Wages and social charges a year, in euros: at least the SMIC's cost per employee."""
        return int(self.staff * SMIC_EMPLOYER_COST_YEAR * self.pay_level)


class DemoState:
    """State shared by the builder's steps (seeded generators, counters)."""

    config: DemoConfig
    progress: Progress
    rng: random.Random
    fake: Faker
    as_of: dt.date
    summary: DemoSummary
    used_sirens: set[str]
    account_seq: int
    products: dict[str, Product]
