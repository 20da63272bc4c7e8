"""Demo credit files in every state: drafts, submitted at each level, decided three ways.

Each file has a balanced financing plan, a loan (schedule and TEG), a
guarantee (a director's caution with its handwritten mention, or a Bpifrance
guarantee), and its documents received, so that submission goes through the
same rules as in real use; the decisions are taken by the user of the level
the delegation grid requires.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from probanker.core.models import User
from probanker.credit import services
from probanker.demo.common import DemoState, PlannedParty

WORDS = {
    20000: "vingt mille euros", 30000: "trente mille euros", 50000: "cinquante mille euros",
    80000: "quatre-vingt mille euros", 150000: "cent cinquante mille euros",
}  # fmt: skip
# (amount, caution limit or None for Bpifrance, final state)
PLANS = [
    (Decimal(25000), 20000, "draft"),
    (Decimal(40000), 20000, "accord"),
    (Decimal(45000), 30000, "submitted"),
    (Decimal(120000), 50000, "accord_conditions"),
    (Decimal(180000), None, "submitted"),
    (Decimal(35000), 30000, "refus"),
    (Decimal(600000), 150000, "accord"),
    (Decimal(60000), None, "draft"),
    (Decimal(90000), 80000, "submitted"),
]


# One file per plan above: every purpose, opened over the year (days before the
# demo's date), submitted a few days after opening and decided soon after.
PURPOSES = (
    ("equipement", "Renouvellement de l'outil de production", 12),
    ("immobilier", "Acquisition des murs du local professionnel", 290),
    ("tresorerie", "Financement du besoin en fonds de roulement saisonnier", 45),
    ("fonds", "Rachat du fonds de commerce voisin", 200),
    ("reprise", "Reprise des parts d'un associé sortant", 30),
    ("creation", "Création d'une société sœur pour un second établissement", 330),
    ("equipement", "Véhicule utilitaire et outillage", 150),
    ("tresorerie", "Reconstitution de la trésorerie après un impayé client", 3),
    ("immobilier", "Travaux d'agrandissement de l'atelier", 95),
)  # fmt: skip


#: Files decided over the year besides the ones above, so that the year's credit
#: production (« production de crédits accordés ») reads like a branch's.
HISTORY_FILES = 30
HISTORY_PURPOSES = (
    ("equipement", "Renouvellement du matériel"),
    ("equipement", "Véhicule utilitaire"),
    ("immobilier", "Acquisition du local d'activité"),
    ("tresorerie", "Financement d'un stock saisonnier"),
    ("fonds", "Achat d'un fonds de commerce"),
    ("equipement", "Aménagement et agencement du point de vente"),
)


class CreditBuilder(DemoState):
    def record_usury_ceilings(self, admin: User) -> int:
        """Ceilings up to the demo's quarter: the last published one carried forward,
        each marked as a demo value (the Banque de France's are not known here).

        Without them every overdraft renewal of the demo would stay « à renseigner »."""
        from probanker.credit.models import UsuryRate
        from probanker.finance.overdraft import PRO_OVERDRAFT

        last = UsuryRate.objects.filter(category=PRO_OVERDRAFT).order_by("-start").first()
        if last is None:
            return 0
        recorded, day = 0, last.end + dt.timedelta(days=1)
        while day <= self.as_of:
            start, end = services.quarter_of(day)
            services.add_usury_rate(
                actor=admin, start=start, end=end, rate=last.rate, demo_value=True
            )
            recorded, day = recorded + 1, end + dt.timedelta(days=1)
        return recorded

    def build_credit(self, plans: list[PlannedParty], users: dict[str, User]) -> None:
        self.record_usury_ceilings(users["admin"])
        candidates = [
            p for p in plans
            if p.party.kind == "client" and p.activity is not None and not p.deteriorating
            and p.party.kyc_status == "complete" and p.party.tax_regime in {"reel_simplifie", "reel_normal"}
        ]  # fmt: skip
        if not candidates:
            return
        planned = list(zip(PLANS, PURPOSES, strict=True))
        for index, ((amount, limit, state), (purpose, description, age)) in enumerate(planned):
            party = candidates[index * 7 % len(candidates)].party
            guarantor = "" if limit is None else f"{self.fake.first_name()} {self.fake.last_name()}"
            self._credit_file(
                party, amount, limit, state, purpose, description, age, users, self.rng, guarantor
            )
        # The year's decided files: the credit production the commercial plan counts.
        # Their own generator: the steps after this one draw what they drew before.
        rng = random.Random(self.config.seed * 7_727 + 1)
        used = {age for *_, age in PURPOSES}
        for n in range(HISTORY_FILES):
            age = 20 + (n * 311) % 320
            while age in used:
                age += 1
            used.add(age)
            purpose, description = HISTORY_PURPOSES[n % len(HISTORY_PURPOSES)]
            amount = Decimal(rng.randrange(15, 180)) * 1000
            limit = min(WORDS, key=lambda w: abs(w - int(amount) // 2))
            state = "refus" if n % 9 == 4 else "accord_conditions" if n % 5 == 2 else "accord"
            plan = candidates[(n * 11 + 3) % len(candidates)]
            guarantor = f"{plan.principal.first_name} {plan.principal.last_name}"
            self._credit_file(
                plan.party, amount, limit, state, purpose, description, age, users, rng, guarantor
            )
        self.progress("Dossiers de crédit", self.summary.credit_files, len(PLANS) + HISTORY_FILES)

    def _credit_file(
        self, party: Any, amount: Decimal, limit: int | None, state: str, purpose: str,
        description: str, age: int, users: dict[str, User], rng: random.Random, guarantor: str,
    ) -> None:  # fmt: skip
        """One file opened ``age`` days before the demo's date, taken to ``state``; a
        decision is dated a few days after the submission."""
        from probanker.credit.models import Decision

        manager = party.manager
        today = self.as_of - dt.timedelta(days=age)
        file = services.create_file(
            actor=manager, party=party, purpose=purpose, description=description, today=today
        )
        own = (amount * Decimal("0.2")).quantize(Decimal(1))
        services.add_line(
            actor=manager, file=file, side="besoin", label="Matériel", amount=amount + own
        )
        services.add_line(actor=manager, file=file, side="ressource", label="Apport",
                          amount=own, own_contribution=True)  # fmt: skip
        services.add_line(actor=manager, file=file, side="ressource", label="Prêt", amount=amount)
        services.add_product(actor=manager, file=file, kind="pret", amount=amount,
                             rate=Decimal("5.10"), months=84, fees=Decimal(450),
                             insurance_rate=Decimal("0.25"))  # fmt: skip
        if limit is None:
            services.add_guarantee(actor=manager, file=file, kind="bpifrance", value=amount,
                                   quota=Decimal(50))  # fmt: skip
        else:
            services.add_guarantee(
                actor=manager, file=file, kind="caution_physique", value=Decimal(limit * 4),
                limit=Decimal(limit), guarantor=guarantor, yearly_income=Decimal(limit),
                net_assets=Decimal(limit * 2), mention_words=WORDS[limit], warning_2299=True,
            )  # fmt: skip
        services.set_rate(actor=manager, file=file, rate=Decimal("5.10"))  # above the rate floor
        for code in ("kbis", "identite", "assurance", "fonds-garantie"):
            if file.compliance.filter(rule__code=code).exists():
                services.tick(actor=manager, file=file, rule_code=code, today=today)
        self.summary.credit_files += 1
        if state == "draft":
            return
        today = min(self.as_of, today + dt.timedelta(days=rng.randint(2, 9)))
        services.submit(actor=manager, file=file, today=today)
        if state == "submitted":
            return
        decider = {"manager": manager, "director": users["director"], "committee": users["comite"]}
        conditions = "" if state == "accord" else (
            "Refus : endettement trop élevé au regard de la CAF." if state == "refus"
            else "Caution solidaire du dirigeant portée à 100 %."
        )  # fmt: skip
        decision = services.decide(
            actor=decider[file.level], file=file, outcome=state, conditions=conditions
        )
        decided = min(self.as_of, today + dt.timedelta(days=rng.randint(1, 6)))
        at = timezone.make_aware(dt.datetime.combine(decided, dt.time(16, 30)))
        Decision.objects.filter(pk=decision.pk).update(decided_at=at)
