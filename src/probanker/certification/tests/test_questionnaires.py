"""Questionnaires per block and theme: the seeded data, an attempt scored against the key,
French refusals naming the question, the pages of the candidate and of the officer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from probanker.certification import questionnaires
from probanker.certification.models import Attempt, Questionnaire
from probanker.certification.services import FieldProblem
from probanker.certification.tests.factories import CandidateFactory
from probanker.core.models import Role
from probanker.core.services import DomainError
from probanker.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)


def _first(code: str = "BC04-conformite") -> Questionnaire:
    return Questionnaire.objects.get(code=code)


def test_one_questionnaire_per_block_each_question_with_one_key() -> None:
    """Four questionnaires (BC01 to BC04), five questions each, exactly one right answer."""
    found = Questionnaire.objects.filter(active=True).select_related("block")
    assert sorted(q.block.short_code for q in found) == ["BC01", "BC02", "BC03", "BC04"]
    for q in found:
        assert q.questions.count() == 5, q.code
        for question in q.questions.all():
            assert question.choices.filter(correct=True).count() == 1, question.text
            assert question.choices.count() >= 3


@pytest.mark.parametrize(("wrong", "score", "passed"), [(0, 5, True), (1, 4, True), (2, 3, False)])
def test_an_attempt_is_scored_against_the_key(
    manager1: Any, wrong: int, score: int, passed: bool
) -> None:
    """5/5 and 4/5 (80 %) pass the 70 % mark; 3/5 (60 %) does not; the answers are kept."""
    candidate = CandidateFactory(user=manager1, branch=manager1.branch)
    found = _first()
    attempt = questionnaires.take(actor=manager1, questionnaire=found,
                                  answers=questionnaires.sample_answers(found, wrong), today=TODAY)  # fmt: skip
    assert (attempt.candidate, attempt.score, attempt.total, attempt.passed) == (
        candidate,
        score,
        5,
        passed,
    )
    assert len(attempt.answers) == 5
    corrections = questionnaires.correction(attempt)
    assert [c.right for c in corrections] == [n >= wrong for n in range(5)]


def test_refusals_name_the_question(manager1: Any, manager2: Any) -> None:
    """A question left out, a choice of another question, no candidate file, a retired
    questionnaire: refused in French, nothing recorded."""
    CandidateFactory(user=manager1, branch=manager1.branch)
    found = _first()
    answers = questionnaires.sample_answers(found)
    first, second = list(found.questions.all())[:2]
    missing = {k: v for k, v in answers.items() if k != f"q{second.pk}"}
    with pytest.raises(FieldProblem, match="question 2 : choisissez") as exc:
        questionnaires.take(actor=manager1, questionnaire=found, answers=missing, today=TODAY)
    assert exc.value.field == f"q{second.pk}"
    crossed = {**answers, f"q{first.pk}": answers[f"q{second.pk}"]}
    with pytest.raises(FieldProblem, match="question 1"):
        questionnaires.take(actor=manager1, questionnaire=found, answers=crossed, today=TODAY)
    with pytest.raises(FieldProblem, match="question 1"):
        questionnaires.take(actor=manager1, questionnaire=found,
                            answers={**answers, f"q{first.pk}": "9" * 5000}, today=TODAY)  # fmt: skip
    with pytest.raises(DomainError, match="pas de dossier"):
        questionnaires.take(actor=manager2, questionnaire=found, answers=answers, today=TODAY)
    found.active = False
    found.save()
    with pytest.raises(DomainError, match="plus en service"):
        questionnaires.take(actor=manager1, questionnaire=found, answers=answers, today=TODAY)
    assert not Attempt.objects.exists()


def test_the_candidate_takes_it_and_the_officer_reads_the_score(
    client: Client, manager1: Any, manager2: Any
) -> None:
    """From « Mon dossier » to the correction; the score on the file the officer reads;
    another candidate's attempt is not shown; the answer keys are the officer's only."""
    candidate = CandidateFactory(user=manager1, branch=manager1.branch)
    found = _first()
    client.force_login(manager1)
    page = client.get("/certification/mon-dossier/").content.decode()
    assert f"/certification/mon-dossier/questionnaires/{found.pk}/" in page
    url = f"/certification/mon-dossier/questionnaires/{found.pk}/"
    answers = questionnaires.sample_answers(found, wrong=1)
    partial = dict(list(answers.items())[:4])
    page = client.post(url, partial).content.decode()
    assert "Le questionnaire contient des erreurs" in page
    assert "question 5 : choisissez" in page
    assert "checked" in page  # the answers given are kept
    response = client.post(url, answers)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "4 / 5 (80 %), réussi" in page
    assert "inexacte" in page
    assert "Les bonnes réponses ne sont pas données" in page
    assert "Vous pourrez repasser ce questionnaire à partir du" in page
    assert "Valider mes réponses" not in page
    assert client.get("/certification/questionnaires/").status_code == 403
    other = CandidateFactory(user=manager2, branch=manager2.branch)
    theirs = Attempt.objects.create(candidate=other, questionnaire=found, taken_on=TODAY,
                                    answers={}, score=1, total=5)  # fmt: skip
    assert "1 / 5" not in client.get(f"{url}?tentative={theirs.pk}").content.decode()
    assert client.get(f"{url}?tentative={'9' * 5000}").status_code == 200
    officer = UserFactory(username="certif", role=Role.CERTIFICATION, branch=None)
    client.force_login(officer)
    file = client.get(f"/certification/candidats/{candidate.pk}/").content.decode()
    assert "Questionnaires passés" in file
    assert "4 / 5 (80 %)" in file
    listing = client.get("/certification/questionnaires/").content.decode()
    assert "(réponse attendue)" in listing
    assert "2 passages par 2 candidats, score moyen 50 %" in listing


def test_a_retake_waits_seven_days(manager1: Any) -> None:
    """The score is evidence: a second attempt comes a week after the first at the earliest."""
    CandidateFactory(user=manager1, branch=manager1.branch)
    found = _first()
    answers = questionnaires.sample_answers(found, wrong=2)
    questionnaires.take(actor=manager1, questionnaire=found, answers=answers, today=TODAY)
    with pytest.raises(DomainError, match=r"Nouveau passage possible à partir du \d\d/\d\d/"):
        questionnaires.take(actor=manager1, questionnaire=found,
                            answers=questionnaires.sample_answers(found),
                            today=TODAY + dt.timedelta(days=6))  # fmt: skip
    later = questionnaires.take(actor=manager1, questionnaire=found,
                                answers=questionnaires.sample_answers(found),
                                today=TODAY + dt.timedelta(days=7))  # fmt: skip
    assert later.score == later.total
    assert Attempt.objects.count() == 2
