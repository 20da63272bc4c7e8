"""How indicators read in French: labels, units, evidence as text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from probanker.core.formatting import basis_points, euros_from_cents, number

# metric: (label, kind) — kind: cents, bp (basis points), days, count, bool, years100
METRICS: dict[str, tuple[str, str]] = {
    "balance_cents": ("Solde", "cents"),
    "limit_cents": ("Découvert autorisé", "cents"),
    "overdraft_used_cents": ("Découvert utilisé", "cents"),
    "limit_usage_bp": ("Utilisation de l'autorisation", "bp"),
    "overdraft_days_30": ("Jours débiteurs sur 30 jours", "days"),
    "overdraft_days_90": ("Jours débiteurs sur 90 jours", "days"),
    "beyond_limit_days_30": ("Jours en dépassement sur 30 jours", "days"),
    "beyond_limit_days_90": ("Jours en dépassement sur 90 jours", "days"),
    "longest_debit_run_90": ("Plus longue période débitrice (90 jours)", "days"),
    "current_beyond_limit_run": ("Dépassement continu en cours", "days"),
    "rejected_30": ("Rejets et impayés sur 30 jours", "count"),
    "rejected_90": ("Rejets et impayés sur 90 jours", "count"),
    "credit_turnover_3m_cents": ("Flux confiés, 3 derniers mois", "cents"),
    "credit_turnover_prev_3m_cents": ("Flux confiés, 3 mois précédents", "cents"),
    "credit_turnover_year_ago_cents": ("Flux confiés, mêmes mois l'an dernier", "cents"),
    "turnover_change_yoy_bp": ("Évolution des flux sur un an", "bp"),
    "turnover_change_prev_bp": ("Évolution des flux sur un trimestre", "bp"),
    "loan_days_past_due": ("Jours de retard sur prêt", "days"),
    "days_past_due": ("Jours d'impayé ou de dépassement", "days"),
    "past_due_cents": ("Montant en retard", "cents"),
    "past_due_instalments": ("Échéances impayées", "count"),
    "exposure_cents": ("Exposition", "cents"),
    "ebe_negative": ("EBE négatif", "bool"),
    "equity_negative": ("Capitaux propres négatifs", "bool"),
    "repayment_years_x100": ("Dettes financières / CAF", "years100"),
}


def show(metric: str, value: Any) -> str:
    """One indicator value in French, with its unit."""
    kind = METRICS.get(metric, (metric, "count"))[1]
    if value is None:
        return "—"
    if kind == "cents":
        return euros_from_cents(int(value))
    if kind == "bp":
        return basis_points(int(value))
    if kind == "days":
        return f"{value} jour{'s' if abs(value) > 1 else ''}"
    if kind == "bool":
        return "oui" if value else "non"
    if kind == "years100":
        return f"{number(Decimal(int(value)) / 100)} années"
    return str(value)


def evidence_lines(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of each piece of evidence kept with an alert."""
    return [(METRICS.get(k, (k, ""))[0], show(k, v)) for k, v in evidence.items()]
