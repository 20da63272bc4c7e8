"""``/api/v1/certification``: the référentiel, candidates, evaluations, juries,
deliberations, statistics.

Reads need ``certification.view`` (the certification officer, jurors, the
administrator), candidates' and juries' writes ``certification.manage``,
evaluations ``certification.evaluate``. A row out of reach is a 404 (a juror
reaches the candidates of their sessions only), a reached row whose action the
role lacks a 403; a candidate reads their own file at ``/mon-dossier``. Rules
refused by the services are 422 naming the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from probanker.certification import progress, services
from probanker.certification.models import Candidate, Deliberation, Jury
from probanker.certification.referentiel_data import CODE, TITLE
from probanker.certification.schemas import (
    CandidateIn,
    CandidateListOut,
    CandidateOut,
    CandidatePatch,
    DeliberationIn,
    DeliberationOut,
    EvaluationIn,
    EvaluationOut,
    JuryIn,
    JuryOut,
    PresentIn,
    ReferentielOut,
    StatisticsOut,
)
from probanker.certification.statistics import yearly_statistics
from probanker.core.access import api_get_visible, api_visible
from probanker.core.api_errors import InvalidData
from probanker.core.models import User
from probanker.core.pagination import Pages
from probanker.core.schemas import responses

router = Router(tags=["certification"])

VIEW = "certification.view"
MANAGE = "certification.manage"
EVALUATE = "certification.evaluate"


@contextmanager
def _fields() -> Iterator[None]:
    """A rule refused by the services: the API's 422 naming the field."""
    try:
        yield
    except services.FieldProblem as exc:
        raise InvalidData([(exc.field, str(exc))]) from exc


def referentiel_out() -> dict[str, Any]:
    return {
        "code": CODE,
        "title": TITLE,
        "blocks": [
            {
                "code": b.code,
                "title": b.title,
                "competencies": [{"code": c.code, "label": c.label} for c in b.competencies.all()],
                "modalities": [{"code": m.code, "label": m.label} for m in b.modalities.all()],
            }
            for b in progress.blocks()
        ],
    }


def evaluation_out(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk, "competency": e.competency.code, "modality": e.modality.code,
        "result": e.result, "evaluated_on": e.evaluated_on, "evaluator": str(e.evaluator),
        "evidence": e.evidence, "comment": e.comment,
    }  # fmt: skip


def candidate_out(candidate: Candidate) -> dict[str, Any]:
    """The candidate's file: identity, AMF, each block's progress, the CQP."""
    certifying = progress.certifying_deliberation(candidate)
    evaluations = candidate.evaluations.select_related("competency", "modality", "evaluator")
    return {
        "id": candidate.pk, "first_name": candidate.first_name, "last_name": candidate.last_name,
        "email": candidate.email, "access_route": candidate.access_route,
        "access_route_label": candidate.get_access_route_display(),
        "prerequisite": candidate.prerequisite, "branch": candidate.branch_id,
        "user": candidate.user_id, "supervisor": candidate.supervisor_id,
        "enrolled_on": candidate.enrolled_on, "amf_certified_on": candidate.amf_certified_on,
        "amf_proof": candidate.amf_proof,
        "blocks": [
            {"code": s.block.code, "title": s.block.title, "acquired": s.acquired,
             "total": s.total, "validated": s.validated}
            for s in progress.block_statuses(candidate)
        ],
        "certified": certifying is not None,
        "certified_on": certifying.deliberated_on if certifying else None,
        "evaluations": [evaluation_out(e) for e in evaluations],
    }  # fmt: skip


def jury_out(jury: Jury) -> dict[str, Any]:
    return {
        "id": jury.pk, "session_on": jury.session_on, "place": jury.place,
        "members": [
            {"name": m.name, "college": m.college, "college_label": m.get_college_display(),
             "user": m.user_id}
            for m in jury.members.all()
        ],
        "candidates": sorted(jury.candidates.values_list("pk", flat=True)),
        "deliberations": sorted(jury.deliberations.values_list("pk", flat=True)),
    }  # fmt: skip


def deliberation_out(d: Deliberation) -> dict[str, Any]:
    return {
        "id": d.pk, "jury": d.jury_id, "candidate": d.candidate_id,
        "deliberated_on": d.deliberated_on,
        "validated_blocks": sorted(d.validated_blocks.values_list("code", flat=True)),
        "held_blocks": list(d.held_blocks), "amf_certified_on": d.amf_certified_on,
        "certified": d.certified,
    }  # fmt: skip


def _candidate(request: HttpRequest, candidate_id: int, action: str) -> Candidate:
    """The candidate in reach (404 otherwise) whose ``action`` the role holds (403)."""
    return api_get_visible(Candidate, request, action=action, pk=candidate_id)  # type: ignore[no-any-return]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/certification/referentiel", response=responses({200: ReferentielOut}),
            summary="Le référentiel RNCP38026 : blocs, compétences, modalités d'évaluation")  # fmt: skip
def get_referentiel(request: HttpRequest) -> Any:
    api_visible(Candidate, request, VIEW)  # the role's 403 first
    return referentiel_out()


@router.get("/certification/candidats", response=responses({200: list[CandidateListOut]}),
            summary="Candidats visibles (un juré : ceux de ses sessions)")  # fmt: skip
@paginate(Pages, page_size=50)
def list_candidates(request: HttpRequest) -> Any:
    return api_visible(Candidate, request, VIEW).order_by("last_name", "first_name", "pk")


@router.post("/certification/candidats", response=responses({201: CandidateOut}),
             summary="Inscrire un candidat")  # fmt: skip
def create_candidate(request: HttpRequest, payload: CandidateIn) -> Any:
    api_visible(Candidate, request, MANAGE)
    with _fields():
        candidate = services.create_candidate(
            actor=_user(request), today=timezone.localdate(), **payload.model_dump()
        )
    return Status(201, candidate_out(candidate))


@router.get("/certification/candidats/{candidate_id}", response=responses({200: CandidateOut}, 404),
            summary="Dossier d'un candidat : blocs, évaluations, CQP")  # fmt: skip
def get_candidate(request: HttpRequest, candidate_id: int) -> Any:
    return candidate_out(_candidate(request, candidate_id, VIEW))


@router.patch("/certification/candidats/{candidate_id}",
              response=responses({200: CandidateOut}, 404),
              summary="Modifier un candidat (ex. la certification AMF)")  # fmt: skip
def patch_candidate(request: HttpRequest, candidate_id: int, payload: CandidatePatch) -> Any:
    candidate = _candidate(request, candidate_id, MANAGE)
    changes = payload.model_dump(exclude_unset=True)
    with _fields():
        candidate = services.update_candidate(
            actor=_user(request), candidate=candidate, today=timezone.localdate(), **changes
        )
    return candidate_out(candidate)


@router.post("/certification/candidats/{candidate_id}/evaluations",
             response=responses({201: EvaluationOut}, 404),
             summary="Évaluer une compétence (la dernière évaluation compte)")  # fmt: skip
def evaluate(request: HttpRequest, candidate_id: int, payload: EvaluationIn) -> Any:
    candidate = _candidate(request, candidate_id, EVALUATE)
    with _fields():
        evaluation = services.record_evaluation(
            actor=_user(request), candidate=candidate, today=timezone.localdate(),
            **payload.model_dump(),
        )  # fmt: skip
    return Status(201, evaluation_out(evaluation))


@router.get("/certification/mon-dossier", response=responses({200: CandidateOut}, 404),
            summary="Mon dossier de candidat (404 si je ne suis pas candidat)")  # fmt: skip
def my_file(request: HttpRequest) -> Any:
    candidate = Candidate.objects.filter(user=_user(request)).first()
    if candidate is None:
        raise HttpError(404, "Vous n'avez pas de dossier de candidat.")
    return candidate_out(candidate)


@router.get("/certification/jurys", response=responses({200: list[JuryOut]}),
            summary="Sessions de jury visibles (un juré : les siennes)")  # fmt: skip
@paginate(Pages, page_size=50)
def list_juries(request: HttpRequest) -> Any:
    juries = api_visible(Jury.objects.prefetch_related("members"), request, VIEW)
    return [jury_out(j) for j in juries.order_by("-session_on", "-pk")]


@router.post("/certification/jurys", response=responses({201: JuryOut}),
             summary="Constituer un jury : un membre salarie, un employeur, un cncm")  # fmt: skip
def create_jury(request: HttpRequest, payload: JuryIn) -> Any:
    api_visible(Jury, request, MANAGE)
    members = [services.MemberSpec(**m.model_dump()) for m in payload.members]
    with _fields():
        jury = services.create_jury(
            actor=_user(request), session_on=payload.session_on, members=members,
            place=payload.place,
        )  # fmt: skip
    return Status(201, jury_out(jury))


@router.get("/certification/jurys/{jury_id}", response=responses({200: JuryOut}, 404),
            summary="Une session de jury")  # fmt: skip
def get_jury(request: HttpRequest, jury_id: int) -> Any:
    return jury_out(api_get_visible(Jury, request, action=VIEW, pk=jury_id))


def _reached_candidate(request: HttpRequest, candidate_id: int | None) -> Candidate:
    """The candidate named in a body: in the user's reach, or a 422 on ``candidate``."""
    if candidate_id is None:
        raise InvalidData([("candidate", "champ obligatoire")])
    found = Candidate.objects.visible_to(request.user).filter(pk=candidate_id).first()
    if found is None:
        raise InvalidData([("candidate", f"candidat inconnu : {candidate_id}")])
    return found  # type: ignore[no-any-return]


@router.post("/certification/jurys/{jury_id}/candidats", response=responses({200: JuryOut}, 404),
             summary="Présenter un candidat au jury (conflit d'intérêts refusé)")  # fmt: skip
def present(request: HttpRequest, jury_id: int, payload: PresentIn) -> Any:
    jury = api_get_visible(Jury, request, action=MANAGE, pk=jury_id)
    candidate = _reached_candidate(request, payload.candidate)
    with _fields():
        services.present_candidate(actor=_user(request), jury=jury, candidate=candidate)
    return jury_out(jury)


@router.post("/certification/jurys/{jury_id}/deliberations",
             response=responses({201: DeliberationOut}, 404),
             summary="Délibérer : les blocs validés (chacun entièrement acquis)")  # fmt: skip
def deliberate(request: HttpRequest, jury_id: int, payload: DeliberationIn) -> Any:
    jury = api_get_visible(Jury, request, action=MANAGE, pk=jury_id)
    candidate = _reached_candidate(request, payload.candidate)
    with _fields():
        deliberation = services.deliberate(
            actor=_user(request), jury=jury, candidate=candidate,
            validated_blocks=payload.validated_blocks, today=timezone.localdate(),
            deliberated_on=payload.deliberated_on, observations=payload.observations,
        )  # fmt: skip
    return Status(201, deliberation_out(deliberation))


@router.get("/certification/statistiques", response=responses({200: list[StatisticsOut]}),
            summary="Statistiques par année d'obtention (certifiés, VAE, insertion)")  # fmt: skip
def statistics(request: HttpRequest) -> Any:
    api_visible(Candidate, request, VIEW)
    return [vars(row) for row in yearly_statistics()]
