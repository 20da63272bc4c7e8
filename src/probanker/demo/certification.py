"""The certification's demo: sessions with their juries, candidates by several access
routes, evaluations in progress, certified candidates over two years.

Everything goes through the certification's services (the rules hold: juries of
three, whole blocks, the AMF before the CQP), dated relative to the demo's
``as_of``: a session about 19 months ago and one about 7 months ago, each
certifying candidates (so the statistics cover two years), and a session to
come with the candidates still being evaluated — among them two of the
branch's managers, one holding two blocks already.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from probanker.certification import services
from probanker.certification.models import Candidate, College, Competency
from probanker.core.models import Role, User

if TYPE_CHECKING:
    from probanker.demo.generator import DemoBuilder

BLOCKS = ("RNCP38026BC01", "RNCP38026BC02", "RNCP38026BC03", "RNCP38026BC04")
#: The modality each block is evaluated through in the demo (one of the block's own).
MODALITY = {"BC01": "etude_de_cas", "BC02": "rapport_activite",
            "BC03": "mise_en_situation_formalisee", "BC04": "questionnaire"}  # fmt: skip
EVIDENCE = {
    "etude_de_cas": "Étude de cas pseudonymisée et grille de correction",
    "rapport_activite": "Rapport d'activité commerciale complété par le candidat",
    "mise_en_situation_formalisee": "Livret de mise en situation et comptes rendus d'entretien",
    "questionnaire": "Questionnaire par thème, copie corrigée",
}


def _evaluate(officer: User, candidate: Candidate, block: str, on: dt.date, today: dt.date,
              *, missing: int = 0, retry_first: bool = False) -> None:  # fmt: skip
    """Evaluate each competency of ``block``: the last ``missing`` ones not acquired; with
    ``retry_first``, the first one failed a month before, then acquired."""
    short = block[-4:]
    modality = MODALITY[short]
    competencies = list(Competency.objects.filter(block__code=block).order_by("order"))
    for n, competency in enumerate(competencies):
        day = on + dt.timedelta(days=3 * n)
        if retry_first and n == 0:
            services.record_evaluation(
                actor=officer, candidate=candidate, competency=competency.code, modality=modality,
                result="non_acquis", evaluated_on=day - dt.timedelta(days=30), today=today,
                comment="Ratios d'endettement mal interprétés ; à reprendre.",
            )  # fmt: skip
        acquired = n < len(competencies) - missing
        services.record_evaluation(
            actor=officer, candidate=candidate, competency=competency.code, modality=modality,
            result="acquis" if acquired else "non_acquis", evaluated_on=day, today=today,
            evidence=EVIDENCE[modality],
        )  # fmt: skip


def _quiz(user: User, code: str, wrong: int, on: dt.date) -> None:
    """``user`` takes the questionnaire ``code`` on ``on``, its first ``wrong`` questions
    answered with a wrong choice."""
    from probanker.certification import questionnaires
    from probanker.certification.models import Questionnaire

    found = Questionnaire.objects.get(code=code)
    answers = questionnaires.sample_answers(found, wrong)
    questionnaires.take(actor=user, questionnaire=found, answers=answers, today=on)


def _staff(role: str) -> User:
    return User.objects.get(role=role, username={"certification": "certif", "jury": "jure"}[role])


def _jury(officer: User, juror: User, session_on: dt.date, place: str, employee: str) -> Any:
    members = [
        services.MemberSpec(employee, College.EMPLOYEE),
        services.MemberSpec("Marc Lemoine", College.EMPLOYER),
        services.MemberSpec(f"{juror.first_name} {juror.last_name}", College.CNCM, user=juror.pk),
    ]
    return services.create_jury(actor=officer, session_on=session_on, members=members, place=place)


def build_certification(builder: DemoBuilder) -> None:
    """Sessions, candidates, evaluations, deliberations and outcomes (see the module)."""
    today = builder.as_of
    officer, juror = _staff(Role.CERTIFICATION), _staff(Role.JURY)
    branch = User.objects.get(username="manager1").branch
    first_session = today - dt.timedelta(days=580)
    second_session = today - dt.timedelta(days=215)
    next_session = today + dt.timedelta(days=24)

    def enrol(first: str, last: str, route: str, enrolled: dt.date, **extra: Any) -> Candidate:
        return services.create_candidate(
            actor=officer, today=today, first_name=first, last_name=last, access_route=route,
            enrolled_on=enrolled, email=f"{first.lower()}.{last.lower()}@exemple.fr".replace("é", "e"),
            **extra,
        )  # fmt: skip

    def certify(candidate: Candidate, session: Any, start: dt.date) -> None:
        for n, block in enumerate(BLOCKS):
            _evaluate(officer, candidate, block, start + dt.timedelta(days=40 * n), today)
        services.present_candidate(actor=officer, jury=session, candidate=candidate)
        services.deliberate(actor=officer, jury=session, candidate=candidate,
                            validated_blocks=list(BLOCKS), today=today,
                            deliberated_on=session.session_on)  # fmt: skip

    # 1. The first session: two candidates certified (one by VAE), outcomes at 6 months.
    j1 = _jury(officer, juror, first_session, "Paris, siège de la CNCM", "Sophie Arnaud")
    vae = enrol("Élodie", "Fabre", "vae", first_session - dt.timedelta(days=300),
                prerequisite="promotion_interne",
                amf_certified_on=first_session - dt.timedelta(days=250), amf_proof="AMF-2024-118")  # fmt: skip
    certify(vae, j1, first_session - dt.timedelta(days=200))
    apprentice = enrol("Thomas", "Girard", "apprentissage", first_session - dt.timedelta(days=330),
                       prerequisite="formation_niveau5",
                       amf_certified_on=first_session - dt.timedelta(days=120))  # fmt: skip
    certify(apprentice, j1, first_session - dt.timedelta(days=220))
    six_months = first_session + dt.timedelta(days=183)
    services.record_outcome(actor=officer, candidate=vae, kind="6_mois", employed=True,
                            in_target_job=True, recorded_on=six_months, today=today)  # fmt: skip
    services.record_outcome(actor=officer, candidate=apprentice, kind="6_mois", employed=True,
                            in_target_job=False, recorded_on=six_months, today=today)  # fmt: skip

    # 2. The second session: one certified, one manager validating two blocks.
    j2 = _jury(officer, juror, second_session, "Tours, fédération Centre", "Nathalie Roy")
    initial = enrol("Manon", "Leroy", "formation_initiale", second_session - dt.timedelta(days=320),
                    prerequisite="formation_niveau5",
                    amf_certified_on=second_session - dt.timedelta(days=90))  # fmt: skip
    certify(initial, j2, second_session - dt.timedelta(days=200))
    services.record_outcome(actor=officer, candidate=initial, kind="6_mois", employed=True,
                            in_target_job=True, recorded_on=second_session + dt.timedelta(days=183),
                            today=today)  # fmt: skip
    manager2 = User.objects.get(username="manager2")
    director = User.objects.get(username="director")
    two_blocks = enrol("Julien", "Moreau", "contrat_professionnalisation",
                       second_session - dt.timedelta(days=280), user=manager2.pk,
                       branch=branch.pk if branch else None, supervisor=director.pk,
                       prerequisite="promotion_interne")  # fmt: skip
    _evaluate(officer, two_blocks, BLOCKS[0], second_session - dt.timedelta(days=150), today,
              retry_first=True)  # fmt: skip
    _evaluate(officer, two_blocks, BLOCKS[1], second_session - dt.timedelta(days=90), today)
    services.present_candidate(actor=officer, jury=j2, candidate=two_blocks)
    services.deliberate(actor=officer, jury=j2, candidate=two_blocks,
                        validated_blocks=list(BLOCKS[:2]), today=today,
                        deliberated_on=second_session,
                        observations="BC03 et BC04 à présenter à une prochaine session.")  # fmt: skip
    _evaluate(officer, two_blocks, BLOCKS[2], today - dt.timedelta(days=60), today, missing=2)

    # 3. The session to come: evaluations in progress.
    j3 = _jury(officer, juror, next_session, "Tours, fédération Centre", "Sophie Arnaud")
    manager1 = User.objects.get(username="manager1")
    in_progress = enrol("Camille", "Rousseau", "formation_continue", today - dt.timedelta(days=240),
                        user=manager1.pk, branch=branch.pk if branch else None,
                        supervisor=director.pk, prerequisite="promotion_interne",
                        amf_certified_on=today - dt.timedelta(days=45), amf_proof="AMF-2026-031")  # fmt: skip
    _evaluate(officer, in_progress, BLOCKS[0], today - dt.timedelta(days=120), today)
    _evaluate(officer, in_progress, BLOCKS[1], today - dt.timedelta(days=50), today, missing=3)
    individual = enrol(
        "Hugo", "Lambert", "candidature_individuelle", today - dt.timedelta(days=200)
    )
    _evaluate(officer, individual, BLOCKS[3], today - dt.timedelta(days=70), today, missing=1)
    for candidate in (two_blocks, in_progress, individual):
        services.present_candidate(actor=officer, jury=j3, candidate=candidate)
    # Questionnaires taken from « Mon dossier », some more than once.
    for user, code, wrong, days in (
        (manager1, "BC01-analyse", 0, 125), (manager1, "BC02-conseil", 2, 62),
        (manager1, "BC02-conseil", 1, 41), (manager2, "BC01-analyse", 1, 300),
        (manager2, "BC03-prospection", 1, 70),
    ):  # fmt: skip
        _quiz(user, code, wrong, today - dt.timedelta(days=days))
    _recorded_when_deliberated()


def _recorded_when_deliberated() -> None:
    """Each deliberation recorded the evening it was held, not when the demo was built
    (its minutes say when it was recorded)."""
    from zoneinfo import ZoneInfo

    from probanker.certification.models import Deliberation

    paris = ZoneInfo("Europe/Paris")
    for pk, day in Deliberation.objects.values_list("pk", "deliberated_on"):
        evening = dt.datetime.combine(day, dt.time(18, 0), tzinfo=paris)
        Deliberation.objects.filter(pk=pk).update(recorded_at=evening)
