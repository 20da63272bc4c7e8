"""The seeded recommendation rules (data: an administrator may deactivate or reweigh them)
and the seeding of guides and rules, called by the data migration with its app registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from probanker.sales.guides import check_sections, default_guides

# (code, basis, product code, need, event, min peer rate, weight)
RULES: tuple[tuple[str, str, str, str, str, str | None, int], ...] = (
    ("besoin_equipement_pret", "need", "equipment_loan", "financement_equipement", "", None, 90),
    ("besoin_equipement_bail", "need", "leasing", "financement_equipement", "", None, 60),
    ("besoin_credit_bail", "need", "leasing", "credit_bail", "", None, 80),
    ("besoin_locaux", "need", "real_estate_loan", "immobilier_pro", "", None, 85),
    ("besoin_tresorerie", "need", "overdraft", "tresorerie", "", None, 80),
    # Dailly, like factoring, finances invoices owed by professional customers.
    ("besoin_tresorerie_dailly", "need", "dailly", "affacturage", "", None, 50),
    ("besoin_affacturage", "need", "factoring", "affacturage", "", None, 70),
    ("besoin_cb", "need", "payment_terminal", "encaissement_cb", "", None, 75),
    ("besoin_vad", "need", "online_payment", "vente_en_ligne", "", None, 75),
    ("besoin_excedent_livret", "need", "savings_account", "epargne_excedent", "", None, 75),
    ("besoin_excedent_cat", "need", "term_deposit", "epargne_excedent", "", None, 65),
    ("besoin_multirisque", "need", "multirisk_insurance", "protection_activite", "", None, 80),
    ("besoin_homme_cle", "need", "key_person_insurance", "homme_cle", "", None, 70),
    ("besoin_epargne_salariale", "need", "employee_savings", "epargne_salariale", "", None, 65),
    ("besoin_retraite", "need", "retirement_savings", "retraite_dirigeant", "", None, 85),
    ("besoin_prevoyance", "need", "provident_insurance", "prevoyance_dirigeant", "", None, 85),
    ("pairs_carte", "peer", "business_card", "", "", "0.5000", 60),
    ("pairs_epargne", "peer", "savings_account", "", "", "0.5000", 55),
    ("pairs_assurance", "peer", "multirisk_insurance", "", "", "0.5000", 60),
    ("pairs_epargne_salariale", "peer", "employee_savings", "", "", "0.5000", 45),
    ("evenement_credit_solde", "event", "equipment_loan", "", "credit_solde", None, 55),
    ("evenement_dirigeant_55", "event", "retirement_savings", "", "dirigeant_55", None, 60),
)  # fmt: skip


def seed_sales(apps: Any, today: dt.date | None = None) -> None:
    """Create the current guides (version 1, dated ``today``) and the rules that do not
    exist yet (idempotent)."""
    today = today or dt.date.today()
    guide_model = apps.get_model("sales", "InterviewGuide")
    for guide in default_guides():
        guide_model.objects.get_or_create(
            situation=guide["situation"], segment=guide["segment"], version=1,
            defaults={"title": guide["title"], "sections": check_sections(guide["sections"]),
                      "created_on": today, "current": True},
        )  # fmt: skip
    product_model = apps.get_model("banking", "Product")
    rule_model = apps.get_model("sales", "RecommendationRule")
    for code, basis, product, need, event, rate, weight in RULES:
        rule_model.objects.get_or_create(
            code=code,
            defaults={"basis": basis, "product": product_model.objects.get(code=product),
                      "need": need, "event": event, "weight": weight,
                      "min_peer_rate": Decimal(rate) if rate else None},
        )  # fmt: skip


#: The delegation of negotiated conditions: (level, rate discount in basis points, yearly
#: cost in euros, months). Beyond the director's row, the committee decides.
CONDITION_LIMITS = (("manager", 25, "300", 12), ("director", 75, "2000", 36))


def seed_condition_limits(apps: Any) -> None:
    """Create the rows of the conditions' delegation grid that do not exist yet."""
    limit_model = apps.get_model("sales", "ConditionLimit")
    for level, rate_bp, cost, months in CONDITION_LIMITS:
        limit_model.objects.get_or_create(
            level=level,
            defaults={"max_rate_bp": rate_bp, "max_annual_cost": Decimal(cost),
                      "max_months": months},
        )  # fmt: skip
