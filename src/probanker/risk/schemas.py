"""API shapes of risk monitoring: alerts, degradation cases, a client's risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from probanker.core.schemas import Amount
from probanker.risk.presentation import METRICS, show


class EvidenceOut(Schema):
    """One indicator kept as evidence: its raw value and how it reads."""

    metric: str = Field(description="Indicateur (nom technique)")
    label: str = Field(description="Libellé de l'indicateur")
    value: int | bool | None = Field(
        description="Valeur brute (centimes, points de base, jours, nombre ou booléen)"
    )
    text: str = Field(description="Valeur en clair, avec son unité")


def evidence_out(evidence: dict[str, Any]) -> list[dict[str, Any]]:
    """The evidence of an alert, in the order it was kept."""
    return [
        {"metric": k, "label": METRICS.get(k, (k, ""))[0], "value": v, "text": show(k, v)}
        for k, v in evidence.items()
    ]


class AlertFields(Schema):
    """The list fields of an alert (the detail fills them from a dict)."""

    id: int
    party_id: int = Field(description="Client (identifiant)")
    party_name: str
    account: str | None = Field(description="Numéro du compte pour une alerte de compte")
    rule: str = Field(description="Code de la règle")
    rule_label: str
    rule_version: int = Field(description="Version de la règle à l'ouverture")
    severity: int = Field(description="Gravité : 1 faible, 2 moyenne, 3 élevée")
    severity_label: str
    opened_on: dt.date
    last_seen_on: dt.date = Field(description="Dernière date où la condition a été constatée")
    closed_on: dt.date | None


class AlertOut(AlertFields):
    """An alert as listed, read from the model."""

    @staticmethod
    def resolve_party_name(obj: Any) -> str:
        return str(obj.party.name)

    @staticmethod
    def resolve_account(obj: Any) -> str | None:
        return str(obj.account.number) if obj.account_id else None

    @staticmethod
    def resolve_rule(obj: Any) -> str:
        return str(obj.rule.code)

    @staticmethod
    def resolve_rule_label(obj: Any) -> str:
        return str(obj.rule.label)

    @staticmethod
    def resolve_severity(obj: Any) -> int:
        return int(obj.rule.severity)

    @staticmethod
    def resolve_severity_label(obj: Any) -> str:
        return str(obj.rule.get_severity_display())


class AlertDetailOut(AlertFields):
    """An alert with the rule's condition and its evidence."""

    condition: str = Field(description="La règle en clair, ex. « rejected_30 ≥ 2 »")
    explanation: str = Field(description="Explication de la règle")
    evidence: list[EvidenceOut] = Field(description="Preuve conservée à l'ouverture")
    last_evidence: list[EvidenceOut] = Field(description="Preuve au dernier constat")
    cases: list[int] = Field(description="Dossiers de dégradation ouverts sur cette alerte")


class CaseFields(Schema):
    """The list fields of a degradation case (the detail fills them from a dict)."""

    id: int
    party_id: int
    party_name: str
    manager: str
    opened_on: dt.date
    first_contact_due: dt.date = Field(description="Premier contact au plus tard le")
    first_contact_on: dt.date | None = Field(description="Client contacté le")
    escalated_on: dt.date | None = Field(description="Remonté au directeur le")
    closed_on: dt.date | None
    outcome: str | None = Field(description="Issue à la clôture")


class CaseOut(CaseFields):
    """A degradation case as listed, read from the model."""

    @staticmethod
    def resolve_party_name(obj: Any) -> str:
        return str(obj.party.name)

    @staticmethod
    def resolve_manager(obj: Any) -> str:
        return str(obj.party.manager.username) if obj.party.manager_id else ""

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        return obj.outcome or None


class MeasureOut(Schema):
    id: int
    kind: str
    kind_label: str
    amount: Amount | None = Field(description="Montant (€)")
    deadline: dt.date = Field(description="Échéance")
    status: str = Field(description="prevue, realisee ou non_tenue")
    status_label: str
    done_on: dt.date | None = Field(description="Suivi constaté le")
    note: str


class CaseDetailOut(CaseFields):
    """A case: causes, measures, follow-up and closure."""

    opened_by: str | None
    causes: str = Field(description="Analyse des causes")
    escalation_reason: str
    overdue: str = Field(description="Retard en cours (vide sinon)")
    outcome_label: str | None
    outcome_note: str = Field(description="Commentaire de clôture")
    measures: list[MeasureOut]
    alerts: list[AlertOut] = Field(description="Alertes à l'origine du dossier")


class ClientRiskOut(Schema):
    """A client's risk on the latest business date, and its open alerts."""

    party_id: int
    as_of: dt.date | None = Field(
        description="Date de situation (null avant le premier traitement)"
    )
    status: str | None = Field(description="sain, surveillance, degrade ou defaut")
    status_label: str | None
    stage: int | None = Field(description="Stage IFRS 9")
    reason: str = Field(description="Motif du statut")
    days_past_due: int = Field(description="Jours d'impayé ou de dépassement")
    past_due: Amount = Field(description="Montant en retard (€)")
    material: bool = Field(description="Seuil de matérialité franchi")
    open_alerts: list[AlertOut]
    open_case: int | None = Field(description="Dossier de dégradation ouvert")
