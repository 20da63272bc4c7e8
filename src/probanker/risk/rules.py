"""Default alert rules (documented defaults; the risk analyst edits them in the app).

Each rule compares one indicator of the daily snapshot with a threshold.
Amounts are in cents, shares in basis points (10,000 = 100 %), durations in days.
"""

from __future__ import annotations

from typing import Any

DEFAULT_RULES: list[dict[str, Any]] = [
    {
        "code": "rejets-30j", "label": "Rejets et impayés répétés", "severity": 3,
        "level": "client", "metric": "rejected_30", "comparator": ">=", "threshold": 2, "unit": "rejets",
        "explanation": "Au moins deux prélèvements rejetés, chèques impayés ou virements rejetés en 30 jours : "
        "la trésorerie ne couvre plus les échéances courantes.",
        "evidence": ["rejected_30", "rejected_90", "balance_cents", "limit_cents"],
    },
    {
        "code": "depassement-30j", "label": "Dépassements d'autorisation", "severity": 2,
        "level": "client", "metric": "beyond_limit_days_30", "comparator": ">=", "threshold": 5, "unit": "jours",
        "explanation": "Le compte a dépassé le découvert autorisé au moins 5 jours sur les 30 derniers.",
        "evidence": ["beyond_limit_days_30", "beyond_limit_days_90", "balance_cents", "limit_cents"],
    },
    {
        "code": "depassement-continu", "label": "Dépassement prolongé", "severity": 3,
        "level": "client", "metric": "current_beyond_limit_run", "comparator": ">=", "threshold": 30,
        "unit": "jours",
        "explanation": "Dépassement de l'autorisation sans interruption depuis 30 jours ou plus : au-delà de "
        "90 jours sur un montant significatif, le client est en défaut (CRR art. 178).",
        "evidence": ["current_beyond_limit_run", "balance_cents", "limit_cents", "overdraft_used_cents"],
    },
    {
        "code": "debiteur-continu", "label": "Compte débiteur en continu", "severity": 2,
        "level": "client", "metric": "longest_debit_run_90", "comparator": ">=", "threshold": 45, "unit": "jours",
        "explanation": "Le compte est resté débiteur au moins 45 jours consécutifs sur les 90 derniers : "
        "le découvert finance l'exploitation au lieu de lisser la trésorerie.",
        "evidence": ["longest_debit_run_90", "overdraft_days_90", "balance_cents", "limit_cents"],
    },
    {
        "code": "autorisation-saturee", "label": "Autorisation presque entièrement utilisée", "severity": 1,
        "level": "client", "metric": "limit_usage_bp", "comparator": ">=", "threshold": 9000,
        "unit": "points de base",
        "explanation": "Plus de 90 % du découvert autorisé est utilisé à la date de situation.",
        "evidence": ["limit_usage_bp", "balance_cents", "limit_cents"],
    },
    {
        "code": "baisse-flux-annuelle", "label": "Baisse des flux confiés sur un an", "severity": 2,
        "level": "client", "metric": "turnover_change_yoy_bp", "comparator": "<=", "threshold": -3000,
        "unit": "points de base",
        "explanation": "Les encaissements des 3 derniers mois sont inférieurs d'au moins 30 % à ceux des "
        "mêmes mois de l'an dernier : baisse d'activité ou flux détournés vers une autre banque.",
        "evidence": ["turnover_change_yoy_bp", "credit_turnover_3m_cents", "credit_turnover_year_ago_cents"],
    },
    {
        "code": "baisse-flux-trimestre", "label": "Baisse des flux confiés sur un trimestre", "severity": 1,
        "level": "client", "metric": "turnover_change_prev_bp", "comparator": "<=", "threshold": -4000,
        "unit": "points de base",
        "explanation": "Les encaissements des 3 derniers mois sont inférieurs d'au moins 40 % à ceux des "
        "3 mois précédents.",
        "evidence": ["turnover_change_prev_bp", "credit_turnover_3m_cents", "credit_turnover_prev_3m_cents"],
    },
    {
        "code": "echeance-impayee", "label": "Échéance de prêt impayée", "severity": 2,
        "level": "client", "metric": "loan_days_past_due", "comparator": ">=", "threshold": 1, "unit": "jours",
        "explanation": "Au moins une échéance de prêt échue n'est pas payée.",
        "evidence": ["loan_days_past_due", "past_due_cents", "past_due_instalments"],
    },
    {
        "code": "retard-30j", "label": "Retard de plus de 30 jours", "severity": 3,
        "level": "client", "metric": "days_past_due", "comparator": ">", "threshold": 30, "unit": "jours",
        "explanation": "Plus de 30 jours d'impayé ou de dépassement : présomption d'augmentation significative "
        "du risque de crédit (IFRS 9, stage 2).",
        "evidence": ["days_past_due", "past_due_cents", "exposure_cents"],
    },
    {
        "code": "ebe-negatif", "label": "EBE négatif au dernier exercice", "severity": 2,
        "level": "client", "metric": "ebe_negative", "comparator": "is_true", "threshold": 0, "unit": "",
        "explanation": "L'exploitation du dernier exercice connu consomme de la trésorerie.",
        "evidence": ["ebe_negative"],
    },
    {
        "code": "capacite-remboursement", "label": "Endettement élevé au regard de la CAF", "severity": 1,
        "level": "client", "metric": "repayment_years_x100", "comparator": ">=", "threshold": 400,
        "unit": "centièmes d'année",
        "explanation": "Les dettes financières représentent plus de 4 années de CAF au dernier exercice.",
        "evidence": ["repayment_years_x100"],
    },
    {
        "code": "capitaux-propres-negatifs", "label": "Capitaux propres négatifs", "severity": 2,
        "level": "client", "metric": "equity_negative", "comparator": "is_true", "threshold": 0, "unit": "",
        "explanation": "Les capitaux propres du dernier exercice sont négatifs.",
        "evidence": ["equity_negative"],
    },
]  # fmt: skip


def seed_rules(apps: Any) -> None:
    """Create the default rules that do not exist yet (never overwrites an edited rule)."""
    AlertRule = apps.get_model("risk", "AlertRule")
    for rule in DEFAULT_RULES:
        AlertRule.objects.get_or_create(code=rule["code"], defaults=rule)
