"""The certification's routes and their scenarios for ``core/tests/test_permissions.py``.

The world of each scenario (``certification_world``) is built around the world's
owner: their candidate file (BC01 and BC02 acquired) in the owner's branch,
presented to a jury on which a juror actor sits, and a deliberation that
validated BC01. Every role reaches that file as far as its reach goes (the
owner-manager their own, the director their branch's, bank-wide roles every
one, the juror their session's), so a role without the action gets a 403.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from probanker.core.models import Role
from probanker.core.tests.factories import UserFactory
from probanker.core.tests.permission_world import TODAY, Request, Scenario, World, get

V, M, E = "certification.view", "certification.manage", "certification.evaluate"

ROUTES: dict[str, frozenset[str | None]] = {
    "certification:home": frozenset({V}),
    "certification:referentiel": frozenset({V}),
    "certification:statistics": frozenset({V}),
    "certification:my_file": frozenset({None}),
    "certification:my_activity": frozenset({None}),
    "certification:my_questionnaire": frozenset({None}),
    "certification:questionnaires": frozenset({M}),
    "certification:candidate_create": frozenset({M}),
    "certification:candidate": frozenset({V}),
    "certification:evaluate": frozenset({E}),
    "certification:amf": frozenset({M}),
    "certification:outcome": frozenset({M}),
    "certification:attestation": frozenset({V}),
    "certification:activity": frozenset({V}),
    "certification:case_study": frozenset({E}),
    "certification:juries": frozenset({V}),
    "certification:jury_create": frozenset({M}),
    "certification:jury": frozenset({V}),
    "certification:present": frozenset({M}),
    "certification:deliberate": frozenset({M}),
    "certification:minutes": frozenset({V}),
    "GET /api/v1/certification/referentiel": frozenset({V}),
    "GET /api/v1/certification/candidats": frozenset({V}),
    "POST /api/v1/certification/candidats": frozenset({M}),
    "GET /api/v1/certification/candidats/{candidate_id}": frozenset({V}),
    "PATCH /api/v1/certification/candidats/{candidate_id}": frozenset({M}),
    "POST /api/v1/certification/candidats/{candidate_id}/evaluations": frozenset({E}),
    "GET /api/v1/certification/mon-dossier": frozenset({None}),
    "GET /api/v1/certification/jurys": frozenset({V}),
    "POST /api/v1/certification/jurys": frozenset({M}),
    "GET /api/v1/certification/jurys/{jury_id}": frozenset({V}),
    "POST /api/v1/certification/jurys/{jury_id}/candidats": frozenset({M}),
    "POST /api/v1/certification/jurys/{jury_id}/deliberations": frozenset({M}),
    "GET /api/v1/certification/statistiques": frozenset({V}),
}


@dataclass
class CertificationWorld:
    candidate: Any
    jury: Any
    deliberation: Any
    officer: Any


def certification_world(w: World) -> CertificationWorld:
    """The owner's candidate file, their jury and a deliberation (made once per world)."""
    found: CertificationWorld | None = getattr(w, "_certification", None)
    if found is not None:
        return found
    from probanker.certification import services
    from probanker.certification.tests.factories import CandidateFactory, acquire, jury

    officer = UserFactory(username="officer", role=Role.CERTIFICATION, branch=None)
    candidate = CandidateFactory(
        user=w.owner, branch=w.owner.branch, enrolled_on=dt.date(2025, 9, 1)
    )
    acquire(candidate, "BC01", evaluator=officer)
    acquire(candidate, "BC02", evaluator=officer)
    juror = w.actor if w.role == Role.JURY else None
    session = jury(officer=officer, juror=juror, candidates=(candidate,))
    deliberation = services.deliberate(actor=officer, jury=session, candidate=candidate,
                                       validated_blocks=["RNCP38026BC01"], today=TODAY)  # fmt: skip
    found = CertificationWorld(candidate, session, deliberation, officer)
    w._certification = found  # type: ignore[attr-defined]
    return found


def _own_file(w: World) -> Any:
    """The actor's own candidate file (the owner's when the actor is the owner)."""
    from probanker.certification.tests.factories import CandidateFactory

    if w.actor == w.owner:
        return certification_world(w).candidate
    return CandidateFactory(user=w.actor)


def _evaluations(candidate: Any, code: str) -> int:
    return int(candidate.evaluations.filter(competency__code=code).count())


def _candidate_exists(last_name: str) -> Callable[[], bool]:
    from probanker.certification.models import Candidate

    return lambda: Candidate.objects.filter(last_name=last_name).exists()


def _juries() -> int:
    from probanker.certification.models import Jury

    return int(Jury.objects.count())


def _evaluate(w: World, api: bool = False) -> Request:
    c = certification_world(w).candidate
    data = {"competency": "BC03-C1", "modality": "mise_en_situation_formalisee",
            "result": "acquis", "evaluated_on": TODAY.isoformat()}  # fmt: skip
    url = (f"/api/v1/certification/candidats/{c.pk}/evaluations" if api
           else f"/certification/candidats/{c.pk}/evaluer/")  # fmt: skip
    return Request(url, data, lambda: _evaluations(c, "BC03-C1") == 1)


def _amf(w: World, api: bool = False) -> Request:
    from probanker.certification.models import Candidate

    c = certification_world(w).candidate
    url = (
        f"/api/v1/certification/candidats/{c.pk}"
        if api
        else f"/certification/candidats/{c.pk}/amf/"
    )
    return Request(url, {"amf_certified_on": "2026-01-15"},
                   lambda: Candidate.objects.get(pk=c.pk).amf_certified_on is not None)  # fmt: skip


def _outcome(w: World) -> Request:
    """The owner certified first (four blocks, AMF), then their situation at 6 months."""
    from probanker.certification import services
    from probanker.certification.models import Candidate, Outcome
    from probanker.certification.tests.factories import acquire, jury

    cw = certification_world(w)
    c = cw.candidate
    for block in ("BC03", "BC04"):
        acquire(c, block, evaluator=cw.officer)
    Candidate.objects.filter(pk=c.pk).update(amf_certified_on=dt.date(2026, 1, 15))
    c.refresh_from_db()
    session = jury(officer=cw.officer, candidates=(c,))
    services.deliberate(actor=cw.officer, jury=session, candidate=c, today=TODAY,
                        validated_blocks=["RNCP38026BC02", "RNCP38026BC03", "RNCP38026BC04"])  # fmt: skip
    data = {
        "kind": "6_mois",
        "employed": "on",
        "in_target_job": "on",
        "recorded_on": TODAY.isoformat(),
    }
    return Request(f"/certification/candidats/{c.pk}/insertion/", data,
                   lambda: Outcome.objects.filter(candidate=c).exists())  # fmt: skip


def _jury_data(api: bool) -> dict[str, Any]:
    if api:
        return {"session_on": "2026-07-10", "members": [
            {"name": "Sophie Arnaud", "college": "salarie"},
            {"name": "Marc Lemoine", "college": "employeur"},
            {"name": "Hélène Vidal", "college": "cncm"},
        ]}  # fmt: skip
    return {
        "session_on": "2026-07-10", "place": "Paris",
        "seat1_name": "Sophie Arnaud", "seat1_college": "salarie",
        "seat2_name": "Marc Lemoine", "seat2_college": "employeur",
        "seat3_name": "Hélène Vidal", "seat3_college": "cncm",
    }  # fmt: skip


def _jury_create(w: World, api: bool = False) -> Request:
    before = _juries()
    url = "/api/v1/certification/jurys" if api else "/certification/jurys/nouveau/"
    return Request(url, _jury_data(api), lambda: _juries() == before + 1)


def _present(w: World, api: bool = False) -> Request:
    from probanker.certification.tests.factories import CandidateFactory

    session = certification_world(w).jury
    other = CandidateFactory(branch=None)
    url = (f"/api/v1/certification/jurys/{session.pk}/candidats" if api
           else f"/certification/jurys/{session.pk}/candidats/")  # fmt: skip
    return Request(url, {"candidate": other.pk},
                   lambda: session.candidates.filter(pk=other.pk).exists())  # fmt: skip


def _deliberate(w: World, api: bool = False) -> Request:
    from probanker.certification.models import Deliberation

    cw = certification_world(w)
    url = (f"/api/v1/certification/jurys/{cw.jury.pk}/deliberations" if api
           else f"/certification/jurys/{cw.jury.pk}/deliberer/")  # fmt: skip
    data: dict[str, Any] = {"candidate": cw.candidate.pk, "validated_blocks": ["RNCP38026BC02"]}
    if not api:
        data["deliberated_on"] = TODAY.isoformat()
    return Request(url, data, lambda: Deliberation.objects.filter(
        candidate=cw.candidate, validated_blocks__code="RNCP38026BC02").exists())  # fmt: skip


def _new_candidate(api: bool) -> Callable[[World], Request]:
    url = "/api/v1/certification/candidats" if api else "/certification/candidats/nouveau/"
    data = {"first_name": "Léa", "last_name": "Fontaine", "access_route": "vae"}
    return lambda w: Request(url, data, _candidate_exists("Fontaine"))


def _c(w: World) -> int:
    return int(certification_world(w).candidate.pk)


def _j(w: World) -> int:
    return int(certification_world(w).jury.pk)


def _case_study(w: World) -> str:
    w.year  # the owner's client with a fiscal year  # noqa: B018
    return f"/certification/candidats/{_c(w)}/etude-de-cas.pdf"


def _own(url: str) -> Callable[[World], Request]:
    def build(w: World) -> Request:
        _own_file(w)
        return Request(url)

    return build


def _questionnaire() -> Any:
    from probanker.certification.models import Questionnaire

    return Questionnaire.objects.filter(active=True).order_by("pk").first()


def _own_questionnaire(w: World) -> Request:
    _own_file(w)
    return Request(f"/certification/mon-dossier/questionnaires/{_questionnaire().pk}/")


def _take(w: World) -> Request:
    """Every question answered with the key: an attempt on the actor's own file."""
    from probanker.certification.models import Attempt

    candidate = _own_file(w)
    found = _questionnaire()
    from probanker.certification.questionnaires import sample_answers

    data = sample_answers(found)
    return Request(f"/certification/mon-dossier/questionnaires/{found.pk}/", data,
                   lambda: Attempt.objects.filter(candidate=candidate).exists())  # fmt: skip


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``permission_scenarios._s``."""
    return [
        s("certification:home", V, "get", get(lambda w: "/certification/")),
        s("certification:referentiel", V, "get", get(lambda w: "/certification/referentiel/")),
        s("certification:statistics", V, "get", get(lambda w: "/certification/statistiques/")),
        s("certification:my_file", None, "get", _own("/certification/mon-dossier/")),
        s("certification:my_activity", None, "get",
          _own("/certification/mon-dossier/rapport-activite.pdf")),
        s("certification:my_questionnaire", None, "get", _own_questionnaire),
        s("certification:my_questionnaire", None, "post", _take),
        s("certification:questionnaires", M, "get", get(lambda w: "/certification/questionnaires/")),
        s("certification:candidate_create", M, "post", _new_candidate(False)),
        s("certification:candidate", V, "get", get(lambda w: f"/certification/candidats/{_c(w)}/")),
        s("certification:evaluate", E, "post", _evaluate),
        s("certification:amf", M, "post", _amf),
        s("certification:outcome", M, "post", _outcome),
        s("certification:attestation", V, "get",
          get(lambda w: f"/certification/candidats/{_c(w)}/attestation.pdf")),
        s("certification:activity", V, "get",
          get(lambda w: f"/certification/candidats/{_c(w)}/rapport-activite.pdf")),
        s("certification:case_study", E, "get", get(_case_study)),
        s("certification:juries", V, "get", get(lambda w: "/certification/jurys/")),
        s("certification:jury_create", M, "post", _jury_create),
        s("certification:jury", V, "get", get(lambda w: f"/certification/jurys/{_j(w)}/")),
        s("certification:present", M, "post", _present),
        s("certification:deliberate", M, "post", _deliberate),
        s("certification:minutes", V, "get", get(
            lambda w: f"/certification/deliberations/{certification_world(w).deliberation.pk}.pdf")),
        s("GET /api/v1/certification/referentiel", V, "get",
          get(lambda w: "/api/v1/certification/referentiel")),
        s("GET /api/v1/certification/candidats", V, "get",
          get(lambda w: "/api/v1/certification/candidats")),
        s("POST /api/v1/certification/candidats", M, "post", _new_candidate(True)),
        s("GET /api/v1/certification/candidats/{candidate_id}", V, "get",
          get(lambda w: f"/api/v1/certification/candidats/{_c(w)}")),
        s("PATCH /api/v1/certification/candidats/{candidate_id}", M, "patch",
          lambda w: _amf(w, api=True)),
        s("POST /api/v1/certification/candidats/{candidate_id}/evaluations", E, "post",
          lambda w: _evaluate(w, api=True)),
        s("GET /api/v1/certification/mon-dossier", None, "get", _own("/api/v1/certification/mon-dossier")),
        s("GET /api/v1/certification/jurys", V, "get", get(lambda w: "/api/v1/certification/jurys")),
        s("POST /api/v1/certification/jurys", M, "post", lambda w: _jury_create(w, api=True)),
        s("GET /api/v1/certification/jurys/{jury_id}", V, "get",
          get(lambda w: f"/api/v1/certification/jurys/{_j(w)}")),
        s("POST /api/v1/certification/jurys/{jury_id}/candidats", M, "post",
          lambda w: _present(w, api=True)),
        s("POST /api/v1/certification/jurys/{jury_id}/deliberations", M, "post",
          lambda w: _deliberate(w, api=True)),
        s("GET /api/v1/certification/statistiques", V, "get",
          get(lambda w: "/api/v1/certification/statistiques")),
    ]  # fmt: skip
