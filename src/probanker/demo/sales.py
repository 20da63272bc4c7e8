"""Demo advice and sales: interviews of the last eight months along the guides (their
answers put needs into the clients' profiles), reports sent through a channel each
client's profile allows, specialists called in (most answered), and opportunities at
every stage of the pipeline, most of them from the clients' recommendations, and the
after-sales events of the last four months, most of them handled, and conditions
negotiated within the delegation grid.

Everything goes through ``sales.services``, as a manager's work would: an opportunity
of credit opens its credit file. Credit opportunities stay at an open stage (their
decision belongs to the credit file); the won and lost ones are of the other products.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db.models import Max

from probanker.banking.models import Product
from probanker.core.models import User
from probanker.parties.accessibility import channel_refusal, profile_of
from probanker.parties.models import Party
from probanker.sales import services
from probanker.sales.after_sales import record
from probanker.sales.models import (
    OPEN_STAGES,
    AfterSalesEvent,
    ClientNeed,
    EventStatus,
    LostReason,
    Situation,
    Specialty,
    Stage,
)
from probanker.sales.recommendations import recommend

INTERVIEW_SHARE = 0.3
OPPORTUNITY_SHARE = 0.35
SUMMARIES: dict[str, str] = {
    Situation.DISCOVERY: "Présentation de l'activité et de l'équipe ; relation à construire "
    "sur les flux et la protection du dirigeant.",
    Situation.ANNUAL: "Revue de l'exercice écoulé : activité en hausse modérée, trésorerie "
    "tendue en fin de trimestre ; équipement à compléter.",
    Situation.FINANCING: "Projet d'investissement présenté avec devis ; plan de financement "
    "à bâtir avec un apport du client.",
    Situation.SETTING_UP: "Installation récente : prévisionnel sur trois ans remis, besoins "
    "de démarrage recensés.",
    Situation.TRANSFER: "Le dirigeant envisage de céder dans les trois ans ; valorisation et "
    "fiscalité à étudier avec le spécialiste patrimonial.",
    Situation.PROVIDENT: "Couverture du dirigeant revue : garanties actuelles insuffisantes "
    "en cas d'arrêt de travail.",
}
NEXT_STEPS = (
    "Envoyer une proposition chiffrée sous quinze jours.",
    "Le client transmet sa liasse fiscale et ses devis.",
    "Rendez-vous avec le spécialiste à organiser.",
    "",
)
#: Plausible free-text answers, by question key.
TEXTS = {
    "objet": ("Faire le point sur l'année et les projets", "Présenter un projet d'investissement",
              "Comprendre nos conditions", "Préparer la suite de l'entreprise"),
    "interlocuteurs": ("Le gérant", "Le gérant et son associé", "La dirigeante et son comptable"),
    "activite": ("Clientèle de particuliers du secteur, activité régulière",
                 "Clientèle professionnelle, pic d'activité au printemps"),
    "emplacement": ("Bail commercial 3-6-9, échéance dans quatre ans",
                    "Local en centre-ville, loyer stable"),
    "organisation": ("Deux associés, l'un technique, l'autre commercial",
                     "Le dirigeant et trois salariés"),
    "priorite": ("Financer le nouvel équipement", "Retrouver de la trésorerie",
                 "Protéger sa famille", "Recruter un apprenti"),
    "parcours": ("Reprise de l'entreprise familiale", "Création après dix ans de salariat"),
    "autres_banques": ("Un compte secondaire dans une banque en ligne", "Aucune"),
    "exercice": ("Bénéficiaire, en légère hausse", "À l'équilibre"),
    "remarques": ("Trouve les frais de tenue de compte élevés", "Satisfait de la réactivité"),
}  # fmt: skip
NUMBERS = {"salaries": (0, 12), "chantiers": (1, 8), "age_retraite": (60, 67),
           "horizon": (1, 5)}  # fmt: skip
AMOUNT_ANSWERS = {"montant_equipement": (15, 90), "cout_projet": (40, 300),
                  "apport": (5, 60), "besoin_demarrage": (20, 80), "revenu": (30, 90)}  # fmt: skip
#: Plausible amounts by product (min, max), in euros.
AMOUNTS = {
    "equipment_loan": (15_000, 120_000), "leasing": (20_000, 90_000),
    "real_estate_loan": (120_000, 450_000), "overdraft": (5_000, 40_000),
    "dailly": (20_000, 80_000), "factoring": (50_000, 250_000),
    "term_deposit": (20_000, 150_000), "savings_account": (10_000, 60_000),
    "multirisk_insurance": (900, 3_500), "key_person_insurance": (1_200, 4_000),
    "provident_insurance": (1_000, 3_000), "retirement_savings": (3_000, 15_000),
    "employee_savings": (5_000, 30_000), "payment_terminal": (360, 900),
    "online_payment": (300, 1_200), "business_card": (60, 150),
}  # fmt: skip
DEFAULT_AMOUNT = (1_000, 10_000)
SPECIALTY_FOR: dict[str, str] = {
    Situation.TRANSFER: Specialty.WEALTH, Situation.PROVIDENT: Specialty.INSURANCE,
    Situation.FINANCING: Specialty.LEASING,
}  # fmt: skip


def _answer(rng: random.Random, question: dict[str, Any], as_of: dt.date) -> str:
    """A plausible answer, as text typed in the form (some questions left blank)."""
    kind, key = question["type"], question["key"]
    if kind == "yes_no":
        return "oui" if rng.random() < (0.35 if question.get("need") else 0.5) else "non"
    if kind == "choice":
        return str(rng.choice(question["choices"]))
    if kind == "number":
        low, high = NUMBERS.get(key, (1, 10))
        return str(rng.randint(low, high))
    if kind == "amount":
        low, high = AMOUNT_ANSWERS.get(key, (5, 50))
        return str(rng.randint(low, high) * 1000) if rng.random() < 0.6 else ""
    if kind == "date":
        return (as_of + dt.timedelta(days=rng.randint(60, 180))).isoformat()
    return rng.choice(TEXTS[key]) if key in TEXTS and rng.random() < 0.8 else ""


def _situation(rng: random.Random, party: Party, as_of: dt.date) -> str:
    if party.creation_date and (as_of - party.creation_date).days < 365:
        return Situation.SETTING_UP
    return rng.choice(
        [Situation.ANNUAL] * 4 + [Situation.DISCOVERY, Situation.FINANCING, Situation.FINANCING,
                                  Situation.PROVIDENT, Situation.TRANSFER]
    )  # fmt: skip


def _interviews(rng: random.Random, clients: list[Party], as_of: dt.date) -> int:
    """Interviews, their reports and specialists; returns how many were held."""
    held = 0
    for party in clients:
        if rng.random() >= INTERVIEW_SHARE or party.manager is None:
            continue
        manager: User = party.manager
        situation = _situation(rng, party, as_of)
        guide = services.guide_for(situation, party.segment)
        on = as_of - dt.timedelta(days=rng.randint(3, 240))
        raw = {q["key"]: _answer(rng, q, on) for q in guide.questions()}
        interview = services.hold_interview(
            actor=manager, party=party, guide=guide, held_on=on,
            answers=services.read_answers(guide, raw), summary=SUMMARIES[situation],
            next_steps=rng.choice(NEXT_STEPS), today=as_of,
        )  # fmt: skip
        held += 1
        if rng.random() < 0.8:
            profile = profile_of(party)
            channel = (profile.preferred_channel if profile else "") or "email"
            if channel not in services.REPORT_CHANNELS or channel_refusal(party, channel):
                channel = "email"
            services.record_report_sent(
                actor=manager, interview=interview, channel=channel,
                on=min(on + dt.timedelta(days=rng.randint(0, 4)), as_of),
            )  # fmt: skip
        if situation in SPECIALTY_FOR and rng.random() < 0.6:
            referral = services.refer_to_specialist(
                actor=manager, party=party, interview=interview, on=on,
                specialty=SPECIALTY_FOR[situation],
                question=f"{SUMMARIES[situation].split(';')[0]} : votre analyse ?",
            )  # fmt: skip
            if rng.random() < 0.6:
                services.answer_referral(
                    actor=manager, referral=referral,
                    on=min(on + dt.timedelta(days=rng.randint(2, 20)), as_of),
                    answer="Rendez-vous tenu avec le client ; proposition jointe au dossier.",
                )  # fmt: skip
    return held


def _amount(rng: random.Random, code: str) -> Decimal:
    low, high = AMOUNTS.get(code, DEFAULT_AMOUNT)
    step = 100 if high > 5_000 else 10
    return Decimal(rng.randrange(low // step, high // step + 1) * step)


def _opportunities(rng: random.Random, clients: list[Party], as_of: dt.date) -> int:
    """Opportunities from the recommendations, at every stage; returns their number."""
    products = {p.code: p for p in Product.objects.all()}
    offers = recommend(Party.objects.filter(pk__in=[c.pk for c in clients]), as_of)
    from probanker.credit.models import CreditFile

    file_days = set(CreditFile.objects.values_list("created_on", flat=True))
    noted = dict(
        ClientNeed.objects.values("party_id").annotate(last=Max("noted_on"))
        .values_list("party_id", "last")
    )  # fmt: skip
    opened = 0
    for party in clients:
        found = offers.get(party.pk) or []
        if not found or rng.random() >= OPPORTUNITY_SHARE or party.manager is None:
            continue
        offer = found[0] if rng.random() < 0.7 else rng.choice(found)
        is_credit = offer.product in services.CREDIT_PURPOSES
        stage = rng.choice(
            list(OPEN_STAGES) if is_credit else [*OPEN_STAGES, Stage.WON, Stage.WON, Stage.LOST]
        )
        # An opportunity from a need comes after the interview that noted it.
        since_need = (as_of - noted[party.pk]).days if party.pk in noted else 170
        age = rng.randint(min(2, since_need), max(2, min(170, since_need)))
        created = as_of - dt.timedelta(days=age)
        if is_credit:  # one credit file opened a day, as a branch's files are
            while created in file_days and created > as_of - dt.timedelta(days=200):
                created -= dt.timedelta(days=1)
            file_days.add(created)
        # Open ones mostly expected in the coming weeks, a few overdue (to chase).
        ahead = rng.randint(-20, 100) if stage in OPEN_STAGES else rng.randint(30, 90)
        opportunity = services.open_opportunity(
            actor=party.manager, party=party, product=products[offer.product],
            amount=_amount(rng, offer.product), on=created, source=offer.reason[:240],
            expected_on=max(as_of + dt.timedelta(days=ahead), created + dt.timedelta(days=15)),
        )  # fmt: skip
        if stage != Stage.DETECTED:
            closed = created + dt.timedelta(days=rng.randint(min(4, age), min(90, age)))
            services.move_opportunity(
                actor=party.manager, opportunity=opportunity, stage=stage, on=closed,
                lost_reason=rng.choice(LostReason.values) if stage == Stage.LOST else "",
            )  # fmt: skip
        opened += 1
    return opened


def _after_sales(rng: random.Random, as_of: dt.date, lake_dir: Any) -> None:
    """The after-sales step as it ran every fortnight of the last four months, and what
    the managers made of the events already due (most contacted, some set aside).

    Fiscal years are dated as received, three to five months after their closing (the
    demo writes them all at once), so that the accounts filed lately are a few."""
    from django.utils import timezone

    from probanker.diagnosis.models import FiscalYear

    years = list(FiscalYear.objects.all())
    zone = timezone.get_current_timezone()
    for year in years:
        received = min(year.end + dt.timedelta(days=rng.randint(90, 150)), as_of)
        year.created_at = dt.datetime.combine(received, dt.time(10), tzinfo=zone)
    FiscalYear.objects.bulk_update(years, ["created_at"], batch_size=500)
    # The daily batch the risk demo ran saw every year as received on the build's day:
    # its after-sales events are replaced by the fortnightly history below.
    AfterSalesEvent.objects.all().delete()
    for weeks in range(16, -1, -2):
        record(as_of - dt.timedelta(weeks=weeks), lake_dir)
    for event in AfterSalesEvent.objects.filter(due_on__lt=as_of).select_related("party"):
        if rng.random() < 0.9 and event.party.manager is not None:
            services.close_event(
                actor=event.party.manager, event=event,
                outcome=EventStatus.DONE if rng.random() < 0.85 else EventStatus.DISMISSED,
                on=min(event.due_on, as_of),
            )  # fmt: skip


RATE_REASONS = ("Offre concurrente reçue pour le même financement",
                "Reprise d'un prêt proposé par un concurrent",
                "Domiciliation de l'ensemble des flux en contrepartie")  # fmt: skip
FEE_REASONS = ("Domiciliation des flux du second établissement",
               "Client fidèle depuis quinze ans, équipement complet",
               "Rapatriement de l'épargne de précaution")  # fmt: skip


def _conditions(rng: random.Random, clients: list[Party], as_of: dt.date) -> None:
    """Conditions negotiated over the last year: rate discounts on loans, account fees
    waived; within the manager's delegation or sent to the director, who decided most."""
    from probanker.banking.models import Contract
    from probanker.sales import conditions

    director = User.objects.filter(role="director").first()
    ids = [c.pk for c in clients if c.manager_id]
    contracts = list(
        Contract.objects.filter(party_id__in=ids, closed_on__isnull=True,
                                product__code__in=("equipment_loan", "current_account"))
        .select_related("party__manager", "product")
        .order_by("pk")
    )  # fmt: skip
    for contract in contracts:
        if rng.random() >= 0.06:
            continue
        start = as_of - dt.timedelta(days=rng.randint(0, 300))
        loan = contract.product.code == "equipment_loan"
        condition = conditions.request_condition(
            actor=contract.party.manager, contract=contract, kind="taux" if loan else "frais",
            label=f"Taux du {contract.product.label.lower()}" if loan
            else "Frais de tenue de compte", rate_bp=rng.choice((10, 15, 20, 30, 50)) if loan
            else None, fees=None if loan else Decimal(rng.choice((180, 240, 360))),
            reason=rng.choice(RATE_REASONS if loan else FEE_REASONS), start=start,
            end=start + dt.timedelta(days=rng.choice((365, 365, 730))), on=start,
        )  # fmt: skip
        if director is None or condition.status != "a_decider":
            continue
        # The director decides within days; the requests of the last fortnight still wait.
        if conditions.may_decide(director, condition) and start < as_of - dt.timedelta(days=14):
            conditions.decide_condition(actor=director, condition=condition,
                                        grant=rng.random() < 0.8,
                                        on=min(start + dt.timedelta(days=3), as_of))  # fmt: skip


def build_sales(builder: Any) -> None:
    """Interviews, specialists and opportunities of the demo branch (deterministic for
    the seed)."""
    rng = random.Random(builder.config.seed + 29)
    clients = list(
        Party.objects.filter(kind="client")
        .select_related("manager", "accessibility")
        .order_by("pk")
    )
    _interviews(rng, clients, builder.as_of)
    _opportunities(rng, clients, builder.as_of)
    _after_sales(rng, builder.as_of, builder.config.lake_dir)
    _conditions(rng, clients, builder.as_of)
