"""API shapes of the certification: référentiel, candidates, evaluations, juries,
deliberations, statistics. Codes are the référentiel's (``RNCP38026BC01``,
``BC01-C1``, ``etude_de_cas``); dates ISO 8601."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

AccessRouteCode = Literal[
    "formation_initiale", "apprentissage", "formation_continue",
    "contrat_professionnalisation", "candidature_individuelle", "vae",
]  # fmt: skip
PrerequisiteCode = Literal["", "promotion_interne", "formation_niveau5"]


class CodeLabel(Schema):
    code: str
    label: str


class BlockOut(Schema):
    code: str = Field(description="RNCP38026BC01 à RNCP38026BC04")
    title: str
    competencies: list[CodeLabel]
    modalities: list[CodeLabel] = Field(description="Modalités d'évaluation du bloc")


class ReferentielOut(Schema):
    code: str = Field(description="RNCP38026")
    title: str
    blocks: list[BlockOut]


class CandidateIn(Schema):
    """A new candidate; ``user`` when they work in the bank (their probanker account)."""

    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(min_length=1, max_length=80)
    access_route: AccessRouteCode
    email: str = Field("", max_length=254)
    prerequisite: PrerequisiteCode = ""
    branch: int | None = Field(None, ge=1, description="Agence employeur (identifiant)")
    user: int | None = Field(None, ge=1, description="Utilisateur probanker du candidat")
    supervisor: int | None = Field(None, ge=1, description="Responsable hiérarchique")
    amf_certified_on: dt.date | None = Field(None, description="Certification AMF obtenue le")
    amf_proof: str = Field("", max_length=200, description="Justificatif AMF (référence)")
    enrolled_on: dt.date | None = None


class CandidatePatch(Schema):
    """Only the fields sent change (e.g. ``{"amf_certified_on": "2026-03-02"}``)."""

    first_name: str | None = Field(None, max_length=80)
    last_name: str | None = Field(None, max_length=80)
    access_route: str | None = None
    email: str | None = Field(None, max_length=254)
    prerequisite: str | None = None
    branch: int | None = Field(None, ge=1)
    user: int | None = Field(None, ge=1)
    supervisor: int | None = Field(None, ge=1)
    amf_certified_on: dt.date | None = None
    amf_proof: str | None = Field(None, max_length=200)


class BlockProgressOut(Schema):
    code: str
    title: str
    acquired: int = Field(description="Compétences acquises (dernière évaluation)")
    total: int
    validated: bool = Field(description="Validé par un jury (capitalisé)")


class EvaluationOut(Schema):
    id: int
    competency: str
    modality: str
    result: Literal["acquis", "non_acquis"]
    evaluated_on: dt.date
    evaluator: str
    evidence: str
    comment: str


class CandidateOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    access_route: str
    access_route_label: str
    prerequisite: str
    branch: int | None
    user: int | None
    supervisor: int | None
    enrolled_on: dt.date
    amf_certified_on: dt.date | None
    amf_proof: str
    blocks: list[BlockProgressOut]
    certified: bool = Field(description="CQP obtenu (quatre blocs validés, AMF enregistrée)")
    certified_on: dt.date | None
    evaluations: list[EvaluationOut]


class CandidateListOut(Schema):
    id: int
    first_name: str
    last_name: str
    access_route: str
    branch: int | None

    @staticmethod
    def resolve_branch(obj: Any) -> int | None:
        return obj.branch_id  # type: ignore[no-any-return]


class EvaluationIn(Schema):
    competency: str = Field("", max_length=20, description="Code de la compétence (BC01-C1)")
    modality: str = Field("", max_length=40, description="Code d'une modalité de son bloc")
    result: str = Field("", description="acquis ou non_acquis")
    evaluated_on: dt.date | None = None
    evidence: str = Field("", max_length=5000, description="Preuves : documents, références")
    comment: str = Field("", max_length=5000)


class MemberIn(Schema):
    name: str = Field(max_length=160)
    college: str = Field(description="salarie, employeur ou cncm")
    user: int | None = Field(None, ge=1, description="Compte probanker du juré")
    branch: int | None = Field(None, ge=1, description="Agence où travaille le membre")


class JuryIn(Schema):
    session_on: dt.date
    place: str = Field("", max_length=120)
    members: list[MemberIn]


class MemberOut(Schema):
    name: str
    college: str
    college_label: str
    user: int | None


class JuryOut(Schema):
    id: int
    session_on: dt.date
    place: str
    members: list[MemberOut]
    candidates: list[int]
    deliberations: list[int]


class PresentIn(Schema):
    candidate: int | None = Field(None, ge=1)


class DeliberationIn(Schema):
    candidate: int | None = Field(None, ge=1)
    validated_blocks: list[str] = Field(default_factory=list, max_length=4)
    deliberated_on: dt.date | None = None
    observations: str = Field("", max_length=5000)


class DeliberationOut(Schema):
    id: int
    jury: int
    candidate: int
    deliberated_on: dt.date
    validated_blocks: list[str]
    held_blocks: list[str]
    amf_certified_on: dt.date | None
    certified: bool


class StatisticsOut(Schema):
    year: int
    certified: int
    vae: int = Field(description="Dont à la suite d'un parcours VAE")
    insertion_6_months: int | None = Field(description="Taux d'insertion global à 6 mois (%)")
    target_job_6_months: int | None = Field(description="Dans le métier visé à 6 mois (%)")
    target_job_2_years: int | None = Field(description="Dans le métier visé à 2 ans (%)")
    outcomes_6_months: int = Field(description="Situations à 6 mois enregistrées")
    outcomes_2_years: int = Field(description="Situations à 2 ans enregistrées")
