"""Deterministic synthetic branch: staff, portfolio, products, lake.

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

import pyarrow as pa
from django.db import transaction
from faker import Faker
from simple_history.utils import bulk_create_with_history

from probanker.banking import lake
from probanker.banking.models import Contract, Product
from probanker.core.calendar import last_business_day_on_or_before
from probanker.core.models import Branch, NafCode, NafDivision, Role, User
from probanker.demo import identifiers
from probanker.demo.activities import ACTIVITIES, HOLDING_NAF, SCI_NAF, TOWNS, Activity
from probanker.demo.movements import AccountProfile, simulate
from probanker.parties.models import (
    AccessibilityProfile,
    Establishment,
    Party,
    PartyLink,
    PartyRole,
    Person,
)

Progress = Callable[[str, int, int], None]
CENT = Decimal("0.01")
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo password

STAFF = [
    # username, first name, last name, role
    ("manager1", "Camille", "Rousseau", Role.MANAGER),
    ("manager2", "Julien", "Moreau", Role.MANAGER),
    ("manager3", "Inès", "Benali", Role.MANAGER),
    ("director", "Philippe", "Garnier", Role.DIRECTOR),
    ("risk", "Nadia", "Lemaire", Role.RISK),
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
    branch = Branch.objects.create(code="TRS01", name="Agence de Tours Centre", city="Tours")
    users: dict[str, User] = {}
    for username, first, last, role in STAFF:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.probanker.fr",
            role=role,
            branch=None if role in {Role.RISK, Role.ADMIN} else branch,
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


class DemoBuilder:
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

    # -- people and parties -------------------------------------------------
    def _town(self) -> tuple[str, str]:
        postal, city, _ = _weighted(self.rng, list(TOWNS), [t[2] for t in TOWNS])
        return postal, city

    def _person(self) -> Person:
        female = self.rng.random() < 0.48
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        last = self.fake.last_name()
        age = self.rng.randint(26, 66)
        birth = self.as_of - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        return Person(
            first_name=first,
            last_name=last,
            birth_date=birth,
            email=ascii_slug(f"{first}.{last}") + "@exemple.fr",
            phone=self.fake.phone_number(),
        )

    def _name(self, activity: Activity, principal: Person, legal_form: str) -> str:
        prefix = self.rng.choice(activity.name_prefixes)
        if activity.person_title:
            return f"{activity.person_title} {principal.first_name} {principal.last_name}"
        if prefix.endswith(("de", "du", "by")) or self.rng.random() < 0.5:
            base = f"{prefix} {principal.last_name}"
        else:
            base = (
                f"{prefix} {self.fake.city() if self.rng.random() < 0.3 else self.fake.last_name()}"
            )
        if legal_form == "EI":
            return base
        return f"{base} {legal_form}" if self.rng.random() < 0.4 else base

    def _kyc(self, party: Party, client: bool) -> None:
        if not client:
            party.kyc_status = "incomplete"
            return
        risk = _weighted(self.rng, ["low", "standard", "high"], [30, 62, 8])
        period = {"low": 3, "standard": 2, "high": 1}[risk]
        reviewed = self.as_of - dt.timedelta(days=self.rng.randint(20, period * 365 + 60))
        party.kyc_risk = risk
        party.kyc_reviewed_on = reviewed
        party.kyc_next_review = reviewed + dt.timedelta(days=period * 365)
        party.kyc_status = (
            "to_review"
            if party.kyc_next_review <= self.as_of
            else ("incomplete" if self.rng.random() < 0.04 else "complete")
        )

    def _accessibility(self, party: Party) -> AccessibilityProfile:
        rng = self.rng
        profile = AccessibilityProfile(
            party=party,
            preferred_channel=_weighted(
                rng, ["branch", "phone", "email", "video", "mail", "sms"], [30, 30, 25, 8, 4, 3]
            ),
            preferred_times=rng.choice(
                [
                    "",
                    "",
                    "matin avant 9 h",
                    "entre 12 h et 14 h",
                    "après 18 h",
                    "lundi (jour de fermeture)",
                ]
            ),
        )
        if rng.random() < 0.10:
            need = rng.choice(
                [
                    "large_print",
                    "plain_language",
                    "sign_language_relay",
                    "speech_to_text",
                    "screen_reader_documents",
                    "reduced_mobility",
                ]
            )
            setattr(profile, need, True)
            if need == "sign_language_relay":
                profile.preferred_channel = "video"
                profile.notes = "Client sourd : rendez-vous en visio avec interprète LSF (relais)."
            elif need == "screen_reader_documents":
                profile.notes = "Client aveugle : documents PDF balisés, pas de scan."
            elif need == "large_print":
                profile.notes = "Basse vision : courriers en corps 18 minimum."
        return profile

    def plan_party(self, manager: User, branch: Branch, client: bool) -> PlannedParty:
        rng = self.rng
        activity = _weighted(rng, list(ACTIVITIES), [a.weight for a in ACTIVITIES])
        legal_form, regime, _ = _weighted(rng, list(activity.forms), [f[2] for f in activity.forms])
        low, high = activity.turnover
        turnover = int(rng.triangular(low, high, low + (high - low) * 0.3))
        if regime == "micro":
            ceiling = 188_700 if activity.segment in {"commercant"} else 77_700
            turnover = min(turnover, int(ceiling * rng.uniform(0.3, 0.95)))
        staff = (
            rng.randint(*activity.staff)
            if legal_form != "EI" or rng.random() < 0.5
            else min(activity.staff[1], rng.randint(0, 2))
        )
        if regime == "micro":
            staff = 0
        band = (
            "NN"
            if staff == 0
            else "01"
            if staff <= 2
            else "02"
            if staff <= 5
            else "03"
            if staff <= 9
            else "11"
            if staff <= 19
            else "12"
        )
        principal = self._person()
        postal, city = self._town()
        age_years = rng.choice([1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25])
        creation = self.as_of - dt.timedelta(days=age_years * 365 + rng.randint(0, 300))
        party = Party(
            kind="client" if client else "prospect",
            party_type="sole_trader" if legal_form == "EI" else "legal_entity",
            name=self._name(activity, principal, legal_form),
            siren=identifiers.make_siren(rng, self.used_sirens),
            legal_form=legal_form,
            tax_regime=regime,
            segment=activity.segment,
            naf_id=activity.naf,
            creation_date=creation,
            headcount_band=band,
            street=self.fake.street_address(),
            postal_code=postal,
            city=city,
            phone=self.fake.phone_number(),
            email=f"contact@{ascii_slug(principal.last_name)}-{activity.key.replace('_', '-')}.fr",
            branch=branch,
            manager=manager,
            client_since=max(creation, self.as_of - dt.timedelta(days=rng.randint(60, 6000)))
            if client
            else None,
        )
        self._kyc(party, client)
        planned = PlannedParty(
            party=party,
            activity=activity,
            turnover=turnover,
            staff=staff,
            deteriorating=client and rng.random() < self.config.deteriorating_share,
            principal=principal,
            sole_trader=legal_form == "EI",
        )
        if legal_form not in {"EI", "EURL", "SASU"} and rng.random() < 0.6:
            planned.extra_people.append(
                (self._person(), "partner", Decimal(rng.choice([20, 30, 40, 49])))
            )
        if legal_form == "EI" and rng.random() < 0.3:
            spouse = self._person()
            spouse.last_name = principal.last_name
            planned.extra_people.append((spouse, "spouse", None))
        planned.accessibility = self._accessibility(party)
        return planned

    # -- database ---------------------------------------------------------
    def build_parties(
        self, branch: Branch, managers: list[User], creator: User
    ) -> list[PlannedParty]:
        total = self.config.clients
        plans: list[PlannedParty] = []
        for index in range(total):
            client = self.rng.random() >= self.config.prospect_share
            plans.append(self.plan_party(managers[index % len(managers)], branch, client))
            if index % 50 == 0:
                self.progress("Tiers", index, total)
        parties = [p.party for p in plans]
        bulk_create_with_history(
            parties,
            Party,
            batch_size=500,
            default_user=creator,
            default_change_reason="Reprise des données (démo)",
        )
        people = [p.principal for p in plans] + [x[0] for p in plans for x in p.extra_people]
        bulk_create_with_history(people, Person, batch_size=500, default_user=creator)
        roles: list[PartyRole] = []
        establishments: list[Establishment] = []
        profiles: list[AccessibilityProfile] = []
        for plan in plans:
            party = plan.party
            roles.append(
                PartyRole(
                    party=party,
                    person=plan.principal,
                    role="principal",
                    share_percent=None
                    if plan.sole_trader
                    else Decimal(100) - sum((x[2] or 0) for x in plan.extra_people),
                )
            )
            for person, role, share in plan.extra_people:
                roles.append(PartyRole(party=party, person=person, role=role, share_percent=share))
            count = 2 if (plan.staff > 6 and self.rng.random() < 0.3) else 1
            for n in range(1, count + 1):
                postal, city = (party.postal_code, party.city) if n == 1 else self._town()
                establishments.append(
                    Establishment(
                        party=party,
                        siret=identifiers.make_siret(party.siren or "", n),
                        is_head_office=n == 1,
                        trade_name=party.name if n == 1 else f"{party.name} — {city}",
                        street=party.street if n == 1 else self.fake.street_address(),
                        postal_code=postal,
                        city=city,
                    )
                )
            assert plan.accessibility is not None
            plan.accessibility.party = party
            profiles.append(plan.accessibility)
        for objs, model in (
            (roles, PartyRole),
            (establishments, Establishment),
            (profiles, AccessibilityProfile),
        ):
            bulk_create_with_history(objs, model, batch_size=500, default_user=creator)  # type: ignore[arg-type]
        self.progress("Tiers", total, total)
        return plans

    def build_related_parties(self, plans: list[PlannedParty], creator: User) -> None:
        """Holdings, operating SCIs and households around some clients."""
        rng = self.rng
        extra: list[PlannedParty] = []
        links: list[tuple[Party, Party, str, str]] = []
        companies = [p for p in plans if p.party.kind == "client" and not p.sole_trader]
        for plan in companies:
            if rng.random() < 0.10:
                holding = self._satellite(
                    plan,
                    "SAS",
                    "reel_normal",
                    "tpe",
                    HOLDING_NAF[0],
                    f"Holding {plan.principal.last_name}",
                )
                extra.append(holding)
                links.append((plan.party, holding.party, "holding", "Détient 100 % des titres"))
            if rng.random() < 0.15:
                sci = self._satellite(
                    plan,
                    "SCI",
                    "foncier",
                    "patrimonial",
                    SCI_NAF[0],
                    f"SCI {plan.principal.last_name} Immo",
                )
                extra.append(sci)
                links.append((plan.party, sci.party, "sci", "Propriétaire des murs, loue le local"))
        sole = [p for p in plans if p.party.kind == "client" and p.sole_trader]
        rng.shuffle(sole)
        for a, b in zip(sole[0:20:2], sole[1:20:2], strict=False):
            links.append((a.party, b.party, "household", "Conjoints, chacun à son compte"))
        if extra:
            bulk_create_with_history(
                [p.party for p in extra],
                Party,
                default_user=creator,
                default_change_reason="Reprise des données (démo)",
            )
            bulk_create_with_history(
                [AccessibilityProfile(party=p.party) for p in extra],
                AccessibilityProfile,
                default_user=creator,
            )
            bulk_create_with_history(
                [
                    PartyRole(
                        party=p.party,
                        person=p.principal,
                        role="principal",
                        share_percent=Decimal(100),
                    )
                    for p in extra
                ],
                PartyRole,
                default_user=creator,
            )
        bulk_create_with_history(
            [PartyLink(party=a, other=b, kind=k, note=n) for a, b, k, n in links],
            PartyLink,
            default_user=creator,
        )
        plans.extend(extra)

    def _satellite(
        self, plan: PlannedParty, form: str, regime: str, segment: str, naf: str, name: str
    ) -> PlannedParty:
        base = plan.party
        party = Party(
            kind="client",
            party_type="legal_entity",
            name=name,
            siren=identifiers.make_siren(self.rng, self.used_sirens),
            legal_form=form,
            tax_regime=regime,
            segment=segment,
            naf_id=naf,
            creation_date=base.creation_date,
            headcount_band="NN",
            street=base.street,
            postal_code=base.postal_code,
            city=base.city,
            branch=base.branch,
            manager=base.manager,
            client_since=base.client_since,
            kyc_status="complete",
            kyc_risk="low",
            kyc_reviewed_on=base.kyc_reviewed_on,
            kyc_next_review=base.kyc_next_review,
        )
        turnover = (
            int(self.rng.uniform(18_000, 60_000))
            if form == "SCI"
            else int(self.rng.uniform(30_000, 120_000))
        )
        return PlannedParty(
            party=party,
            activity=None,
            turnover=turnover,
            staff=0,
            deteriorating=False,
            principal=plan.principal,
        )

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
        overdrafts = {
            account.pk: line for line, account in lines if line.product.code == "overdraft"
        }
        self.summary.contracts = len(accounts) + len(lines) + len(others)
        self.summary.accounts = len(accounts)
        return [(a, plan, overdrafts.get(a.pk)) for a, plan in accounts]

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
        loans = {}
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
            profile = AccountProfile(
                account_id=account.pk,
                party_id=plan.party.pk,
                turnover=plan.turnover * 100,
                season=activity.season if activity else (1.0,) * 12,
                card_share=activity.card_share if activity else 0.0,
                purchases_share=activity.purchases_share if activity else 0.1,
                staff=plan.staff,
                limit=limit,
                loan_instalment=loans.get(plan.party.pk, 0),
                rent=0
                if activity is None or rng.random() < 0.3
                else int(plan.turnover * rng.uniform(0.03, 0.08) / 12) * 100,
                vat=plan.party.tax_regime in {"reel_simplifie", "reel_normal"},
                sole_trader=plan.sole_trader,
                deteriorating=plan.deteriorating,
                opening_balance=int(plan.turnover * rng.uniform(0.02, 0.12)) * 100,
            )
            flows = simulate(profile, days, business, rng)
            for row in flows.movements:
                for key, value in zip(columns_m, row, strict=True):
                    columns_m[key].append(value)
            for row in flows.balances:
                for key, value in zip(columns_b, row, strict=True):
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
        movements = pa.table(columns_m, schema=lake.MOVEMENT_SCHEMA)
        balances = pa.table(columns_b, schema=lake.BALANCE_SCHEMA)
        self.progress("Écriture du lac", 0, 2)
        lake.replace_dataset(self.config.lake_dir, lake.MOVEMENTS, movements)
        lake.replace_dataset(self.config.lake_dir, lake.BALANCES, balances)
        self.progress("Écriture du lac", 2, 2)
        self.summary.movements = movements.num_rows
        self.summary.balances = balances.num_rows

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
            for step in EXTRA_STEPS:
                step(self)
        self.summary.parties = len(plans)
        self.summary.clients = sum(1 for p in plans if p.party.kind == "client")
        self.summary.prospects = self.summary.parties - self.summary.clients
        return self.summary


# Later capabilities append callables taking the builder (statements, alerts...).
EXTRA_STEPS: list[Callable[[DemoBuilder], None]] = []


def build_demo(config: DemoConfig, progress: Progress = _noop) -> DemoSummary:
    """Generate the whole demo branch into an empty database and the lake."""
    return DemoBuilder(config, progress).run()
