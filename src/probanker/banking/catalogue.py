"""The « gamme pro »: reference data loaded by a data migration.

Codes are stable identifiers used by the demo, the risk engine and the
credit module; labels are what managers read.
"""

from __future__ import annotations

from typing import Any

FAMILIES: list[tuple[str, str]] = [
    ("flux", "Compte et moyens de paiement"),
    ("financement", "Financements"),
    ("epargne", "Épargne et placements"),
    ("assurance", "Assurances et prévoyance"),
    ("epargne_salariale", "Épargne salariale et retraite"),
]

# code, label, family, kind
PRODUCTS: list[tuple[str, str, str, str]] = [
    ("current_account", "Compte courant professionnel", "flux", "account"),
    ("overdraft", "Autorisation de découvert", "financement", "line"),
    ("business_card", "Carte bancaire professionnelle", "flux", "service"),
    ("payment_terminal", "Terminal de paiement électronique (TPE)", "flux", "service"),
    ("online_payment", "Encaissement en ligne (VAD)", "flux", "service"),
    ("equipment_loan", "Prêt d'équipement", "financement", "credit"),
    ("leasing", "Crédit-bail mobilier", "financement", "credit"),
    ("real_estate_loan", "Prêt immobilier professionnel", "financement", "credit"),
    ("dailly", "Ligne de cession Dailly", "financement", "line"),
    ("factoring", "Affacturage", "financement", "line"),
    ("term_deposit", "Compte à terme", "epargne", "deposit"),
    ("savings_account", "Compte sur livret professionnel", "epargne", "deposit"),
    ("multirisk_insurance", "Multirisque professionnelle", "assurance", "insurance"),
    ("key_person_insurance", "Assurance homme clé", "assurance", "insurance"),
    ("provident_insurance", "Prévoyance du travailleur non salarié", "assurance", "insurance"),
    ("retirement_savings", "Épargne retraite (PER)", "epargne_salariale", "deposit"),
    ("employee_savings", "Épargne salariale (PEE / PERCOL)", "epargne_salariale", "deposit"),
]


def seed_catalogue(apps: Any) -> None:
    """Create or update the families and products (idempotent)."""
    family_model = apps.get_model("banking", "ProductFamily")
    product_model = apps.get_model("banking", "Product")
    families = {}
    for position, (code, label) in enumerate(FAMILIES):
        families[code], _ = family_model.objects.update_or_create(
            code=code, defaults={"label": label, "position": position}
        )
    for position, (code, label, family, kind) in enumerate(PRODUCTS):
        product_model.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "family": families[family],
                "kind": kind,
                "position": position,
            },
        )
