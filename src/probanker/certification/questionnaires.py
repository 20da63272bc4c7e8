"""Questionnaires taken by a candidate: the answers checked against the key, the score kept.

Only the candidate takes their own questionnaire (from « Mon dossier »): the signed-in
user's candidate file is the one the attempt goes to, as for the rest of that page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from probanker.certification.models import Attempt, Candidate, Choice, Question, Questionnaire
from probanker.certification.services import FieldProblem
from probanker.core.access import parse_id
from probanker.core.models import User
from probanker.core.services import DomainError


def active_questionnaires() -> list[Questionnaire]:
    """The questionnaires in service, by block, with their questions and choices."""
    return list(
        Questionnaire.objects.filter(active=True)
        .select_related("block")
        .prefetch_related("questions__choices")
    )


def own_candidate(user: User) -> Candidate | None:
    """The user's own candidate file (``None``: they have none)."""
    return Candidate.objects.filter(user=user).first()


def field_name(question: Question) -> str:
    """The form field of a question (``q<id>``)."""
    return f"q{question.pk}"


def sample_answers(questionnaire: Questionnaire, wrong: int = 0) -> dict[str, str]:
    """Answers as a candidate's form sends them: the key's, the first ``wrong`` questions
    answered with a wrong choice (the demo's candidates, the tests)."""
    answers = {}
    for n, question in enumerate(questionnaire.questions.prefetch_related("choices")):
        picked = [c for c in question.choices.all() if c.correct == (n >= wrong)]
        answers[field_name(question)] = str(picked[0].pk) if picked else ""
    return answers


#: Days between two attempts at one questionnaire: a score is evidence for the jury, not
#: a try until the answers are learnt (the corrections never give the key either).
RETAKE_DAYS = 7


def next_attempt_on(candidate: Candidate, questionnaire: Questionnaire) -> dt.date | None:
    """The first day the candidate may take ``questionnaire`` again (``None``: never taken)."""
    last = (
        candidate.attempts.filter(questionnaire=questionnaire)
        .order_by("-taken_on").values_list("taken_on", flat=True).first()
    )  # fmt: skip
    return None if last is None else last + dt.timedelta(days=RETAKE_DAYS)


@transaction.atomic
def take(
    *, actor: User, questionnaire: Questionnaire, answers: Mapping[str, str], today: dt.date
) -> Attempt:
    """Record the actor's attempt: every question answered with one of its own choices
    (``answers`` maps ``q<question id>`` to a choice id), scored against the key.

    Refused (:class:`DomainError`) without a candidate file or on a questionnaire out of
    service, or within :data:`RETAKE_DAYS` of the last attempt; a question left unanswered or answered with another question's choice is a
    :class:`FieldProblem` naming the question's field.
    """
    candidate = own_candidate(actor)
    if candidate is None:
        raise DomainError("Vous n'avez pas de dossier de candidat au CQP.")
    if not questionnaire.active:
        raise DomainError("Ce questionnaire n'est plus en service.")
    again = next_attempt_on(candidate, questionnaire)
    if again is not None and today < again:
        raise DomainError(
            f"Nouveau passage possible à partir du {again:%d/%m/%Y} : {RETAKE_DAYS} jours "
            "séparent deux passages d'un même questionnaire."
        )
    questions = list(questionnaire.questions.prefetch_related("choices"))
    given: dict[str, int] = {}
    score = 0
    for n, question in enumerate(questions, 1):
        name = field_name(question)
        raw = str(answers.get(name, "")).strip()
        choices: dict[int, Choice] = {c.pk: c for c in question.choices.all()}
        choice_id = parse_id(raw)
        choice = choices.get(choice_id) if choice_id is not None else None
        if choice is None:
            raise FieldProblem(name, f"question {n} : choisissez l'une des réponses proposées")
        given[str(question.pk)] = choice.pk
        score += choice.correct
    return Attempt.objects.create(
        candidate=candidate, questionnaire=questionnaire, taken_on=today, answers=given,
        score=score, total=len(questions),
    )  # fmt: skip


@dataclass(frozen=True)
class Correction:
    """A question of an attempt: the answer given, the key, and whether they match."""

    question: Question
    given: Choice | None
    key: Choice | None

    @property
    def right(self) -> bool:
        return self.given is not None and self.given == self.key


def correction(attempt: Attempt) -> list[Correction]:
    """The attempt question by question, in the questionnaire's order."""
    out = []
    for question in attempt.questionnaire.questions.prefetch_related("choices"):
        choices = {c.pk: c for c in question.choices.all()}
        key = next((c for c in choices.values() if c.correct), None)
        given = choices.get(attempt.answers.get(str(question.pk), 0))
        out.append(Correction(question, given, key))
    return out
