"""Demo parties: people, names, KYC, accessibility, holdings and SCIs.

The same ``seed`` and ``as_of`` date always give the same data. The module
is meant to grow: later capabilities add steps (statements, alerts...) to
:func:`build_demo` through :data:`EXTRA_STEPS`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from probanker.core.models import Branch, User
from probanker.demo import identifiers
from probanker.demo.activities import ACTIVITIES, HOLDING_NAF, SCI_NAF, TOWNS, Activity
from probanker.demo.common import (
    SMIC_EMPLOYER_COST_YEAR,
    DemoState,
    PlannedParty,
    _weighted,
    ascii_slug,
)
from probanker.demo.names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES
from probanker.parties.models import (
    ACCESSIBILITY_NEEDS,
    AccessibilityProfile,
    Establishment,
    Party,
    PartyLink,
    PartyRole,
    Person,
)

STREETS = ("rue Nationale", "rue de la République", "avenue de Grammont", "rue Colbert",
           "boulevard Béranger", "rue des Halles", "allée des Tilleuls", "rue du Commerce")  # fmt: skip


def _home_address(key: str) -> str:
    """A postal address drawn from its own generator seeded by ``key``, so that adding
    it leaves the demo's other draws (names, figures) as they were."""
    rng = random.Random(key)
    postal, city, _ = _weighted(rng, list(TOWNS), [t[2] for t in TOWNS])
    return f"{rng.randint(1, 120)} {rng.choice(STREETS)}\n{postal} {city}"


def _affordable_staff(turnover: int, purchases_share: float, pay_level: float) -> int:
    """How many employees a business of ``turnover`` can pay at ``pay_level`` times the SMIC.

    What is left of turnover once purchases and a minimum of other charges and
    margin (12 %) are paid, divided by one employee's yearly employer cost.
    """
    left = turnover * (1 - purchases_share - 0.12)
    return max(0, int(left / (SMIC_EMPLOYER_COST_YEAR * pay_level)))


class PartyPlanner(DemoState):
    """Demo parties: people, names, KYC, accessibility, holdings and SCIs."""

    # -- people and parties -------------------------------------------------
    def _town(self) -> tuple[str, str]:
        postal, city, _ = _weighted(self.rng, list(TOWNS), [t[2] for t in TOWNS])
        return postal, city

    def _person(self) -> Person:
        """Someone with a usual French first name and surname (:mod:`probanker.demo.names`)."""
        female = self.rng.random() < 0.48
        first = self.rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        last = self.rng.choice(SURNAMES)
        age = self.rng.randint(26, 66)
        birth = self.as_of - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        return Person(
            first_name=first,
            last_name=last,
            birth_date=birth,
            email=ascii_slug(f"{first}.{last}") + "@exemple.fr",
            phone=self.fake.phone_number(),
            address=_home_address(f"{first} {last} {birth}"),
        )

    def _name(self, activity: Activity, principal: Person, legal_form: str) -> str:
        prefix = self.rng.choice(activity.name_prefixes)
        if activity.person_title:
            return f"{activity.person_title} {principal.first_name} {principal.last_name}"
        if prefix.endswith(("de", "du", "by")) or self.rng.random() < 0.5:
            base = f"{prefix} {principal.last_name}"
        else:
            # A real town of the branch's area, or a surname: never an invented place.
            other = self._town()[1] if self.rng.random() < 0.3 else self.rng.choice(SURNAMES)
            base = f"{prefix} {other}"
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
            need = rng.choice(ACCESSIBILITY_NEEDS)
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
        purchases_share = activity.purchases_share * rng.uniform(0.75, 1.25)
        pay_level = rng.triangular(1.05, 1.6, 1.12)
        staff = min(staff, _affordable_staff(turnover, purchases_share, pay_level))
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
            pay_level=pay_level,
            purchases_share=purchases_share,
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
            partners = [x[0] for p in extra for x in p.extra_people if x[0].pk is None]
            bulk_create_with_history(partners, Person, default_user=creator)
            bulk_create_with_history(
                [
                    PartyRole(
                        party=p.party,
                        person=p.principal,
                        role="principal",
                        share_percent=Decimal(100) - sum((x[2] or 0) for x in p.extra_people),
                    )
                    for p in extra
                ]
                + [
                    PartyRole(party=p.party, person=person, role=role, share_percent=share)
                    for p in extra
                    for person, role, share in p.extra_people
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
        satellite = PlannedParty(
            party=party,
            activity=None,
            turnover=turnover,
            staff=0,
            deteriorating=False,
            principal=plan.principal,
        )
        if form == "SCI":
            satellite.extra_people.append(self._sci_partner(plan))
        return satellite

    def _sci_partner(self, plan: PlannedParty) -> tuple[Person, str, Decimal]:
        """The SCI's second associé and its shares: the spouse, or a relative or partner.

        The principal keeps the rest (50 to 90 %), so the shares add up to 100 %.
        """
        share = Decimal(self.rng.choice([10, 20, 25, 30, 40, 50]))
        spouse = next((x[0] for x in plan.extra_people if x[1] == "spouse"), None)
        if spouse is not None:
            return spouse, "partner", share
        partner = self._person()
        if self.rng.random() < 0.5:
            partner.last_name = plan.principal.last_name  # spouse or child, same surname
            partner.email = ascii_slug(f"{partner.first_name}.{partner.last_name}") + "@exemple.fr"
        return partner, "partner", share
