"""How indicators read in French: labels, units, rule conditions and evidence as text.

Indicators are stored in the units the engine computes in (cents, basis
points, hundredths of a year); a user reads them in euros, per cent, years
and days, next to a French label — never the code name.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from probanker.core.formatting import basis_points, date_fr, euros_from_cents, number

# Snapshot columns that identify a row rather than measure anything.
IDENTIFIERS = frozenset({"account_id", "party_id", "as_of"})

# metric: (label, kind) — kind: cents, bp (basis points), days, count, bool, years100, date
METRICS: dict[str, tuple[str, str]] = {
    "accounts": ("Comptes", "count"),
    "last_date": ("Dernier solde connu le", "date"),
    "current_debit_run": ("Période débitrice en cours", "days"),
    "oldest_due": ("Plus ancienne échéance impayée", "date"),
    "loans_outstanding_cents": ("Encours des prêts", "cents"),
    "retail": ("Clientèle de détail (entrepreneur individuel)", "bool"),
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
        return f"{number(Decimal(int(value)) / 100)} ans"
    if kind == "date" and isinstance(value, dt.date):
        return date_fr(value)
    return str(value)


def label(metric: str) -> str:
    """The indicator's French label (its code name only for an indicator nobody labelled)."""
    return METRICS.get(metric, (metric, ""))[0]


def condition(metric: str, comparator: str, symbol: str, threshold: int) -> str:
    """A rule in words, e.g. « Dettes financières / CAF ≥ 4,00 ans ».

    ``symbol`` is the comparator as displayed (≥, ≤, >); a rule on a true or
    false indicator (comparator ``is_true``) is the label alone.
    """
    if comparator == "is_true":
        return label(metric)
    return f"{label(metric)} {symbol} {show(metric, threshold)}"


def evidence_lines(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of each piece of evidence kept with an alert."""
    return [(label(k), show(k, v)) for k, v in evidence.items()]
