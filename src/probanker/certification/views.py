"""Pages of the certification: overview, référentiel, candidates, juries, statistics,
the candidate's own file, and the documents (PV, attestation, activity report,
case study).

Every page starts from the certification querysets (``querysets.py``): a row out of
reach is a 404, a reached row whose action the role lacks a 403; « Mon dossier »
asks no action — it shows the signed-in user's own candidate file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.certification import progress, questionnaires, services
from probanker.certification.forms import (
    AmfForm,
    CandidateForm,
    DeliberationForm,
    EvaluationForm,
    JuryForm,
    OutcomeForm,
    PresentForm,
)
from probanker.certification.models import Candidate, Deliberation, Jury, Outcome, Questionnaire
from probanker.certification.referentiel_data import AMF_PREREQUISITE, CERTIFIER, CODE, TITLE
from probanker.certification.statistics import yearly_statistics
from probanker.core.access import get_visible_or_404, parse_id, visible
from probanker.core.formatting import counted
from probanker.core.forms import form_problems
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError

VIEW = "certification.view"
MANAGE = "certification.manage"
EVALUATE = "certification.evaluate"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _candidate(request: HttpRequest, candidate_id: int, action: str = VIEW) -> Candidate:
    return get_visible_or_404(  # type: ignore[no-any-return]
        Candidate.objects.select_related("branch", "user", "supervisor"),
        request, pk=candidate_id, action=action,
    )  # fmt: skip


def _jury(request: HttpRequest, jury_id: int, action: str = VIEW) -> Jury:
    return get_visible_or_404(Jury, request, pk=jury_id, action=action)  # type: ignore[no-any-return]


def _problem(form: Any, exc: DomainError) -> None:
    """A service's refusal tied to its field when the form has it."""
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))


def home(request: HttpRequest) -> HttpResponse:
    """Overview: the candidates in reach with their progress, the sessions."""
    candidates = list(visible(Candidate, request, VIEW).select_related("branch"))
    rows = [
        (c, progress.block_statuses(c), progress.certifying_deliberation(c)) for c in candidates
    ]
    juries = visible(Jury, request, VIEW).annotate(n=Count("candidates", distinct=True))
    return render(request, "certification/home.html", {
        "rows": rows, "juries": juries[:10], "code": CODE, "title": TITLE,
    })  # fmt: skip


def referentiel(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    return render(request, "certification/referentiel.html", {
        "blocks": progress.blocks(), "code": CODE, "title": TITLE, "certifier": CERTIFIER,
        "amf": AMF_PREREQUISITE,
    })  # fmt: skip


def candidate_create(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.create_candidate(
                actor=_user(request), today=timezone.localdate(), **form.changes()
            )
        except DomainError as exc:
            _problem(form, exc)
        else:
            messages.success(request, "Candidat inscrit.")
            return redirect("certification:candidate", candidate_id=candidate.pk)
    return render(request, "certification/candidate_create.html", {"form": form})


def _file_context(request: HttpRequest, candidate: Candidate) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "candidate": candidate,
        "statuses": progress.block_statuses(candidate),
        "certifying": progress.certifying_deliberation(candidate),
        "evaluations": candidate.evaluations.select_related("competency", "modality", "evaluator"),
        "deliberations": candidate.deliberations.select_related("jury").prefetch_related(
            "validated_blocks"
        ),
        "outcomes": Outcome.objects.filter(candidate=candidate),
        "attempts": candidate.attempts.select_related("questionnaire__block"),
        "juries": candidate.juries.all(),
        "today": today,
        "period_start": today.replace(year=today.year - 1),
    }


def candidate(request: HttpRequest, candidate_id: int) -> HttpResponse:
    found = _candidate(request, candidate_id)
    context = _file_context(request, found)
    context.update(
        evaluation_form=EvaluationForm(initial={"evaluated_on": context["today"]}),
        amf_form=AmfForm(initial={"amf_certified_on": found.amf_certified_on,
                                  "amf_proof": found.amf_proof}),
        outcome_form=OutcomeForm(initial={"recorded_on": context["today"]}),
    )  # fmt: skip
    return render(request, "certification/candidate.html", context)


def my_file(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own candidate file (read only), or a word that they have none."""
    found = Candidate.objects.filter(user=_user(request)).select_related("branch").first()
    context: dict[str, Any] = _file_context(request, found) if found else {"candidate": None}
    context["questionnaires"] = questionnaires.active_questionnaires() if found else []
    return render(request, "certification/my_file.html", context)


def _post_form(request: HttpRequest, form: Any, candidate: Candidate, run: Any, done: str) -> HttpResponse:  # fmt: skip
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
    else:
        messages.error(request, form_problems(form))
    return redirect("certification:candidate", candidate_id=candidate.pk)


@require_POST
def evaluate(request: HttpRequest, candidate_id: int) -> HttpResponse:
    found = _candidate(request, candidate_id, EVALUATE)

    def run(data: dict[str, Any]) -> None:
        services.record_evaluation(
            actor=_user(request), candidate=found, today=timezone.localdate(), **data
        )

    return _post_form(request, EvaluationForm(request.POST), found, run, "Évaluation enregistrée.")


@require_POST
def amf(request: HttpRequest, candidate_id: int) -> HttpResponse:
    found = _candidate(request, candidate_id, MANAGE)

    def run(data: dict[str, Any]) -> None:
        services.update_candidate(
            actor=_user(request), candidate=found, today=timezone.localdate(), **data
        )

    return _post_form(request, AmfForm(request.POST), found, run, "Certification AMF enregistrée.")


@require_POST
def outcome(request: HttpRequest, candidate_id: int) -> HttpResponse:
    found = _candidate(request, candidate_id, MANAGE)

    def run(data: dict[str, Any]) -> None:
        services.record_outcome(
            actor=_user(request), candidate=found, today=timezone.localdate(), **data
        )

    return _post_form(request, OutcomeForm(request.POST), found, run, "Situation enregistrée.")


def juries(request: HttpRequest) -> HttpResponse:
    rows = (
        visible(Jury, request, VIEW)
        .prefetch_related("members")
        .annotate(n=Count("candidates", distinct=True))
    )
    return render(request, "certification/juries.html", {"juries": rows})


def jury_create(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = JuryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            jury = services.create_jury(
                actor=_user(request), session_on=form.cleaned_data["session_on"],
                place=form.cleaned_data["place"],
                members=[services.MemberSpec(**m) for m in form.members()],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Jury constitué.")
            return redirect("certification:jury", jury_id=jury.pk)
    return render(request, "certification/jury_create.html", {"form": form})


def _jury_context(request: HttpRequest, jury: Jury) -> dict[str, Any]:
    presented = jury.candidates.order_by("last_name", "first_name")
    others = visible(Candidate, request).exclude(pk__in=presented.values("pk"))
    return {
        "jury": jury,
        "members": jury.members.select_related("user", "branch"),
        "presented": [(c, progress.block_statuses(c)) for c in presented],
        "deliberations": jury.deliberations.select_related("candidate").prefetch_related(
            "validated_blocks"
        ),
        # Two forms name a candidate: distinct ids on the page (the names stay).
        "present_form": PresentForm(
            candidates=others.order_by("last_name", "first_name"), auto_id="id_present_%s"
        ),
        "deliberation_form": DeliberationForm(
            candidates=presented,
            initial={"deliberated_on": timezone.localdate()},
            auto_id="id_deliberation_%s",
        ),
    }


def jury(request: HttpRequest, jury_id: int) -> HttpResponse:
    return render(
        request, "certification/jury.html", _jury_context(request, _jury(request, jury_id))
    )


@require_POST
def present(request: HttpRequest, jury_id: int) -> HttpResponse:
    found = _jury(request, jury_id, MANAGE)
    form = PresentForm(request.POST, candidates=visible(Candidate, request))
    if form.is_valid():
        try:
            services.present_candidate(
                actor=_user(request), jury=found, candidate=form.cleaned_data["candidate"]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Candidat présenté au jury.")
    else:
        messages.error(request, form_problems(form))
    return redirect("certification:jury", jury_id=found.pk)


@require_POST
def deliberate(request: HttpRequest, jury_id: int) -> HttpResponse:
    found = _jury(request, jury_id, MANAGE)
    form = DeliberationForm(request.POST, candidates=found.candidates.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.deliberate(
                actor=_user(request), jury=found, candidate=data["candidate"],
                validated_blocks=[b.code for b in data["validated_blocks"]],
                today=timezone.localdate(), deliberated_on=data["deliberated_on"],
                observations=data["observations"],
            )  # fmt: skip
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Délibération enregistrée : elle ne sera plus modifiée.")
    else:
        messages.error(request, form_problems(form))
    return redirect("certification:jury", jury_id=found.pk)


def statistics(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    from probanker.certification.referentiel_data import PUBLISHED_STATISTICS

    return render(request, "certification/statistics.html", {
        "rows": yearly_statistics(), "published": PUBLISHED_STATISTICS,
    })  # fmt: skip


def _deliberation(request: HttpRequest, deliberation_id: int) -> Deliberation:
    return get_visible_or_404(  # type: ignore[no-any-return]
        Deliberation.objects.select_related("jury", "candidate", "recorded_by"),
        request, pk=deliberation_id, action=VIEW,
    )  # fmt: skip


def minutes_pdf(request: HttpRequest, deliberation_id: int) -> HttpResponse:
    from probanker.certification.documents import minutes

    return minutes(request, _deliberation(request, deliberation_id))


def attestation_pdf(request: HttpRequest, candidate_id: int) -> HttpResponse:
    from probanker.certification.documents import attestation

    found = _candidate(request, candidate_id)
    if not progress.validations(found):
        raise Http404("Aucun bloc validé : pas d'attestation")
    return attestation(request, found)


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    from probanker.certification.forms import PeriodForm

    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["start"], form.cleaned_data["end"]
    return today.replace(year=today.year - 1), today


def activity_pdf(request: HttpRequest, candidate_id: int) -> HttpResponse:
    from probanker.certification.documents import activity_report

    found = _candidate(request, candidate_id)
    return activity_report(request, found, *_period(request))


def my_activity_pdf(request: HttpRequest) -> HttpResponse:
    from probanker.certification.documents import activity_report

    found = Candidate.objects.filter(user=_user(request)).first()
    if found is None:
        raise Http404("Vous n'avez pas de dossier de candidat.")
    return activity_report(request, found, *_period(request))


def case_study_pdf(request: HttpRequest, candidate_id: int) -> HttpResponse:
    from probanker.certification.documents import case_study_pdf as render_case_study

    return render_case_study(request, _candidate(request, candidate_id, EVALUATE))


def my_questionnaire(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """A questionnaire of the référentiel taken by the signed-in candidate (POST records
    the attempt and shows its correction); a user without a candidate file gets a 404."""
    user = _user(request)
    candidate = questionnaires.own_candidate(user)
    found = Questionnaire.objects.filter(pk=questionnaire_id, active=True).first()
    if candidate is None or found is None:
        raise Http404("Questionnaire introuvable")
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            attempt = questionnaires.take(
                actor=user, questionnaire=found, answers=request.POST, today=timezone.localdate()
            )
        except services.FieldProblem as exc:
            errors[exc.field] = str(exc)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                "Questionnaire enregistré : "
                f"{counted(attempt.score, 'bonne réponse', 'bonnes réponses')} sur {attempt.total}.",
            )
            return redirect(f"{request.path}?tentative={attempt.pk}")
    shown = None
    attempt_id = parse_id(request.GET.get("tentative"))
    if attempt_id is not None:
        shown = candidate.attempts.filter(pk=attempt_id, questionnaire=found).first()
    questions = [
        (q, questionnaires.field_name(q), errors.get(questionnaires.field_name(q)),
         request.POST.get(questionnaires.field_name(q), ""))
        for q in found.questions.prefetch_related("choices")
    ]  # fmt: skip
    context = {
        "questionnaire": found, "questions": questions, "errors": errors,
        "attempt": shown, "correction": questionnaires.correction(shown) if shown else [],
        "attempts": candidate.attempts.filter(questionnaire=found),
        "next_on": questionnaires.next_attempt_on(candidate, found),
        "today": timezone.localdate(),
    }  # fmt: skip
    return render(request, "certification/questionnaire.html", context)


def questionnaire_list(request: HttpRequest) -> HttpResponse:
    """The questionnaires with their answer keys and what candidates scored (the officer)."""
    require(_user(request), MANAGE)
    rows = (
        Questionnaire.objects.select_related("block")
        .prefetch_related("questions__choices")
        .annotate(
            n_attempts=Count("attempts"), n_candidates=Count("attempts__candidate", distinct=True)
        )
    )
    scores = {
        q.pk: [a.percent for a in q.attempts.all()]
        for q in Questionnaire.objects.prefetch_related("attempts")
    }
    context = {
        "rows": [
            (q, round(sum(scores[q.pk]) / len(scores[q.pk])) if scores[q.pk] else None)
            for q in rows
        ]
    }
    return render(request, "certification/questionnaires.html", context)
