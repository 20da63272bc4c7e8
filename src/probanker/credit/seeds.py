"""Default compliance rules and delegation grid (data; editable in the application)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from probanker.credit.models import UNLIMITED

COMPLIANCE_RULES: list[dict[str, Any]] = [
    {"code": "kbis", "label": "Extrait K-bis (ou RNE) de moins de 3 mois",
     "reference": "Politique de crédit ; art. R123-150 C. com.", "applies_to": "all", "automatic": "",
     "blocking": True},
    {"code": "identite", "label": "Pièces d'identité des signataires et pouvoirs",
     "reference": "Art. L561-5 CMF", "applies_to": "all", "automatic": "", "blocking": True},
    {"code": "liasses", "label": "Derniers comptes annuels ou déclaration fiscale",
     "reference": "Politique de crédit", "applies_to": "all", "automatic": "fiscal_years", "blocking": True},
    {"code": "kyc", "label": "Connaissance client (KYC) à jour",
     "reference": "Art. L561-5-1 et L561-6 CMF", "applies_to": "all", "automatic": "kyc", "blocking": True},
    {"code": "teg", "label": "TEG, taux et durée de période mentionnés à l'offre",
     "reference": "Art. L314-5 et R314-2 C. conso.", "applies_to": "product:pret", "automatic": "teg",
     "blocking": True},
    {"code": "usure", "label": "Taux du découvert sous le taux d'usure",
     "reference": "Art. L313-5-1 CMF", "applies_to": "product:decouvert", "automatic": "usury",
     "blocking": True},
    {"code": "assurance", "label": "Assurance emprunteur souscrite ou déléguée",
     "reference": "Politique de crédit", "applies_to": "product:pret", "automatic": "", "blocking": True},
    {"code": "mention-caution", "label": "Mention manuscrite de la caution conforme (lettres = chiffres)",
     "reference": "Art. 2297 C. civ.", "applies_to": "guarantee:caution_physique", "automatic": "mention",
     "blocking": True},
    {"code": "proportionnalite", "label": "Caution proportionnée aux biens et revenus du garant",
     "reference": "Art. 2300 C. civ.", "applies_to": "guarantee:caution_physique",
     "automatic": "proportionality", "blocking": True},
    {"code": "mise-en-garde", "label": "Mise en garde de la caution remise",
     "reference": "Art. 2299 C. civ.", "applies_to": "guarantee:caution_physique", "automatic": "warning",
     "blocking": True},
    {"code": "fonds-garantie", "label": "Accord de garantie Bpifrance ou SIAGI obtenu",
     "reference": "Conditions générales du fonds", "applies_to": "guarantee:bpifrance", "automatic": "",
     "blocking": True},
]  # fmt: skip

DELEGATION: list[dict[str, Any]] = [
    {"level": "manager", "worst_status": "sain", "max_amount": Decimal(50000)},
    {"level": "manager", "worst_status": "surveillance", "max_amount": Decimal(20000)},
    {"level": "director", "worst_status": "sain", "max_amount": Decimal(200000)},
    {"level": "director", "worst_status": "surveillance", "max_amount": Decimal(100000)},
    {"level": "director", "worst_status": "degrade", "max_amount": Decimal(30000)},
    {"level": "committee", "worst_status": "sain", "max_amount": Decimal(UNLIMITED)},
    {"level": "committee", "worst_status": "surveillance", "max_amount": Decimal(UNLIMITED)},
    {"level": "committee", "worst_status": "degrade", "max_amount": Decimal(UNLIMITED)},
]


def seed_credit(apps: Any) -> None:
    """Create the default rules and grid rows that do not exist yet."""
    Rule = apps.get_model("credit", "ComplianceRule")
    for rule in COMPLIANCE_RULES:
        Rule.objects.get_or_create(code=rule["code"], defaults=rule)
    from probanker.finance.overdraft import USURY_CEILINGS

    try:
        Usury = apps.get_model("credit", "UsuryRate")
    except LookupError:  # an earlier migration state: a later migration seeds them
        Usury = None
    for ceiling in USURY_CEILINGS if Usury is not None else ():
        Usury.objects.get_or_create(
            category=ceiling.category, start=ceiling.start,
            defaults={"end": ceiling.end, "rate": ceiling.rate},
        )  # fmt: skip
    Limit = apps.get_model("credit", "DelegationLimit")
    for row in DELEGATION:
        Limit.objects.get_or_create(
            level=row["level"],
            worst_status=row["worst_status"],
            defaults={"max_amount": row["max_amount"]},
        )
